/**
 * The compiled explanation (engine/explain/rule-text.ts, compiled-condition.ts) says exactly what
 * rendering the condition trace says: on every fixture of every shipped pack, with each optional
 * fact left out and numbers moved across thresholds, in Chinese and English, the compiled path's
 * lines and traces equal `renderFiredRule` over `traceFromFacts` and the json-rules-engine path's
 * explanation; hand-written conditions cover empty groups, `not` and `any` with several true parts.
 */
import { describe, expect, it } from 'vitest';
import {
  bundleSource,
  buildPack,
  dereferencedFactSchema,
  evaluate,
  evaluateSync,
  explain,
  folderSource,
  loadPack,
  type CompiledPack,
  type Condition,
  type Evaluation,
  type Locale,
  type RuleDefinition,
  type TopCondition,
} from '../../engine/index.js';
import { renderFiredRule } from '../../engine/explain/render.js';
import { traceFromFacts } from '../../engine/explain/trace.js';
import { basePack, clone } from '../helpers/packs.js';

const LOCALES: Locale[] = ['zh', 'en'];

/** Each fired rule's line as the trace renders it, the trace built the way it always was. */
function renderedFromTrace(pack: CompiledPack, evaluation: Evaluation, locale: Locale): string[] {
  const decision = pack.decisions.get(evaluation.decision)!;
  return evaluation.fired.map((fired) => {
    const rule = decision.rules.get(fired.id)!;
    const trace = traceFromFacts(rule.conditions, evaluation.facts, rule.parameterAt);
    return renderFiredRule({ ...fired, trace } as typeof fired, evaluation.decision, locale);
  });
}

async function expectSameExplanation(
  pack: CompiledPack,
  decision: string,
  facts: Record<string, unknown>,
  what: string,
) {
  let fast: Evaluation;
  try {
    fast = evaluateSync(pack, decision, facts, { trusted: true })!;
  } catch {
    return; // errors are the differential test's business
  }
  const reference = await evaluate(pack, decision, facts, { trusted: true });
  const rules = pack.decisions.get(decision)!.rules;
  for (const fired of fast.fired) {
    const rule = rules.get(fired.id)!;
    expect(fired.trace, `${what}: trace of ${fired.id}`).toEqual(
      traceFromFacts(rule.conditions, fast.facts, rule.parameterAt),
    );
  }
  for (const locale of LOCALES) {
    const compiled = explain(fast, locale);
    expect(compiled.lines, `${what} (${locale})`).toEqual(renderedFromTrace(pack, fast, locale));
    expect(compiled, `${what} (${locale}) vs json-rules-engine`).toEqual(explain(reference, locale));
  }
}

/** The fixture, then each optional fact left out, then each number one below and one above. */
function variants(facts: Record<string, unknown>, decision: string): Record<string, unknown>[] {
  const required = new Set<string>(dereferencedFactSchema(decision).required ?? []);
  const out = [facts];
  for (const [name, value] of Object.entries(facts)) {
    if (!required.has(name)) {
      const { [name]: _left, ...rest } = facts;
      out.push(rest);
    }
    if (typeof value === 'number')
      out.push({ ...facts, [name]: value + 1 }, { ...facts, [name]: Math.max(0, value - 1) });
  }
  return out;
}

describe('compiled explanation', () => {
  const source = folderSource();
  const packs = source.ids.map((id) => buildPack(id, source).compiled!).filter(Boolean);

  it('says what the rendered trace says, on every fixture of every shipped pack and its variants', async () => {
    let compared = 0;
    for (const pack of packs) {
      for (const fixture of pack.resolved.fixtures) {
        if (fixture.expect.error) continue;
        for (const facts of variants(fixture.facts, fixture.decision)) {
          await expectSameExplanation(pack, fixture.decision, facts, `${pack.id} ${fixture.name}`);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('reads only the deciding branches of empty groups, `not` and `any` with several true parts', async () => {
    const days = (operator: string, value: number) => ({ fact: 'days', operator, value }) as Condition;
    const rule = (id: string, conditions: TopCondition): RuleDefinition => ({
      id,
      title: `规则 ${id}`,
      group: 'all',
      citations: ['LV-T-A'],
      conditions,
      outcomes: [{ type: 'requirement', code: id, text: id }],
    });
    const rules = [
      rule('anyEmptyOrFalse', { any: [{ all: [] }, days('greaterThan', 100)] }),
      rule('anyTwoTrue', { any: [days('greaterThan', 1), days('lessThan', 10), days('greaterThan', 50)] }),
      rule('notOfAnyFalse', {
        not: { any: [days('greaterThan', 50), { fact: 'leaveType', operator: 'equal', value: 'sick' }] },
      }),
      rule('nested', {
        all: [
          { any: [{ not: days('lessThan', 2) }, { all: [] }] },
          { fact: 'leaveType', operator: 'in', value: ['personal', 'annual'] },
        ],
      }),
      rule('onlyEmpty', { all: [{ any: [] }, { all: [] }] }),
    ];
    const bundle = clone(basePack());
    bundle.rules['rules/leave.json'] = { decision: 'leaveApproval', groups: { all: { hitPolicy: 'collect' } }, rules };
    bundle.fixtures = {};
    const pack = loadPack('test-base', bundleSource({ 'test-base': bundle }));
    const facts = { applicantRole: 'ordinary', leaveType: 'personal', days: 6 };
    const fast = evaluateSync(pack, 'leaveApproval', facts)!;
    expect(fast.fired.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    await expectSameExplanation(pack, 'leaveApproval', facts, 'hand-written');
    const { lines } = explain(fast, 'zh');
    expect(lines[0]).toMatch(/^【规则 anyEmptyOrFalse】请假天数 6 天 > 100 天 → /);
    expect(lines[1]).toMatch(/^【规则 anyTwoTrue】（请假天数 6 天 > 1 天 或 请假天数 6 天 < 10 天） → /);
    expect(lines[4]).toMatch(/^【规则 onlyEmpty】无条件 → /);
  });
});
