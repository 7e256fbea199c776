/**
 * Engine benchmark: evaluations/second for one realistic decision — the leave
 * approval of the county-township-cadres pack — measured in the same run through
 *   1. raw json-rules-engine with the same (parameter-bound) rules: the baseline;
 *   2. our evaluate(): fact validation, derived facts, hit policies, condition trace;
 *   3. evaluate() + the Chinese explanation a clerk reads;
 *   4. the compiled path (evaluateSync), alone and with the Chinese explanation;
 *   5. @gorules/zen-engine (Rust) with the same decision as a JDM decision table
 *      (bench/peers/leave-approval.jdm.json), awaited one at a time and with 100 in flight;
 *   6. a hand-written TypeScript function for the same decision (the physical limit).
 * Outcomes of every peer are cross-checked on every fact set before timing. Synchronous code is
 * timed in a plain loop, asynchronous code awaited (bench/timing.ts).
 */
import { readFileSync } from 'node:fs';
import { ZenEngine } from '@gorules/zen-engine';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import {
  buildPack,
  evaluate,
  evaluateSync,
  explain,
  folderSource,
  loadPack,
  outcomeKey,
  type Outcome,
} from '../engine/index.js';
import { rateAsync, rateInFlight, rateSync } from './timing.js';

const PACK = 'county-township-cadres';
const pack = loadPack(PACK, folderSource());
const compiled = buildPack(PACK, folderSource()).compiled!;
const decision = pack.decisions.get('leaveApproval')!;

/** The leave-approval facts the fact sets carry (schemas/facts/leaveApproval.schema.json). */
type LeaveFacts = {
  applicantRole: string;
  leaveType: string;
  days: number;
  monthLeaveDaysBefore?: number;
  keyTaskPeriod?: boolean;
  onDuty?: boolean;
  hasSubstitute?: boolean;
};

/** A realistic mix: mostly short ordinary leave, some long, some leaders, a few refusals. */
function factSets(count: number): LeaveFacts[] {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const days = [0.5, 1, 1, 1.5, 2, 3, 4, 5, 5.5, 7, 10, 15, 29, 30, 31, 45];
  const types = ['personal', 'sick', 'personal', 'annual', 'marriage'];
  return Array.from({ length: count }, () => {
    const facts: LeaveFacts = {
      applicantRole: random() < 0.8 ? 'ordinary' : 'leader',
      leaveType: types[Math.floor(random() * types.length)],
      days: days[Math.floor(random() * days.length)],
    };
    if (random() < 0.5) facts.monthLeaveDaysBefore = Math.floor(random() * 4);
    if (random() < 0.05) facts.keyTaskPeriod = true;
    if (random() < 0.1) Object.assign(facts, { onDuty: true, hasSubstitute: random() < 0.5 });
    return facts;
  });
}

/** The same decision written by hand: what a developer would code without a rules engine. */
function handWritten(f: LeaveFacts): Outcome[] {
  const total = (f.monthLeaveDaysBefore ?? 0) + f.days;
  const refusals: Outcome[] = [];
  if (f.keyTaskPeriod === true)
    refusals.push({ type: 'refusal', code: 'keyTaskPeriod', reason: '重点工作推进关键时期，任何人不得请假' });
  if (f.leaveType === 'personal' && f.monthLeaveDaysBefore !== undefined && total > 4)
    refusals.push({ type: 'refusal', code: 'monthlyCapExceeded', reason: '每月累计请假不得超过上限' });
  if (f.onDuty === true && f.leaveType === 'personal' && f.hasSubstitute !== true)
    refusals.push({
      type: 'refusal',
      code: 'noSubstitute',
      reason: '值班期间请事假必须找人替班，无人替班事假一律不予批准',
    });
  if (refusals.length) return refusals;
  const out: Outcome[] = [];
  const d = f.days;
  if (f.applicantRole === 'ordinary') {
    if (d <= 1) out.push({ type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' });
    else if (d <= 5)
      out.push(
        { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
        { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], action: 'approve', mode: 'any' },
      );
    else if (d < 30) out.push({ type: 'approval', step: 1, roles: ['partyCommitteeMeeting'], action: 'decide' });
    else
      out.push(
        { type: 'approval', step: 1, roles: ['partyCommitteeMeeting'], action: 'decide' },
        { type: 'approval', step: 2, roles: ['countyHrBureau'], action: 'approve' },
      );
  } else if (f.applicantRole === 'leader') {
    if (d <= 5) out.push({ type: 'approval', step: 1, roles: ['partySecretary'], action: 'approve' });
    else
      out.push(
        { type: 'approval', step: 1, roles: ['partySecretary'], action: 'review' },
        { type: 'approval', step: 2, roles: ['countyOrgDept'], action: 'report' },
      );
  }
  if (f.leaveType === 'sick' && d > 5)
    out.push({ type: 'document', code: 'tier3HospitalDiagnosis', document: '三级以上医院诊断证明和治疗建议' });
  if (d > 0) out.push({ type: 'deadline', action: 'reportBack', minutes: 1440 });
  return out;
}

/** Raw json-rules-engine: the same bound rules, no validation, no hit policy, no trace. */
const raw = new Engine([], { allowUndefinedFacts: true });
for (const rule of decision.rules.values())
  raw.addRule({ name: rule.rule.id, conditions: rule.conditions as TopLevelCondition, event: { type: rule.rule.id } });

/** zen-engine: the JDM table collects outcome codes; the codes map to the same outcomes. */
const zen = new ZenEngine().createDecision(
  JSON.parse(readFileSync(new URL('./peers/leave-approval.jdm.json', import.meta.url), 'utf8')),
);
const ZEN_OUTCOMES: Record<string, Outcome[]> = {
  'refusal:keyTaskPeriod': [{ type: 'refusal', code: 'keyTaskPeriod', reason: '重点工作推进关键时期，任何人不得请假' }],
  'refusal:monthlyCapExceeded': [{ type: 'refusal', code: 'monthlyCapExceeded', reason: '每月累计请假不得超过上限' }],
  'refusal:noSubstitute': [
    { type: 'refusal', code: 'noSubstitute', reason: '值班期间请事假必须找人替班，无人替班事假一律不予批准' },
  ],
  'ordinary:upTo1': [{ type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'approve' }],
  'ordinary:upTo5': [
    { type: 'approval', step: 1, roles: ['supervisingLeader'], action: 'sign' },
    { type: 'approval', step: 2, roles: ['partySecretary', 'townshipHead'], action: 'approve', mode: 'any' },
  ],
  'ordinary:under30': [{ type: 'approval', step: 1, roles: ['partyCommitteeMeeting'], action: 'decide' }],
  'ordinary:30plus': [
    { type: 'approval', step: 1, roles: ['partyCommitteeMeeting'], action: 'decide' },
    { type: 'approval', step: 2, roles: ['countyHrBureau'], action: 'approve' },
  ],
  'leader:upTo5': [{ type: 'approval', step: 1, roles: ['partySecretary'], action: 'approve' }],
  'leader:over5': [
    { type: 'approval', step: 1, roles: ['partySecretary'], action: 'review' },
    { type: 'approval', step: 2, roles: ['countyOrgDept'], action: 'report' },
  ],
  'document:tier3HospitalDiagnosis': [
    { type: 'document', code: 'tier3HospitalDiagnosis', document: '三级以上医院诊断证明和治疗建议' },
  ],
  'deadline:reportBack': [{ type: 'deadline', action: 'reportBack', minutes: 1440 }],
};
async function zenOutcomes(facts: Record<string, unknown>): Promise<Outcome[]> {
  const codes = ((await zen.evaluate(facts)).result as { code: string }[]).map((r) => r.code);
  const refusals = codes.filter((c) => c.startsWith('refusal:'));
  return (refusals.length ? refusals : codes).flatMap((c) => ZEN_OUTCOMES[c]);
}

const sameOutcomes = (a: Outcome[], b: Outcome[]) =>
  a.map(outcomeKey).sort().join() === b.map(outcomeKey).sort().join();

async function runEngineBench(): Promise<void> {
  const facts = factSets(2000);
  const at = (i: number) => facts[i % facts.length];
  // cross-check before timing: our engine, the compiled path and zen-engine = hand-written; raw JRE fires the same rules
  for (const f of facts) {
    const expected = handWritten(f);
    const ours = await evaluate(pack, 'leaveApproval', f);
    if (!sameOutcomes(ours.outcomes, expected)) throw new Error(`hand-written differs on ${JSON.stringify(f)}`);
    if (!sameOutcomes(evaluateSync(compiled, 'leaveApproval', f)!.outcomes, expected))
      throw new Error(`compiled path differs on ${JSON.stringify(f)}`);
    if (!sameOutcomes(await zenOutcomes(f), expected)) throw new Error(`zen-engine differs on ${JSON.stringify(f)}`);
    const rawRun = await raw.run(decision.derive(f));
    const rawNames = rawRun.results.map((r) => r.name as string);
    if (!ours.fired.every((r) => rawNames.includes(r.id)))
      throw new Error(`raw engine differs on ${JSON.stringify(f)}`);
  }
  const results: { label: string; perSecond: number }[] = [];
  const time = async (label: string, rate: number | Promise<number>) => {
    results.push({ label, perSecond: await rate });
  };
  await time(
    'raw json-rules-engine (baseline)',
    rateAsync((i) => raw.run(decision.derive(at(i))), 2),
  );
  await time(
    'our engine: evaluate() (json-rules-engine path)',
    rateAsync((i) => evaluate(pack, 'leaveApproval', at(i)), 2),
  );
  await time(
    'our engine: evaluate() + Chinese explanation',
    rateAsync(async (i) => explain(await evaluate(pack, 'leaveApproval', at(i))), 2),
  );
  await time(
    'compiled: evaluateSync() (validated)',
    rateSync((i) => evaluateSync(compiled, 'leaveApproval', at(i)), 2),
  );
  await time(
    'compiled + Chinese explanation',
    rateSync((i) => explain(evaluateSync(compiled, 'leaveApproval', at(i))!, 'zh'), 2),
  );
  await time(
    'zen-engine JDM table, sequential',
    rateAsync((i) => zenOutcomes(at(i)), 2),
  );
  await time(
    'zen-engine JDM table, 100 in flight',
    rateInFlight((i) => zenOutcomes(at(i)), 2, 100),
  );
  await time(
    'hand-written TypeScript function',
    rateSync((i) => handWritten(at(i)), 1),
  );
  const baseline = results[0].perSecond;
  console.log(
    `\nEngine: ${PACK} / leaveApproval, ${decision.rules.size} rules, ${facts.length} varied fact sets, outcomes cross-checked`,
  );
  for (const r of results) {
    console.log(
      `  ${r.label.padEnd(48)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)} evals/s  ${(r.perSecond / baseline).toFixed(2)}× baseline`,
    );
  }
  const overhead = (baseline / results[1].perSecond - 1) * 100;
  console.log(`  overhead of evaluate() over raw json-rules-engine: ${overhead.toFixed(1)}% (target < 25%)`);
  const of = (label: string) => results.find((r) => r.label.startsWith(label))!.perSecond;
  console.log(
    `  compiled + explanation vs zen-engine 100 in flight: ${(of('compiled + Chinese') / of('zen-engine JDM table, 100')).toFixed(1)}×; compiled vs hand-written: ${(of('hand-written') / of('compiled: evaluateSync')).toFixed(1)}× slower`,
  );
}

await runEngineBench();
