/**
 * The reply of POST /api/drafting/extract and what the wizard does with it, without React:
 * which parameter each quantity proposed, the clause text cut into plain and highlighted
 * pieces, the user's decisions (accept / edit / reject) and the bundle they make for
 * POST /api/packs/import.
 */
export interface DraftBound {
  value: number;
  inclusive: boolean;
  word: string;
}
export interface DraftQuantity {
  id: string;
  clauseId: string;
  article: string;
  kind: 'threshold' | 'frequency' | 'clock';
  text: string;
  unit: string;
  value: number;
  lower?: DraftBound;
  upper?: DraftBound;
  exact: boolean;
  reading: string;
  readingZh: string;
  words: string[];
  period?: string;
  aggregate?: string;
  subject: string;
  start: number;
  end: number;
  notes: string[];
}
export interface DraftClause {
  id: string;
  sourceId: string;
  article: string;
  heading?: string;
  original: string;
}
export interface DraftParameter {
  id: string;
  type: 'number' | 'integer';
  label: string;
  help?: string;
  unit?: string;
  value: number;
  min?: number;
  max?: number;
  source: string;
  [key: string]: unknown;
}
export interface DraftLadder {
  id: string;
  clauseId: string;
  article: string;
  unit: string;
  subject: string;
  tiers: { quantityId: string; text: string; consequence?: string }[];
  findings: { kind: string; tiers: string[]; message: string; messageZh: string }[];
}
export interface DraftReviewItem {
  kind: string;
  clause?: string;
  article?: string;
  text?: string;
  messageZh: string;
  message: string;
}
export interface DraftBundle {
  pack: {
    id: string;
    name: string;
    owner: { id: string; name: string; level: string };
    extends?: string;
    [key: string]: unknown;
  };
  sources: { clauses: { id: string; [key: string]: unknown }[] };
  parameters: { parameters: DraftParameter[] };
  rules: Record<string, unknown>;
  fixtures: Record<string, unknown>;
  [key: string]: unknown;
}
export interface DraftReply {
  document: { name?: string; format: string; traditional: boolean; title: string };
  bundle: DraftBundle;
  review: { items: DraftReviewItem[]; proposals: unknown };
  ladders: DraftLadder[];
  quantities: DraftQuantity[];
  clauses: DraftClause[];
  validation: {
    valid: boolean;
    issues: { severity: string; code: string; message: string; messageZh?: string; file?: string; pointer?: string }[];
  };
}

export type Role = 'lower' | 'upper' | 'exact';
export interface ParameterLink {
  parameterId: string;
  role: Role;
}

/** The parameters a quantity's own words name: its bound or its exact value. */
function rolesOf(q: DraftQuantity): Role[] {
  if (q.exact || q.kind === 'frequency') return ['exact'];
  return [...(q.lower ? ['lower' as const] : []), ...(q.upper ? ['upper' as const] : [])];
}

/**
 * Quantity id → the parameters made from it. The engine makes a parameter per bound (lower before
 * upper) citing the quantity's clause and quoting its words at the end of the label; a unit
 * without a parameter type makes none, so a parameter is taken only when clause and words match.
 */
export function linkQuantities(
  reply: Pick<DraftReply, 'quantities' | 'clauses' | 'bundle'>,
): Map<string, ParameterLink[]> {
  const sourceOf = new Map(reply.clauses.map((c) => [c.id, c.sourceId]));
  const unused = [...reply.bundle.parameters.parameters];
  const links = new Map<string, ParameterLink[]>();
  for (const q of reply.quantities) {
    const found: ParameterLink[] = [];
    for (const role of rolesOf(q)) {
      const at = unused.findIndex(
        (p) => p.source === sourceOf.get(q.clauseId) && p.label.endsWith(`原文「${q.text}」）`),
      );
      if (at < 0) break;
      found.push({ parameterId: unused[at].id, role });
      unused.splice(at, 1);
    }
    links.set(q.id, found);
  }
  return links;
}

export interface Segment {
  text: string;
  quantityId?: string;
}

/** A clause's original text cut into plain pieces and the quantities (start/end index the text). */
export function segmentsOf(original: string, quantities: Pick<DraftQuantity, 'id' | 'start' | 'end'>[]): Segment[] {
  const sorted = [...quantities]
    .filter((q) => q.start >= 0 && q.end <= original.length && q.end > q.start)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const q of sorted) {
    if (q.start < at) continue; // overlapping reading: keep the first
    if (q.start > at) segments.push({ text: original.slice(at, q.start) });
    segments.push({ text: original.slice(q.start, q.end), quantityId: q.id });
    at = q.end;
  }
  if (at < original.length) segments.push({ text: original.slice(at) });
  return segments;
}

/** The word that decided a bound, for showing beside the parameter. */
export function decidingWord(q: DraftQuantity, role: Role): string | undefined {
  if (role === 'lower') return q.lower?.word;
  if (role === 'upper') return q.upper?.word;
  return undefined;
}

export type Status = 'pending' | 'accepted' | 'rejected';
export interface ParameterChoice {
  status: Status;
  label: string;
  value: string;
  min: string;
  max: string;
}

export function initialChoices(parameters: DraftParameter[]): Record<string, ParameterChoice> {
  return Object.fromEntries(
    parameters.map((p) => [
      p.id,
      {
        status: 'pending' as Status,
        label: p.label,
        value: String(p.value),
        min: p.min === undefined ? '' : String(p.min),
        max: p.max === undefined ? '' : String(p.max),
      },
    ]),
  );
}

export function counts(choices: Record<string, ParameterChoice>): Record<Status, number> {
  const result = { pending: 0, accepted: 0, rejected: 0 };
  for (const c of Object.values(choices)) result[c.status] += 1;
  return result;
}

/** Problems of an edited parameter, as message keys with arguments (empty: fine). */
export function choiceProblems(
  p: Pick<DraftParameter, 'type'>,
  c: ParameterChoice,
): { key: string; args?: Record<string, unknown> }[] {
  const problems: { key: string; args?: Record<string, unknown> }[] = [];
  if (!c.label.trim()) problems.push({ key: 'drafting.errLabel' });
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(/，/g, '.')));
  const value = num(c.value);
  const min = num(c.min);
  const max = num(c.max);
  if (
    value === undefined ||
    !Number.isFinite(value) ||
    (min !== undefined && !Number.isFinite(min)) ||
    (max !== undefined && !Number.isFinite(max))
  ) {
    problems.push({ key: 'drafting.errNumber' });
    return problems;
  }
  if (p.type === 'integer' && !Number.isInteger(value)) problems.push({ key: 'drafting.errInteger' });
  if (min !== undefined && max !== undefined && min > max) problems.push({ key: 'drafting.errRange' });
  else {
    if (min !== undefined && value < min) problems.push({ key: 'drafting.errMin', args: { min } });
    if (max !== undefined && value > max) problems.push({ key: 'drafting.errMax', args: { max } });
  }
  return problems;
}

export interface TownshipChoice {
  id: string;
  name: string;
  level?: string;
}

/**
 * The bundle to import: the accepted parameters as edited (rejected and pending ones left out),
 * owned by the chosen township (the engine's draft names the pack id as owner), under the id and
 * name chosen last. Every source
 * clause stays: rules written later cite them.
 */
export function bundleToImport(
  reply: DraftReply,
  choices: Record<string, ParameterChoice>,
  township: TownshipChoice,
  pack: { id?: string; name?: string } = {},
): DraftBundle {
  const bundle = structuredClone(reply.bundle);
  const kept: DraftParameter[] = [];
  for (const p of bundle.parameters.parameters) {
    const c = choices[p.id];
    if (!c || c.status !== 'accepted') continue;
    const n = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(/，/g, '.')));
    const edited: DraftParameter = { ...p, label: c.label.trim(), value: n(c.value)! };
    const min = n(c.min);
    const max = n(c.max);
    if (min === undefined) delete edited.min;
    else edited.min = min;
    if (max === undefined) delete edited.max;
    else edited.max = max;
    kept.push(edited);
  }
  bundle.parameters.parameters = kept;
  bundle.pack.owner = {
    id: township.id,
    name: township.name,
    level: township.level ?? bundle.pack.owner.level ?? 'township',
  };
  if (pack.id?.trim()) bundle.pack.id = pack.id.trim();
  if (pack.name?.trim()) bundle.pack.name = pack.name.trim();
  return bundle;
}

export const PACK_ID = /^[a-z][a-z0-9-]{1,62}$/;
