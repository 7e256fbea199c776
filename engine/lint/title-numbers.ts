/**
 * Titles that state a threshold as a bare number: 「一般干部请假1天以内」 on a rule whose
 * parameter is 1 day keeps saying 1 after a director sets it to 2. Such a number should be the
 * placeholder `{parameter.id}`, which renders with the value of each version.
 */
import { parseNumeral } from '../drafting/numerals.js';
import { titlePlaceholders } from '../explain/title.js';
import { isLeaf, isParamRef, type Condition } from '../model.js';
import type { ResolvedPack, ResolvedRule } from '../pack/resolved.js';
import { decisions } from '../schema/registry.js';
import { formatNumber } from './describe.js';
import { finding, type LintFinding } from './findings.js';

/**
 * A number as a title writes it: Arabic (「30」「3千」「2.5万」) anywhere, Chinese (「一天」「十五次」
 * 「半天」) only before a unit, so that 「一般」「统一」 are not numbers. Clock times are skipped.
 */
const UNITS = '天|日|次|分钟|小时|元|年|月|周|户|人|名|倍|平方米|[%％]';
const NUMBER_IN_TITLE = new RegExp(
  `\\d{1,2}[:：]\\d{2}|(?:(\\d+(?:\\.\\d+)?[千万]?)|([零〇一二两三四五六七八九十百千万半]+)(?=个?(?:${UNITS})))个?(${UNITS})?`,
  'g',
);

/** Does a number written with this unit (if any) state a value of a parameter in `unit`? */
function sameUnit(written: string | undefined, unit: string | undefined): boolean {
  if (!written) return true;
  if (unit === '比例') return /[%％]/.test(written);
  const days = (u?: string) => (u === '日' ? '天' : u);
  return days(written) === days(unit);
}

/** The parameters a rule uses: in its conditions, its outcomes, and the derived facts it tests. */
function parametersOfRule(rule: ResolvedRule): Set<string> {
  const used = new Set<string>();
  const tested = new Set<string>();
  const walk = (condition: Condition) => {
    if (isLeaf(condition)) {
      tested.add(condition.fact);
      if (isParamRef(condition.value)) used.add(condition.value.param);
    } else if ('all' in condition) condition.all.forEach(walk);
    else if ('any' in condition) condition.any.forEach(walk);
    else walk(condition.not);
  };
  walk(rule.conditions);
  for (const outcome of rule.outcomes)
    for (const value of Object.values(outcome)) if (isParamRef(value)) used.add(value.param);
  for (const derived of [...(decisions.get(rule.decision)?.derivedFacts ?? [])].reverse()) {
    if (!tested.has(derived.id)) continue;
    for (const operand of derived.of) {
      if (isParamRef(operand)) used.add(operand.param);
      else if (typeof operand === 'string') tested.add(operand);
    }
  }
  return used;
}

/** The numbers a title states outside its placeholders, as written and as values. */
export function numbersInTitle(title: string): { written: string; value: number; unit?: string }[] {
  const bare = title.replace(/\{[^}]*\}/g, ' ');
  const found: { written: string; value: number; unit?: string }[] = [];
  for (const match of bare.matchAll(NUMBER_IN_TITLE)) {
    const written = match[1] ?? match[2];
    if (!written) continue; // a clock time
    const value = parseNumeral(written);
    if (value !== undefined)
      found.push({ written: written + (match[3] ?? ''), value, ...(match[3] ? { unit: match[3] } : {}) });
  }
  return found;
}

export function titleNumbers(pack: ResolvedPack): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const decision of pack.decisions.values()) {
    for (const rule of decision.rules) {
      const placed = new Set(titlePlaceholders(rule.title));
      const numbers = numbersInTitle(rule.title);
      if (numbers.length === 0) continue;
      for (const id of parametersOfRule(rule)) {
        const parameter = pack.parameters.get(id);
        if (!parameter || typeof parameter.value !== 'number' || placed.has(id)) continue;
        const value = parameter.value;
        const unit = parameter.definition.unit;
        // a share (0.7) is written as a percentage (70%)
        const stated = numbers.find(
          (n) =>
            sameUnit(n.unit, unit) &&
            (unit === '比例' ? n.value === Number(formatNumber(value * 100)) : n.value === value),
        );
        if (!stated) continue;
        findings.push(
          finding(
            'warning',
            'TITLE_NUMBER',
            rule.origin,
            {
              en: `rule ${rule.id}: the title states ${stated.written}, the value of parameter ${id} it uses; write {${id}} so that the title follows the parameter`,
              zh: `规则「${rule.title}」的标题写着「${stated.written}」，与它使用的参数「${parameter.definition.label}」的值相同；参数修改后标题不会跟着变，请写成「{${id}}」`,
            },
            { pointer: '/title', ruleIds: [rule.id] },
          ),
        );
      }
    }
  }
  return findings;
}
