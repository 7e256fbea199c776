/** Entries of the draft land in the file of their own decision, whatever file a client names. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, LONG_LEAVE_RULE, bearer, setupTownships, startApp, type TestApp } from './helpers/app.js';

describe.each(DATABASES)('rules and fixtures placed by decision on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;

  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it("a new rule naming the file of another decision goes to its own decision's file", async () => {
    const res = await t.http
      .post('/api/rules')
      .set(bearer(tokens.directorA))
      .send({ ...LONG_LEAVE_RULE, file: 'rules/attendance.json' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ decision: 'leaveApproval', file: 'rules/leave-approval.json' });
  });

  it('a rule id in use is a 422 on the id field, in both languages', async () => {
    const res = await t.http.post('/api/rules').set(bearer(tokens.directorA)).send(LONG_LEAVE_RULE);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: '/ruleId', messageZh: expect.stringContaining(LONG_LEAVE_RULE.ruleId) }),
    ]);
  });
});
