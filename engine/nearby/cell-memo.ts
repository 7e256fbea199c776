/**
 * nearby's answers by cell combination (cell-key.ts), per decision and language: an evaluation
 * in cells met before gets the changes worked out then, with only `from` (and a sentence that
 * counts from it) filled in for the call. An exact partition of the input space, not a cache of
 * fact sets: every fact set in the same cells shares one entry. Bounded: a memo that fills up
 * starts over.
 */
import type { Locale } from '../model.js';
import { cellKeyPlan, type CellKeyPlan } from './cell-key.js';
import type { NearbyModel } from './model.js';

/** Answers kept per decision (every language together) before the memo starts over. */
export const CELLS_KEPT = 4096;

type Level = Map<unknown, unknown>;

export interface CellMemo {
  plan: CellKeyPlan;
  byLocale: { zh: Level; en: Level; both: Level };
  size: number;
}

const empty = () => ({ zh: new Map(), en: new Map(), both: new Map() });

function memoOf(model: NearbyModel): CellMemo {
  return (model.cells ??= { plan: cellKeyPlan(model), byLocale: empty(), size: 0 });
}

/** The answer kept for the cells `facts` are in; undefined when none is (or no key covers them). */
export function keptFor<T>(
  model: NearbyModel,
  facts: Record<string, unknown>,
  locale: Locale | undefined,
): T | undefined {
  const memo = memoOf(model);
  const segments = memo.plan.segments;
  let at: unknown = memo.byLocale[locale ?? 'both'];
  if (segments.length === 0) return (at as Level).get(NO_FACTS) as T | undefined;
  for (let i = 0; i < segments.length && at !== undefined; i++) {
    const key = segments[i].key(facts);
    if (key === undefined) return undefined;
    at = (at as Level).get(key);
  }
  return at as T | undefined;
}

/** A decision whose rules read no fact has one cell: its answer is kept under this key. */
const NO_FACTS = Symbol('no facts');

/** Keeps `answer` for the cells `facts` are in (nothing when no key covers them). */
export function keep<T>(
  model: NearbyModel,
  facts: Record<string, unknown>,
  locale: Locale | undefined,
  answer: T,
): void {
  const memo = memoOf(model);
  const keys = memo.plan.segments.map((segment) => segment.key(facts));
  if (keys.includes(undefined)) return;
  if (memo.size >= CELLS_KEPT) {
    memo.byLocale = empty();
    memo.size = 0;
  }
  let level = memo.byLocale[locale ?? 'both'];
  if (keys.length === 0) level.set(NO_FACTS, answer);
  for (let i = 0; i < keys.length; i++) {
    if (i === keys.length - 1) level.set(keys[i], answer);
    else {
      let next = level.get(keys[i]) as Level | undefined;
      if (!next) level.set(keys[i], (next = new Map()));
      level = next;
    }
  }
  memo.size++;
}

/** Forget every answer kept for a decision (the bench's cold figure; tests that bypass the memo). */
export function forgetCells(model: NearbyModel): void {
  const memo = model.cells;
  if (memo) {
    memo.byLocale = empty();
    memo.size = 0;
  }
}

/** How many answers a decision's memo holds now (every language together). */
export const cellsKept = (model: NearbyModel): number => model.cells?.size ?? 0;
