import type { Knex } from 'knex';

/**
 * Login security: failed attempts and lockouts per username (known or not, so a lockout does
 * not tell who has an account), and one auth generation every process checks before trusting
 * its cache of verified tokens (bumped on logout, revocation, password and user changes).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_lockouts', (t) => {
    t.string('username', 100).primary();
    t.integer('failed_count').notNullable().defaultTo(0);
    t.string('last_failed_at', 40).notNullable();
    t.string('locked_until', 40).nullable();
  });
  await knex.schema.createTable('auth_generation', (t) => {
    t.integer('id').primary();
    t.integer('generation').notNullable();
  });
  await knex('auth_generation').insert({ id: 1, generation: 1 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('auth_generation');
  await knex.schema.dropTableIfExists('login_lockouts');
}
