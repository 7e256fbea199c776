import type { Knex } from 'knex';

/**
 * Background jobs (what-if runs, batch trials) as rows, so that any server process on the
 * database can run, poll or cancel them and a restart does not lose them. A worker claims a
 * queued row (FOR UPDATE SKIP LOCKED on PostgreSQL), keeps `heartbeat_at` fresh while it runs,
 * and writes the result into the row; a running row whose heartbeat went stale is requeued.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jobs', (t) => {
    t.string('id', 36).primary();
    t.string('kind', 20).notNullable();
    /** queued, running, done, failed, cancelled */
    t.string('state', 12).notNullable();
    t.string('owner', 100).notNullable();
    /** what the job needs to run (JSON), and what its view shows (JSON) */
    t.text('params').notNullable();
    t.text('meta').notNullable();
    /** an uploaded file the job reads; cleared when the job ends */
    t.binary('input').nullable();
    t.integer('done').notNullable().defaultTo(0);
    t.integer('total').notNullable().defaultTo(0);
    t.text('result').nullable();
    t.binary('result_file').nullable();
    t.text('error').nullable();
    t.integer('attempts').notNullable().defaultTo(0);
    /** the process running it */
    t.string('worker', 100).nullable();
    t.string('created_at', 40).notNullable();
    t.string('started_at', 40).nullable();
    t.string('heartbeat_at', 40).nullable();
    t.string('finished_at', 40).nullable();
    t.index(['state', 'kind', 'created_at'], 'jobs_claim_idx');
    t.index(['owner', 'state'], 'jobs_owner_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('jobs');
}
