/** The publish gate: a drafted pack with parameters but no rules cannot be published (422 with the reason). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftFromDocument } from '../../engine/drafting/index.js';
import { folderSource, type PackBundle } from '../../engine/index.js';
import { acceptProposals, resolveIssue, setTierStatus } from '../../engine/proposals/index.js';
import {
  DATABASES,
  OTHER_PACK,
  OTHER_TOWNSHIP,
  bearer,
  setupTownships,
  startApp,
  type TestApp,
} from '../api/helpers/app.js';

const TEXT =
  '乙镇经费管理办法\n一、审批\n1.单笔开支不超过800元的，由分管领导审批；单笔开支800元以上的，报党委书记审批。';

async function drafted(): Promise<{ bundle: PackBundle; accepted: PackBundle }> {
  const draft = await draftFromDocument(
    { text: TEXT, name: '乙镇经费管理办法.txt' },
    { township: '乙镇', extends: 'base', packId: OTHER_PACK },
  );
  const bundle = {
    ...draft.bundle,
    pack: { ...draft.bundle.pack, owner: { id: OTHER_TOWNSHIP, name: '乙镇', level: 'township' as const } },
  };
  const set = draft.review.proposals;
  const money = resolveIssue(set.proposals[0], 'overlap:t1:t2', 'upperTier');
  const confirmed = setTierStatus({ ...set, proposals: [money] }, money.id, 'confirmed');
  return { bundle, accepted: acceptProposals(bundle, confirmed, { source: folderSource() }).bundle };
}

describe.each(DATABASES)('publish gate for drafted packs on %s', (kind) => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof setupTownships>>;
  beforeAll(async () => {
    t = await startApp(kind);
    tokens = await setupTownships(t);
  });
  afterAll(() => t?.close());

  it('parameters without rules: 422 naming what to finish; once the proposals are accepted the checks pass', async () => {
    const { bundle, accepted } = await drafted();
    const imported = await t.http.post('/api/packs/import').set(bearer(tokens.directorB)).send({ bundle });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const blocked = await t.http.post(`/api/packs/${OTHER_PACK}/publish`).set(bearer(tokens.directorB)).send({});
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('PUBLISH_BLOCKED');
    expect(blocked.body.checks.at(-1)).toMatchObject({ check: 'onboarding', ok: false, errors: 1 });
    expect(blocked.body.errors).toEqual([
      expect.objectContaining({ code: 'PACK_WITHOUT_RULES', messageZh: expect.stringContaining('还没有任何规则') }),
    ]);
    expect(blocked.body.messageZh).toContain('规则建议已确认');

    const revision = (await t.http.get(`/api/packs/${OTHER_PACK}`).set(bearer(tokens.directorB))).body.revision;
    expect(
      (await t.http.post('/api/packs/import').set(bearer(tokens.directorB)).send({ bundle: accepted, revision }))
        .status,
    ).toBe(200);
    const published = await t.http.post(`/api/packs/${OTHER_PACK}/publish`).set(bearer(tokens.directorB)).send({});
    expect(published.status, JSON.stringify(published.body).slice(0, 800)).toBe(202);
    expect(published.body.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([
      ['schema-and-consistency', true],
      ['lint', true],
      ['fixtures', true],
      ['onboarding', true],
    ]);
  });
});
