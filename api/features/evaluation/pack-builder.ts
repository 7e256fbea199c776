/**
 * Packs are compiled ONLY here, through the engine's buildPack, over an in-memory bundle source
 * assembled from the database. A published version is immutable (its base chain is pinned in
 * chain_versions), so its compiled form is cached per (pack, version) for the life of the
 * process; drafts are cached per (pack, revision, pinned bases).
 */
import { buildPack, bundleSource, type BuiltPack, type PackBundle } from '../../../engine/index.js';
import { ApiError, NotFoundError } from '../../errors.js';
import type { CatalogSnapshot } from '../packs/pack-catalog.js';
import type { ChainVersions, StoredVersion, VersionsStore } from '../versions/versions-store.js';

const MAX_ENTRIES = 200;

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class BaseNotPublishedError extends ApiError {
  constructor(packId: string, baseId: string) {
    super(
      422,
      'BASE_NOT_PUBLISHED',
      `Pack ${packId} extends ${baseId}, which has no published version`,
      `规则包 ${packId} 继承的基础规则包 ${baseId} 尚未发布`,
      { base: baseId },
    );
  }
}

export class PackBuilder {
  private readonly built = new Lru<Promise<BuiltPack>>(MAX_ENTRIES);
  private readonly stored = new Lru<Promise<StoredVersion | undefined>>(MAX_ENTRIES * 2);

  constructor(private readonly versions: VersionsStore) {}

  /** A stored version (immutable, cached). */
  loadVersion(packId: string, version: number): Promise<StoredVersion | undefined> {
    const key = `${packId}@${version}`;
    let found = this.stored.get(key);
    if (!found) {
      found = this.versions.load(packId, version);
      this.stored.set(key, found);
      found.then(
        (v) => {
          if (!v) this.stored.delete(key);
        },
        () => this.stored.delete(key),
      );
    }
    return found;
  }

  async requireVersion(packId: string, version: number): Promise<StoredVersion> {
    const stored = await this.loadVersion(packId, version);
    if (!stored) throw new NotFoundError('version', `${packId}:${version}`, '版本');
    return stored;
  }

  /** The bundles of the pinned chain above a pack. */
  private async chainBundles(chain: ChainVersions): Promise<Record<string, PackBundle>> {
    const bundles: Record<string, PackBundle> = {};
    for (const [id, version] of Object.entries(chain)) bundles[id] = (await this.requireVersion(id, version)).bundle;
    return bundles;
  }

  /** Build a bundle on top of pinned bases (validation of edits, imports, publish). Not cached. */
  async buildWith(packId: string, bundle: PackBundle, chain: ChainVersions, version?: string): Promise<BuiltPack> {
    const bundles = { ...(await this.chainBundles(chain)), [packId]: bundle };
    return buildPack(packId, bundleSource(bundles), { version });
  }

  /** A published version, compiled once per process. */
  buildVersion(packId: string, version: number): Promise<BuiltPack> {
    const key = `v:${packId}@${version}`;
    let found = this.built.get(key);
    if (!found) {
      found = (async () => {
        const stored = await this.requireVersion(packId, version);
        return this.buildWith(packId, stored.bundle, stored.chainVersions, String(version));
      })();
      this.built.set(key, found);
      found.catch(() => this.built.delete(key));
    }
    return found;
  }

  /**
   * The bases a draft builds on: its parent's version in force now, plus whatever that version
   * pinned above itself. Publishing the draft pins exactly these.
   */
  async draftChain(snapshot: CatalogSnapshot, packId: string, bundle: PackBundle): Promise<ChainVersions> {
    const parent = bundle.pack?.extends;
    if (!parent) return {};
    if (!snapshot.packs.has(parent)) return {}; // engine reports EXTENDS_MISSING
    const version = await snapshot.inForce(parent);
    if (version === undefined) throw new BaseNotPublishedError(packId, parent);
    const stored = await this.requireVersion(parent, version);
    return { ...stored.chainVersions, [parent]: version };
  }

  /** A draft, compiled once per revision and pinned bases. */
  async buildDraft(
    snapshot: CatalogSnapshot,
    packId: string,
    bundle: PackBundle,
    revision: number,
  ): Promise<{ built: BuiltPack; chain: ChainVersions }> {
    const chain = await this.draftChain(snapshot, packId, bundle);
    const key = `d:${packId}#${revision}:${JSON.stringify(chain)}`;
    let found = this.built.get(key);
    if (!found) {
      found = this.buildWith(packId, bundle, chain, 'draft');
      this.built.set(key, found);
      found.catch(() => this.built.delete(key));
    }
    return { built: await found, chain };
  }
}
