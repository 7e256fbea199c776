/** The review list of rule proposals of a pack: one JSON row per pack (table pack_proposals). */
import type { Knex } from 'knex';
import type { ProposalSet } from '../../../engine/proposals/index.js';
import { fromJson, nowIso, toJson, type Db } from '../../db/knex.js';

export class ProposalsStore {
  constructor(private readonly db: Db) {}

  async get(packId: string, trx?: Knex.Transaction): Promise<ProposalSet | undefined> {
    const row = await (trx ?? this.db)('pack_proposals').where({ pack_id: packId }).first();
    return row ? fromJson<ProposalSet>(row.body) : undefined;
  }

  /** Write the set; a set with no proposal left removes the row (nothing is waiting for review). */
  async put(trx: Knex.Transaction, packId: string, set: ProposalSet, username: string): Promise<void> {
    if (set.proposals.length === 0) {
      await trx('pack_proposals').where({ pack_id: packId }).delete();
      return;
    }
    const row = { body: toJson(set)!, updated_at: nowIso(), updated_by: username };
    const updated = await trx('pack_proposals').where({ pack_id: packId }).update(row);
    if (!updated) await trx('pack_proposals').insert({ pack_id: packId, ...row });
  }
}
