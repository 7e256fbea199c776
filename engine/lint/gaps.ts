/**
 * Gaps (区间遗漏) in groups declaring `completeOver`: values of those facts, inside the schema's
 * range, for which no rule of the group fires.
 *
 * Completeness is asked per context: the other facts the group's rules test are cut into cells
 * at every value the rules mention (each enum value the rules name, the rest of the enum when
 * some rule admits it; numeric ranges between the rules' thresholds), and every combination of
 * cells that at least one rule speaks about is checked on its own. So a ladder written for
 * ordinary and leading cadres is checked for both, while roles no rule mentions are not
 * reported: the group does not claim to handle them.
 */
import { liveRules } from './dead-rules.js';
import { describeBox } from './describe.js';
import type { FactDomain, FactSpace } from './fact-space.js';
import { finding, type LintFinding } from './findings.js';
import * as iv from './intervals.js';
import type { DecisionModel, GroupModel } from './pack-model.js';
import {
  intersectRegions,
  isEmptyRegion,
  subtractRegions,
  unionRegions,
  type Box,
  type Dim,
  type Region,
} from './regions.js';
import * as vs from './value-sets.js';

/** Beyond this many combinations of context cells, the group is not checked (never seen in real packs). */
const MAX_COMBINATIONS = 4096;
/** At most this many gaps are reported per group. */
const MAX_GAPS_PER_GROUP = 20;

/** Cut a fact's domain at every end the rules use: the cells no rule splits further. */
function cellsOf(fact: string, dims: Dim[], domain: FactDomain): Dim[] {
  if (domain.kind === 'number') {
    const cuts = [...new Set(dims.flatMap((d) => (d.kind === 'number' ? iv.endsOf(d.set) : [])))].sort((a, b) => a - b);
    const pieces: iv.IntervalSet[] = [];
    let lo = -Infinity;
    for (const cut of cuts) {
      pieces.push(iv.interval(lo, cut, true, true), iv.point(cut));
      lo = cut;
    }
    pieces.push(iv.interval(lo, Infinity, true, true));
    return pieces
      .map((p) => iv.intersect(p, domain.set))
      .map((set) => (domain.integer ? iv.integersOf(set) : set))
      .filter((set) => !iv.isEmpty(set))
      .map((set) => ({ kind: 'number', set }));
  }
  const mentioned = [...new Set(dims.flatMap((d) => (d.kind === 'values' ? [...d.set.keys] : [])))];
  const cells: vs.ValueSet[] = mentioned.map((k) => vs.within({ keys: new Set([k]), except: false }, domain.universe));
  cells.push(vs.within({ keys: new Set(mentioned), except: true }, domain.universe));
  return cells.filter((c) => !vs.isEmptyValues(c)).map((set) => ({ kind: 'values', set }));
}

function combinations(cells: [string, Dim[]][]): Box[] | undefined {
  const count = cells.reduce((n, [, c]) => n * c.length, 1);
  if (count > MAX_COMBINATIONS) return undefined;
  let boxes: Map<string, Dim>[] = [new Map()];
  for (const [fact, options] of cells)
    boxes = boxes.flatMap((box) => options.map((dim) => new Map(box).set(fact, dim)));
  return boxes;
}

/** One gap per interval of a numeric completeOver fact, so each message names one range. */
function splitByInterval(box: Box, complete: string[]): Box[] {
  const numeric = complete.filter((f) => box.get(f)?.kind === 'number');
  if (numeric.length !== 1) return [box];
  const dim = box.get(numeric[0]) as Extract<Dim, { kind: 'number' }>;
  return dim.set.map((i) => new Map(box).set(numeric[0], { kind: 'number', set: [i] }));
}

function groupGaps(group: GroupModel, space: FactSpace): { box: Box; ruleIds: string[] }[] {
  const complete = (group.definition.completeOver ?? []).filter((f) => space.has(f));
  const rules = liveRules(group);
  if (complete.length === 0 || rules.length === 0) return [];
  const dimsByFact = new Map<string, Dim[]>();
  for (const rule of rules) {
    for (const box of rule.region) {
      for (const [fact, dim] of box)
        if (!complete.includes(fact)) dimsByFact.set(fact, [...(dimsByFact.get(fact) ?? []), dim]);
    }
  }
  const contexts = combinations([...dimsByFact].map(([fact, dims]) => [fact, cellsOf(fact, dims, space.domain(fact))]));
  if (!contexts) return [];
  const found: { box: Box; ruleIds: string[] }[] = [];
  for (const context of contexts) {
    const here = rules
      .map((rule) => ({ rule, region: intersectRegions([context], rule.region) }))
      .filter((r) => !isEmptyRegion(r.region));
    if (here.length === 0) continue; // no rule speaks about this context
    const uncovered: Region = subtractRegions([context], unionRegions(...here.map((r) => r.region)), space);
    for (const box of uncovered.flatMap((b) => splitByInterval(b, complete))) {
      addGap(found, { box, ruleIds: here.map((r) => r.rule.rule.id) }, complete);
    }
  }
  return found.slice(0, MAX_GAPS_PER_GROUP);
}

const dimKey = (dim: Dim): string =>
  dim.kind === 'number' ? JSON.stringify(dim.set) : JSON.stringify([[...dim.set.keys].sort(), dim.set.except]);

/**
 * Record a gap, merging it with one that differs only in one context fact: "leader,
 * principal, … and days > 10" is one gap, not one per role. Gaps on the completeOver facts
 * themselves stay apart, one range per finding.
 */
function addGap(
  found: { box: Box; ruleIds: string[] }[],
  gap: { box: Box; ruleIds: string[] },
  complete: string[],
): void {
  for (const other of found) {
    if (other.box.size !== gap.box.size) continue;
    const differing = [...gap.box].filter(
      ([fact, dim]) => !other.box.has(fact) || dimKey(other.box.get(fact)!) !== dimKey(dim),
    );
    if (differing.length !== 1 || complete.includes(differing[0][0])) continue;
    const [fact, dim] = differing[0];
    const mine = other.box.get(fact)!;
    let merged: Dim;
    if (dim.kind === 'values' && mine.kind === 'values')
      merged = { kind: 'values', set: { keys: new Set([...mine.set.keys, ...dim.set.keys]), except: false } };
    else if (dim.kind === 'number' && mine.kind === 'number')
      merged = { kind: 'number', set: iv.union(mine.set, dim.set) };
    else continue;
    other.box = new Map(other.box).set(fact, merged);
    other.ruleIds = [...new Set([...other.ruleIds, ...gap.ruleIds])];
    return;
  }
  found.push(gap);
}

export function gaps(models: DecisionModel[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const decision of models) {
    for (const group of decision.groups) {
      const label = group.definition.label ?? group.name;
      const over = (group.definition.completeOver ?? []).map((f) => decision.space.domain(f).info.title);
      const where = group.origin ?? { ...group.rules[0]?.rule.origin, pointer: '' };
      for (const gap of groupGaps(group, decision.space)) {
        const words = describeBox(gap.box, decision.space);
        findings.push(
          finding(
            'error',
            'GAP',
            where,
            {
              en: `no rule of group ${group.name} fires when ${words.en} (the group is declared complete over ${group.definition.completeOver!.join(', ')})`,
              zh: `区间遗漏：${words.zh}没有规则（条件组「${label}」须覆盖「${over.join('、')}」的所有取值）`,
            },
            { pointer: group.origin ? '/completeOver' : '', ruleIds: gap.ruleIds },
          ),
        );
      }
    }
  }
  return findings;
}
