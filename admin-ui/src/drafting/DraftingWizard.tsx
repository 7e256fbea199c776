/**
 * 从制度文件创建规则包: upload a regulation (.docx/.txt/.md) or paste it, choose township, base
 * pack and pack id → POST /api/drafting/extract; read it clause by clause with every number
 * highlighted and tied to the parameter it proposes; accept, edit or reject each parameter; see
 * the ladders with their overlaps and gaps and the review list; then POST /api/packs/import.
 */
import { useMemo, useState } from 'react';
import { Title, useGetList, useNotify, useTranslate, useLocaleState } from 'react-admin';
import { Link } from 'react-router-dom';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Step,
  StepLabel,
  Stepper,
  TextField,
  Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/Upload';
import type { Issue } from '../../../engine/issues.js';
import { API_URL, apiCall, apiMessage, callError, httpClient, type ApiErrorBody } from '../providers/http';
import { usePacks } from '../common/currentPack';
import { usePackName } from '../common/packNames';
import {
  PACK_ID,
  bundleToImport,
  choiceProblems,
  counts,
  decidingWord,
  initialChoices,
  linkQuantities,
  segmentsOf,
  type DraftParameter,
  type DraftQuantity,
  type DraftReply,
  type ParameterChoice,
  type ParameterLink,
  type TownshipChoice,
} from './draftModel';

interface Refusal {
  message: string;
  details: string[];
}

export function refusalOf(e: unknown): Refusal {
  const error = callError(e);
  const body = error.body as (ApiErrorBody & { issues?: Issue[] }) | undefined;
  const details = [
    ...(body?.errors ?? []).map((x) =>
      `${x.file ? `${x.file} ` : ''}${x.path ?? ''} ${x.messageZh ?? x.message}`.trim(),
    ),
    ...(body?.issues ?? [])
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.file ? `${i.file} ` : ''}${i.pointer ?? ''} ${i.messageZh ?? i.message}`.trim()),
  ];
  return { message: apiMessage(body, error.message ?? 'error'), details: [...new Set(details)].slice(0, 20) };
}

/** Whether a pack id is taken (readable or not: 403 means another township's pack). */
export async function packExists(id: string): Promise<boolean> {
  try {
    await apiCall(`/packs/${encodeURIComponent(id)}`);
    return true;
  } catch (e) {
    if (callError(e).status === 404) return false;
    if (callError(e).status === 403) return true;
    throw e;
  }
}

const STATUS_COLOR = { pending: 'warning', accepted: 'success', rejected: 'default' } as const;

const ParameterCard = ({
  parameter,
  quantity,
  link,
  choice,
  selected,
  onChange,
}: {
  parameter: DraftParameter;
  quantity?: DraftQuantity;
  link?: ParameterLink;
  choice: ParameterChoice;
  selected: boolean;
  onChange: (c: ParameterChoice) => void;
}) => {
  const translate = useTranslate();
  const [editing, setEditing] = useState(false);
  const problems = choiceProblems(parameter, choice);
  const word = quantity && link ? decidingWord(quantity, link.role) : undefined;
  return (
    <Box
      id={`draft-param-${parameter.id}`}
      data-testid={`draft-param-${parameter.id}`}
      sx={{
        border: 1,
        borderColor: selected ? 'primary.main' : 'divider',
        borderWidth: selected ? 2 : 1,
        borderRadius: 1,
        p: 1,
        mb: 1,
        opacity: choice.status === 'rejected' ? 0.55 : 1,
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip
          size="small"
          color={STATUS_COLOR[choice.status]}
          label={translate(`drafting.${choice.status}`)}
          data-testid="param-status"
        />
        <Typography variant="body2" sx={{ fontWeight: 600, flex: 1 }}>
          {choice.label}
        </Typography>
        <Typography variant="body2" sx={{ fontWeight: 600, mr: 1 }} data-testid="param-proposed">
          {choice.value} {parameter.unit ?? ''}
        </Typography>
        {choice.status !== 'accepted' && (
          <Button
            size="small"
            variant="outlined"
            color="success"
            disabled={problems.length > 0}
            data-testid="param-accept"
            onClick={() => {
              setEditing(false);
              onChange({ ...choice, status: 'accepted' });
            }}
          >
            {translate('drafting.accept')}
          </Button>
        )}
        <Button size="small" variant="outlined" data-testid="param-edit" onClick={() => setEditing(!editing)}>
          {translate(editing ? 'drafting.done' : 'drafting.edit')}
        </Button>
        {choice.status !== 'rejected' && (
          <Button
            size="small"
            variant="outlined"
            color="error"
            data-testid="param-reject"
            onClick={() => {
              setEditing(false);
              onChange({ ...choice, status: 'rejected' });
            }}
          >
            {translate('drafting.reject')}
          </Button>
        )}
        {choice.status !== 'pending' && (
          <Button size="small" data-testid="param-undo" onClick={() => onChange({ ...choice, status: 'pending' })}>
            {translate('drafting.undo')}
          </Button>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('drafting.reading')}：{quantity ? `${quantity.reading}，${quantity.readingZh}` : parameter.help}
        {' · '}
        {translate('drafting.word')}：{word ? `「${word}」` : translate('drafting.noWord')}
        {' · '}
        {translate('drafting.min')} {choice.min || '—'}，{translate('drafting.max')} {choice.max || '—'}
      </Typography>
      {editing && (
        <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
          <TextField
            size="small"
            label={translate('drafting.label')}
            value={choice.label}
            onChange={(e) => onChange({ ...choice, label: e.target.value })}
            sx={{ minWidth: 320, flex: 1 }}
            slotProps={{ htmlInput: { 'data-testid': 'edit-label' } }}
          />
          <TextField
            size="small"
            label={`${translate('drafting.value')}（${parameter.unit ?? ''}）`}
            value={choice.value}
            onChange={(e) => onChange({ ...choice, value: e.target.value })}
            sx={{ width: 120 }}
            slotProps={{ htmlInput: { 'data-testid': 'edit-value' } }}
          />
          <TextField
            size="small"
            label={translate('drafting.min')}
            value={choice.min}
            onChange={(e) => onChange({ ...choice, min: e.target.value })}
            sx={{ width: 100 }}
            slotProps={{ htmlInput: { 'data-testid': 'edit-min' } }}
          />
          <TextField
            size="small"
            label={translate('drafting.max')}
            value={choice.max}
            onChange={(e) => onChange({ ...choice, max: e.target.value })}
            sx={{ width: 100 }}
            slotProps={{ htmlInput: { 'data-testid': 'edit-max' } }}
          />
        </Stack>
      )}
      {problems.length > 0 && (
        <Alert severity="error" sx={{ mt: 1, py: 0 }} data-testid="param-problems">
          {problems.map((p) => translate(p.key, p.args)).join('；')}
        </Alert>
      )}
    </Box>
  );
};

/** Step 2: the clauses with numbers highlighted, their parameters, the ladders and the review list. */
export const DraftReview = ({
  reply,
  choices,
  setChoice,
  onAcceptAll,
}: {
  reply: DraftReply;
  choices: Record<string, ParameterChoice>;
  setChoice: (id: string, c: ParameterChoice) => void;
  onAcceptAll: () => void;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [selected, setSelected] = useState<string | null>(null);
  const links = useMemo(() => linkQuantities(reply), [reply]);
  const parameterById = useMemo(() => new Map(reply.bundle.parameters.parameters.map((p) => [p.id, p])), [reply]);
  const quantitiesOf = useMemo(() => {
    const map = new Map<string, DraftQuantity[]>();
    for (const q of reply.quantities) map.set(q.clauseId, [...(map.get(q.clauseId) ?? []), q]);
    return map;
  }, [reply]);
  // parameters no quantity could be tied to (should not happen) are listed too, so none is hidden
  const unlinked = useMemo(() => {
    const linked = new Set([...links.values()].flat().map((l) => l.parameterId));
    return reply.bundle.parameters.parameters.filter((p) => !linked.has(p.id));
  }, [links, reply]);
  const c = counts(choices);
  const select = (quantityId: string) => {
    const first = links.get(quantityId)?.[0];
    setSelected(quantityId);
    if (first)
      document
        .getElementById(`draft-param-${first.parameterId}`)
        ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const colorOf = (q: DraftQuantity) => {
    const ls = links.get(q.id) ?? [];
    if (ls.length === 0) return 'grey.300';
    const statuses = ls.map((l) => choices[l.parameterId]?.status);
    if (statuses.every((s) => s === 'accepted')) return 'success.light';
    if (statuses.every((s) => s === 'rejected')) return 'grey.300';
    return 'warning.light';
  };
  const msg = (x: { message: string; messageZh: string }) => (locale === 'en' ? x.message : x.messageZh);
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography data-testid="draft-summary">
          {translate('drafting.summary', {
            title: reply.document.title,
            clauses: reply.clauses.length,
            quantities: reply.quantities.length,
            parameters: reply.bundle.parameters.parameters.length,
          })}
        </Typography>
        <Chip
          label={translate('drafting.counts', c)}
          data-testid="draft-counts"
          color={c.pending ? 'warning' : 'success'}
          variant="outlined"
        />
        <Button
          variant="contained"
          color="success"
          size="small"
          disabled={c.pending === 0}
          onClick={onAcceptAll}
          data-testid="accept-all"
        >
          {translate('drafting.acceptAll')}
        </Button>
      </Stack>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 3, width: '100%' }}>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('drafting.clauses')}
          </Typography>
          {reply.clauses
            .filter((cl) => quantitiesOf.has(cl.id))
            .map((clause) => {
              const qs = quantitiesOf.get(clause.id) ?? [];
              const params = qs.flatMap((q) =>
                (links.get(q.id) ?? []).map((l) => ({ q, l, p: parameterById.get(l.parameterId)! })),
              );
              return (
                <Card
                  key={clause.id}
                  variant="outlined"
                  sx={{ mb: 1.5 }}
                  data-testid={`draft-clause-${clause.sourceId}`}
                >
                  <CardContent sx={{ pb: '12px !important' }}>
                    <Typography variant="caption" color="text.secondary">
                      {clause.sourceId} · {clause.article}
                      {clause.heading ? ` · ${clause.heading}` : ''}
                    </Typography>
                    <Typography variant="body2" sx={{ lineHeight: 2, mb: 1 }} component="div">
                      {segmentsOf(clause.original, qs).map((s, i) => {
                        if (!s.quantityId) return <span key={i}>{s.text}</span>;
                        const q = qs.find((x) => x.id === s.quantityId)!;
                        const ls = links.get(q.id) ?? [];
                        return (
                          <Box
                            key={i}
                            component="mark"
                            data-testid={`quantity-${q.id}`}
                            onClick={() => select(q.id)}
                            title={
                              ls.length
                                ? ls.map((l) => choices[l.parameterId]?.label).join('；')
                                : translate('drafting.noParameter')
                            }
                            sx={{
                              bgcolor: colorOf(q),
                              px: 0.3,
                              borderRadius: 0.5,
                              cursor: 'pointer',
                              outline: selected === q.id ? '2px solid' : 'none',
                              outlineColor: 'primary.main',
                            }}
                          >
                            {s.text}
                          </Box>
                        );
                      })}
                    </Typography>
                    {params.map(({ q, l, p }) => (
                      <ParameterCard
                        key={p.id}
                        parameter={p}
                        quantity={q}
                        link={l}
                        choice={choices[p.id]}
                        selected={selected === q.id}
                        onChange={(next) => setChoice(p.id, next)}
                      />
                    ))}
                  </CardContent>
                </Card>
              );
            })}
          {unlinked.length > 0 && (
            <Card variant="outlined" sx={{ mb: 1.5 }} data-testid="draft-unlinked">
              <CardContent sx={{ pb: '12px !important' }}>
                <Typography variant="caption" color="text.secondary">
                  {translate('drafting.otherParameters')}
                </Typography>
                {unlinked.map((p) => (
                  <ParameterCard
                    key={p.id}
                    parameter={p}
                    choice={choices[p.id]}
                    selected={false}
                    onChange={(next) => setChoice(p.id, next)}
                  />
                ))}
              </CardContent>
            </Card>
          )}
        </Box>
        <Box
          sx={{
            flex: 2,
            width: '100%',
            position: { lg: 'sticky' },
            top: 80,
            maxHeight: { lg: 'calc(100vh - 100px)' },
            overflowY: { lg: 'auto' },
          }}
        >
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('drafting.ladders')}
          </Typography>
          {reply.ladders.length === 0 && <Typography variant="body2">{translate('drafting.noLadders')}</Typography>}
          {reply.ladders.map((ladder) => (
            <Card key={ladder.id} variant="outlined" sx={{ mb: 1 }} data-testid={`ladder-${ladder.id}`}>
              <CardContent sx={{ pb: '12px !important' }}>
                <Typography variant="subtitle2">
                  {ladder.subject || ladder.unit}（{ladder.article}）
                </Typography>
                {ladder.tiers.map((t) => (
                  <Typography
                    key={t.quantityId}
                    variant="body2"
                    sx={{ cursor: 'pointer' }}
                    onClick={() => select(t.quantityId)}
                  >
                    · {t.text}
                    {t.consequence ? ` → ${t.consequence}` : ''}
                  </Typography>
                ))}
                {ladder.findings.length === 0 ? (
                  <Typography variant="caption" color="success.main">
                    {translate('drafting.ladderOk')}
                  </Typography>
                ) : (
                  ladder.findings.map((f, i) => (
                    <Alert
                      key={i}
                      severity={f.kind === 'overlap' ? 'error' : 'warning'}
                      sx={{ mt: 0.5, py: 0 }}
                      data-testid="ladder-finding"
                    >
                      {msg(f)}
                    </Alert>
                  ))
                )}
              </CardContent>
            </Card>
          ))}
          <Typography variant="h6" sx={{ mt: 2, mb: 1 }}>
            {translate('drafting.review')}
          </Typography>
          {reply.review.items.length === 0 && <Typography variant="body2">{translate('drafting.noReview')}</Typography>}
          <Box data-testid="review-list">
            {reply.review.items.map((item, i) => (
              <Typography
                key={i}
                variant="body2"
                component="div"
                sx={{ mb: 0.5, cursor: item.clause ? 'pointer' : undefined }}
                onClick={() =>
                  item.clause &&
                  document
                    .querySelector(`[data-testid="draft-clause-${item.clause}"]`)
                    ?.scrollIntoView({ behavior: 'smooth', block: 'start' })
                }
              >
                <Chip
                  size="small"
                  label={translate(`drafting.kinds.${item.kind}`, { _: item.kind })}
                  sx={{ mr: 0.5 }}
                />
                {item.clause ? `${item.clause} ` : ''}
                {msg(item)}
              </Typography>
            ))}
          </Box>
        </Box>
      </Stack>
    </Box>
  );
};

export const DraftingWizard = () => {
  const translate = useTranslate();
  const packName = usePackName();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { packs } = usePacks();
  const { data: townships } = useGetList<TownshipChoice>('townships', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  });
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [chosenTownshipId, setTownshipId] = useState('');
  const [base, setBase] = useState('base');
  const [packId, setPackId] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  const [reply, setReply] = useState<DraftReply | null>(null);
  const [choices, setChoices] = useState<Record<string, ParameterChoice>>({});
  const [created, setCreated] = useState<string | null>(null);
  // a director reads only their own township: take it
  // a user who sees one township has nothing to choose
  const townshipId = chosenTownshipId || (townships?.length === 1 ? townships[0].id : '');
  const township = townships?.find((t) => t.id === townshipId);
  const c = counts(choices);

  const extract = async () => {
    setError(null);
    if (!file && !text.trim()) return setError({ message: translate('drafting.needInput'), details: [] });
    if (!township) return setError({ message: translate('drafting.needTownship'), details: [] });
    if (packId && !PACK_ID.test(packId)) return setError({ message: translate('drafting.badPackId'), details: [] });
    setBusy(true);
    try {
      let result: DraftReply;
      if (file) {
        const query = new URLSearchParams({
          township: township.name,
          extends: base,
          name: file.name,
          ...(packId ? { packId } : {}),
        });
        const { json } = await httpClient(`${API_URL}/drafting/extract?${query}`, {
          method: 'POST',
          body: await file.arrayBuffer(),
          headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/octet-stream' }),
        });
        result = json as DraftReply;
      } else {
        result = await apiCall<DraftReply>('/drafting/extract', {
          body: { text, township: township.name, extends: base, ...(packId ? { packId } : {}) },
        });
      }
      setReply(result);
      setChoices(initialChoices(result.bundle.parameters.parameters));
      if (!packId) setPackId(result.bundle.pack.id);
      if (!name) setName(result.bundle.pack.name);
      setStep(1);
    } catch (e) {
      setError(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!reply || !township) return;
    setError(null);
    setBusy(true);
    try {
      if (!PACK_ID.test(packId)) {
        setError({ message: translate('drafting.badPackId'), details: [] });
        return;
      }
      const bundle = bundleToImport(reply, choices, township, { id: packId, name });
      // importing onto an existing pack would replace its draft: this wizard only creates packs
      if (await packExists(bundle.pack.id)) {
        setError({ message: translate('drafting.exists', { id: bundle.pack.id }), details: [] });
        return;
      }
      const result = await apiCall<{ created: boolean; pack: { id: string } }>('/packs/import', { body: { bundle } });
      // the proposed rule groups are stored with the draft: the review list survives leaving the page
      const proposals = reply.review.proposals as { proposals?: unknown[] } | undefined;
      if (proposals?.proposals?.length) {
        await apiCall(`/packs/${encodeURIComponent(result.pack.id)}/proposals`, {
          method: 'PUT',
          body: { ...proposals, pack: result.pack.id },
        });
      }
      setCreated(result.pack.id);
      notify('drafting.created', { type: 'success', messageArgs: { id: result.pack.id } });
    } catch (e) {
      const refusal = refusalOf(e);
      setError({ ...refusal, message: `${translate('drafting.refused')}：${refusal.message}` });
    } finally {
      setBusy(false);
    }
  };

  const parameters = reply?.bundle.parameters.parameters ?? [];
  const hasProblems = parameters.some(
    (p) => choices[p.id]?.status === 'accepted' && choiceProblems(p, choices[p.id]).length > 0,
  );
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('drafting.title')} />
      <Stepper activeStep={step} alternativeLabel sx={{ mb: 2, maxWidth: 900 }}>
        {['stepSource', 'stepReview', 'stepCreate'].map((s) => (
          <Step key={s}>
            <StepLabel>{translate(`drafting.${s}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {busy && <LinearProgress sx={{ mb: 1 }} />}
      {error && (
        <Alert severity="error" sx={{ mb: 2, whiteSpace: 'pre-line' }} data-testid="drafting-error">
          <strong>{error.message}</strong>
          {error.details.map((d, i) => (
            <div key={i}>· {d}</div>
          ))}
        </Alert>
      )}
      {step === 0 && (
        <Card sx={{ maxWidth: 900 }}>
          <CardContent>
            <Stack spacing={2}>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
                <Button component="label" variant="outlined" startIcon={<UploadIcon />}>
                  {translate('drafting.file')}
                  <input
                    type="file"
                    hidden
                    accept=".docx,.txt,.md,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    data-testid="drafting-file"
                    onChange={(e) => {
                      setFile(e.target.files?.[0] ?? null);
                      e.target.value = '';
                    }}
                  />
                </Button>
                {file && (
                  <Typography data-testid="drafting-file-name">
                    {translate('drafting.fileChosen', { name: file.name })}
                  </Typography>
                )}
                {file && (
                  <Button size="small" onClick={() => setFile(null)}>
                    {translate('drafting.clearFile')}
                  </Button>
                )}
              </Stack>
              <TextField
                label={translate('drafting.orPaste')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                multiline
                minRows={4}
                maxRows={12}
                disabled={!!file}
              />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField
                  select
                  label={translate('drafting.township')}
                  value={townshipId}
                  onChange={(e) => setTownshipId(e.target.value)}
                  sx={{ minWidth: { xs: 0, sm: 220 } }}
                  data-testid="drafting-township"
                >
                  {(townships ?? []).map((t) => (
                    <MenuItem key={t.id} value={t.id}>
                      {t.name}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  label={translate('drafting.base')}
                  value={packs?.some((p) => p.id === base) ? base : ''}
                  onChange={(e) => setBase(e.target.value)}
                  sx={{ minWidth: { xs: 0, sm: 260 } }}
                  data-testid="drafting-base"
                >
                  {(packs ?? []).map((p) => (
                    <MenuItem key={p.id} value={p.id}>
                      {p.name}
                    </MenuItem>
                  ))}
                </TextField>
              </Stack>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField
                  label={translate('drafting.packId')}
                  value={packId}
                  onChange={(e) => setPackId(e.target.value.trim())}
                  helperText={translate('drafting.packIdHelp')}
                  error={!!packId && !PACK_ID.test(packId)}
                  sx={{ minWidth: { xs: 0, sm: 320 } }}
                  slotProps={{ htmlInput: { 'data-testid': 'drafting-pack-id' } }}
                />
                <TextField
                  label={translate('drafting.packName')}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  sx={{ minWidth: { xs: 0, sm: 320 } }}
                />
              </Stack>
              <Box>
                <Button variant="contained" onClick={extract} disabled={busy} data-testid="drafting-extract">
                  {translate(busy ? 'drafting.extracting' : 'drafting.extract')}
                </Button>
              </Box>
            </Stack>
          </CardContent>
        </Card>
      )}
      {step >= 1 && reply && (
        <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
          <Button
            variant="outlined"
            onClick={() => {
              setStep(step - 1);
              setCreated(null);
            }}
            disabled={busy}
          >
            {translate('drafting.back')}
          </Button>
          {step === 1 && (
            <Button
              variant="contained"
              onClick={() => setStep(2)}
              disabled={c.pending > 0 || hasProblems}
              data-testid="drafting-next"
            >
              {translate('drafting.next')}
            </Button>
          )}
          {step === 1 && c.pending > 0 && (
            <Alert severity="info" sx={{ py: 0 }}>
              {translate('drafting.pendingLeft', { count: c.pending })}
            </Alert>
          )}
        </Stack>
      )}
      {step === 1 && reply && (
        <DraftReview
          reply={reply}
          choices={choices}
          setChoice={(id, next) => setChoices((all) => ({ ...all, [id]: next }))}
          onAcceptAll={() =>
            setChoices((all) =>
              Object.fromEntries(
                Object.entries(all).map(([id, ch]) => [
                  id,
                  ch.status === 'pending' ? { ...ch, status: 'accepted' as const } : ch,
                ]),
              ),
            )
          }
        />
      )}
      {step === 2 && reply && township && (
        <Card sx={{ maxWidth: 900 }}>
          <CardContent>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1 }}>
              <TextField
                size="small"
                label={translate('drafting.packId')}
                value={packId}
                onChange={(e) => {
                  setPackId(e.target.value.trim());
                  setError(null);
                }}
                error={!PACK_ID.test(packId)}
                disabled={!!created}
                sx={{ minWidth: 300 }}
                slotProps={{ htmlInput: { 'data-testid': 'create-pack-id' } }}
              />
              <TextField
                size="small"
                label={translate('drafting.packName')}
                value={name}
                onChange={(e) => setName(e.target.value)}
                disabled={!!created}
                sx={{ minWidth: 320 }}
              />
            </Stack>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('drafting.township')}：{township.name} · {translate('drafting.base')}：{packName(base)} ·{' '}
              {translate('drafting.counts', c)}
            </Typography>
            <Typography variant="subtitle2">{translate('drafting.validation')}</Typography>
            <Alert
              severity={reply.validation.valid ? 'success' : 'error'}
              sx={{ mb: 1 }}
              data-testid="drafting-validation"
            >
              {translate(reply.validation.valid ? 'drafting.valid' : 'drafting.invalid')}
              {reply.validation.issues
                .filter((i) => i.severity !== 'info')
                .slice(0, 10)
                .map((i, n) => (
                  <div key={n}>· {locale === 'en' ? i.message : (i.messageZh ?? i.message)}</div>
                ))}
            </Alert>
            {created ? (
              <Alert severity="success" data-testid="drafting-created">
                {translate('drafting.created', { id: created })}{' '}
                <Button
                  component={Link}
                  to={`/onboarding/${encodeURIComponent(created)}`}
                  size="small"
                  variant="contained"
                  data-testid="drafting-review-rules"
                >
                  {translate('drafting.reviewRules')}
                </Button>
                <Button component={Link} to={`/packs/${encodeURIComponent(created)}/show`} size="small">
                  {translate('drafting.openPack')}
                </Button>
              </Alert>
            ) : (
              <Button variant="contained" size="large" onClick={create} disabled={busy} data-testid="drafting-create">
                {translate(busy ? 'drafting.creating' : 'drafting.create')}
              </Button>
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
};
