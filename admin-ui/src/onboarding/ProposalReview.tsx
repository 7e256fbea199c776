/**
 * 确认规则建议: the rule groups the drafting tool proposed from a township's regulation, kept with
 * the pack's draft (GET /api/packs/:id/proposals, so the list survives leaving the page). One row
 * per tier with its bounds, deciding words, clause text highlighted, parameters and outcome;
 * overlaps and gaps on a number line, each with its one-click resolution; role words of the text
 * added as the township's own words; confirm tiers one by one or all at once; 写入规则 turns the
 * confirmed tiers into rules with boundary test cases, shown with their results.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, Link } from 'react-router-dom';
import { Title, useGetList, useLocaleState, useNotify, useRefresh } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { apiCall, callError, errorMessage } from '../providers/http';
import { decisionList, decisionTitle, factsOf, vocabularyCodes, vocabularyLabel } from '../common/schemaCatalog';
import { outcomeText, type AnyOutcome } from '../common/outcomeText';
import { usePackWords } from '../common/packWords';
import { useCurrentPackId } from '../common/currentPack';
import { OutcomeEditor } from '../rules/OutcomeEditor';
import {
  boundText,
  clauseSegments,
  cleanRoleWord,
  confirmedCount,
  numberLine,
  pendingCount,
  roleWordsOf,
  tierProblems,
  valueText,
  type Proposal,
  type ProposalsView,
  type Tier,
} from './proposalModel';

const NEW_ROLE = '__own__';
const STATUS = {
  proposed: ['待确认', 'warning'],
  confirmed: ['已确认', 'success'],
  rejected: ['已拒绝', 'default'],
} as const;
const TIER_COLORS = ['#90caf9', '#a5d6a7', '#ffcc80', '#ce93d8', '#80cbc4', '#f48fb1'];
/** A chip whose label wraps (a regulation's article names are long; a chip keeps one line and would widen a phone's page). */
const WRAP_CHIP = {
  height: 'auto',
  maxWidth: '100%',
  py: 0.25,
  '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'anywhere' },
} as const;

interface TestResult {
  id: string;
  name?: string;
  passed: boolean;
}
interface Accepted {
  proposal: string;
  group: string;
  rules: string[];
  fixtures: string[];
}

/** The tiers and the issues of one group on a number line (a plain SVG). */
export const NumberLineView = ({ proposal }: { proposal: Proposal }) => {
  const line = numberLine(proposal);
  const rows = line.tiers.length;
  const h = 14 * rows + 34;
  return (
    <Box
      sx={{ width: '100%', maxWidth: 640, my: 1, overflow: 'hidden', px: 1, boxSizing: 'border-box' }}
      data-testid="number-line"
    >
      <svg width="100%" height={h} viewBox={`0 0 100 ${h}`} preserveAspectRatio="none" role="img" aria-label="数轴">
        {line.issues.map((i, n) => (
          <rect
            key={`i${n}`}
            x={i.x}
            y={0}
            width={i.width}
            height={h - 16}
            fill={i.kind === 'overlap' ? '#ef5350' : '#ffa726'}
            opacity={0.35}
            data-testid={`line-issue-${i.kind}`}
          />
        ))}
        {line.tiers.map((t, n) => (
          <rect
            key={t.id}
            x={t.x}
            y={4 + n * 14}
            width={t.width}
            height={10}
            rx={1}
            fill={TIER_COLORS[n % TIER_COLORS.length]}
          />
        ))}
        <line x1={0} x2={100} y1={h - 16} y2={h - 16} stroke="#555" strokeWidth={0.3} />
      </svg>
      <Box sx={{ position: 'relative', height: 16, mt: '-16px' }}>
        {line.ticks.map((tick) => (
          <Typography
            key={tick.value}
            variant="caption"
            sx={{ position: 'absolute', left: `${tick.x}%`, transform: 'translateX(-50%)' }}
          >
            {valueText(tick.value, proposal.unit)}
          </Typography>
        ))}
      </Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
        {line.tiers.map((t, n) => {
          const tier = proposal.tiers.find((x) => x.id === t.id)!;
          return (
            <Chip
              key={t.id}
              size="small"
              label={tier.text}
              sx={{ ...WRAP_CHIP, bgcolor: TIER_COLORS[n % TIER_COLORS.length] }}
            />
          );
        })}
      </Stack>
    </Box>
  );
};

const RoleWordMapper = ({ word, onMap }: { word: string; onMap: (label: string, mapsTo?: string) => void }) => {
  const label = cleanRoleWord(word);
  const [target, setTarget] = useState('');
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mt: 0.5 }}
      data-testid={`roleword-${label}`}
    >
      <Typography variant="body2">原文角色「{label}」不在统一词汇中：</Typography>
      <TextField
        select
        size="small"
        label="对应为"
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        sx={{ minWidth: { xs: 0, sm: 200 }, width: { xs: '100%', sm: 'auto' } }}
        data-testid="roleword-map"
      >
        <MenuItem value={NEW_ROLE}>本乡自有角色「{label}」</MenuItem>
        {vocabularyCodes('role').map((code) => (
          <MenuItem key={code} value={code}>{`即统一角色「${vocabularyLabel('role', code)}」`}</MenuItem>
        ))}
      </TextField>
      <Button
        size="small"
        variant="outlined"
        disabled={!target}
        data-testid="roleword-add"
        onClick={() => onMap(label, target === NEW_ROLE ? undefined : target)}
      >
        添加为审批步骤
      </Button>
    </Stack>
  );
};

const TierRow = ({
  proposal,
  tier,
  index,
  advanced,
  paramLabel,
  edit,
}: {
  proposal: Proposal;
  tier: Tier;
  index: number;
  advanced: boolean;
  paramLabel: (id?: string) => string;
  edit: (body: Record<string, unknown>) => Promise<void>;
}) => {
  const [locale] = useLocaleState();
  const words = usePackWords();
  const [editing, setEditing] = useState(false);
  const [outcomes, setOutcomes] = useState<AnyOutcome[]>(tier.outcomes);
  // the server's outcomes replace the ones being edited whenever a new reply brings them
  const [shownOutcomes, setShownOutcomes] = useState(tier.outcomes);
  if (shownOutcomes !== tier.outcomes) {
    setShownOutcomes(tier.outcomes);
    setOutcomes(tier.outcomes);
  }
  const problems = tier.status === 'confirmed' && !tier.accepted ? tierProblems(proposal, tier) : [];
  const [statusText, color] = tier.accepted ? (['已写入规则', 'success'] as const) : STATUS[tier.status];
  const params = [tier.lower?.param, tier.upper?.param].filter((p, i, all): p is string => !!p && all.indexOf(p) === i);
  return (
    <Box
      data-testid={`tier-${tier.id}`}
      sx={{
        borderLeft: 6,
        borderColor: TIER_COLORS[index % TIER_COLORS.length],
        pl: 1,
        py: 0.5,
        mb: 1,
        opacity: tier.status === 'rejected' ? 0.55 : 1,
      }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
        <Chip size="small" color={color} label={statusText} data-testid="tier-status" />
        <Typography sx={{ fontWeight: 600 }}>「{tier.text}」</Typography>
        {advanced && (
          <Typography variant="caption" color="text.secondary">
            {tier.id}
            {tier.accepted ? ` → ${tier.accepted.rule}` : ''}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        {!tier.accepted && tier.status !== 'confirmed' && (
          <Button
            size="small"
            variant="outlined"
            color="success"
            data-testid="tier-confirm"
            onClick={() => edit({ action: 'status', proposal: proposal.id, status: 'confirmed', tiers: [tier.id] })}
          >
            确认
          </Button>
        )}
        {!tier.accepted && tier.status !== 'rejected' && (
          <Button
            size="small"
            variant="outlined"
            color="error"
            data-testid="tier-reject"
            onClick={() => edit({ action: 'status', proposal: proposal.id, status: 'rejected', tiers: [tier.id] })}
          >
            拒绝
          </Button>
        )}
        {!tier.accepted && tier.status !== 'proposed' && (
          <Button
            size="small"
            data-testid="tier-undo"
            onClick={() => edit({ action: 'status', proposal: proposal.id, status: 'proposed', tiers: [tier.id] })}
          >
            撤销
          </Button>
        )}
      </Stack>
      <Typography variant="body2" component="div">
        从 {boundText(tier.lower, 'lower', proposal.unit)}
        {'\u3000'}到 {boundText(tier.upper, 'upper', proposal.unit)}
      </Typography>
      {params.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="div">
          参数：{params.map((p) => `${paramLabel(p)}${advanced ? `（${p}）` : ''}`).join('、')}
        </Typography>
      )}
      {tier.consequence && (
        <Typography variant="caption" component="div">
          原文：「{tier.consequence}」
        </Typography>
      )}
      <Typography variant="body2" component="div" data-testid="tier-outcomes">
        结果：
        {tier.outcomes.length ? (
          tier.outcomes.map((o) => outcomeText(o, locale, paramLabel, words)).join('；')
        ) : (
          <Box component="span" sx={{ color: 'warning.main' }}>
            未填写
          </Box>
        )}
        {!tier.accepted && (
          <Button size="small" onClick={() => setEditing(!editing)} data-testid="tier-edit-outcomes">
            {editing ? '收起' : '修改结果'}
          </Button>
        )}
      </Typography>
      {tier.unmapped
        .filter((u) => !u.roleWords?.length)
        .map((u, i) => (
          <Typography key={i} variant="caption" color="warning.main" component="div">
            未能自动识别：「{u.text}」（请在「修改结果」中选择）
          </Typography>
        ))}
      {!tier.accepted &&
        roleWordsOf(tier).map((w) => (
          <RoleWordMapper
            key={w}
            word={w}
            onMap={(label, mapsTo) =>
              edit({ action: 'roleWord', proposal: proposal.id, tier: tier.id, label, ...(mapsTo ? { mapsTo } : {}) })
            }
          />
        ))}
      {tier.notes.map((n, i) => (
        <Typography key={i} variant="caption" color="info.main" component="div">
          说明：{n}
        </Typography>
      ))}
      {editing && (
        <Box sx={{ mt: 1 }}>
          <OutcomeEditor value={outcomes} onChange={setOutcomes} parameters={[]} />
          <Button
            size="small"
            variant="contained"
            onClick={async () => {
              await edit({ action: 'outcomes', proposal: proposal.id, tier: tier.id, outcomes });
              setEditing(false);
            }}
          >
            保存结果
          </Button>
        </Box>
      )}
      {problems.length > 0 && (
        <Alert severity="warning" sx={{ py: 0, mt: 0.5 }}>
          确认后仍不能写入规则：{problems.join('、')}
        </Alert>
      )}
    </Box>
  );
};

const DecisionPicker = ({
  proposal,
  edit,
}: {
  proposal: Proposal;
  edit: (body: Record<string, unknown>) => Promise<void>;
}) => {
  const [decision, setDecision] = useState(proposal.decision ?? '');
  const facts = decision
    ? [...factsOf(decision).values()].filter((f) => f.type === 'number' || f.type === 'integer')
    : [];
  const [fact, setFact] = useState(proposal.fact ?? '');
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ my: 1, flexWrap: 'wrap', rowGap: 1 }}>
      <TextField
        select
        size="small"
        label="事项"
        value={decision}
        onChange={(e) => {
          setDecision(e.target.value);
          setFact('');
        }}
        sx={{ minWidth: 180 }}
        data-testid="proposal-decision"
      >
        {decisionList.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            {decisionTitle(d.id)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="比较的事实"
        value={fact}
        onChange={(e) => setFact(e.target.value)}
        sx={{ minWidth: 220 }}
        disabled={!decision}
        data-testid="proposal-fact"
      >
        {facts.map((f) => (
          <MenuItem key={f.name} value={f.name}>
            {f.title}
            {f.unit ? `（${f.unit}）` : ''}
          </MenuItem>
        ))}
      </TextField>
      <Button
        size="small"
        variant="outlined"
        disabled={!decision || !fact}
        onClick={() => edit({ action: 'decision', proposal: proposal.id, decision, fact })}
      >
        选定
      </Button>
    </Stack>
  );
};

const ProposalCard = ({
  proposal,
  advanced,
  paramLabel,
  edit,
}: {
  proposal: Proposal;
  advanced: boolean;
  paramLabel: (id?: string) => string;
  edit: (body: Record<string, unknown>) => Promise<void>;
}) => {
  const factTitle =
    proposal.decision && proposal.fact
      ? (factsOf(proposal.decision).get(proposal.fact)?.title ?? proposal.fact)
      : undefined;
  const open = proposal.tiers.some((t) => !t.accepted && t.status === 'proposed');
  return (
    <Card
      variant="outlined"
      sx={{ mb: 2, minWidth: 0, overflowX: 'auto' }}
      data-testid={`proposal-${proposal.id}`}
      data-decision={proposal.decision ?? ''}
    >
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {proposal.label}
          </Typography>
          <Chip size="small" label={proposal.article} variant="outlined" sx={WRAP_CHIP} />
          {proposal.decision ? (
            <Chip
              size="small"
              color="primary"
              label={`${decisionTitle(proposal.decision)} · ${factTitle}`}
              sx={WRAP_CHIP}
            />
          ) : (
            <Chip size="small" color="warning" label="未选定事项" />
          )}
          {proposal.context.map((c) => (
            <Chip key={c.fact} size="small" label={`限：「${c.word}」`} sx={WRAP_CHIP} />
          ))}
          {advanced && (
            <Typography variant="caption" color="text.secondary">
              {proposal.id} · {proposal.decision}.{proposal.fact}
            </Typography>
          )}
          <Box sx={{ flex: 1 }} />
          {open && (
            <Button
              size="small"
              variant="contained"
              color="success"
              data-testid="proposal-confirm-all"
              onClick={() => edit({ action: 'status', proposal: proposal.id, status: 'confirmed' })}
            >
              本组全部确认
            </Button>
          )}
        </Stack>
        <Typography variant="caption" color="text.secondary" component="div">
          {proposal.guessZh}
        </Typography>
        {!proposal.decision && <DecisionPicker proposal={proposal} edit={edit} />}
        <Typography
          variant="body2"
          sx={{ my: 1, lineHeight: 2, bgcolor: 'grey.50', p: 1, borderRadius: 1 }}
          component="div"
          data-testid="proposal-clause"
        >
          {clauseSegments(proposal).map((s, i) => {
            const n = s.tier ? proposal.tiers.findIndex((t) => t.id === s.tier) : -1;
            return s.tier ? (
              <Box
                key={i}
                component="mark"
                sx={{ bgcolor: TIER_COLORS[n % TIER_COLORS.length], px: 0.3, borderRadius: 0.5 }}
              >
                {s.text}
              </Box>
            ) : (
              <span key={i}>{s.text}</span>
            );
          })}
        </Typography>
        {proposal.kind === 'ladder' && <NumberLineView proposal={proposal} />}
        {proposal.issues.map((issue) => (
          <Alert
            key={issue.id}
            severity={issue.kind === 'overlap' ? 'error' : 'warning'}
            sx={{ mb: 1 }}
            data-testid={`issue-${issue.id}`}
          >
            <div>{issue.messageZh}</div>
            <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 0.5, flexWrap: 'wrap', rowGap: 1 }}>
              {issue.options.map((o) => (
                <Button
                  key={o.choice}
                  size="small"
                  variant="outlined"
                  data-testid={`resolve-${o.choice}`}
                  onClick={() => edit({ action: 'resolve', proposal: proposal.id, issue: issue.id, choice: o.choice })}
                >
                  {o.labelZh}
                </Button>
              ))}
            </Stack>
          </Alert>
        ))}
        {proposal.outOfScope.map((o, i) => (
          <Typography key={i} variant="caption" color="info.main" component="div">
            不属本制度范围：{o.note}
          </Typography>
        ))}
        {proposal.tiers.map((tier, i) => (
          <TierRow
            key={tier.id}
            proposal={proposal}
            tier={tier}
            index={i}
            advanced={advanced}
            paramLabel={paramLabel}
            edit={edit}
          />
        ))}
      </CardContent>
    </Card>
  );
};

export const ProposalReview = () => {
  const { packId = '' } = useParams();
  const notify = useNotify();
  const refresh = useRefresh();
  const [, setCurrent] = useCurrentPackId();
  useEffect(() => {
    if (packId) setCurrent(packId);
  }, [packId, setCurrent]);
  const [view, setViewState] = useState<ProposalsView | null>(null);
  // the newest revision for If-Match, also inside loops of several edits (全部确认)
  const latest = useRef<ProposalsView | null>(null);
  const setView = (next: ProposalsView | null) => {
    latest.current = next;
    setViewState(next);
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const [accepted, setAccepted] = useState<Accepted[]>([]);
  const [heldBack, setHeldBack] = useState<{ reasonZh: string }[]>([]);
  const [results, setResults] = useState<TestResult[] | null>(null);
  const { data: parameters, refetch: refetchParameters } = useGetList<{
    id: string;
    parameterId: string;
    label: string;
  }>('parameters', { filter: { packId }, pagination: { page: 1, perPage: 500 } }, { enabled: !!packId });
  const paramLabel = useCallback(
    (id?: string) => parameters?.find((p) => p.parameterId === id)?.label ?? id ?? '',
    [parameters],
  );

  const load = useCallback(async () => {
    try {
      setView(await apiCall<ProposalsView>(`/packs/${encodeURIComponent(packId)}/proposals`));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [packId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads on mount and on change; its state is also set by this screen's actions, so it stays local rather than a query
    void load();
  }, [load]);

  const call = async (path: string, body: Record<string, unknown>) => {
    const current = latest.current;
    if (!current) return undefined;
    setBusy(true);
    setError(null);
    try {
      const next = await apiCall<ProposalsView & { accepted?: Accepted[]; heldBack?: { reasonZh: string }[] }>(
        `/packs/${encodeURIComponent(packId)}/proposals${path}`,
        {
          body,
          headers: { 'If-Match': `"${current.revision}"` },
        },
      );
      setView(next);
      return next;
    } catch (e) {
      setError(errorMessage(e));
      if (callError(e).status === 409) await load();
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const edit = async (body: Record<string, unknown>) => {
    const next = await call('/edit', body);
    // a new township word lives in the pack's vocabulary: reload the packs so labels use it
    if (next && body.action === 'roleWord') refresh();
  };

  const runTests = async (ids: string[]) => {
    const report = await apiCall<{ results: TestResult[] }>(`/packs/${encodeURIComponent(packId)}/test`, {
      body: { version: 'draft' },
    });
    const wanted = new Set(ids);
    setResults(report.results.filter((r) => wanted.has(r.id)));
  };
  const accept = async () => {
    const next = await call('/accept', {});
    if (!next) return;
    const all = [...accepted, ...(next.accepted ?? [])];
    setAccepted(all);
    setHeldBack(next.heldBack ?? []);
    notify(`已写入 ${(next.accepted ?? []).reduce((n, a) => n + a.rules.length, 0)} 条规则`, { type: 'success' });
    await refetchParameters();
    await runTests(all.flatMap((a) => a.fixtures));
  };
  const confirmAll = async () => {
    for (const p of latest.current?.proposals?.proposals ?? []) {
      if (
        p.tiers.some((t) => t.status === 'proposed' && !t.accepted) &&
        !(await call('/edit', { action: 'status', proposal: p.id, status: 'confirmed' }))
      )
        return;
    }
  };

  const set = view?.proposals ?? null;
  const pending = pendingCount(set);
  const confirmed = confirmedCount(set);
  const proposals = useMemo(() => set?.proposals ?? [], [set]);
  return (
    <Box sx={{ mt: 1, maxWidth: 1100, minWidth: 0, overflowWrap: 'anywhere' }}>
      <Title title="确认规则建议" />
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
        <Typography variant="h6">确认规则建议：{packId}</Typography>
        <Chip
          label={`待确认 ${pending} 档 · 已确认未写入 ${confirmed} 档`}
          color={pending ? 'warning' : 'success'}
          variant="outlined"
          sx={WRAP_CHIP}
          data-testid="proposal-counts"
        />
        <Box sx={{ flex: 1 }} />
        <FormControlLabel
          control={
            <Switch checked={advanced} onChange={(e) => setAdvanced(e.target.checked)} data-testid="advanced-toggle" />
          }
          label="显示编号（高级）"
        />
      </Stack>
      {busy && <LinearProgress sx={{ mb: 1 }} />}
      {error && (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="proposals-error">
          {error}
        </Alert>
      )}
      {view && view.blockers.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="onboarding-blockers">
          <strong>发布前尚待完成：</strong>
          {view.blockers.map((b, i) => (
            <div key={i}>· {b.messageZh}</div>
          ))}
        </Alert>
      )}
      {view && !set && (
        <Alert severity="success" sx={{ mb: 2 }} data-testid="proposals-done">
          没有待确认的规则建议。
          <Button component={Link} to={`/publish/${encodeURIComponent(packId)}`} size="small">
            去发布
          </Button>
        </Alert>
      )}
      {set && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1 }}>
          <Button
            variant="outlined"
            color="success"
            disabled={busy || pending === 0}
            onClick={confirmAll}
            data-testid="confirm-all"
          >
            全部确认
          </Button>
          <Button
            variant="contained"
            disabled={busy || confirmed === 0}
            onClick={accept}
            data-testid="accept-proposals"
          >
            写入规则（{confirmed} 档）
          </Button>
        </Stack>
      )}
      {heldBack.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="held-back">
          {heldBack.map((h, i) => (
            <div key={i}>· {h.reasonZh}</div>
          ))}
        </Alert>
      )}
      {accepted.length > 0 && (
        <Card variant="outlined" sx={{ mb: 2 }} data-testid="generated-fixtures">
          <CardContent>
            <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
              自动生成的边界测试用例（请核对期望结果）
            </Typography>
            {results === null && <LinearProgress />}
            {results && (
              <Typography
                data-testid="generated-summary"
                color={results.every((r) => r.passed) ? 'success.main' : 'error'}
              >
                通过 {results.filter((r) => r.passed).length} / {results.length}
              </Typography>
            )}
            {(results ?? []).map((r) => (
              <Stack
                key={r.id}
                direction="row"
                spacing={1}
                useFlexGap
                sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}
                data-testid="fixture-row"
              >
                <Chip size="small" color={r.passed ? 'success' : 'error'} label={r.passed ? '通过' : '未通过'} />
                <Typography variant="body2">{r.name ?? r.id}</Typography>
                {advanced && (
                  <Typography variant="caption" color="text.secondary">
                    {r.id}
                  </Typography>
                )}
              </Stack>
            ))}
            <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1 }}>
              <Button component={Link} to={`/test/${encodeURIComponent(packId)}`} size="small">
                打开测试
              </Button>
              <Button
                component={Link}
                to={`/publish/${encodeURIComponent(packId)}`}
                size="small"
                variant="contained"
                data-testid="go-publish"
              >
                去发布
              </Button>
            </Stack>
          </CardContent>
        </Card>
      )}
      {proposals.map((p) => (
        <ProposalCard key={p.id} proposal={p} advanced={advanced} paramLabel={paramLabel} edit={edit} />
      ))}
    </Box>
  );
};
