/**
 * The world the what-if API tests log into: what version 1 of the seed pack answers for leave of
 * 1–4 days, and a draft that lets the supervising leader alone approve up to 3 days (version 1:
 * 1 day), so that 2- and 3-day requests change and 1- and 4-day ones do not.
 */
import { expect } from 'vitest';
import type { DecisionInsert } from '../../../api/features/decisions/decisions-store.js';
import { evaluate, type Outcome } from '../../../engine/index.js';
import { LEAVE_FACTS, SEED_PACK, SEED_TOWNSHIP, bearer, type TestApp } from './app.js';

export const DRAFT_SUPERVISOR_MAX_DAYS = 3;

/** Version 1's outcomes by days of leave, after the draft has been moved. */
export async function prepareWhatIfWorld(t: TestApp): Promise<Map<number, Outcome[]>> {
  const built = await t.app.services.builder.buildVersion(SEED_PACK, 1);
  const outcomesV1 = new Map<number, Outcome[]>();
  for (const days of [1, 2, 3, 4])
    outcomesV1.set(days, (await evaluate(built.compiled!, 'leaveApproval', { ...LEAVE_FACTS, days })).outcomes);
  const param = (await t.http.get(`/api/parameters/${SEED_PACK}:leave.supervisorOnlyMaxDays`).set(bearer(t.adminToken)))
    .body;
  const put = await t.http
    .put(`/api/parameters/${param.id}`)
    .set(bearer(t.adminToken))
    .send({ ...param, value: DRAFT_SUPERVISOR_MAX_DAYS });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return outcomesV1;
}

/** One leave request of `days` days logged at `at` under version 1 with what version 1 answered. */
export const loggedLeave = (outcomesV1: Map<number, Outcome[]>, days: number, at: string): DecisionInsert => ({
  at,
  packId: SEED_PACK,
  version: '1',
  decision: 'leaveApproval',
  facts: { ...LEAVE_FACTS, days },
  outcomes: outcomesV1.get(days)!,
  caller: 'clerk',
  callerKind: 'user',
  townshipId: SEED_TOWNSHIP,
});
