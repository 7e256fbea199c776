import type { Knex } from 'knex';

/**
 * decision_fact_sets: the decision log counted by (pack, month, township, decision, fact set,
 * outcomes), so that what-if reads a few thousand counts instead of every logged decision (see
 * features/decisions/fact-set-summary). Triggers keep it in step inside each statement that
 * changes `decisions`: row triggers on SQLite, statement triggers over the changed rows
 * (transition tables) on PostgreSQL. The existing log is counted here.
 *
 * `first_id` null: a deletion removed the group's first decision (recounted later); `mixed`:
 * members with one key but different facts texts (a hash collision or a forged hash), which
 * what-if then tells apart from the raw rows.
 */
export async function up(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.createTable('decision_fact_sets', (t) => {
    t.string('pack_id', 100).notNullable();
    /** YYYY-MM in China Standard Time; '' for a row whose `at` is no ISO UTC moment */
    t.string('month', 7).notNullable();
    /** '' for rows without a township */
    t.string('township_id', 100).notNullable();
    t.string('decision', 100).notNullable();
    t.string('version', 20).notNullable();
    /** facts_hash, or the facts text for rows logged without one */
    t.text('facts_key').notNullable();
    t.text('outcomes').notNullable();
    t.bigInteger('n').notNullable();
    t.bigInteger('first_id').nullable();
    t.text('facts').notNullable();
    t.boolean('mixed').notNullable();
    if (pg) t.binary('key_sha').notNullable();
  });
  if (pg) await createPostgresTriggers(knex);
  else await createSqliteTriggers(knex);
  await knex.raw(summariseSql(pg, 'decisions', '1 = 1'));
}

/*
 * The SQL below is this migration's own copy of what features/decisions/fact-set-summary.ts
 * builds today: a migration must do tomorrow what it did when it shipped, whatever the feature
 * code becomes.
 */

/** The month (China Standard Time) of an ISO UTC moment `at`, '' when `at` is no such moment. */
function monthSql(pg: boolean, at: string): string {
  return pg
    ? `decision_fact_sets_month(${at})`
    : `case when ${at} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' then coalesce(strftime('%Y-%m', ${at}, '+8 hours'), '') else '' end`;
}

const PG_KEY_SHA = `sha256(convert_to(coalesce(facts_hash, facts), 'UTF8') || '\\x00'::bytea || convert_to(outcomes, 'UTF8'))`;

/** INSERT … SELECT counting the rows of `from` that match `where` into decision_fact_sets. */
function summariseSql(pg: boolean, from: string, where: string): string {
  const filter = where ? `where ${where}` : '';
  if (!pg)
    return `insert into decision_fact_sets (pack_id, month, township_id, decision, version, facts_key, outcomes, n, first_id, facts, mixed)
      select pack_id, ${monthSql(pg, 'at')}, coalesce(township_id, ''), decision, version, coalesce(facts_hash, facts), outcomes,
        count(*), min(id), min(facts), min(facts) <> max(facts)
      from ${from} ${filter} group by 1, 2, 3, 4, 5, 6, 7`;
  const text = (column: string) => [`min(${column} collate "C")`, `max(${column} collate "C")`];
  const [facts, factsMax] = text('facts');
  const [key, keyMax] = text('coalesce(facts_hash, facts)');
  const [outcomes, outcomesMax] = text('outcomes');
  return `insert into decision_fact_sets (pack_id, month, township_id, decision, version, key_sha, facts_key, outcomes, n, first_id, facts, mixed)
    select pack_id, ${monthSql(pg, 'at')}, coalesce(township_id, ''), decision, version, ${PG_KEY_SHA}, ${key}, ${outcomes},
      count(*), min(id), ${facts}, ${facts} <> ${factsMax} or ${key} <> ${keyMax} or ${outcomes} <> ${outcomesMax}
    from ${from} ${filter} group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`;
}

async function createSqliteTriggers(knex: Knex): Promise<void> {
  const key = ['pack_id', 'month', 'township_id', 'decision', 'version', 'facts_key', 'outcomes'];
  await knex.raw(`create unique index decision_fact_sets_key on decision_fact_sets (${key.join(', ')})`);
  const values = (row: string) => [
    `${row}.pack_id`,
    monthSql(false, `${row}.at`),
    `coalesce(${row}.township_id, '')`,
    `${row}.decision`,
    `${row}.version`,
    `coalesce(${row}.facts_hash, ${row}.facts)`,
    `${row}.outcomes`,
  ];
  const add = `insert into decision_fact_sets (${key.join(', ')}, n, first_id, facts, mixed)
      values (${values('new').join(', ')}, 1, new.id, new.facts, 0)
      on conflict (${key.join(', ')}) do update set
        n = n + 1, first_id = min(first_id, excluded.first_id), mixed = mixed or facts <> excluded.facts;`;
  const same = values('old')
    .map((value, i) => `${key[i]} = ${value}`)
    .join(' and ');
  const remove = `update decision_fact_sets set n = n - 1, first_id = case when first_id = old.id then null else first_id end
      where ${same};
    delete from decision_fact_sets where ${same} and n <= 0;`;
  await knex.raw(`create trigger decision_fact_sets_insert after insert on decisions begin ${add} end`);
  await knex.raw(`create trigger decision_fact_sets_delete after delete on decisions begin ${remove} end`);
  await knex.raw(`create trigger decision_fact_sets_update
    after update of at, pack_id, township_id, decision, facts_hash, facts, outcomes on decisions
    begin ${remove} ${add} end`);
}

async function createPostgresTriggers(knex: Knex): Promise<void> {
  await knex.raw(
    'create unique index decision_fact_sets_key on decision_fact_sets (pack_id, month, township_id, decision, version, key_sha)',
  );
  // the month of decisions.at as the API writes it (toISOString); '' for anything else, never an error
  await knex.raw(`create function decision_fact_sets_month(at text) returns text language sql stable as $$
    select case when at ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+|)Z$'
      then to_char((at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM') else '' end $$`);
  const group = `pack_id, decision_fact_sets_month(at), coalesce(township_id, ''), decision, version, ${PG_KEY_SHA}`;
  // summary rows in key order: concurrent writers lock them in the same order (no deadlock)
  await knex.raw(`create function decision_fact_sets_sync() returns trigger language plpgsql as $$
  begin
    if tg_op in ('DELETE', 'UPDATE') then
      update decision_fact_sets s set n = s.n - d.n,
        first_id = case when d.first_id <= s.first_id then null else s.first_id end
      from (select ${group}, count(*) as n, min(id) as first_id from removed group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6)
        as d (pack_id, month, township_id, decision, version, key_sha, n, first_id)
      where (s.pack_id, s.month, s.township_id, s.decision, s.version, s.key_sha)
        = (d.pack_id, d.month, d.township_id, d.decision, d.version, d.key_sha);
      delete from decision_fact_sets s using (select distinct pack_id, decision_fact_sets_month(at) as month from removed) d
      where s.pack_id = d.pack_id and s.month = d.month and s.n <= 0;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      ${summariseSql(true, 'added', '')}
      on conflict (pack_id, month, township_id, decision, version, key_sha) do update set
        n = decision_fact_sets.n + excluded.n,
        first_id = case when decision_fact_sets.first_id is null then null
          else least(decision_fact_sets.first_id, excluded.first_id) end,
        mixed = decision_fact_sets.mixed or excluded.mixed or decision_fact_sets.facts <> excluded.facts
          or decision_fact_sets.facts_key <> excluded.facts_key or decision_fact_sets.outcomes <> excluded.outcomes;
    end if;
    return null;
  end $$`);
  for (const [event, tables] of [
    ['insert', 'new table as added'],
    ['delete', 'old table as removed'],
    ['update', 'old table as removed new table as added'],
  ])
    await knex.raw(`create trigger decision_fact_sets_${event} after ${event} on decisions
      referencing ${tables} for each statement execute function decision_fact_sets_sync()`);
}

export async function down(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  for (const trigger of ['insert', 'update', 'delete'])
    await knex.raw(`drop trigger if exists decision_fact_sets_${trigger}${pg ? ' on decisions' : ''}`);
  if (pg) {
    await knex.raw('drop function if exists decision_fact_sets_sync()');
    await knex.raw('drop function if exists decision_fact_sets_month(text)');
  }
  await knex.schema.dropTableIfExists('decision_fact_sets');
}
