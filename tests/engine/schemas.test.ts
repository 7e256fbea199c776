/** Each JSON Schema accepts what the shipped packs contain and refuses typical mistakes, naming where. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMAS_DIR, folderSource, validateFacts, validateFile, validateOutcome } from '../../engine/index.js';
import { basePack, clone } from '../helpers/packs.js';

describe('schemas', () => {
  it('every schema has an $id, a title and a description', () => {
    const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'));
    files.push(...readdirSync(join(SCHEMAS_DIR, 'facts')).map((f) => join('facts', f)));
    expect(files.length).toBeGreaterThan(12);
    for (const file of files) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8'));
      expect(schema.$id, file).toMatch(/^https:\/\/township-rules\.local\/schemas\//);
      expect(schema.title, file).toBeTruthy();
      expect(schema.description, file).toBeTruthy();
    }
  });

  it('every fact of every decision has a Chinese title', () => {
    for (const file of readdirSync(join(SCHEMAS_DIR, 'facts'))) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'facts', file), 'utf8'));
      for (const [name, prop] of Object.entries<any>(schema.properties))
        expect(prop.title, `${file} ${name}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts every file of every shipped pack', () => {
    const source = folderSource();
    for (const id of source.ids) {
      const bundle = source.get(id)!;
      expect(validateFile('pack', bundle.pack)).toEqual([]);
      expect(validateFile('sources', bundle.sources)).toEqual([]);
      expect(validateFile('parameters', bundle.parameters)).toEqual([]);
      for (const rules of Object.values(bundle.rules)) expect(validateFile('rules', rules)).toEqual([]);
      for (const fixtures of Object.values(bundle.fixtures)) expect(validateFile('fixtures', fixtures)).toEqual([]);
    }
  });

  it('pack.json: refuses an id with capitals and a missing owner, naming both', () => {
    const errors = validateFile('pack', { id: 'Town', name: '镇', version: '1.0.0' });
    expect(errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/id', '']));
    expect(errors.some((e) => e.message.includes("'owner'"))).toBe(true);
  });

  it('sources.json: refuses a clause without its original text', () => {
    const errors = validateFile('sources', { clauses: [{ id: 'LV-1', document: 'd', article: 'a' }] });
    expect(errors).toEqual([
      expect.objectContaining({ pointer: '/clauses/0', message: "must have required property 'text'" }),
    ]);
  });

  it('parameters.json: refuses an unknown type and a unit outside the list', () => {
    const errors = validateFile('parameters', {
      parameters: [{ id: 'leave.x', type: 'float', label: 'x', value: 1, source: 'A-1', unit: 'weeks' }],
    });
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/parameters/0/type', '/parameters/0/unit']);
  });

  it('rules: an unknown operator is reported at the operator, not as oneOf noise', () => {
    const rules = clone(basePack().rules['rules/leave.json']);
    (rules.rules[0] as any).conditions.all[0].operator = 'biggerThan';
    const errors = validateFile('rules', rules);
    expect(errors).toHaveLength(1);
    expect(errors[0].pointer).toBe('/rules/0/conditions/all/0/operator');
    expect(errors[0].messageZh).toContain('lessThanInclusive');
  });

  it('rules: a rule without a title and with an ill-formed role code reports both', () => {
    const rules = clone(basePack().rules['rules/leave.json']) as any;
    delete rules.rules[0].title;
    rules.rules[1].outcomes[0].roles = ['镇长'];
    const errors = validateFile('rules', rules);
    expect(errors.map((e) => e.pointer)).toEqual(['/rules/0', '/rules/1/outcomes/0/roles/0']);
    expect(errors[0].message).toBe("must have required property 'title'");
    expect(errors[1].keyword).toBe('pattern');
    // a well-formed but unknown role ('mayor') is the pack check's UNKNOWN_VOCABULARY_CODE (pack-vocabulary.test.ts)
  });

  it('rules: a disable stub is accepted, a stub with extra fields is not', () => {
    expect(
      validateFile('rules', { decision: 'leaveApproval', rules: [{ id: 'leave.short', disabled: true }] }),
    ).toEqual([]);
    expect(
      validateFile('rules', { decision: 'leaveApproval', rules: [{ id: 'leave.short', disabled: false }] }),
    ).not.toEqual([]);
  });

  it('fixtures: a case must expect outcomes or an error, not both', () => {
    const base = { decision: 'leaveApproval', cases: [{ id: 'a', name: '用例', facts: {}, expect: {} }] };
    expect(validateFile('fixtures', base)).not.toEqual([]);
    base.cases[0].expect = { outcomes: [], error: 'FACTS_INVALID' } as any;
    expect(validateFile('fixtures', base)).not.toEqual([]);
    base.cases[0].expect = { error: 'FACTS_INVALID' } as any;
    expect(validateFile('fixtures', base)).toEqual([]);
  });

  it('outcome: each type requires its own fields', () => {
    expect(validateOutcome({ type: 'approval', step: 1, roles: ['townshipHead'] })).toEqual([]);
    expect(validateOutcome({ type: 'approval', roles: ['townshipHead'] })[0].message).toContain("'step'");
    expect(
      validateOutcome({ type: 'deadline', action: 'phoneReport', minutes: { param: 'duty.phoneMinutes' } }),
    ).toEqual([]);
    expect(validateOutcome({ type: 'payDeduction', item: 'salary', share: 1, period: 'month' })[0].pointer).toBe(
      '/item',
    );
    expect(validateOutcome({ type: 'teleport' })[0].pointer).toBe('/type');
  });

  it('facts: each decision refuses wrong types, unknown fields and missing required facts with paths and Chinese labels', () => {
    const errors = validateFacts('leaveApproval', { applicantRole: 'ordinary', days: '3', colour: 'red' });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['', '/days']);
    expect(byPath['/days'].messageZh).toContain('请假天数');
    expect(errors.some((e) => e.message.includes('leaveType'))).toBe(true);
    expect(errors.some((e) => e.message.includes('colour'))).toBe(true);
    expect(validateFacts('meetingVote', { dueToAttend: 9, present: 6, yesVotes: 5 })).toEqual([]);
    expect(validateFacts('expenseApproval', { kind: 'spending', amount: -1 })[0].path).toBe('/amount');
  });
});
