import type { Issue } from './issues.js';

/**
 * The engine's one error hierarchy. Every error has a stable `code`; the API maps codes to
 * HTTP statuses in one place and the CLI prints `message`.
 */
export class EngineError extends Error {
  readonly code: string;
  readonly messageZh: string;
  constructor(code: string, message: string, messageZh: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.messageZh = messageZh;
  }
}

/** The pack (or a file of it) does not validate; `issues` lists every problem. */
export class PackInvalidError extends EngineError {
  constructor(
    readonly packId: string,
    readonly issues: Issue[],
  ) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      'PACK_INVALID',
      `Pack ${packId} is invalid: ${errors.length} error(s); first: ${errors[0]?.message ?? 'unknown'}`,
      `规则包 ${packId} 校验未通过：${errors.length} 个错误；第一个：${errors[0]?.messageZh ?? '未知'}`,
    );
  }
}

export class PackNotFoundError extends EngineError {
  constructor(readonly packId: string) {
    super('PACK_NOT_FOUND', `Pack ${packId} not found`, `找不到规则包 ${packId}`);
  }
}

export class UnknownDecisionError extends EngineError {
  constructor(
    readonly decision: string,
    readonly packId: string,
  ) {
    super(
      'UNKNOWN_DECISION',
      `Pack ${packId} has no rules for decision "${decision}"`,
      `规则包 ${packId} 没有「${decision}」事项的规则`,
    );
  }
}

export interface FactError {
  /** JSON pointer into the facts, e.g. `/days` */
  path: string;
  message: string;
  messageZh: string;
}

/** Facts do not match the decision's fact schema; nothing was evaluated. */
export class FactsInvalidError extends EngineError {
  constructor(
    readonly decision: string,
    readonly errors: FactError[],
    decisionTitle = decision,
  ) {
    super(
      'FACTS_INVALID',
      `Invalid facts for ${decision}: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`,
      `「${decisionTitle}」的输入不符合要求：${errors.map((e) => e.messageZh).join('；')}`,
    );
  }
}

/** Two rules of a group with hit policy `unique` matched: refuse rather than guess. */
export class RuleConflictError extends EngineError {
  constructor(
    readonly decision: string,
    readonly group: string,
    readonly ruleIds: string[],
  ) {
    super(
      'RULE_CONFLICT',
      `Rules ${ruleIds.join(', ')} of ${decision}/${group} all match, but the group allows only one`,
      `规则 ${ruleIds.join('、')} 同时命中，而「${group}」只允许命中一条，请检查规则区间`,
    );
  }
}

/** `asOf` names a day before the pack's first version took effect: there is no text to apply. */
export class AsOfBeforeFirstVersionError extends EngineError {
  constructor(
    readonly packId: string,
    readonly asOf: string,
    readonly firstEffectiveFrom?: string,
  ) {
    super(
      'AS_OF_BEFORE_FIRST_VERSION',
      `Pack ${packId} had no version in force on ${asOf}${firstEffectiveFrom ? ` (the first took effect ${firstEffectiveFrom})` : ''}`,
      `${asOf} 时规则包 ${packId} 尚无生效版本${firstEffectiveFrom ? `（第一个版本自 ${firstEffectiveFrom} 起施行）` : ''}，无法按当时的规定判断`,
    );
  }
}

/**
 * The caller asked for a complete answer (`complete: true`) but it hinges on facts not given:
 * `errors` names each one (JSON pointer into the facts) and the rules it would settle.
 */
export class MissingFactsError extends EngineError {
  constructor(
    readonly decision: string,
    readonly errors: FactError[],
    decisionTitle = decision,
  ) {
    super(
      'MISSING_FACTS',
      `A complete answer for ${decision} needs facts that were not given: ${errors.map((e) => e.path.slice(1)).join(', ')}`,
      `「${decisionTitle}」要求完整答复，但还缺少：${errors.map((e) => e.messageZh).join('；')}`,
    );
  }
}
