/**
 * The visual condition builder: react-querybuilder with MUI controls. Fields are the decision's
 * facts (Chinese titles and units); numeric facts may be compared with a literal or with a
 * parameter of the pack (value source "field", which here lists parameters, not facts).
 */
import { useMemo } from 'react';
import { QueryBuilder, type Field, type FullOperator, type ValueEditorProps, type RuleGroupType } from 'react-querybuilder';
import { QueryBuilderMaterial, MaterialValueEditor } from '@react-querybuilder/material';
import 'react-querybuilder/dist/query-builder.css';
import './conditionBuilder.css';
import { MenuItem, TextField } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { factsOf, type FactInfo } from '../common/schemaCatalog';
import { OPERATOR_LABELS, OPERATOR_TO_QB, type ConditionGroup, type Operator } from './conditionMapping';

export interface ParameterOption {
  id: string;
  label: string;
  unit?: string;
  value?: unknown;
}

const OPERATORS_BY_TYPE: Record<string, Operator[]> = {
  number: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'],
  integer: ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'],
  enum: ['equal', 'notEqual', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  string: ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain'],
  array: ['contains', 'doesNotContain'],
};

function operatorsFor(type: string, locale: 'zh' | 'en'): FullOperator[] {
  return (OPERATORS_BY_TYPE[type] ?? OPERATORS_BY_TYPE.string).map((op) => ({ name: OPERATOR_TO_QB[op], value: OPERATOR_TO_QB[op], label: OPERATOR_LABELS[locale][op] }));
}

export function builderFields(decision: string, locale: 'zh' | 'en'): Field[] {
  return [...factsOf(decision).values()].map((fact: FactInfo) => {
    const numeric = fact.type === 'number' || fact.type === 'integer';
    const labels = locale === 'en' ? fact.labelsEn ?? fact.labels : fact.labels;
    const base: Field = {
      name: fact.name,
      value: fact.name,
      label: `${fact.title}${fact.unit && fact.unit !== '比例' ? `（${fact.unit}）` : ''}`,
      operators: operatorsFor(fact.type, locale),
      valueSources: numeric
        ? [{ name: 'value', value: 'value', label: locale === 'en' ? 'value' : '数值' }, { name: 'field', value: 'field', label: locale === 'en' ? 'parameter' : '参数' }]
        : [{ name: 'value', value: 'value', label: locale === 'en' ? 'value' : '数值' }],
      defaultOperator: numeric ? '>=' : '=',
    };
    if (fact.type === 'enum') {
      return {
        ...base,
        valueEditorType: (op: string) => (op === 'in' || op === 'notIn' ? 'multiselect' : 'select'),
        values: (fact.options ?? []).map((v) => ({ name: v, value: v, label: labels?.[v] ?? v })),
        defaultValue: fact.options?.[0],
      };
    }
    if (fact.type === 'boolean') {
      return {
        ...base,
        valueEditorType: 'select',
        values: [{ name: 'true', value: 'true', label: locale === 'en' ? 'yes' : '是' }, { name: 'false', value: 'false', label: locale === 'en' ? 'no' : '否' }],
        defaultValue: true,
      };
    }
    return { ...base, inputType: numeric ? 'number' : 'text' };
  });
}

/** Value editor: a parameter picker for the "field" value source, MUI editors otherwise. */
function makeValueEditor(parameters: ParameterOption[], paramLabel: string) {
  return function ValueEditor(props: ValueEditorProps) {
    if (props.valueSource === 'field') {
      return (
        <TextField
          select
          size="small"
          variant="standard"
          label={paramLabel}
          value={props.value ?? ''}
          onChange={(e) => props.handleOnChange(e.target.value)}
          sx={{ minWidth: 260 }}
          className={props.className}
        >
          {parameters.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.label}
              {p.value !== undefined ? `（${String(p.value)}${p.unit ?? ''}）` : ''}
            </MenuItem>
          ))}
          {props.value && !parameters.some((p) => p.id === props.value) && <MenuItem value={props.value}>{props.value}</MenuItem>}
        </TextField>
      );
    }
    // booleans are stored as true/false; the select works on 'true'/'false'
    const value = typeof props.value === 'boolean' ? String(props.value) : props.value;
    return <MaterialValueEditor {...props} value={value} />;
  };
}

export const ConditionBuilder = ({
  decision, query, onChange, parameters,
}: { decision: string; query: ConditionGroup; onChange: (q: ConditionGroup) => void; parameters: ParameterOption[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const loc = locale === 'en' ? 'en' : 'zh';
  const fields = useMemo(() => builderFields(decision, loc), [decision, loc]);
  const ValueEditor = useMemo(() => makeValueEditor(parameters, translate('rules.parameterRef')), [parameters, translate]);
  const zh = loc === 'zh';
  return (
    <QueryBuilderMaterial>
      <QueryBuilder
        fields={fields}
        query={query as RuleGroupType}
        onQueryChange={(q) => onChange(q as ConditionGroup)}
        combinators={[
          { name: 'and', value: 'and', label: zh ? '全部满足（且）' : 'all (and)' },
          { name: 'or', value: 'or', label: zh ? '满足其一（或）' : 'any (or)' },
        ]}
        showNotToggle
        listsAsArrays
        controlElements={{ valueEditor: ValueEditor }}
        controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
        getValueSources={(field) => {
          const numeric = fields.find((f) => f.name === field)?.inputType === 'number';
          const value = { name: 'value' as const, value: 'value' as const, label: zh ? '数值' : 'value' };
          const param = { name: 'field' as const, value: 'field' as const, label: zh ? '参数' : 'parameter' };
          return numeric ? [value, param] : [value];
        }}
        translations={{
          addRule: { label: zh ? '+ 条件' : '+ Condition', title: zh ? '添加条件' : 'Add condition' },
          addGroup: { label: zh ? '+ 条件组' : '+ Group', title: zh ? '添加条件组' : 'Add group' },
          removeRule: { label: '×', title: zh ? '删除条件' : 'Remove condition' },
          removeGroup: { label: '×', title: zh ? '删除条件组' : 'Remove group' },
          notToggle: { label: zh ? '取反（并非）' : 'Not', title: zh ? '条件组取反' : 'Invert group' },
          fields: { title: zh ? '事实' : 'Fact', placeholderLabel: zh ? '请选择事实' : 'Choose a fact', placeholderGroupLabel: '' },
          operators: { title: zh ? '比较' : 'Operator', placeholderLabel: '—', placeholderGroupLabel: '' },
          value: { title: zh ? '值' : 'Value' },
          valueSourceSelector: { title: zh ? '值来源' : 'Value source' },
        }}
      />
    </QueryBuilderMaterial>
  );
};
