// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import validator from '@rjsf/validator-ajv8';
import { factFormSchema, factFormUiSchema, cleanFacts } from '../../admin-ui/src/tryit/factForm';
import { decisionList, dereferencedFactSchema } from '../../admin-ui/src/common/schemaCatalog';

describe('fact schema → rjsf form', () => {
  it('turns enum facts with x-labels into oneOf const/title (Chinese)', () => {
    const schema = factFormSchema('leaveApproval') as any;
    expect(schema.properties.leaveType.enum).toBeUndefined();
    expect(schema.properties.leaveType.oneOf).toContainEqual({ const: 'personal', title: '事假' });
    expect(schema.properties.applicantRole.oneOf).toContainEqual({ const: 'ordinary', title: '一般干部' });
    expect(schema.properties.leaveType['x-labels']).toBeUndefined();
  });

  it('uses English labels when asked', () => {
    const schema = factFormSchema('leaveApproval', 'en') as any;
    expect(schema.properties.leaveType.oneOf).toContainEqual({ const: 'personal', title: 'personal leave' });
  });

  it('puts units in titles and keeps ranges and required facts', () => {
    const schema = factFormSchema('leaveApproval') as any;
    expect(schema.properties.days.title).toBe('请假天数（天）');
    expect(schema.properties.days.maximum).toBe(366);
    expect(schema.required).toEqual(expect.arrayContaining(['applicantRole', 'leaveType', 'days']));
  });

  it('answers yes/no questions with 是/否, starting at 否', () => {
    const schema = factFormSchema('leaveApproval') as any;
    expect(schema.properties.keyTaskPeriod).toMatchObject({ type: 'boolean', default: false });
    expect(schema.properties.keyTaskPeriod.oneOf).toEqual([
      { const: true, title: '是' },
      { const: false, title: '否' },
    ]);
  });

  it('orders required facts first and uses radios for short choices', () => {
    const ui = factFormUiSchema('leaveApproval') as any;
    expect(ui['ui:order'].slice(0, 3)).toEqual(['applicantRole', 'leaveType', 'days']);
    expect(ui.applicantRole['ui:widget']).toBe('radio');
    expect(ui.leaveType).toBeUndefined(); // ten kinds of leave: a select
  });

  it.each(decisionList.map((d) => [d.id]))('builds a form schema rjsf can validate for %s', (decision) => {
    const schema = factFormSchema(decision);
    // every enum of the fact schema became a oneOf with one entry per code
    const source = dereferencedFactSchema(decision);
    for (const [name, prop] of Object.entries<any>(source.properties)) {
      if (prop.enum) expect((schema.properties as any)[name].oneOf).toHaveLength(prop.enum.length);
    }
    expect(validator.isValid(schema, {}, schema)).toBeTypeOf('boolean');
  });

  it('validates facts like the engine: a wrong enum or a missing required fact is an error', () => {
    const schema = factFormSchema('leaveApproval');
    const ok = validator.validateFormData({ applicantRole: 'ordinary', leaveType: 'personal', days: 3 }, schema);
    expect(ok.errors).toHaveLength(0);
    const bad = validator.validateFormData({ applicantRole: 'nobody', days: 3 }, schema);
    expect(bad.errors.length).toBeGreaterThan(0);
  });

  it('drops empty values before evaluating', () => {
    expect(cleanFacts({ days: 2, note: '', x: undefined, y: null, keyTaskPeriod: false })).toEqual({
      days: 2,
      keyTaskPeriod: false,
    });
  });
});
