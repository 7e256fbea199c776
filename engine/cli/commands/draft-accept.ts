import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  buildPack,
  folderSource,
  hasErrors,
  lintPack,
  readPackFolder,
  runFixtures,
  SCHEMAS_DIR,
  SHIPPED_RULES_DIR,
  validateProposals,
} from '../../index.js';
import {
  acceptProposals,
  confirmAll,
  onboardingBlockers,
  readProposals,
  resolveIssue,
  type ProposalSet,
  type ResolutionChoice,
} from '../../proposals/index.js';
import { bad, bold, dim, formatIssue, ok, output } from '../format.js';
import type { CommonOptions } from '../packs.js';

export interface DraftAcceptOptions extends CommonOptions {
  /** the draft pack folder (default: `folder` recorded in the review file) */
  pack?: string;
  /** confirm every tier still proposed before accepting */
  confirmAll?: boolean;
  /** settle overlaps and gaps: `p-c18-l1:overlap:t2:t3=lowerTier` */
  resolve?: string[];
}

/**
 * `rules draft-accept review.json [--pack <folder>] [--confirm-all]`: the confirmed tiers become
 * rules/*.json and boundary fixtures/*.json in the draft pack folder; the review file keeps what
 * is still open. Exit 1 when the pack does not validate or a generated fixture fails.
 */
export async function draftAcceptCommand(reviewFile: string, options: DraftAcceptOptions): Promise<number> {
  const reviewPath = resolve(reviewFile);
  if (!existsSync(reviewPath)) throw new Error(`file not found: ${reviewFile}`);
  let set = JSON.parse(readFileSync(reviewPath, 'utf8')) as ProposalSet;
  const problems = validateProposals(set);
  if (problems.length)
    throw new Error(
      `${reviewFile} is not a proposals file: ${problems.map((p) => `${p.pointer} ${p.messageZh}`).join('; ')}`,
    );
  set = readProposals(set);
  const folder = resolve(options.pack ?? join(dirname(reviewPath), set.folder ?? '.'));
  if (!existsSync(join(folder, 'pack.json')) || !statSync(folder).isDirectory())
    throw new Error(`no pack folder at ${folder} (use --pack <folder>)`);
  for (const spec of options.resolve ?? []) {
    const m = /^(p-[a-z0-9-]+):(.+)=(\w+)$/.exec(spec);
    if (!m)
      throw new Error(`--resolve ${spec}: expected <proposal>:<issue>=<choice>, e.g. p-c18-l1:overlap:t2:t3=lowerTier`);
    const [, id, issue, choice] = m;
    const proposal = set.proposals.find((p) => p.id === id);
    if (!proposal) throw new Error(`--resolve ${spec}: no proposal ${id}`);
    const resolved = resolveIssue(proposal, issue, choice as ResolutionChoice);
    set = { ...set, proposals: set.proposals.map((p) => (p.id === id ? resolved : p)) };
  }
  if (options.confirmAll) set = confirmAll(set);
  const { bundle, issues: readIssues } = readPackFolder(folder, set.pack);
  if (readIssues.length) throw new Error(readIssues.map((i) => i.message).join('; '));
  const shipped = folderSource(options.rulesDir ? resolve(options.rulesDir) : SHIPPED_RULES_DIR);
  const result = acceptProposals(bundle, set, { source: shipped });

  const schema = (file: string) => relative(join(folder, 'rules'), join(SCHEMAS_DIR, file));
  const touched = new Set(result.accepted.flatMap((a) => [a.file, a.file.replace(/^rules\//, 'fixtures/')]));
  for (const file of touched) {
    const data = file.startsWith('rules/')
      ? { $schema: schema('rules.schema.json'), ...result.bundle.rules[file] }
      : { $schema: schema('fixtures.schema.json'), ...result.bundle.fixtures[file] };
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), JSON.stringify(data, null, 2) + '\n');
  }
  // the review file keeps every proposal still open, accepted tiers marked
  writeFileSync(
    reviewPath,
    JSON.stringify({ ...result.remaining, ...(set.$schema ? { $schema: set.$schema } : {}) }, null, 2) + '\n',
  );

  const source = { get: (id: string) => (id === set.pack ? result.bundle : shipped.get(id)) };
  const built = buildPack(set.pack, source);
  const report = built.compiled ? await runFixtures(built.compiled) : undefined;
  const untested =
    built.resolved && built.compiled ? lintPack(built.resolved).filter((f) => f.code === 'UNTESTED_BOUNDARY') : [];
  const blockers = onboardingBlockers(result.bundle, result.remaining);
  const failed = !built.compiled || hasErrors(built.issues) || (report?.failed ?? 0) > 0;
  output(
    !!options.json,
    {
      folder,
      accepted: result.accepted,
      heldBack: result.heldBack,
      remaining: result.remaining.proposals.length,
      issues: built.issues,
      fixtures: report && { passed: report.passed, failed: report.failed },
      untestedBoundaries: untested,
      blockers,
    },
    () => {
      const lines = [`${bold(set.pack)} → ${folder}`];
      for (const a of result.accepted)
        lines.push(
          `  ${ok('✓')} ${a.file}：${a.rules.length} 条规则，${a.fixtures.length} 个边界用例${a.fixturesSkippedZh ? dim(`（${a.fixturesSkippedZh}）`) : ''}`,
        );
      for (const h of result.heldBack) lines.push(`  ${bad('…')} 暂未写入：${h.reasonZh}`);
      if (!built.compiled) lines.push(`${bad('✗')} 规则包校验未通过：\n${built.issues.map(formatIssue).join('\n')}`);
      if (report)
        lines.push(`${report.failed ? bad('✗') : ok('✓')} 测试用例 ${report.passed} 通过，${report.failed} 未通过`);
      if (untested.length) lines.push(`${bad('!')} ${untested.length} 个门槛缺少边界用例`);
      lines.push(blockers.length ? bold(`发布前还需完成（${blockers.length}）：`) : ok('✓ 没有待确认的规则建议'));
      blockers.forEach((b, i) => lines.push(`  ${i + 1}. ${b.messageZh}`));
      return lines.join('\n');
    },
  );
  return failed ? 1 : 0;
}
