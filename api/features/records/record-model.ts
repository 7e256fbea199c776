/**
 * The printable record of one published version (制度参数对照表): a
 * pure data object that the HTML and PDF renderers lay out the same way. Everything a clerk
 * files with the meeting minutes is decided here — which parameters, their values in words, the
 * clause each comes from, what changed since the previous version, basis, approvals and dates —
 * so the two renderers only arrange text.
 */
import {
  CLOCK_UNIT,
  decisions,
  durationUnit,
  formatClock,
  formatEffective,
  isDay,
  type BuiltPack,
  type Locale,
  type ParameterDefinition,
  type ParameterValue,
} from '../../../engine/index.js';
import type { PackDiff } from '../../../engine/diff/pack-diff.js';
import type { Identity } from '../auth/identity.js';

/** The words the record is printed in (the pack's own texts stay as written). */
export type RecordLocale = Locale;

export type VersionState = 'scheduled' | 'inForce' | 'superseded' | 'cancelled';

/**
 * What the record needs of a version record (docs/adoption.md): VersionsService.versionInfo
 * returns a superset of it.
 */
export interface VersionInfo {
  version: number;
  state?: VersionState | string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
  basis?: { text: string; date?: string | null } | null;
  publishedAt: string;
  publishedBy: string | null;
  origin: string;
  copiedFrom?: number | null;
  requestId?: number | null;
  /** who asked for the publish, when the version came through a publish request */
  requestedBy?: string | null;
  approvedBy?: { username: string; at: string; comment?: string | null }[];
  bypassReason?: string | null;
}

/** What changed between two versions, as VersionsService.diff answers it (the parts used here). */
export type VersionChanges = Pick<PackDiff, 'parameters' | 'rules'>;

/** Where the record's data comes from: existing services, passed in so the model stays pure of HTTP and storage. */
export interface RecordInputs {
  /** the version record; 404 for an unknown version */
  versionInfo(identity: Identity, packId: string, version: number): Promise<VersionInfo>;
  /** a published version, compiled (cached by the pack builder) */
  buildVersion(packId: string, version: number): Promise<BuiltPack>;
  /** parameter and rule changes between two versions */
  diff(identity: Identity, packId: string, from: string, to: string): Promise<VersionChanges>;
  /**
   * The names of a version's pack and of the base versions it was built on, as that version holds
   * them (its bundle's pack.json): a record never shows a name given later to a draft.
   */
  packNames(packId: string, version: number): Promise<Map<string, string>>;
  /** the township's name */
  townshipName(townshipId: string): Promise<string | undefined>;
  /** people's display names (姓名) by username; a person without one keeps the username */
  displayNames?(usernames: string[]): Promise<Map<string, string>>;
}

export interface RecordClause {
  id: string;
  document: string;
  article: string;
  text: string;
}

/** One row of the parameter table. */
export interface RecordParameter {
  id: string;
  label: string;
  /** the value in words: enum option label, 是/否, list joined */
  value: string;
  unit: string | null;
  /** the clause id the value rests on (an override's own clause when it names one) */
  sourceId: string;
  /** own: defined in this pack; overridden: a base's parameter this pack sets; inherited: as a base sets it */
  origin: 'own' | 'overridden' | 'inherited';
  /** the pack that defines the parameter */
  definedIn: string;
  definedInName: string;
  /** the pack whose value is in force (the definer or the last override in the chain) */
  valueFrom: string;
  valueFromName: string;
  /** the override's note (why a township changed the value) */
  note: string | null;
  /** set when the value differs from the previous version's */
  change: { kind: 'added' | 'changed'; from: string | null; to: string } | null;
}

export interface RecordRuleChange {
  kind: 'added' | 'removed' | 'changed';
  id: string;
  title: string;
  decision: string;
  decisionTitle: string;
}

/** Everything the printed record shows, in the order it shows it. */
export interface RecordSheet {
  locale: RecordLocale;
  pack: { id: string; name: string; townshipId: string; townshipName: string };
  version: number;
  /** null for version 1 */
  previousVersion: number | null;
  state: VersionState | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  basis: { text: string; date: string | null } | null;
  publishedAt: string;
  /** people as printed: their 姓名 (the login name only for a person without one; 系统 for the initial import) */
  publishedBy: string | null;
  origin: 'seed' | 'publish' | 'rollback' | string;
  copiedFrom: number | null;
  requestedBy: string | null;
  approvals: { username: string; at: string; comment: string | null }[];
  bypassReason: string | null;
  parameters: RecordParameter[];
  /** parameters the previous version had and this one has not */
  removedParameters: { id: string; label: string; from: string; unit: string | null }[];
  ruleChanges: RecordRuleChange[];
  /** every clause a parameter cites, once, in order of first citation */
  clauses: RecordClause[];
  generatedAt: string;
}

const WORDS = {
  zh: { yes: '是', no: '否', listSep: '、', none: '（空）' },
  en: { yes: 'Yes', no: 'No', listSep: ', ', none: '(empty)' },
} as const;

/** A parameter value as a clerk reads it: enum by its option label, booleans 是/否, lists joined. */
export function formatParameterValue(
  definition: (Pick<ParameterDefinition, 'type' | 'options'> & { unit?: string }) | undefined,
  value: unknown,
  locale: RecordLocale = 'zh',
): string {
  const words = WORDS[locale];
  if (value === undefined || value === null) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value))
    return value.length
      ? value.map((v) => formatParameterValue(definition, v, locale)).join(words.listSep)
      : words.none;
  if (definition?.unit === CLOCK_UNIT && typeof value === 'number') return formatClock(value);
  if (definition?.type === 'enum' && typeof value === 'string')
    return definition.options?.find((o) => o.value === value)?.label ?? value;
  return String(value);
}

/**
 * A time limit in minutes is shown in days or hours when every value on its row is whole
 * (「1440 分钟」 reads 「1 日」, as the regulation says it); other units are left as they are.
 */
export function spokenDuration(
  definition: Pick<ParameterDefinition, 'unit'>,
  values: unknown[],
): { unit: string | null; value: (v: unknown) => unknown } {
  const minutes = values.filter((v): v is number => typeof v === 'number');
  const spoken = definition.unit === '分钟' && minutes.length ? durationUnit(minutes) : undefined;
  if (!spoken || spoken.per === 1) return { unit: definition.unit ?? null, value: (v) => v };
  return { unit: spoken.zh, value: (v) => (typeof v === 'number' ? v / spoken.per : v) };
}

function originOf(packId: string, definedIn: string, valueFrom: string): RecordParameter['origin'] {
  if (definedIn === packId) return 'own';
  return valueFrom === packId ? 'overridden' : 'inherited';
}

const STATES = new Set<VersionState>(['scheduled', 'inForce', 'superseded', 'cancelled']);

/**
 * The record of version `version` of `packId`. The caller has checked that `identity` may read
 * the pack; versionInfo answers 404 for a version that does not exist.
 */
export async function buildRecordSheet(
  inputs: RecordInputs,
  identity: Identity,
  pack: { id: string; townshipId: string },
  version: number,
  locale: RecordLocale = 'zh',
  now: Date = new Date(),
): Promise<RecordSheet> {
  const info = await inputs.versionInfo(identity, pack.id, version);
  const [built, names] = await Promise.all([inputs.buildVersion(pack.id, version), inputs.packNames(pack.id, version)]);
  const previousVersion = version > 1 ? version - 1 : null;
  // the previous version is compiled too (cached): its definitions word the old values
  const [changes, previous] =
    previousVersion === null
      ? [undefined, undefined]
      : await Promise.all([
          inputs.diff(identity, pack.id, String(previousVersion), String(version)),
          inputs.buildVersion(pack.id, previousVersion),
        ]);

  const resolved = built.resolved;
  const before = previous?.resolved?.parameters;
  const changed = new Map((changes?.parameters ?? []).filter((c) => c.change !== 'removed').map((c) => [c.id, c]));
  const name = (id: string) => names.get(id) ?? id;

  const parameters: RecordParameter[] = [];
  for (const [id, p] of resolved?.parameters ?? []) {
    const valueFrom = p.override?.pack ?? p.definedIn;
    const change = changed.get(id);
    const spoken = spokenDuration(p.definition, [p.value, change?.change === 'added' ? undefined : change?.from]);
    parameters.push({
      id,
      label: p.definition.label,
      value: formatParameterValue(p.definition, spoken.value(p.value), locale),
      unit: spoken.unit,
      sourceId: p.override?.source ?? p.definition.source,
      origin: originOf(pack.id, p.definedIn, valueFrom),
      definedIn: p.definedIn,
      definedInName: name(p.definedIn),
      valueFrom,
      valueFromName: name(valueFrom),
      note: p.override?.note ?? null,
      change: change
        ? {
            kind: change.change === 'added' ? 'added' : 'changed',
            from:
              change.change === 'added'
                ? null
                : formatParameterValue(before?.get(id)?.definition ?? p.definition, spoken.value(change.from), locale),
            to: formatParameterValue(p.definition, spoken.value(p.value) as ParameterValue, locale),
          }
        : null,
    });
  }
  const removedParameters = (changes?.parameters ?? [])
    .filter((c) => c.change === 'removed')
    .map((c) => {
      const old = before?.get(c.id)?.definition;
      return { id: c.id, label: c.label, from: formatParameterValue(old, c.from, locale), unit: old?.unit ?? null };
    });

  const decisionTitle = (id: string) => {
    const d = decisions.get(id);
    return (locale === 'zh' ? d?.title : d?.titleEn) ?? id;
  };
  const ruleChanges: RecordRuleChange[] = changes
    ? (['added', 'removed', 'changed'] as const).flatMap((kind) =>
        changes.rules[kind].map((r) => ({
          kind,
          id: r.id,
          title: r.title,
          decision: r.decision,
          decisionTitle: decisionTitle(r.decision),
        })),
      )
    : [];

  const clauses: RecordClause[] = [];
  const seen = new Set<string>();
  for (const p of parameters) {
    if (seen.has(p.sourceId)) continue;
    seen.add(p.sourceId);
    const clause = resolved?.sources.get(p.sourceId);
    if (clause) clauses.push({ id: clause.id, document: clause.document, article: clause.article, text: clause.text });
  }

  const state =
    typeof info.state === 'string' && STATES.has(info.state as VersionState) ? (info.state as VersionState) : null;
  const requestedBy = info.requestedBy ?? (info.requestId ? (info.publishedBy ?? null) : null);
  const people = [info.publishedBy, requestedBy, ...(info.approvedBy ?? []).map((a) => a.username)].filter(
    (u): u is string => !!u,
  );
  const personNames =
    people.length && inputs.displayNames ? await inputs.displayNames([...new Set(people)]) : new Map<string, string>();
  const person = (username: string | null | undefined) =>
    !username
      ? null
      : username === 'seed'
        ? locale === 'en'
          ? 'system'
          : '系统'
        : (personNames.get(username) ?? username);
  return {
    locale,
    pack: {
      ...pack,
      name: name(pack.id),
      townshipName: (await inputs.townshipName(pack.townshipId)) ?? pack.townshipId,
    },
    version,
    previousVersion,
    state,
    effectiveFrom: info.effectiveFrom,
    effectiveTo: info.effectiveTo ?? null,
    basis: info.basis?.text ? { text: info.basis.text, date: info.basis.date ?? null } : null,
    publishedAt: info.publishedAt,
    publishedBy: person(info.publishedBy),
    origin: info.origin,
    copiedFrom: info.copiedFrom ?? null,
    // a version let out by a publish request is written under the requester's name
    requestedBy: person(requestedBy),
    approvals: (info.approvedBy ?? []).map((a) => ({
      username: person(a.username)!,
      at: a.at,
      comment: a.comment ?? null,
    })),
    bypassReason: info.bypassReason ?? null,
    parameters,
    removedParameters,
    ruleChanges,
    clauses,
    generatedAt: now.toISOString(),
  };
}

/**
 * A day `YYYY-MM-DD` or an ISO instant as printed on the record, in Beijing time: 「2027年1月1日」,
 * with the time only when it is not midnight (「2026年12月2日 15:30」); `2027-01-01 15:30` in English.
 * The reading of Shanghai days is the engine's (formatEffective), as everywhere else.
 */
export function formatRecordDate(
  value: string | null | undefined,
  locale: RecordLocale = 'zh',
  withTime = true,
): string {
  if (!value) return '';
  const text = isDay(value)
    ? value
    : Number.isNaN(Date.parse(value))
      ? undefined
      : formatEffective(new Date(value).toISOString());
  if (!text) return value;
  const [date, time] = text.split(' ');
  const shown = withTime && time ? ` ${time}` : '';
  if (locale === 'en') return `${date}${shown}`;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日${shown}`;
}

/** The record's own words, shared by the HTML and PDF layouts. */
export const RECORD_TEXT = {
  zh: {
    title: '制度参数对照表',
    version: (n: number) => `第${n}版`,
    sections: {
      info: '版本信息',
      changes: '本次修改',
      parameters: '参数一览',
      clauses: '依据条款原文',
      signatures: '签字',
    },
    changesSince: (n: number) => `与第${n}版相比`,
    fields: {
      pack: '规则包',
      township: '所属单位',
      version: '版本',
      state: '状态',
      effectiveFrom: '施行日期',
      effectiveTo: '施行至',
      basis: '制定依据',
      basisDate: '通过日期',
      published: '发布',
      requestedBy: '申请人',
      approvals: '审批',
      bypass: '未经审批发布的理由',
      origin: '来源',
    },
    states: { scheduled: '待施行', inForce: '现行有效', superseded: '已被新版本替代', cancelled: '已撤销' } as Record<
      VersionState,
      string
    >,
    origin: (origin: string, copiedFrom: number | null) =>
      origin === 'seed' ? '初始导入' : origin === 'rollback' ? `恢复第${copiedFrom ?? '?'}版的内容` : '发布',
    openEnded: '至下一版本施行',
    columns: {
      no: '序号',
      parameter: '参数',
      value: '取值',
      unit: '单位',
      source: '依据条款',
      where: '规定于',
      change: '修改',
      from: '原值',
      to: '新值',
      rule: '规则',
      decision: '事项',
    },
    where: (p: Pick<RecordParameter, 'origin' | 'definedInName' | 'valueFromName'>) =>
      p.origin === 'own'
        ? '本规则包'
        : p.origin === 'overridden'
          ? `本规则包调整（${p.definedInName}）`
          : p.valueFromName,
    changeKind: { added: '新增', changed: '修改', removed: '删除' },
    ruleKind: { added: '新增规则', removed: '删除规则', changed: '修改规则' },
    changedMark: '★ 本次修改',
    parameterChanges: '参数',
    ruleChanges: '规则',
    noPrevious: '本版为第1版，无上一版本可比。',
    noChanges: '参数与规则均无变化。',
    noParameterChanges: '参数无变化。',
    noRuleChanges: '规则无变化。',
    none: '无',
    at: '于',
    noParameters: '本规则包没有参数。',
    signers: ['经办人', '审核人', '签发人'],
    date: '日期',
    footer: (pack: string, n: number) => `${pack} 第${n}版 制度参数对照表`,
    generated: '生成于',
    page: (i: number, n: number) => `第 ${i} 页 / 共 ${n} 页`,
    printHint: '打印：按 Ctrl+P（Mac 上 ⌘P），纸张 A4。',
  },
  en: {
    title: 'Rule parameter record',
    version: (n: number) => `version ${n}`,
    sections: {
      info: 'Version',
      changes: 'Changes in this version',
      parameters: 'Parameters',
      clauses: 'Clauses cited',
      signatures: 'Signatures',
    },
    changesSince: (n: number) => `compared with version ${n}`,
    fields: {
      pack: 'Rule pack',
      township: 'Office',
      version: 'Version',
      state: 'State',
      effectiveFrom: 'In force from',
      effectiveTo: 'In force until',
      basis: 'Basis',
      basisDate: 'Adopted on',
      published: 'Published',
      requestedBy: 'Requested by',
      approvals: 'Approvals',
      bypass: 'Published without approval because',
      origin: 'Origin',
    },
    states: { scheduled: 'scheduled', inForce: 'in force', superseded: 'superseded', cancelled: 'cancelled' } as Record<
      VersionState,
      string
    >,
    origin: (origin: string, copiedFrom: number | null) =>
      origin === 'seed'
        ? 'initial import'
        : origin === 'rollback'
          ? `restores version ${copiedFrom ?? '?'}`
          : 'publish',
    openEnded: 'until the next version takes effect',
    columns: {
      no: 'No.',
      parameter: 'Parameter',
      value: 'Value',
      unit: 'Unit',
      source: 'Clause',
      where: 'Set by',
      change: 'Change',
      from: 'Old',
      to: 'New',
      rule: 'Rule',
      decision: 'Decision',
    },
    where: (p: Pick<RecordParameter, 'origin' | 'definedInName' | 'valueFromName'>) =>
      p.origin === 'own'
        ? 'this pack'
        : p.origin === 'overridden'
          ? `this pack (overrides ${p.definedInName})`
          : p.valueFromName,
    changeKind: { added: 'added', changed: 'changed', removed: 'removed' },
    ruleKind: { added: 'Rule added', removed: 'Rule removed', changed: 'Rule changed' },
    changedMark: '★ changed',
    parameterChanges: 'Parameters',
    ruleChanges: 'Rules',
    noPrevious: 'This is version 1: there is no previous version to compare with.',
    noChanges: 'No parameter or rule changed.',
    noParameterChanges: 'No parameter changed.',
    noRuleChanges: 'No rule changed.',
    none: 'none',
    at: 'on',
    noParameters: 'This pack has no parameters.',
    signers: ['Prepared by', 'Reviewed by', 'Issued by'],
    date: 'Date',
    footer: (pack: string, n: number) => `${pack}, version ${n}: rule parameter record`,
    generated: 'Generated',
    page: (i: number, n: number) => `page ${i} of ${n}`,
    printHint: 'To print: Ctrl+P (⌘P on a Mac), A4 paper.',
  },
} as const;

export type RecordText = (typeof RECORD_TEXT)[RecordLocale];

/** `?lang=en` → English; anything else → Chinese. */
export function recordLocale(value: unknown): RecordLocale {
  return value === 'en' ? 'en' : 'zh';
}
