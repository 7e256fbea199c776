import { pointer, type Issue } from '../issues.js';
import {
  isCaseDisable,
  isRuleDisable,
  type PackBundle,
  type ParameterDefinition,
  type ParameterValue,
} from '../model.js';
import { validateBundleShape, validateFile, type FileKind } from '../schema/registry.js';
import {
  DEFAULT_GROUP,
  DEFAULT_GROUP_DEFINITION,
  type ResolvedCase,
  type ResolvedDecision,
  type ResolvedPack,
  type ResolvedRule,
} from './resolved.js';
import { mergeWords } from './vocabulary.js';
import { parameterLockFault } from './parameter-value.js';

/** Where packs come from: folders on disk for the CLI, the database for the API. */
export interface PackSource {
  get(packId: string): PackBundle | undefined;
  /** problems met while reading the pack (e.g. a file that is not JSON) */
  readIssues?(packId: string): Issue[];
}

/**
 * Schema-check every file of one bundle; the merge below trusts the shapes it checked. A bundle
 * that is not {pack, sources, parameters, rules, fixtures} of objects gets only those errors.
 */
export function validateBundleFiles(packId: string, bundle: PackBundle): Issue[] {
  const shape = validateBundleShape(bundle);
  if (shape.length) {
    return shape.map((e) => ({
      severity: 'error',
      code: 'BUNDLE_SHAPE',
      pack: packId,
      pointer: e.pointer,
      message: `bundle${e.pointer ? ' at ' + e.pointer : ''}: ${e.message}`,
      messageZh: `规则包内容${e.pointer ? ' 的 ' + e.pointer : ''}：${e.messageZh}`,
    }));
  }
  const issues: Issue[] = [];
  const check = (kind: FileKind, file: string, data: unknown) => {
    for (const e of validateFile(kind, data)) {
      issues.push({
        severity: 'error',
        code: 'SCHEMA',
        pack: packId,
        file,
        pointer: e.pointer,
        message: `${file}${e.pointer ? ' at ' + e.pointer : ''}: ${e.message}`,
        messageZh: `${file}${e.pointer ? ' 的 ' + e.pointer : ''}：${e.messageZh}`,
      });
    }
  };
  check('pack', 'pack.json', bundle.pack);
  check('sources', 'sources.json', bundle.sources);
  check('parameters', 'parameters.json', bundle.parameters);
  for (const [file, data] of Object.entries(bundle.rules)) check('rules', file, data);
  for (const [file, data] of Object.entries(bundle.fixtures)) check('fixtures', file, data);
  if (bundle.pack?.id !== undefined && bundle.pack.id !== packId) {
    issues.push({
      severity: 'error',
      code: 'PACK_ID_MISMATCH',
      pack: packId,
      file: 'pack.json',
      pointer: '/id',
      message: `pack.json says id "${bundle.pack.id}" but the pack is stored as "${packId}"`,
      messageZh: `pack.json 中的 id「${bundle.pack.id}」与规则包目录名「${packId}」不一致`,
    });
  }
  return issues;
}

/** The `extends` chain from the root base to `packId`, or issues if a base is missing or loops. */
export function resolveChain(packId: string, source: PackSource): { chain: string[]; issues: Issue[] } {
  const walk: string[] = []; // from packId up to the root base
  let current: string | undefined = packId;
  let child = packId;
  while (current !== undefined) {
    if (walk.includes(current)) {
      const cycle = [...walk.slice(walk.indexOf(current)), current].join(' → ');
      return {
        chain: [],
        issues: [
          {
            severity: 'error',
            code: 'EXTENDS_CYCLE',
            pack: child,
            file: 'pack.json',
            pointer: '/extends',
            message: `extends forms a cycle: ${cycle}`,
            messageZh: `继承关系形成循环：${cycle}`,
          },
        ],
      };
    }
    const bundle = source.get(current);
    if (!bundle) {
      return {
        chain: [],
        issues: [
          {
            severity: 'error',
            code: current === packId ? 'PACK_NOT_FOUND' : 'EXTENDS_MISSING',
            pack: child,
            file: 'pack.json',
            pointer: '/extends',
            message:
              current === packId
                ? `pack ${packId} not found`
                : `base pack "${current}" extended by ${child} does not exist`,
            messageZh: current === packId ? `找不到规则包 ${packId}` : `${child} 继承的基础规则包「${current}」不存在`,
          },
        ],
      };
    }
    walk.push(current);
    child = current;
    current = bundle.pack?.extends;
  }
  return { chain: walk.reverse(), issues: [] };
}

/**
 * Merge a pack with its base chain. Each pack in turn adds parameters, sources, rules and
 * fixtures; a rule or case with an inherited id replaces it in place, `disabled` removes it,
 * and parameter overrides set new values. Returns issues instead of a pack when any file of
 * the chain fails its schema.
 */
export function resolvePack(packId: string, source: PackSource): { pack?: ResolvedPack; issues: Issue[] } {
  const { chain, issues } = resolveChain(packId, source);
  if (issues.length) return { issues };
  for (const id of chain) issues.push(...(source.readIssues?.(id) ?? []), ...validateBundleFiles(id, source.get(id)!));
  if (issues.length) return { issues };

  const top = source.get(packId)!;
  const resolved: ResolvedPack = {
    id: packId,
    manifest: top.pack,
    chain,
    parameters: new Map(),
    sources: new Map(),
    decisions: new Map(),
    fixtures: [],
    disabled: [],
    vocabulary: new Map(),
  };
  for (const id of chain) mergeBundle(resolved, id, source.get(id)!, issues);
  return { pack: resolved, issues };
}

function duplicate(
  code: string,
  what: string,
  whatZh: string,
  id: string,
  pack: string,
  file: string,
  at: string,
  firstPack: string,
): Issue {
  return {
    severity: 'error',
    code,
    pack,
    file,
    pointer: at,
    message: `${what} "${id}" is defined twice (first in ${firstPack})`,
    messageZh: `${whatZh}「${id}」重复定义（已在 ${firstPack} 中定义）`,
  };
}

function mergeBundle(resolved: ResolvedPack, packId: string, bundle: PackBundle, issues: Issue[]): void {
  mergeWords(resolved.vocabulary, packId, bundle.pack.vocabulary, issues);

  bundle.sources.clauses.forEach((clause, i) => {
    const at = pointer('clauses', i);
    const existing = resolved.sources.get(clause.id);
    if (existing)
      issues.push(
        duplicate('DUPLICATE_SOURCE', 'clause', '条款', clause.id, packId, 'sources.json', at, existing.definedIn),
      );
    else
      resolved.sources.set(clause.id, {
        ...clause,
        definedIn: packId,
        origin: { pack: packId, file: 'sources.json', pointer: at },
      });
  });

  (bundle.parameters.parameters ?? []).forEach((definition, i) => {
    const at = pointer('parameters', i);
    const existing = resolved.parameters.get(definition.id);
    if (existing) {
      issues.push(
        duplicate(
          'DUPLICATE_PARAMETER',
          'parameter',
          '参数',
          definition.id,
          packId,
          'parameters.json',
          at,
          existing.definedIn,
        ),
      );
      return;
    }
    resolved.parameters.set(definition.id, {
      definition,
      value: definition.value,
      definedIn: packId,
      origin: { pack: packId, file: 'parameters.json', pointer: at },
    });
  });
  (bundle.parameters.overrides ?? []).forEach((override, i) => {
    const at = pointer('overrides', i);
    const target = resolved.parameters.get(override.id);
    if (!target) {
      issues.push({
        severity: 'error',
        code: 'UNKNOWN_PARAMETER',
        pack: packId,
        file: 'parameters.json',
        pointer: at,
        message: `override of unknown parameter "${override.id}"`,
        messageZh: `覆盖了不存在的参数「${override.id}」`,
      });
      return;
    }
    if (target.definedIn === packId) {
      issues.push({
        severity: 'error',
        code: 'OVERRIDE_OWN_PARAMETER',
        pack: packId,
        file: 'parameters.json',
        pointer: at,
        message: `parameter "${override.id}" is defined in this pack: change its value instead of overriding it`,
        messageZh: `参数「${override.id}」由本规则包定义，请直接修改参数值，不要覆盖`,
      });
      return;
    }
    const lockIssue = checkParameterLock(target.definition, target.definedIn, override.value, packId, at);
    if (lockIssue) {
      issues.push(lockIssue);
      return;
    }
    target.value = override.value;
    target.override = { ...override, pack: packId, origin: { pack: packId, file: 'parameters.json', pointer: at } };
  });

  const ruleIdsHere = new Map<string, string>();
  for (const [file, rulesFile] of Object.entries(bundle.rules)) {
    let decision = resolved.decisions.get(rulesFile.decision);
    if (!decision) {
      decision = { id: rulesFile.decision, groups: new Map(), rules: [] };
      resolved.decisions.set(rulesFile.decision, decision);
    }
    for (const [name, group] of Object.entries(rulesFile.groups ?? {})) {
      decision.groups.set(name, { ...group, origin: { pack: packId, file, pointer: pointer('groups', name) } });
    }
    rulesFile.rules.forEach((entry, i) => {
      const at = pointer('rules', i);
      const origin = { pack: packId, file, pointer: at };
      const firstHere = ruleIdsHere.get(entry.id);
      if (firstHere) {
        issues.push(
          duplicate('DUPLICATE_RULE_ID', 'rule', '规则', entry.id, packId, file, at, `${packId}/${firstHere}`),
        );
        return;
      }
      ruleIdsHere.set(entry.id, file);
      const located = findRule(resolved, entry.id);
      if (located && located.decision.id !== rulesFile.decision) {
        issues.push({
          severity: 'error',
          code: 'DUPLICATE_RULE_ID',
          pack: packId,
          file,
          pointer: at,
          message: `rule id "${entry.id}" already belongs to decision ${located.decision.id}`,
          messageZh: `规则编号「${entry.id}」已用于事项 ${located.decision.id}`,
        });
        return;
      }
      const lockedBase = located?.decision.rules[located.index];
      if (lockedBase?.lock?.kind === 'fixed') {
        issues.push({
          severity: 'error',
          code: 'LOCKED_RULE',
          pack: packId,
          file,
          pointer: at,
          ruleIds: [entry.id],
          message: `rule "${entry.id}" is fixed by ${lockedBase.definedIn} and may not be replaced or disabled (${lockedBase.lock.source})`,
          messageZh: `规则「${lockedBase.title}」由 ${lockedBase.definedIn} 锁定，不可替换或停用：${lockedBase.lock.reason}`,
        });
        return;
      }
      if (isRuleDisable(entry)) {
        if (!located) {
          issues.push({
            severity: 'error',
            code: 'UNKNOWN_RULE',
            pack: packId,
            file,
            pointer: at,
            message: `cannot disable rule "${entry.id}": no base pack defines it`,
            messageZh: `无法停用规则「${entry.id}」：基础规则包中没有这条规则`,
          });
          return;
        }
        located.decision.rules.splice(located.index, 1);
        resolved.disabled.push({ kind: 'rule', id: entry.id, by: packId, origin });
        return;
      }
      const rule: ResolvedRule = {
        ...entry,
        decision: rulesFile.decision,
        group: entry.group ?? DEFAULT_GROUP,
        definedIn: packId,
        origin,
      };
      if (located) {
        rule.replaces = located.decision.rules[located.index].definedIn;
        located.decision.rules[located.index] = rule;
      } else {
        decision.rules.push(rule);
      }
    });
  }

  const caseIdsHere = new Set<string>();
  for (const [file, fixturesFile] of Object.entries(bundle.fixtures)) {
    fixturesFile.cases.forEach((entry, i) => {
      const at = pointer('cases', i);
      const origin = { pack: packId, file, pointer: at };
      if (caseIdsHere.has(entry.id)) {
        issues.push(duplicate('DUPLICATE_CASE_ID', 'test case', '测试用例', entry.id, packId, file, at, packId));
        return;
      }
      caseIdsHere.add(entry.id);
      const index = resolved.fixtures.findIndex((c) => c.id === entry.id);
      if (isCaseDisable(entry)) {
        if (index < 0) {
          issues.push({
            severity: 'error',
            code: 'UNKNOWN_CASE',
            pack: packId,
            file,
            pointer: at,
            message: `cannot disable test case "${entry.id}": no base pack defines it`,
            messageZh: `无法停用测试用例「${entry.id}」：基础规则包中没有这个用例`,
          });
          return;
        }
        resolved.fixtures.splice(index, 1);
        resolved.disabled.push({ kind: 'case', id: entry.id, by: packId, origin });
        return;
      }
      const fixtureCase: ResolvedCase = { ...entry, decision: fixturesFile.decision, definedIn: packId, origin };
      if (index >= 0) resolved.fixtures[index] = fixtureCase;
      else resolved.fixtures.push(fixtureCase);
    });
  }
}

/** An override that breaks the base's lock on a parameter, as a director-readable issue. */
export function checkParameterLock(
  definition: ParameterDefinition,
  definedIn: string,
  value: ParameterValue,
  packId: string,
  at: string,
): Issue | undefined {
  const fault = parameterLockFault(definition.lock, value);
  if (!fault) return undefined;
  const unit = definition.unit ?? '';
  if (fault.kind === 'lockFixed') {
    return {
      severity: 'error',
      code: 'LOCKED_PARAMETER',
      pack: packId,
      file: 'parameters.json',
      pointer: at,
      message: `parameter ${definition.id} is fixed by ${definedIn} (${definition.lock!.source}) and may not be overridden`,
      messageZh: `参数「${definition.label}」由 ${definedIn} 锁定，不可修改：${fault.reason}`,
    };
  }
  const below = fault.kind === 'lockMin';
  const bound = below ? `at least ${fault.bound}` : `at most ${fault.bound}`;
  const boundZh = below ? `不得低于 ${fault.bound}${unit}` : `不得高于 ${fault.bound}${unit}`;
  return {
    severity: 'error',
    code: 'PARAMETER_OUT_OF_BOUNDS',
    pack: packId,
    file: 'parameters.json',
    pointer: at,
    message: `parameter ${definition.id} = ${value} breaks the bound set by ${definedIn}: ${bound} (${definition.lock!.source})`,
    messageZh: `参数「${definition.label}」设为 ${value}${unit}，超出 ${definedIn} 允许的范围（${boundZh}）：${fault.reason}`,
  };
}

function findRule(resolved: ResolvedPack, ruleId: string): { decision: ResolvedDecision; index: number } | undefined {
  for (const decision of resolved.decisions.values()) {
    const index = decision.rules.findIndex((r) => r.id === ruleId);
    if (index >= 0) return { decision, index };
  }
  return undefined;
}

export function groupOf(decision: ResolvedDecision, name: string) {
  return decision.groups.get(name) ?? (name === DEFAULT_GROUP ? DEFAULT_GROUP_DEFINITION : undefined);
}
