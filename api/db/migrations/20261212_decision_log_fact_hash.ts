import type { Knex } from 'knex';

/**
 * A hash of each logged fact set (see factsHash): logged decisions repeat heavily, and what-if
 * evaluates each distinct fact set once. Rows logged before this migration have none and are
 * told apart by their facts text instead.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.string('facts_hash', 32).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.dropColumn('facts_hash');
  });
}
