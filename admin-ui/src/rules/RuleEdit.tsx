import { EditGuard } from '../common/LoadGuard';
import { useLoadErrorOptions } from '../common/loadErrors';
/**
 * Rule editor: title, group, priority, citations, note; the conditions in the visual builder
 * (react-querybuilder) and the outcomes as small forms — or everything in JSON mode (CodeMirror),
 * validated against the rule schema before it can be saved.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import {
  Edit, Create, SimpleForm, TextInput, NumberInput, SelectInput, AutocompleteArrayInput, Toolbar, SaveButton, DeleteButton,
  useInput, useTranslate, useRecordContext, useGetList, useLocaleState, required, regex, useNotify,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { Alert, Box, FormControlLabel, Switch, ToggleButton, ToggleButtonGroup, Typography, Paper } from '@mui/material';
import CodeMirror, { Decoration, EditorView, WidgetType, type Extension } from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { chainOf, useCurrentPack } from '../common/currentPack';
import { useClauses } from '../common/ClauseText';
import { decisionList, decisionTitle, factsOf } from '../common/schemaCatalog';
import { errorMessage } from '../providers/http';
import type { ParameterRecord } from '../parameters/parameterValidation';
import { ConditionBuilder, type ParameterOption } from './ConditionBuilder';
import { conditionToRuleGroup, ruleGroupToCondition, type Condition, type ConditionGroup, type FactTypes } from './conditionMapping';
import { OutcomeEditor } from './OutcomeEditor';
import type { AnyOutcome } from '../common/outcomeText';
import { firstJsonProblem, type JsonProblem } from './jsonProblem';
import type { RuleRecord } from './RuleList';
import { groupChoices, useGroups } from './groups';
import { NEW_GROUP, RULE_ID, generatedRuleId, withNewGroup } from './ruleIds';

const DEFAULT_GROUP = 'main';

const JsonState = createContext<{ invalid: boolean; setInvalid: (v: boolean) => void }>({ invalid: false, setInvalid: () => {} });

function useParameterOptions(packId: string | undefined): ParameterOption[] {
  const { data } = useGetList<ParameterRecord>('parameters', { filter: { packId }, pagination: { page: 1, perPage: 500 } }, { enabled: !!packId });
  return useMemo(() => (data ?? []).map((p) => ({ id: p.parameterId, label: p.label, unit: p.unit, value: p.value })), [data]);
}

const ConditionsInput = ({ decision, parameters }: { decision: string; parameters: ParameterOption[] }) => {
  const translate = useTranslate();
  const { field } = useInput({ source: 'conditions', defaultValue: { all: [] } });
  const [query, setQuery] = useState<ConditionGroup>(() => conditionToRuleGroup((field.value as Condition) ?? { all: [] }));
  const [problem, setProblem] = useState<string | null>(null);
  const types: FactTypes = useMemo(() => Object.fromEntries([...factsOf(decision).values()].map((f) => [f.name, f.type])), [decision]);
  const last = useRef<unknown>(field.value);
  // the JSON mode may replace the conditions: rebuild the query then
  useEffect(() => {
    if (field.value !== last.current) {
      last.current = field.value;
      setQuery(conditionToRuleGroup((field.value as Condition) ?? { all: [] }));
    }
  }, [field.value]);
  return (
    <Box sx={{ width: '100%' }} data-testid="condition-builder">
      <Typography variant="subtitle1" sx={{ mb: 1 }}>{translate('rules.conditions')}</Typography>
      <ConditionBuilder
        decision={decision}
        query={query}
        parameters={parameters}
        onChange={(q) => {
          setQuery(q);
          try {
            const condition = ruleGroupToCondition(q, types);
            last.current = condition;
            field.onChange(condition);
            setProblem(null);
          } catch (error) {
            setProblem((error as Error).message);
          }
        }}
      />
      {problem && <Alert severity="warning">{problem}</Alert>}
    </Box>
  );
};

const OutcomesInput = ({ parameters }: { parameters: ParameterOption[] }) => {
  const translate = useTranslate();
  const { field } = useInput({ source: 'outcomes', defaultValue: [] });
  return (
    <Box sx={{ width: '100%', mt: 2 }}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>{translate('rules.outcomes')}</Typography>
      <OutcomeEditor value={(field.value as AnyOutcome[] | undefined) ?? []} onChange={field.onChange} parameters={parameters} />
    </Box>
  );
};

/** A group chosen by its Chinese name, or a new one named in Chinese (its id is generated on save). */
const GroupInput = ({ packIds, decision }: { packIds: string[]; decision?: string }) => {
  const translate = useTranslate();
  const groups = useGroups(packIds);
  const group = useWatch({ name: 'group' }) as string | undefined;
  const declared = groupChoices(groups, decision);
  const choices = [
    ...(declared.length ? declared : [{ id: DEFAULT_GROUP, name: translate('director.ruleGroup.main') }]),
    { id: NEW_GROUP, name: translate('director.ruleGroup.newGroup') },
  ];
  return (
    <>
      <SelectInput source="group" label={translate('rules.group')} choices={choices} emptyText="—" sx={{ minWidth: 260 }} data-testid="rule-group" />
      {group === NEW_GROUP && (
        <TextInput source="newGroupLabel" label={translate('director.ruleGroup.newGroupLabel')} helperText={translate('director.ruleGroup.newGroupHelp')}
          validate={required()} sx={{ minWidth: 260 }} slotProps={{ htmlInput: { 'data-testid': 'new-group-label' } }} />
      )}
    </>
  );
};

/** Group ids a decision already has along the chain, for a new group's generated id. */
function useTakenGroups(packIds: string[]): (decision: string) => string[] {
  const groups = useGroups(packIds);
  return (decision) => [...groups.values()].filter((g) => g.decision === decision).map((g) => g.id);
}

const RULE_FIELDS = ['title', 'group', 'priority', 'citations', 'note', 'conditions', 'outcomes'] as const;

function ruleFromForm(values: Record<string, unknown>): Record<string, unknown> {
  const rule: Record<string, unknown> = { id: values.ruleId };
  for (const key of RULE_FIELDS) if (values[key] !== undefined && values[key] !== null && values[key] !== '') rule[key] = values[key];
  return rule;
}

/** The problem's sentence under its line in the editor. */
class ProblemWidget extends WidgetType {
  constructor(readonly text: string) { super(); }
  eq(other: ProblemWidget) { return other.text === this.text; }
  toDOM() {
    const div = document.createElement('div');
    div.className = 'cm-json-problem';
    div.setAttribute('role', 'alert');
    div.textContent = this.text;
    return div;
  }
}

const problemTheme = EditorView.baseTheme({
  '.cm-json-problem-line': { backgroundColor: 'rgba(211, 47, 47, 0.12)' },
  '.cm-json-problem': { color: '#b71c1c', fontFamily: 'inherit', padding: '2px 8px', borderLeft: '3px solid #d32f2f', backgroundColor: 'rgba(211, 47, 47, 0.06)' },
});

function problemMarks(text: string, problem: JsonProblem | undefined, message: string): Extension[] {
  if (!problem) return [];
  const lines = text.split('\n');
  const start = lines.slice(0, problem.line - 1).reduce((n, l) => n + l.length + 1, 0);
  const end = start + (lines[problem.line - 1]?.length ?? 0);
  return [EditorView.decorations.of(Decoration.set([
    Decoration.line({ class: 'cm-json-problem-line' }).range(start),
    Decoration.widget({ widget: new ProblemWidget(message), block: true, side: 1 }).range(end),
  ]))];
}

const JsonMode = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { getValues, setValue } = useFormContext();
  const { setInvalid } = useContext(JsonState);
  const [text, setText] = useState(() => JSON.stringify(ruleFromForm(getValues()), null, 2));
  const problem = useMemo(() => firstJsonProblem(text, locale === 'en' ? 'en' : 'zh'), [text, locale]);
  const sentence = problem ? translate('director.forms.jsonAt', { line: problem.line, message: problem.message }) : '';
  // long lines wrap: the editor never makes the page wider than the screen
  const extensions = useMemo(() => [json(), EditorView.lineWrapping, problemTheme, ...problemMarks(text, problem, sentence)], [text, problem, sentence]);
  return (
    <Box sx={{ width: '100%', minWidth: 0, maxWidth: '100%' }} data-testid="json-mode">
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        <CodeMirror
          value={text}
          height="460px"
          extensions={extensions}
          onChange={(next) => {
            setText(next);
            const found = firstJsonProblem(next, locale === 'en' ? 'en' : 'zh');
            setInvalid(!!found);
            if (!found) {
              const rule = JSON.parse(next);
              setValue('ruleId', rule.id, { shouldDirty: true });
              for (const key of RULE_FIELDS) setValue(key, rule[key] ?? null, { shouldDirty: true });
            }
          }}
        />
      </Paper>
      {problem && (
        <Alert severity="error" sx={{ mt: 1, overflowWrap: 'anywhere' }} data-testid="json-problems">
          {translate(problem.kind === 'syntax' ? 'rules.jsonSyntax' : 'rules.jsonInvalid')}：{sentence}
        </Alert>
      )}
    </Box>
  );
};

const RuleFields = ({ creating }: { creating?: boolean }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const record = useRecordContext<RuleRecord>();
  const { packId: currentPack, packs } = useCurrentPack();
  const packId = record?.packId ?? currentPack;
  const decision = useWatch({ name: 'decision' }) as string | undefined;
  const parameters = useParameterOptions(packId);
  const clauses = useClauses(chainOf(packs, packId));
  const [mode, setMode] = useState<'visual' | 'json'>('visual');
  // ids are generated on save; only the advanced view shows (and lets one change) them
  const [advanced, setAdvanced] = useState(false);
  const { setInvalid } = useContext(JsonState);
  if (record?.disabled) return <Alert severity="info">{translate('rules.disabled')}</Alert>;
  return (
    <Box sx={{ width: '100%' }}>
      <ToggleButtonGroup size="small" exclusive value={mode} sx={{ mb: 2 }}
        onChange={(_, m) => { if (m) { setMode(m); setInvalid(false); } }}>
        <ToggleButton value="visual">{translate('rules.visual')}</ToggleButton>
        <ToggleButton value="json">{translate('rules.json')}</ToggleButton>
      </ToggleButtonGroup>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        {(advanced || mode === 'json') && (
          <TextInput source="ruleId" label={translate('rules.ruleId')} helperText={creating ? translate('rules.ruleIdGenerated') : undefined}
            validate={[...(creating ? [] : [required()]), regex(RULE_ID, translate('rules.ruleIdPattern'))]} sx={{ minWidth: 280 }} />
        )}
        <SelectInput source="decision" label={translate('app.decision')} disabled={!creating} validate={required()}
          choices={decisionList.map((d) => ({ id: d.id, name: decisionTitle(d.id, locale) }))} />
        <FormControlLabel control={<Switch checked={advanced} onChange={(e) => setAdvanced(e.target.checked)} data-testid="rule-advanced" />} label={translate('rules.advanced')} />
      </Box>
      {mode === 'json' ? (
        <JsonMode />
      ) : (
        <>
          <TextInput source="title" label={translate('rules.ruleTitle')} validate={required()} fullWidth />
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <GroupInput packIds={chainOf(packs, packId)} decision={decision} />
            <NumberInput source="priority" label={translate('rules.priority')} min={1} step={1} />
          </Box>
          <AutocompleteArrayInput source="citations" label={translate('rules.citations')} fullWidth
            choices={[...clauses.values()].map((c) => ({ id: c.clauseId, name: `${c.clauseId} ${c.summary ?? c.article}` }))} />
          <TextInput source="note" label={translate('rules.note')} multiline fullWidth />
          {decision ? (
            <>
              <ConditionsInput decision={decision} parameters={parameters} />
              <OutcomesInput parameters={parameters} />
            </>
          ) : null}
        </>
      )}
    </Box>
  );
};

const RuleToolbar = () => {
  const { invalid } = useContext(JsonState);
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton disabled={invalid} />
      <DeleteButton mutationMode="pessimistic" />
    </Toolbar>
  );
};

function useSaveErrors() {
  const notify = useNotify();
  return {
    onError: (error: unknown) => notify(errorMessage(error), { type: 'error', multiLine: true, autoHideDuration: 10000 }),
  };
}

export const RuleEdit = () => {
  const loadOptions = useLoadErrorOptions('rules');
  const [invalid, setInvalid] = useState(false);
  const mutationOptions = useSaveErrors();
  const { packId, packs } = useCurrentPack();
  const takenGroups = useTakenGroups(chainOf(packs, packId));
  return (
    <JsonState.Provider value={{ invalid, setInvalid }}>
      <Edit mutationMode="pessimistic" redirect="list" mutationOptions={mutationOptions} queryOptions={loadOptions}
        transform={(data: Record<string, unknown>) => withNewGroup(data, takenGroups(String(data.decision)))}>
        <EditGuard>
          <SimpleForm toolbar={<RuleToolbar />}>
            <RuleFields />
          </SimpleForm>
        </EditGuard>
      </Edit>
    </JsonState.Provider>
  );
};

export const RuleCreate = () => {
  const [invalid, setInvalid] = useState(false);
  const { packId, packs } = useCurrentPack();
  const mutationOptions = useSaveErrors();
  const { data: chainRules } = useGetList<{ id: string; ruleId: string }>('rules', { filter: { packId: chainOf(packs, packId) }, pagination: { page: 1, perPage: 1000 } }, { enabled: !!packId });
  const takenIds = (chainRules ?? []).map((r) => r.ruleId);
  const takenGroups = useTakenGroups(chainOf(packs, packId));
  return (
    <JsonState.Provider value={{ invalid, setInvalid }}>
      <Create redirect="list" mutationOptions={mutationOptions} transform={(data: Record<string, unknown>) => {
        const rule = withNewGroup(data, takenGroups(String(data.decision)));
        return {
          ...rule, packId,
          ruleId: typeof rule.ruleId === 'string' && rule.ruleId.trim() ? rule.ruleId.trim() : generatedRuleId(String(rule.decision), rule.group as string | undefined, takenIds),
        };
      }}>
        <SimpleForm toolbar={<Toolbar><SaveButton disabled={invalid} /></Toolbar>}
          defaultValues={{ decision: 'leaveApproval', citations: [], conditions: { all: [] }, outcomes: [] }}>
          <RuleFields creating />
        </SimpleForm>
      </Create>
    </JsonState.Provider>
  );
};
