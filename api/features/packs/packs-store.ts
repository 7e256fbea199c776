import type { Knex } from 'knex';
import type { PackBundle } from '../../../engine/index.js';
import { ChangeSignal } from '../../db/change-signal.js';
import { fromJson, nowIso, toJson, type Db } from '../../db/knex.js';

export interface PackRow {
  id: string;
  township_id: string;
  extends_id: string | null;
  name: string;
  draft: string;
  revision: number;
  created_at: string;
  created_by: string | null;
  draft_updated_at: string;
  draft_updated_by: string | null;
}

export interface PackMeta {
  id: string;
  townshipId: string;
  /** the owner's administrative level (national packs are bases every township may read) */
  ownerLevel: string | null;
  extendsId: string | null;
  name: string;
}

/** `generation()` as one statement, for the per-request read on SQLite's side connection */
const GENERATION_SQL = 'select sum(counter) as generation from pack_heads';

export class PacksStore {
  /**
   * The generation as this process knows it: read per request on SQLite (a running read is
   * shared), from memory on PostgreSQL while LISTEN/NOTIFY tells every process of a bump.
   */
  readonly generationSignal: ChangeSignal;

  constructor(private readonly db: Db) {
    this.generationSignal = new ChangeSignal(db, 'pack_generation', () => this.generation(), {
      sqliteMaxAgeMs: 0,
      fresh: false,
      sqliteSql: GENERATION_SQL,
    });
  }

  get(id: string, trx?: Knex.Transaction): Promise<PackRow | undefined> {
    return (trx ?? this.db)('packs').where({ id }).first();
  }

  draftOf(row: PackRow): PackBundle {
    return fromJson<PackBundle>(row.draft);
  }

  async allMeta(): Promise<PackMeta[]> {
    const rows = await this.db('packs')
      .leftJoin('townships', 'townships.id', 'packs.township_id')
      .select('packs.id', 'packs.township_id', 'packs.extends_id', 'packs.name', 'townships.level');
    return rows.map(
      (r: { id: string; township_id: string; extends_id: string | null; name: string; level: string | null }) => ({
        id: r.id,
        townshipId: r.township_id,
        ownerLevel: r.level ?? null,
        extendsId: r.extends_id,
        name: r.name,
      }),
    );
  }

  async count(): Promise<number> {
    const row = await this.db('packs').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async insert(
    trx: Knex.Transaction,
    row: {
      id: string;
      township_id: string;
      extends_id: string | null;
      name: string;
      draft: PackBundle;
      created_by: string | null;
    },
  ): Promise<void> {
    const now = nowIso();
    await trx('packs').insert({
      id: row.id,
      township_id: row.township_id,
      extends_id: row.extends_id,
      name: row.name,
      draft: toJson(row.draft),
      revision: 1,
      created_at: now,
      created_by: row.created_by,
      draft_updated_at: now,
      draft_updated_by: row.created_by,
    });
    await trx('pack_heads').insert({ pack_id: row.id, version: null, counter: 1 });
    await this.generationSignal.bumped(trx);
  }

  /** Write a new draft if nobody else did since `revision`; false when the draft moved on. */
  async updateDraft(
    trx: Knex.Transaction,
    id: string,
    revision: number,
    draft: PackBundle,
    by: string | null,
  ): Promise<boolean> {
    const updated = await trx('packs')
      .where({ id, revision })
      .update({
        draft: toJson(draft),
        revision: revision + 1,
        name: draft.pack.name,
        extends_id: draft.pack.extends ?? null,
        draft_updated_at: nowIso(),
        draft_updated_by: by,
      });
    return Number(updated) === 1;
  }

  async remove(trx: Knex.Transaction, id: string): Promise<void> {
    await trx('packs').where({ id }).delete();
    // the head row stays (counter bumped) so that generation numbers never go backwards
    await this.bumpHead(trx, id, null);
  }

  /**
   * Record that a pack's head changed (publish, rollback, create, delete). Every process compares
   * `generation()` with what it cached; the sum of counters only ever grows.
   */
  async bumpHead(trx: Knex.Transaction, packId: string, version: number | null): Promise<void> {
    const updated = await trx('pack_heads')
      .where({ pack_id: packId })
      .update({ version, counter: trx.raw('counter + 1') });
    if (Number(updated) === 0) await trx('pack_heads').insert({ pack_id: packId, version, counter: 1 });
    await this.generationSignal.bumped(trx);
  }

  /** the sum of every head's counter: it only ever grows (see bumpHead) */
  async generation(): Promise<number> {
    const row = await this.db('pack_heads').sum({ g: 'counter' }).first();
    return Number(row?.g ?? 0);
  }
}
