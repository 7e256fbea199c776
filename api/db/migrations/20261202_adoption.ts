import type { Knex } from 'knex';

/**
 * Adopting a change: who may approve (users.can_approve), publish requests with their
 * reviews, and on versions the basis date, the request that approved them, an admin's stated
 * reason for publishing without approval and the cancellation of a scheduled version.
 * `decisions.as_of` keeps the day of the event an evaluation was asked for.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.boolean('can_approve').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('versions', (t) => {
    t.string('basis_date', 10).nullable();
    t.integer('request_id').nullable();
    t.text('bypass_reason').nullable();
    t.string('cancelled_at', 40).nullable();
    t.string('cancelled_by', 100).nullable();
    t.text('cancel_reason').nullable();
  });
  await knex.schema.createTable('publish_requests', (t) => {
    t.increments('id').primary();
    t.string('pack_id', 100).notNullable().references('id').inTable('packs');
    t.string('township_id', 100).notNullable();
    t.string('status', 20).notNullable(); // requested | approved | rejected | withdrawn
    t.integer('draft_revision').notNullable();
    t.text('bundle').notNullable(); // the frozen draft, JSON
    t.text('chain_versions').notNullable(); // pinned bases, JSON
    t.string('effective_from', 40).nullable(); // null: effective when approved
    t.text('basis').nullable();
    t.string('basis_date', 10).nullable();
    t.integer('approvals_needed').notNullable();
    t.string('requested_by', 100).notNullable();
    t.integer('requested_by_id').nullable();
    t.string('requested_at', 40).notNullable();
    t.string('decided_at', 40).nullable();
    t.integer('version').nullable();
    t.text('withdraw_reason').nullable();
    t.text('frozen').notNullable(); // {diff, checks, lint, whatIf} at request time, JSON
    t.index(['pack_id', 'status']);
    t.index(['township_id', 'status']);
  });
  await knex.schema.createTable('publish_reviews', (t) => {
    t.increments('id').primary();
    t.integer('request_id').notNullable().references('id').inTable('publish_requests').onDelete('CASCADE');
    t.string('username', 100).notNullable();
    t.integer('user_id').nullable();
    t.string('decision', 10).notNullable(); // approve | reject
    t.text('comment').nullable();
    t.string('at', 40).notNullable();
    t.unique(['request_id', 'username']);
  });
  await knex.schema.alterTable('decisions', (t) => {
    t.string('as_of', 40).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => t.dropColumn('as_of'));
  await knex.schema.dropTableIfExists('publish_reviews');
  await knex.schema.dropTableIfExists('publish_requests');
  await knex.schema.alterTable('versions', (t) => {
    for (const c of ['basis_date', 'request_id', 'bypass_reason', 'cancelled_at', 'cancelled_by', 'cancel_reason'])
      t.dropColumn(c);
  });
  await knex.schema.alterTable('users', (t) => t.dropColumn('can_approve'));
}
