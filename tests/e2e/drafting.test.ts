/**
 * Drafting from a regulation in the browser: an admin uploads a township regulation as a .docx (seed 002, made in
 * the test with `docx`), reads it clause by clause with the numbers tied to the proposed
 * parameters, edits one, rejects one that is no threshold, accepts the rest, sees the ladder
 * overlap, and creates the pack; the API then has the pack, and it validates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, REPO, loginAs, newPage, screenshot, useStack } from './helpers/harness.js';

const PACK = 'mou-zhen-rules';
const TOWNSHIP = 'mou-zhen';

async function seedDocx(): Promise<Buffer> {
  const text = readFileSync(join(REPO, 'docs', 'seeds', '002_6f04f3293e826726.txt'), 'utf8');
  const doc = new Document({ sections: [{ children: text.split(/\r?\n/).map((line) => new Paragraph(line)) }] });
  return Packer.toBuffer(doc);
}

const stack = useStack(async ({ admin }) => {
  await admin.call('POST', '/townships', { id: TOWNSHIP, name: '某镇', level: 'township' });
});

describe('drafting a rule pack from a regulation document', () => {
  it('an admin uploads a .docx, reviews the proposed parameters and creates the pack', async () => {
    const { context, page, errors } = await newPage(stack.browser);
    try {
      await loginAs(page, stack.server.url, 'admin', ADMIN_PASSWORD);
      await page.getByRole('menuitem', { name: '从制度文件创建' }).click();
      await page.getByTestId('drafting-file').setInputFiles({
        name: '某镇机关干部管理制度.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: await seedDocx(),
      });
      await page.getByTestId('drafting-file-name').filter({ hasText: '某镇机关干部管理制度.docx' }).waitFor();
      await page.getByTestId('drafting-township').locator('[role="combobox"]').click();
      await page.getByRole('option', { name: '某镇', exact: true }).click(); // townships by name, no id
      await page.getByTestId('drafting-pack-id').fill(PACK);
      await page.getByLabel('规则包名称').fill('某镇机关干部管理规则包');
      await screenshot(page, 'drafting-01-upload', false);
      await page.getByTestId('drafting-extract').click();

      // step 2: the text clause by clause, numbers highlighted and tied to their parameters
      await page.getByTestId('draft-summary').filter({ hasText: '《某镇机关干部管理制度》' }).waitFor();
      const clause = page.getByTestId('draft-clause-DRAFT-018');
      await clause.locator('mark', { hasText: '2天以上5天以内' }).click();
      const upper = page.getByTestId('draft-param-draft.c18.days5Upto');
      await expect(upper.textContent()).resolves.toContain('「以内」');
      await expect(page.getByTestId('draft-param-draft.c18.days2From').textContent()).resolves.toContain('2 ≤ x ≤ 5');
      // the ladder of 三.3 overlaps at 5 days
      await page
        .getByTestId('ladder-finding')
        .filter({ hasText: '「2天以上5天以内」与「5天以上30天以内」重叠' })
        .first()
        .waitFor();
      await page.getByTestId('review-list').filter({ hasText: '阶梯重叠' }).waitFor();

      // edit one: a clearer label and value 4; an invalid value is refused first
      await upper.getByTestId('param-edit').click();
      await upper.getByTestId('edit-value').fill('400');
      await upper.getByTestId('param-problems').filter({ hasText: '不得大于最大值 50' }).waitFor();
      await expect(upper.getByTestId('param-accept').isDisabled()).resolves.toBe(true);
      await upper.getByTestId('edit-value').fill('4');
      await upper.getByTestId('edit-label').fill('干部请假由党委书记审批的最长天数');
      await upper.getByTestId('param-accept').click();
      await upper.getByTestId('param-status').filter({ hasText: '已接受' }).waitFor();
      // reject 「24小时」 (a time limit to be reachable, not a threshold)
      const reachable = page.getByTestId('draft-param-draft.c12.hours24');
      await reachable.getByTestId('param-reject').click();
      await reachable.getByTestId('param-status').filter({ hasText: '已拒绝' }).waitFor();
      await expect(page.getByTestId('drafting-next').isDisabled()).resolves.toBe(true);
      await page.getByTestId('accept-all').click();
      await page.getByTestId('draft-counts').filter({ hasText: '待处理 0' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'drafting-02-review', false);
      await screenshot(page, 'drafting-02-review-full');
      await clause.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -120));
      await screenshot(page, 'drafting-03-clause', false);

      // step 3: create
      await page.getByTestId('drafting-next').click();
      await page.getByTestId('drafting-validation').filter({ hasText: '草稿可通过校验' }).waitFor();
      // an id in use is refused before anything is imported (an import would replace that pack's draft)
      await page.getByTestId('create-pack-id').fill('county-township-cadres');
      await page.getByTestId('drafting-create').click();
      await page
        .getByTestId('drafting-error')
        .filter({ hasText: '规则包编号 county-township-cadres 已被使用' })
        .waitFor();
      await screenshot(page, 'drafting-04-id-taken', false);
      expect((await stack.admin.call('GET', '/packs/county-township-cadres')).name).not.toBe('某镇机关干部管理规则包');
      await page.getByTestId('create-pack-id').fill(PACK);
      await page.getByTestId('drafting-create').click();
      await page
        .getByTestId('drafting-created')
        .filter({ hasText: `已创建规则包 ${PACK}` })
        .waitFor();
      await screenshot(page, 'drafting-05-created', false);

      // the API has the pack, with the parameters as reviewed, and it validates
      const pack = await stack.admin.call('GET', `/packs/${PACK}`);
      expect(pack).toMatchObject({ id: PACK, name: '某镇机关干部管理规则包', townshipId: TOWNSHIP, extends: 'base' });
      const filter = encodeURIComponent(JSON.stringify({ packId: PACK }));
      const params: { parameterId: string; label: string; value: unknown; definedIn: string }[] =
        await stack.admin.call('GET', `/parameters?filter=${filter}&range=${encodeURIComponent('[0,999]')}`);
      const own = params.filter((p) => p.definedIn === PACK);
      expect(own.find((p) => p.parameterId === 'draft.c18.days5Upto')).toMatchObject({
        label: '干部请假由党委书记审批的最长天数',
        value: 4,
      });
      expect(own.some((p) => p.parameterId === 'draft.c12.hours24')).toBe(false);
      expect(own.length).toBeGreaterThan(20);
      const lint = await stack.admin.call('POST', `/packs/${PACK}/lint`, { version: 'draft' });
      expect(lint.errors).toBe(0);
      const tests = await stack.admin.call('POST', `/packs/${PACK}/test`, { version: 'draft' });
      expect(tests.failed).toBe(0);
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-drafting');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
