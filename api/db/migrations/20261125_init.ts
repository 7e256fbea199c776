import type { Knex } from 'knex';

/**
 * The first schema. JSON documents (bundles, audit snapshots) are text; times are ISO text.
 * `versions` already has the columns adopting a change needs (effective_from, basis, status).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('townships', (t) => {
    t.string('id', 100).primary();
    t.string('name', 200).notNullable();
    t.string('level', 40).notNullable().defaultTo('township');
    t.string('created_at', 40).notNullable();
  });
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('username', 100).notNullable().unique();
    t.string('password_hash', 300).notNullable();
    t.string('role', 20).notNullable();
    t.string('township_id', 100).nullable().references('id').inTable('townships');
    t.string('display_name', 200).nullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
  });
  await knex.schema.createTable('tokens', (t) => {
    t.increments('id').primary();
    t.string('token_hash', 128).notNullable().unique();
    t.string('kind', 20).notNullable(); // session | api
    t.integer('user_id').nullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('name', 200).nullable();
    t.string('role', 20).nullable(); // api tokens: 'system'
    t.string('township_id', 100).nullable();
    t.string('created_at', 40).notNullable();
    t.string('expires_at', 40).nullable();
    t.string('revoked_at', 40).nullable();
  });
  await knex.schema.createTable('packs', (t) => {
    t.string('id', 100).primary();
    t.string('township_id', 100).notNullable();
    t.string('extends_id', 100).nullable();
    t.string('name', 300).notNullable();
    t.text('draft').notNullable(); // the PackBundle being edited, JSON
    t.integer('revision').notNullable().defaultTo(1);
    t.string('created_at', 40).notNullable();
    t.string('created_by', 100).nullable();
    t.string('draft_updated_at', 40).notNullable();
    t.string('draft_updated_by', 100).nullable();
    t.index(['township_id']);
  });
  await knex.schema.createTable('versions', (t) => {
    t.string('pack_id', 100).notNullable().references('id').inTable('packs');
    t.integer('version').notNullable();
    t.text('bundle').notNullable(); // immutable PackBundle, JSON
    t.text('chain_versions').notNullable(); // {basePackId: version} pinned at publish, JSON
    t.string('status', 20).notNullable().defaultTo('published');
    t.string('published_at', 40).notNullable();
    t.string('published_by', 100).nullable();
    t.string('effective_from', 40).notNullable();
    t.text('basis').nullable();
    t.string('origin', 20).notNullable(); // seed | publish | rollback
    t.integer('copied_from').nullable();
    t.integer('draft_revision').nullable();
    t.text('checks').nullable(); // what publish checked, JSON
    t.primary(['pack_id', 'version']);
    t.index(['pack_id', 'status', 'effective_from']);
  });
  // one row per pack; `counter` comes from one global sequence (max+1), so max(counter) is a
  // cheap generation number every server process checks before trusting its caches
  await knex.schema.createTable('pack_heads', (t) => {
    t.string('pack_id', 100).primary();
    t.integer('version').nullable();
    t.bigInteger('counter').notNullable();
    t.index(['counter']);
  });
  await knex.schema.createTable('audit_events', (t) => {
    t.increments('id').primary();
    t.string('at', 40).notNullable();
    t.integer('actor_id').nullable();
    t.string('actor', 100).nullable();
    t.string('action', 60).notNullable();
    t.string('resource', 40).notNullable();
    t.string('record_id', 300).nullable();
    t.string('pack_id', 100).nullable();
    t.integer('version').nullable();
    t.string('township_id', 100).nullable();
    t.text('before').nullable();
    t.text('after').nullable();
    t.index(['pack_id']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_events', 'pack_heads', 'versions', 'packs', 'tokens', 'users', 'townships']) {
    await knex.schema.dropTableIfExists(table);
  }
}
