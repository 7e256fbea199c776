/**
 * 试算: a form generated from the decision's fact schema (rjsf), evaluated by the API against the
 * draft, the version in force on the day of the event, or any version; the result in plain Chinese
 * with the reasoning and the cited clauses' original text. A trial can be saved as a test case.
 *
 * Phone first: the facts this pack's rules read come first (the rest under 更多), the 试算 button
 * stays at the bottom of the screen, and the answer is scrolled into view.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Title, useTranslate, useLocaleState, useNotify, useGetList, useCreate } from 'react-admin';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
  Divider,
} from '@mui/material';
import Form from '@rjsf/mui';
import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import CalculateIcon from '@mui/icons-material/Calculate';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import SaveIcon from '@mui/icons-material/SaveAlt';
import { apiCall, errorMessage, fieldErrors } from '../providers/http';
import { PackSelector, chainOf, useCanEditPack, useCurrentPack, useCurrentPackId } from '../common/currentPack';
import { decisionList, decisionTitle, decisions } from '../common/schemaCatalog';
import { outcomeText, sortOutcomes, type AnyOutcome } from '../common/outcomeText';
import { caseNameOf, toAuthoredOutcome } from '../common/packWords';
import { cleanFacts, factFormSchema, factFormUiSchema } from '../tryit/factForm';
import { factsRead, splitFields, type PackRule } from '../tryit/factsRead';
import { choiceKey, choiceOf, evaluateTarget, versionName, type VersionChoice } from '../tryit/versionChoice';
import { factFormValidator } from '../validation/factFormValidator';
import { BatchTrial } from '../tryit/BatchTrial';
import { MissingFacts, type UndeterminedEntry } from '../tryit/MissingFacts';
import { NearbyPanel } from '../tryit/NearbyPanel';
import { caseIdFor } from '../../../engine/fixtures/ids.js';
import type { DecisionDefinition } from '../../../engine/model.js';
import { versionSourceText, type VersionInfo } from '../versions/timelineModel';

export interface EvaluationResponse {
  pack: string;
  version?: string;
  decision: string;
  outcomes: AnyOutcome[];
  fired: {
    id: string;
    title: string;
    group: string;
    definedIn: string;
    citations: { id: string; document: string; article: string; text: string }[];
    outcomes: AnyOutcome[];
  }[];
  shadowed: string[];
  undetermined?: UndeterminedEntry[];
  facts: Record<string, unknown>;
  /** in the language asked for (`?lang=`): only that key is present */
  explanation: Partial<Record<'zh' | 'en', { summary: string; lines: string[]; source?: string }>>;
  /** the version that answered: 「依据 第N版，YYYY-MM-DD 起施行」 */
  versionInfo?: VersionInfo;
  asOf?: string;
}

interface VersionRow {
  id: string;
  version: number;
}

/** The facts this pack's rules read for the decision (empty while the rules load: then every field is asked). */
function useFactsRead(packId: string, decision: string): Set<string> | undefined {
  const { packs } = useCurrentPack();
  // the same chain as the same array while the pack list reloads (pack ids hold no '/')
  const chainKey = chainOf(packs, packId).join('/');
  const chain = useMemo(() => (chainKey ? chainKey.split('/') : []), [chainKey]);
  const { data: rules } = useGetList<PackRule & { id: string }>(
    'rules',
    { filter: { packId: chain }, pagination: { page: 1, perPage: 1000 } },
    { enabled: !!packId && chain.length > 0, staleTime: 60_000 },
  );
  return useMemo(() => {
    if (!rules) return undefined;
    const derived = (decisions.get(decision) as DecisionDefinition | undefined)?.derivedFacts ?? [];
    return factsRead(rules, chain, decision, derived);
  }, [rules, chain, decision]);
}

/** The root of the fact form: the facts asked at once, then 更多 (folded) with the others. */
const AskedFirst = (props: ObjectFieldTemplateProps) => {
  const translate = useTranslate();
  const asked = (props.uiSchema?.['ui:asked'] as string[] | undefined) ?? props.properties.map((p) => p.name);
  const shown = props.properties.filter((p) => !p.hidden && asked.includes(p.name));
  const more = props.properties.filter((p) => !p.hidden && !asked.includes(p.name));
  return (
    <Stack spacing={1.5}>
      {shown.map((p) => (
        <Box key={p.name}>{p.content}</Box>
      ))}
      {more.length > 0 && (
        <Accordion disableGutters variant="outlined" data-testid="tryit-more">
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">{translate('phone.tryit.more', { count: more.length })}</Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Stack spacing={1.5}>
              {more.map((p) => (
                <Box key={p.name}>{p.content}</Box>
              ))}
            </Stack>
          </AccordionDetails>
        </Accordion>
      )}
    </Stack>
  );
};

export const TryIt = () => {
  const { packId = '' } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const [, setCurrent] = useCurrentPackId();
  const canTestDraft = useCanEditPack(packId, 'fixtures');
  useEffect(() => {
    if (packId) setCurrent(packId);
  }, [packId, setCurrent]);
  const [decision, setDecision] = useState('leaveApproval');
  // which rules answer: the draft, the version in force on the day of the event (empty day: today), or a numbered version
  const [choice, setChoice] = useState<VersionChoice>({ kind: 'onDay', day: '' });
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [result, setResult] = useState<EvaluationResponse | null>(null);
  const [error, setError] = useState<{ message: string; fields: { path: string; message: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const { data: versions } = useGetList<VersionRow>(
    'versions',
    { filter: { packId }, pagination: { page: 1, perPage: 100 }, sort: { field: 'version', order: 'DESC' } },
    { enabled: !!packId },
  );
  // whoever may test the draft starts on it; the choice resets when that permission arrives or goes
  const [choiceFor, setChoiceFor] = useState<boolean | null>(null);
  if (choiceFor !== canTestDraft) {
    setChoiceFor(canTestDraft);
    setChoice(canTestDraft ? { kind: 'draft' } : { kind: 'onDay', day: '' });
  }
  const answerRef = useRef<HTMLDivElement>(null);
  // on a phone the answer is below the form: bring it into view when it arrives
  useEffect(() => {
    if (result || error) answerRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [result, error]);

  const schema = useMemo(() => factFormSchema(decision, locale), [decision, locale]);
  const read = useFactsRead(packId, decision);
  const uiSchema = useMemo(() => {
    const ui = factFormUiSchema(decision, locale);
    const names = (ui['ui:order'] as string[] | undefined) ?? Object.keys(schema.properties ?? {});
    const asked = read ? splitFields(names, (schema.required as string[]) ?? [], read).asked : names;
    return { ...ui, 'ui:ObjectFieldTemplate': AskedFirst, 'ui:asked': asked };
  }, [decision, locale, schema, read]);
  const validator = useMemo(() => factFormValidator(schema, locale), [schema, locale]);

  const evaluate = async (facts: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { decision, facts: cleanFacts(facts), ...evaluateTarget(choice) };
      setResult(
        await apiCall<EvaluationResponse>(
          `/packs/${encodeURIComponent(packId)}/evaluate?nearby=1&lang=${locale === 'en' ? 'en' : 'zh'}`,
          { body },
        ),
      );
    } catch (e) {
      setResult(null);
      setError({ message: errorMessage(e), fields: fieldErrors(e) });
    } finally {
      setBusy(false);
    }
  };

  // the answer is explained in the language it was asked in (after a locale switch: evaluate again)
  const explanation = result ? (result.explanation[locale === 'en' ? 'en' : 'zh'] ?? null) : null;
  const source =
    explanation?.source ?? (result?.versionInfo ? versionSourceText(result.versionInfo, locale) : undefined);
  const citations = result ? [...new Map(result.fired.flatMap((r) => r.citations).map((c) => [c.id, c])).values()] : [];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('tryit.title')} />
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        sx={{ alignItems: { xs: 'stretch', sm: 'center' }, mb: 2, flexWrap: 'wrap', gap: 1.5 }}
      >
        <PackSelector
          onChange={(id) => {
            window.location.hash = `#/try/${encodeURIComponent(id)}`;
          }}
        />
        <TextField
          select
          size="small"
          label={translate('app.decision')}
          value={decision}
          sx={{ width: { xs: '100%', sm: 220 } }}
          data-testid="decision-select"
          onChange={(e) => {
            setDecision(e.target.value);
            setFormData({});
            setResult(null);
          }}
        >
          {decisionList.map((d) => (
            <MenuItem key={d.id} value={d.id}>
              {decisionTitle(d.id, locale)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={translate('phone.tryit.answeredBy')}
          value={choiceKey(choice)}
          sx={{ width: { xs: '100%', sm: 240 } }}
          data-testid="version-select"
          onChange={(e) => {
            setChoice(choiceOf(e.target.value, choice.kind === 'onDay' ? choice.day : ''));
            setResult(null);
          }}
        >
          {canTestDraft && <MenuItem value="draft">{translate('phone.tryit.draft')}</MenuItem>}
          <MenuItem value="onDay">{translate('phone.tryit.onDay')}</MenuItem>
          {(versions ?? []).map((v) => (
            <MenuItem key={v.id} value={String(v.version)}>
              {translate('phone.tryit.version', { version: v.version })}
            </MenuItem>
          ))}
        </TextField>
        {/* the day exists only for 「事件当日施行的版本」: a version and a different day cannot both be chosen */}
        {choice.kind === 'onDay' && (
          <TextField
            type="date"
            size="small"
            label={translate('phone.tryit.day')}
            value={choice.day}
            sx={{ width: { xs: '100%', sm: 200 } }}
            onChange={(e) => {
              setChoice({ kind: 'onDay', day: e.target.value });
              setResult(null);
            }}
            helperText={translate('phone.tryit.dayHelp')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'as-of' } }}
          />
        )}
      </Stack>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        {/* overflow visible: the sticky 试算 button must stick to the window, not to the card */}
        <Card sx={{ flex: 1, width: '100%', minWidth: 0, overflow: 'visible' }}>
          <CardContent>
            <Form
              key={`${decision}-${locale}`}
              schema={schema}
              uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { norender: true } }}
              validator={validator}
              experimental_defaultFormStateBehavior={{ constAsDefaults: 'skipOneOf' }}
              formData={formData}
              onChange={(e) => setFormData(e.formData ?? {})}
              onSubmit={(e) => evaluate(e.formData ?? {})}
              showErrorList={false}
              noHtml5Validate
            >
              <Box
                sx={{
                  position: 'sticky',
                  bottom: 0,
                  zIndex: 2,
                  bgcolor: 'background.paper',
                  py: 1.5,
                  mt: 1,
                  borderTop: 1,
                  borderColor: 'divider',
                }}
              >
                <Button
                  type="submit"
                  variant="contained"
                  size="large"
                  fullWidth
                  startIcon={<CalculateIcon />}
                  disabled={busy}
                  data-testid="evaluate"
                >
                  {translate('tryit.run')}
                </Button>
              </Box>
            </Form>
          </CardContent>
        </Card>
        <Box sx={{ flex: 1, width: '100%', minWidth: 0, scrollMarginTop: 64 }} ref={answerRef}>
          {error && (
            <Alert severity="error" data-testid="tryit-error">
              {error.message}
              {error.fields.length > 0 && (
                <ul style={{ margin: 0 }}>
                  {error.fields.map((f, i) => (
                    <li key={i}>{f.message}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {result && explanation && (
            <Card data-testid="tryit-result">
              <CardContent>
                <Typography variant="overline">
                  {translate('phone.tryit.result', { version: versionName(result.version, locale) })}
                </Typography>
                {source && (
                  <Typography variant="body2" color="primary" sx={{ mb: 0.5 }} data-testid="tryit-source">
                    {source}
                  </Typography>
                )}
                {result.outcomes.length === 0 ? (
                  <Alert severity="warning">{translate('tryit.noRule')}</Alert>
                ) : (
                  <Box component="ol" sx={{ pl: 2.5, my: 1 }} data-testid="tryit-outcomes">
                    {sortOutcomes(result.outcomes).map((o, i) => (
                      <li key={i}>
                        <Typography variant="h6" component="span" sx={{ fontSize: 17 }}>
                          {outcomeText(o, locale)}
                        </Typography>
                      </li>
                    ))}
                  </Box>
                )}
                <MissingFacts
                  undetermined={result.undetermined}
                  locale={locale}
                  onChoose={(fact, value) => {
                    const next = { ...formData, [fact]: value };
                    setFormData(next);
                    evaluate(next);
                  }}
                />
                <Divider sx={{ my: 1 }} />
                <Typography variant="subtitle2">{translate('tryit.explanation')}</Typography>
                {explanation.lines.map((line, i) => (
                  <Typography key={i} variant="body2" sx={{ mb: 0.5 }}>
                    {line.split('依据：')[0]}
                  </Typography>
                ))}
                {citations.length > 0 && (
                  <>
                    <Typography variant="subtitle2" sx={{ mt: 1 }}>
                      {translate('tryit.basis')}
                    </Typography>
                    {citations.map((c) => (
                      <Box key={c.id} sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 1.5, my: 1 }}>
                        <Typography variant="caption" color="text.secondary">
                          《{c.document}》{c.article}
                        </Typography>
                        <Typography variant="body2">“{c.text}”</Typography>
                      </Box>
                    ))}
                  </>
                )}
                {canTestDraft && (
                  <Button
                    startIcon={<SaveIcon />}
                    variant="outlined"
                    sx={{ mt: 1 }}
                    onClick={() => setSaveOpen(true)}
                    data-testid="save-as-fixture"
                  >
                    {translate('tryit.saveAsFixture')}
                  </Button>
                )}
              </CardContent>
            </Card>
          )}
          {result && (
            /* panels about this answer (facts still missing, nearby cases) go here, right under it */
            <Stack spacing={2} sx={{ mt: 2 }} data-testid="tryit-answer-panels">
              <NearbyPanel
                result={result}
                onTry={(fact, to) => {
                  const next = { ...formData, [fact]: to };
                  setFormData(next);
                  void evaluate(next);
                }}
              />
            </Stack>
          )}
        </Box>
      </Stack>
      {packId && <BatchTrial packId={packId} canTestDraft={canTestDraft} versions={versions ?? []} />}
      {result && saveOpen && (
        <SaveFixtureDialog
          packId={packId}
          result={result}
          onClose={() => setSaveOpen(false)}
          onSaved={() => {
            setSaveOpen(false);
            notify('fixtures.created', { type: 'success' });
          }}
        />
      )}
    </Box>
  );
};

const SaveFixtureDialog = ({
  packId,
  result,
  onClose,
  onSaved,
}: {
  packId: string;
  result: EvaluationResponse;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [create, { isPending }] = useCreate();
  const [error, setError] = useState<string | null>(null);
  const inputFacts = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(result.facts).filter(([k]) => k in (factFormSchema(result.decision).properties ?? {})),
      ),
    [result],
  );
  const [name, setName] = useState(() => caseNameOf(result.decision, inputFacts, result.outcomes).slice(0, 80));
  // the id is generated from the decision and the facts, unique among the pack's cases; typed only in the advanced view
  const { data: existing } = useGetList<{ id: string; caseId: string }>(
    'fixtures',
    { filter: { packId }, pagination: { page: 1, perPage: 1000 } },
    { enabled: !!packId },
  );
  const generatedId = useMemo(
    () =>
      caseIdFor(
        result.decision,
        inputFacts,
        (existing ?? []).map((f) => f.caseId),
      ),
    [existing, result, inputFacts],
  );
  const [typedId, setTypedId] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const caseId = typedId ?? generatedId;
  const save = () =>
    create(
      'fixtures',
      {
        data: {
          packId,
          caseId,
          decision: result.decision,
          name,
          facts: inputFacts,
          expect: { outcomes: result.outcomes.map(toAuthoredOutcome) },
        },
      },
      {
        onSuccess: onSaved,
        onError: (e: unknown) => setError(errorMessage(e)),
      },
    );
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('tryit.saveAsFixture')}</DialogTitle>
      <DialogContent>
        <TextField
          label={translate('tryit.fixtureName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          fullWidth
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { 'data-testid': 'fixture-name' } }}
        />
        <FormControlLabel
          sx={{ mt: 1 }}
          control={
            <Switch
              size="small"
              checked={advanced}
              onChange={(e) => setAdvanced(e.target.checked)}
              data-testid="fixture-advanced"
            />
          }
          label={translate('rules.advanced')}
        />
        {advanced && (
          <TextField
            label={translate('tryit.fixtureId')}
            value={caseId}
            onChange={(e) => setTypedId(e.target.value)}
            fullWidth
            sx={{ mt: 1 }}
            slotProps={{ htmlInput: { 'data-testid': 'fixture-id' } }}
          />
        )}
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {translate('fixtures.expect')}
        </Typography>
        {sortOutcomes(result.outcomes).map((o, i) => (
          <Typography key={i} variant="body2">
            · {outcomeText(o, locale)}
          </Typography>
        ))}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          onClick={save}
          disabled={isPending || !name || !caseId}
          data-testid="confirm-save-fixture"
        >
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
