import type { CompiledPack } from '../compile/compile.js';
import { outcomeKey } from '../compile/outcome-key.js';
import { EngineError } from '../errors.js';
import { evaluateSync } from '../evaluate/evaluate-fast.js';
import { evaluate, type Evaluation } from '../evaluate/evaluate.js';
import { formatDuration } from '../explain/duration.js';
import { explain, type Explanation } from '../explain/render.js';
import type { Locale, Outcome } from '../model.js';
import { vocabularyLabel } from '../schema/registry.js';

/** One decision as the decision log recorded it. */
export interface LoggedDecision {
  id?: string | number;
  decision: string;
  facts: Record<string, unknown>;
  /** the outcomes the office was given at the time */
  outcomes: Outcome[];
  /** equal for equal facts of the same decision: with `memo`, such entries are evaluated once */
  factsKey?: string;
  /** how many logged decisions this entry stands for (a log grouped by fact set; default 1) */
  count?: number;
}

/** What a fact set evaluates to under the pack asked about (kept across the calls of one run). */
export type WhatIfMemo = Map<string, { after?: Evaluation; error?: EngineError }>;

export interface WhatIfChange {
  id?: string | number;
  decision: string;
  facts: Record<string, unknown>;
  before: { outcomes: Outcome[]; explanation?: Explanation };
  after: { outcomes?: Outcome[]; explanation?: Explanation; error?: { code: string; message: string } };
}

export interface WhatIfSummary {
  total: number;
  changed: number;
  /** "old outcome → new outcome" with how many decisions moved that way, largest first */
  transitions: { from: string; to: string; count: number }[];
  /** the changed cases (up to `maxCases`), each with both explanations (an entry that stands for several decisions is one case) */
  cases: WhatIfChange[];
}

export interface WhatIfOptions {
  /** the pack version the decisions were logged under, to explain the "before" side */
  before?: CompiledPack;
  maxCases?: number;
  locale?: Locale;
  onProgress?: (done: number, total: number) => void;
  /** results by `factsKey`, shared by the calls of one run (a log read page by page) */
  memo?: WhatIfMemo;
}

/** Distinct fact sets remembered per run at most (beyond it, the rest are evaluated each time). */
const MEMO_LIMIT = 50_000;

/** A short label of a set of outcomes for the summary, e.g. 「分管领导+党委书记或镇长」 (steps in order). */
export function outcomesLabel(outcomes: Outcome[], locale: Locale = 'zh'): string {
  if (outcomes.length === 0) return locale === 'zh' ? '无规则命中' : 'no rule';
  // the township's words the outcomes carry (主管领导), else the shared labels
  const words = Object.assign({}, ...outcomes.map((o) => o.words ?? {}));
  const v = (definition: string, code: string) => words[code]?.[locale] ?? vocabularyLabel(definition, code, locale);
  const approvals = outcomes
    .filter((o): o is Extract<Outcome, { type: 'approval' }> => o.type === 'approval')
    .sort((a, b) => a.step - b.step);
  const parts: string[] = [];
  if (approvals.length)
    parts.push(approvals.map((a) => a.roles.map((r) => v('role', r)).join(locale === 'zh' ? '或' : ' or ')).join('+'));
  for (const o of outcomes) {
    if (o.type === 'refusal') parts.push(locale === 'zh' ? `不予批准（${o.reason}）` : `refused (${o.code})`);
    else if (o.type === 'penalty') parts.push(v('penaltyMeasure', o.measure));
    else if (o.type === 'classification') parts.push(v('attendanceCategory', o.category));
    else if (o.type === 'entitlement')
      parts.push(`${v('leaveType', o.leaveType)} ${o.days}${locale === 'zh' ? ' 天' : ' d'}`);
    else if (o.type === 'verdict') parts.push(v('verdict', o.value));
    else if (o.type === 'document') parts.push(locale === 'zh' ? o.document : o.code);
    else if (o.type === 'absence') parts.push(locale === 'zh' ? `旷工 ${o.days} 天` : `absent ${o.days} d`);
    else if (o.type === 'payDeduction')
      parts.push(
        o.amount !== undefined
          ? `${v('payItem', o.item)} ${o.amount}${locale === 'zh' ? ' 元' : ' yuan'}`
          : `${v('payItem', o.item)} ${Number(o.share) * 100}%`,
      );
    else if (o.type === 'deadline')
      parts.push(
        locale === 'zh'
          ? `${formatDuration(Number(o.minutes))}内${v('reportAction', o.action)}`
          : `${v('reportAction', o.action)} within ${formatDuration(Number(o.minutes), 'en')}`,
      );
    else if (o.type === 'requirement') parts.push(locale === 'zh' ? o.text : o.code);
  }
  return parts.join(locale === 'zh' ? '；' : '; ');
}

/**
 * Canonical keys of outcome sets. Logged outcomes arrive as parsed JSON (new objects every
 * time), so they are first looked up by their raw JSON text: an office's log holds only a few
 * dozen distinct outcome sets, and sorting keys once per distinct set keeps a million-row
 * what-if fast.
 */
class OutcomeSetKeys {
  readonly #byJson = new Map<string, string>();
  readonly #byObject = new WeakMap<Outcome, string>();
  /** logged outcome arrays the caller shares between rows (parsed once per distinct text) */
  readonly #byArray = new WeakMap<Outcome[], string>();

  /** Outcomes produced by a compiled pack are shared objects: key them by identity. */
  keyOfEvaluated(outcomes: Outcome[]): string {
    const parts = outcomes.map((o) => {
      let key = this.#byObject.get(o);
      if (key === undefined) this.#byObject.set(o, (key = outcomeKey(o)));
      return key;
    });
    return parts.length === 1 ? parts[0] : parts.sort().join('|');
  }

  keyOf(outcomes: Outcome[]): string {
    const shared = this.#byArray.get(outcomes);
    if (shared !== undefined) return shared;
    const json = JSON.stringify(outcomes);
    let key = this.#byJson.get(json);
    if (key === undefined) {
      key = outcomes.length === 1 ? outcomeKey(outcomes[0]) : outcomes.map(outcomeKey).sort().join('|');
      this.#byJson.set(json, key);
    }
    this.#byArray.set(outcomes, key);
    return key;
  }
}

/**
 * Re-evaluate logged decisions under another pack version (a draft or a published version)
 * and report what would be decided differently. Logged facts were validated when they were
 * logged, so they are evaluated as trusted, on the compiled path where it exists.
 */
export async function whatIf(
  against: CompiledPack,
  logged: Iterable<LoggedDecision>,
  options: WhatIfOptions = {},
): Promise<WhatIfSummary> {
  const maxCases = options.maxCases ?? 100;
  const locale = options.locale ?? 'zh';
  const all = Array.isArray(logged) ? (logged as LoggedDecision[]) : [...logged];
  const transitions = new Map<string, { from: Outcome[]; to: Outcome[] | string; count: number }>();
  const cases: WhatIfChange[] = [];
  const keys = new OutcomeSetKeys();
  let changed = 0;
  let total = 0;
  let weight = 0;
  for (const entry of all) weight += entry.count ?? 1;
  for (let i = 0; i < all.length; i++) {
    const entry = all[i];
    const count = entry.count ?? 1;
    total += count;
    const memoKey =
      options.memo && entry.factsKey !== undefined ? `${entry.decision}\u0000${entry.factsKey}` : undefined;
    let result = memoKey === undefined ? undefined : options.memo!.get(memoKey);
    if (!result) {
      try {
        result = {
          after:
            evaluateSync(against, entry.decision, entry.facts, { trusted: true }) ??
            (await evaluate(against, entry.decision, entry.facts, { trusted: true })),
        };
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        result = { error: e };
      }
      if (memoKey !== undefined && options.memo!.size < MEMO_LIMIT) options.memo!.set(memoKey, result);
    }
    const { after, error } = result;
    const beforeKey = keys.keyOf(entry.outcomes);
    const afterKey = after ? keys.keyOfEvaluated(after.outcomes) : `error:${error!.code}`;
    if (beforeKey !== afterKey) {
      changed += count;
      const transitionKey = `${beforeKey}→${afterKey}`;
      const transition = transitions.get(transitionKey);
      if (transition) transition.count += count;
      else
        transitions.set(transitionKey, {
          from: entry.outcomes,
          to: after ? after.outcomes : locale === 'zh' ? error!.messageZh : error!.message,
          count,
        });
      if (cases.length < maxCases) {
        let beforeExplanation: Explanation | undefined;
        if (options.before) {
          try {
            beforeExplanation = explain(
              await evaluate(options.before, entry.decision, entry.facts, { trusted: true }),
              locale,
            );
          } catch {
            beforeExplanation = undefined;
          }
        }
        cases.push({
          id: entry.id,
          decision: entry.decision,
          facts: entry.facts,
          before: { outcomes: entry.outcomes, explanation: beforeExplanation },
          after: after
            ? { outcomes: after.outcomes, explanation: explain(after, locale) }
            : { error: { code: error!.code, message: locale === 'zh' ? error!.messageZh : error!.message } },
        });
      }
    }
    if (options.onProgress && (i % 10000 === 9999 || i === all.length - 1)) options.onProgress(total, weight);
  }
  return {
    total,
    changed,
    transitions: [...transitions.values()]
      .sort((a, b) => b.count - a.count)
      .map((t) => ({
        from: outcomesLabel(t.from, locale),
        to: typeof t.to === 'string' ? t.to : outcomesLabel(t.to, locale),
        count: t.count,
      })),
    cases,
  };
}
