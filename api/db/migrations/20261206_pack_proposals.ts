import type { Knex } from 'knex';

/**
 * The rule proposals a township is still reviewing (from 从制度文件创建规则包), kept next to the
 * pack's draft so the review list survives leaving the page. One row per pack; the draft's
 * revision is its version (every proposals write bumps the draft revision in the same
 * transaction), so If-Match works the same way as for draft edits.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pack_proposals', (t) => {
    t.string('pack_id', 100).primary().references('id').inTable('packs').onDelete('CASCADE');
    t.text('body').notNullable(); // the ProposalSet, JSON
    t.string('updated_at', 40).notNullable();
    t.string('updated_by', 100).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('pack_proposals');
}
