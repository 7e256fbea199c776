import type { Knex } from 'knex';

/**
 * What-if and export read a pack's decisions in id order, 10,000 at a time (keyset paging:
 * pack_id = ? and id > ? order by id). Without this index SQLite picks (pack_id, at) and sorts
 * every page, which made a million-row what-if quadratic.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.index(['pack_id', 'id'], 'decisions_pack_id_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.dropIndex(['pack_id', 'id'], 'decisions_pack_id_id_index');
  });
}
