/**
 * What every request needs to know about packs, cached per generation: who owns each pack, what
 * it extends, and which version is in force. The generation (`sum(counter)` over pack_heads)
 * tells whether another process published since; if so, the caches are dropped. On SQLite it is
 * one cheap query per request (shared by concurrent requests); on PostgreSQL it is kept in
 * memory and dropped on NOTIFY (see ChangeSignal).
 */
import { nowIso } from '../../db/knex.js';
import { versionInForce, type TimelineEntry } from '../../../engine/timeline/index.js';
import type { VersionsStore } from '../versions/versions-store.js';
import type { PackMeta, PacksStore } from './packs-store.js';

export interface CatalogSnapshot {
  generation: number;
  packs: Map<string, PackMeta>;
  /**
   * The version in force at `asOf` (ISO UTC; default now), from the pack's timeline cached for
   * this generation. Time is applied at every call: a scheduled version takes effect on its
   * moment although nothing was written then.
   */
  inForce(packId: string, asOf?: string): Promise<number | undefined>;
  /** every version's effective moment (cancelled ones flagged), cached for this generation */
  timeline(packId: string): Promise<TimelineEntry[]>;
}

export class PackCatalog {
  private current?: { generation: number; snapshot: Promise<CatalogSnapshot> };

  constructor(
    private readonly packs: PacksStore,
    private readonly versions: VersionsStore,
  ) {}

  private generation(): Promise<number> {
    return this.packs.generationSignal.current();
  }

  async snapshot(): Promise<CatalogSnapshot> {
    const generation = await this.generation();
    if (this.current?.generation === generation) return this.current.snapshot;
    const snapshot = this.load(generation);
    this.current = { generation, snapshot };
    snapshot.catch(() => {
      if (this.current?.snapshot === snapshot) this.current = undefined;
    });
    return snapshot;
  }

  /** Drop caches now (this process just wrote). */
  invalidate(): void {
    this.current = undefined;
    this.packs.generationSignal.invalidate();
  }

  private async load(generation: number): Promise<CatalogSnapshot> {
    const packs = new Map((await this.packs.allMeta()).map((p) => [p.id, p]));
    const timelines = new Map<string, Promise<TimelineEntry[]>>();
    const timeline = (packId: string) => {
      let found = timelines.get(packId);
      if (!found) {
        found = this.versions.timeline(packId);
        timelines.set(packId, found);
        found.catch(() => timelines.delete(packId));
      }
      return found;
    };
    return {
      generation,
      packs,
      timeline,
      inForce: async (packId, asOf) => versionInForce(await timeline(packId), asOf ?? nowIso()),
    };
  }
}

/** The ids of a pack's base chain, nearest base first (the pack itself excluded). */
export function ancestorsOf(packs: Map<string, PackMeta>, packId: string): string[] {
  const result: string[] = [];
  let current = packs.get(packId)?.extendsId ?? null;
  while (current && !result.includes(current)) {
    result.push(current);
    current = packs.get(current)?.extendsId ?? null;
  }
  return result;
}
