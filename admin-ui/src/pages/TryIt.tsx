/**
 * 试算: a form generated from the decision's fact schema (rjsf), evaluated by the API against the
 * draft, the version in force or any version; the result in plain Chinese with the reasoning
 * and the cited clauses' original text. A trial can be saved as a test case.
 */
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Title, useTranslate, useLocaleState, useNotify, useGetList, useCreate } from 'react-admin';
import {
  Alert, Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography, Divider,
} from '@mui/material';
import Form from '@rjsf/mui';
import CalculateIcon from '@mui/icons-material/Calculate';
import SaveIcon from '@mui/icons-material/SaveAlt';
import { apiCall, apiMessage, fieldErrors, type ApiErrorBody } from '../providers/http';
import { PackSelector, useCanEditPack, useCurrentPackId } from '../common/currentPack';
import { decisionList, decisionTitle } from '../common/schemaCatalog';
import { outcomeText, sortOutcomes, type AnyOutcome } from '../common/outcomeText';
import { caseNameOf, toAuthoredOutcome } from '../common/packWords';
import { cleanFacts, factFormSchema, factFormUiSchema } from '../tryit/factForm';
import { factFormValidator } from '../validation/factFormValidator';
import { BatchTrial } from '../tryit/BatchTrial';
import { MissingFacts, type UndeterminedEntry } from '../tryit/MissingFacts';
import { NearbyPanel } from '../tryit/NearbyPanel';
import { caseIdFor } from '../../../engine/fixtures/ids.js';
import { versionSourceText, type VersionInfo } from '../versions/timelineModel';

export interface EvaluationResponse {
  pack: string;
  version?: string;
  decision: string;
  outcomes: AnyOutcome[];
  fired: { id: string; title: string; group: string; definedIn: string; citations: { id: string; document: string; article: string; text: string }[]; outcomes: AnyOutcome[] }[];
  shadowed: string[];
  undetermined?: UndeterminedEntry[];
  facts: Record<string, unknown>;
  /** in the language asked for (`?lang=`): only that key is present */
  explanation: Partial<Record<'zh' | 'en', { summary: string; lines: string[]; source?: string }>>;
  /** the version that answered: 「依据 第N版，YYYY-MM-DD 起施行」 */
  versionInfo?: VersionInfo;
  asOf?: string;
}

interface VersionRow { id: string; version: number }

export const TryIt = () => {
  const { packId = '' } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const [, setCurrent] = useCurrentPackId();
  const canTestDraft = useCanEditPack(packId, 'fixtures');
  useEffect(() => { if (packId) setCurrent(packId); }, [packId, setCurrent]);
  const [decision, setDecision] = useState('leaveApproval');
  const [target, setTarget] = useState<string>('inForce');
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  // 事件日期: the day of the event; the version in force that day answers (empty: now)
  const [asOf, setAsOf] = useState('');
  const [result, setResult] = useState<EvaluationResponse | null>(null);
  const [error, setError] = useState<{ message: string; fields: { path: string; message: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const { data: versions } = useGetList<VersionRow>('versions', { filter: { packId }, pagination: { page: 1, perPage: 100 }, sort: { field: 'version', order: 'DESC' } }, { enabled: !!packId });
  useEffect(() => { setTarget(canTestDraft ? 'draft' : 'inForce'); }, [canTestDraft]);

  const schema = useMemo(() => factFormSchema(decision, locale), [decision, locale]);
  const uiSchema = useMemo(() => factFormUiSchema(decision, locale), [decision, locale]);
  const validator = useMemo(() => factFormValidator(schema, locale), [schema, locale]);

  const evaluate = async (facts: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { decision, facts: cleanFacts(facts) };
      if (target !== 'inForce') body.version = target === 'draft' ? 'draft' : Number(target);
      else if (asOf) body.asOf = asOf;
      setResult(await apiCall<EvaluationResponse>(`/packs/${encodeURIComponent(packId)}/evaluate?nearby=1&lang=${locale === 'en' ? 'en' : 'zh'}`, { body }));
    } catch (e: any) {
      setResult(null);
      setError({ message: apiMessage(e?.body as ApiErrorBody, e?.message), fields: fieldErrors(e) });
    } finally {
      setBusy(false);
    }
  };

  // the answer is explained in the language it was asked in (after a locale switch: evaluate again)
  const explanation = result ? (result.explanation[locale === 'en' ? 'en' : 'zh'] ?? null) : null;
  const source = explanation?.source ?? (result?.versionInfo ? versionSourceText(result.versionInfo, locale) : undefined);
  const citations = result ? [...new Map(result.fired.flatMap((r) => r.citations).map((c) => [c.id, c])).values()] : [];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('tryit.title')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <PackSelector onChange={(id) => { window.location.hash = `#/try/${encodeURIComponent(id)}`; }} />
        <TextField select size="small" fullWidth={false} label={translate('app.decision')} value={decision} sx={{ width: 220 }} data-testid="decision-select"
          onChange={(e) => { setDecision(e.target.value); setFormData({}); setResult(null); }}>
          {decisionList.map((d) => <MenuItem key={d.id} value={d.id}>{decisionTitle(d.id, locale)}</MenuItem>)}
        </TextField>
        <TextField select size="small" fullWidth={false} label={translate('tryit.version')} value={target} sx={{ width: 220 }} data-testid="version-select"
          onChange={(e) => { setTarget(e.target.value); setResult(null); if (e.target.value !== 'inForce') setAsOf(''); }}>
          {canTestDraft && <MenuItem value="draft">{translate('tryit.draftVersion')}</MenuItem>}
          <MenuItem value="inForce">{translate('tryit.publishedVersion')}</MenuItem>
          {(versions ?? []).map((v) => <MenuItem key={v.id} value={String(v.version)}>{translate('versions.version')} {v.version}</MenuItem>)}
        </TextField>
        <TextField type="date" size="small" fullWidth={false} label={translate('adoption.tryit.asOf')} value={asOf} sx={{ width: 200 }}
          onChange={(e) => { setAsOf(e.target.value); setResult(null); if (e.target.value) setTarget('inForce'); }}
          title={translate(target === 'inForce' ? 'adoption.tryit.asOfHelp' : 'adoption.tryit.asOfOnlyInForce')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'as-of' } }} />
      </Stack>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Card sx={{ flex: 1, minWidth: 360, width: '100%' }}>
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
              <Button type="submit" variant="contained" startIcon={<CalculateIcon />} disabled={busy} sx={{ mt: 2 }} data-testid="evaluate">
                {translate('tryit.run')}
              </Button>
            </Form>
          </CardContent>
        </Card>
        <Box sx={{ flex: 1, width: '100%' }}>
          {error && (
            <Alert severity="error" data-testid="tryit-error">
              {error.message}
              {error.fields.length > 0 && <ul style={{ margin: 0 }}>{error.fields.map((f, i) => <li key={i}>{f.message}</li>)}</ul>}
            </Alert>
          )}
          {result && explanation && (
            <Card data-testid="tryit-result">
              <CardContent>
                <Typography variant="overline">{translate('tryit.result')}（{result.version ? `${translate('versions.version')} ${result.version}` : translate('tryit.draftVersion')}）</Typography>
                {source && <Typography variant="body2" color="primary" sx={{ mb: 0.5 }} data-testid="tryit-source">{source}</Typography>}
                {result.outcomes.length === 0 ? (
                  <Alert severity="warning">{translate('tryit.noRule')}</Alert>
                ) : (
                  <Box component="ol" sx={{ pl: 2.5, my: 1 }} data-testid="tryit-outcomes">
                    {sortOutcomes(result.outcomes).map((o, i) => (
                      <li key={i}><Typography variant="h6" component="span" sx={{ fontSize: 17 }}>{outcomeText(o, locale)}</Typography></li>
                    ))}
                  </Box>
                )}
                <MissingFacts undetermined={result.undetermined} locale={locale} onChoose={(fact, value) => { const next = { ...formData, [fact]: value }; setFormData(next); evaluate(next); }} />
                <Divider sx={{ my: 1 }} />
                <Typography variant="subtitle2">{translate('tryit.explanation')}</Typography>
                {explanation.lines.map((line, i) => <Typography key={i} variant="body2" sx={{ mb: 0.5 }}>{line.split('依据：')[0]}</Typography>)}
                {citations.length > 0 && (
                  <>
                    <Typography variant="subtitle2" sx={{ mt: 1 }}>{translate('tryit.basis')}</Typography>
                    {citations.map((c) => (
                      <Box key={c.id} sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 1.5, my: 1 }}>
                        <Typography variant="caption" color="text.secondary">{c.id}《{c.document}》{c.article}</Typography>
                        <Typography variant="body2">“{c.text}”</Typography>
                      </Box>
                    ))}
                  </>
                )}
                {canTestDraft && (
                  <Button startIcon={<SaveIcon />} variant="outlined" sx={{ mt: 1 }} onClick={() => setSaveOpen(true)} data-testid="save-as-fixture">
                    {translate('tryit.saveAsFixture')}
                  </Button>
                )}
              </CardContent>
            </Card>
          )}
          {result && <NearbyPanel result={result} onTry={(fact, to) => { const next = { ...formData, [fact]: to }; setFormData(next); void evaluate(next); }} />}
        </Box>
      </Stack>
      {packId && <BatchTrial packId={packId} canTestDraft={canTestDraft} versions={versions ?? []} />}
      {result && saveOpen && (
        <SaveFixtureDialog packId={packId} result={result} onClose={() => setSaveOpen(false)} onSaved={() => { setSaveOpen(false); notify('fixtures.created', { type: 'success' }); }} />
      )}
    </Box>
  );
};

const SaveFixtureDialog = ({ packId, result, onClose, onSaved }: { packId: string; result: EvaluationResponse; onClose: () => void; onSaved: () => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [create, { isPending }] = useCreate();
  const [error, setError] = useState<string | null>(null);
  const inputFacts = Object.fromEntries(Object.entries(result.facts).filter(([k]) => k in (factFormSchema(result.decision).properties ?? {})));
  const [name, setName] = useState(() => caseNameOf(result.decision, inputFacts, result.outcomes).slice(0, 80));
  // the id is generated from the decision and the facts, unique among the pack's cases; typed only in the advanced view
  const { data: existing } = useGetList<{ id: string; caseId: string }>('fixtures', { filter: { packId }, pagination: { page: 1, perPage: 1000 } }, { enabled: !!packId });
  const generatedId = useMemo(() => caseIdFor(result.decision, inputFacts, (existing ?? []).map((f) => f.caseId)), [existing, result]);
  const [typedId, setTypedId] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const caseId = typedId ?? generatedId;
  const save = () =>
    create('fixtures', { data: { packId, caseId, decision: result.decision, name, facts: inputFacts, expect: { outcomes: result.outcomes.map(toAuthoredOutcome) } } }, {
      onSuccess: onSaved,
      onError: (e: any) => setError(apiMessage(e?.body as ApiErrorBody, e?.message)),
    });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('tryit.saveAsFixture')}</DialogTitle>
      <DialogContent>
        <TextField label={translate('tryit.fixtureName')} value={name} onChange={(e) => setName(e.target.value)} fullWidth sx={{ mt: 1 }} slotProps={{ htmlInput: { 'data-testid': 'fixture-name' } }} />
        <FormControlLabel sx={{ mt: 1 }} control={<Switch size="small" checked={advanced} onChange={(e) => setAdvanced(e.target.checked)} data-testid="fixture-advanced" />} label={translate('rules.advanced')} />
        {advanced && (
          <TextField label={translate('tryit.fixtureId')} value={caseId} onChange={(e) => setTypedId(e.target.value)} fullWidth sx={{ mt: 1 }} slotProps={{ htmlInput: { 'data-testid': 'fixture-id' } }} />
        )}
        <Typography variant="subtitle2" sx={{ mt: 2 }}>{translate('fixtures.expect')}</Typography>
        {sortOutcomes(result.outcomes).map((o, i) => <Typography key={i} variant="body2">· {outcomeText(o, locale)}</Typography>)}
        {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={save} disabled={isPending || !name || !caseId} data-testid="confirm-save-fixture">{translate('ra.action.save')}</Button>
      </DialogActions>
    </Dialog>
  );
};
