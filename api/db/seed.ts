/**
 * First start on an empty database: create the admin user and import every pack under rules/ as
 * version 1, bases before the packs that extend them. A pack that does not build (or whose base
 * is missing) is imported as a draft only and reported. Everything is written in one transaction.
 */
import { buildPack, bundleSource, readRepository, type Issue, type PackBundle } from '../../engine/index.js';
import { hashPassword, randomSecret } from '../features/auth/passwords.js';
import { nowIso, toJson, type Db } from './knex.js';

export interface SeedReport {
  seeded: boolean;
  /** set only when the password was generated (print it once) */
  generatedAdminPassword?: string;
  published: string[];
  draftOnly: { pack: string; issues: Issue[] }[];
}

/** Pack ids in `extends` order (bases first); packs in a cycle or with a missing base come last. */
export function extendsOrder(bundles: Map<string, PackBundle>): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string) => {
    if (order.includes(id) || visiting.has(id)) return;
    visiting.add(id);
    const base = bundles.get(id)?.pack?.extends;
    if (base && bundles.has(base)) visit(base);
    visiting.delete(id);
    order.push(id);
  };
  for (const id of [...bundles.keys()].sort()) visit(id);
  return order;
}

export async function seedIfEmpty(
  db: Db,
  options: { rulesDir: string; adminPassword?: string; log?: (msg: string) => void },
): Promise<SeedReport> {
  const log = options.log ?? (() => {});
  const packs = await db('packs').count({ n: '*' }).first();
  const users = await db('users').count({ n: '*' }).first();
  if (Number(packs?.n ?? 0) > 0 || Number(users?.n ?? 0) > 0) return { seeded: false, published: [], draftOnly: [] };

  const repository = readRepository(options.rulesDir);
  const bundles = new Map([...repository].map(([id, loaded]) => [id, loaded.bundle]));
  const published = new Map<string, PackBundle>();
  const chains = new Map<string, Record<string, number>>();
  const report: SeedReport = { seeded: true, published: [], draftOnly: [] };
  const order = extendsOrder(bundles);
  for (const id of order) {
    const bundle = bundles.get(id)!;
    const readIssues = repository.get(id)!.issues;
    const base = bundle.pack?.extends;
    if (readIssues.length || (base && !published.has(base))) {
      report.draftOnly.push({
        pack: id,
        issues: readIssues.length
          ? readIssues
          : [
              {
                severity: 'error',
                code: 'EXTENDS_MISSING',
                pack: id,
                message: `base ${base} is not available`,
                messageZh: `基础规则包 ${base} 不可用`,
              },
            ],
      });
      continue;
    }
    const chain = base ? { ...chains.get(base)!, [base]: 1 } : {};
    const source = bundleSource(
      new Map([...Object.keys(chain).map((p) => [p, published.get(p)!] as const), [id, bundle] as const]),
    );
    const built = buildPack(id, source, { version: '1' });
    if (!built.compiled) {
      report.draftOnly.push({ pack: id, issues: built.issues.filter((i) => i.severity === 'error') });
      continue;
    }
    published.set(id, bundle);
    chains.set(id, chain);
    report.published.push(id);
  }

  const password = options.adminPassword ?? randomSecret(12);
  if (!options.adminPassword) report.generatedAdminPassword = password;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (trx) => {
    const now = nowIso();
    const townships = new Map<string, { id: string; name: string; level: string }>();
    for (const id of order) {
      const owner = bundles.get(id)!.pack?.owner;
      if (owner?.id && !townships.has(owner.id))
        townships.set(owner.id, { id: owner.id, name: owner.name ?? owner.id, level: owner.level ?? 'township' });
    }
    for (const t of townships.values()) await trx('townships').insert({ ...t, created_at: now });
    await trx('users').insert({
      username: 'admin',
      password_hash: passwordHash,
      role: 'admin',
      township_id: null,
      display_name: '系统管理员',
      created_at: now,
      updated_at: now,
    });
    for (const id of order) {
      const bundle = bundles.get(id)!;
      const ownerId = bundle.pack?.owner?.id;
      if (!ownerId) {
        log(`skipping pack ${id}: pack.json has no owner`);
        continue;
      }
      await trx('packs').insert({
        id,
        township_id: ownerId,
        extends_id: bundle.pack.extends ?? null,
        name: bundle.pack.name ?? id,
        draft: toJson(bundle),
        revision: 1,
        created_at: now,
        created_by: 'seed',
        draft_updated_at: now,
        draft_updated_by: 'seed',
      });
      const isPublished = published.has(id);
      if (isPublished) {
        await trx('versions').insert({
          pack_id: id,
          version: 1,
          bundle: toJson(bundle),
          chain_versions: toJson(chains.get(id)),
          status: 'published',
          published_at: now,
          published_by: 'seed',
          effective_from: now,
          basis: null,
          origin: 'seed',
          copied_from: null,
          draft_revision: 1,
          checks: toJson([{ check: 'schema-and-consistency', ok: true, label: '导入时校验 / checked on import' }]),
        });
      }
      await trx('pack_heads').insert({ pack_id: id, version: isPublished ? 1 : null, counter: 1 });
      await trx('audit_events').insert({
        at: now,
        actor: 'seed',
        action: 'pack.seed',
        resource: 'packs',
        record_id: id,
        pack_id: id,
        version: isPublished ? 1 : null,
        township_id: ownerId,
        before: null,
        after: toJson({ version: isPublished ? 1 : null, from: 'rules/' + id }),
      });
    }
  });
  for (const { pack, issues } of report.draftOnly)
    log(`pack ${pack} imported as a draft only: ${issues[0]?.message ?? 'invalid'}`);
  log(`imported ${report.published.length} pack(s) as version 1: ${report.published.join(', ')}`);
  return report;
}
