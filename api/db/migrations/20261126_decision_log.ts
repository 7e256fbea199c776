import type { Knex } from 'knex';

/**
 * The decision log: one row per evaluation answered through the API. Facts and
 * outcomes are JSON text; `outcome_types` is ",approval,refusal," so a LIKE finds a type;
 * `township_id` is the caller's township (or the pack's, for admins and county-wide tokens)
 * and is what township scoping filters on.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decisions', (t) => {
    t.bigIncrements('id').primary();
    t.string('at', 40).notNullable();
    t.string('pack_id', 100).notNullable();
    t.string('version', 20).notNullable(); // a version number or 'draft'
    t.string('decision', 100).notNullable();
    t.text('facts').notNullable(); // as given in the request, JSON
    t.text('outcomes').notNullable(); // JSON
    t.string('outcome_types', 300).notNullable();
    t.string('caller', 200).notNullable(); // username or token:<name>
    t.string('caller_kind', 10).notNullable(); // user | api
    t.string('township_id', 100).nullable();
    t.index(['pack_id', 'at']);
    t.index(['pack_id', 'decision']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('decisions');
}
