import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  buildPack,
  bundleSource,
  folderSource,
  hasErrors,
  SCHEMAS_DIR,
  SHIPPED_RULES_DIR,
  type PackBundle,
  type PackSource,
} from '../../index.js';
import { draftFromDocument, DocumentUnreadableError, type DraftResult } from '../../drafting/index.js';
import {
  formatMeasure,
  measureCorpora,
  measureExtraction,
  meetsTarget,
  standardCorpora,
  type CatalogueEntry,
} from '../../drafting/measure.js';
import { bad, bold, dim, formatIssue, ok, output } from '../format.js';
import type { CommonOptions } from '../packs.js';
import { PROJECT_FOLDER } from '../../project-folder.js';
import { DEFAULT_OUTPUT_DIR } from '../output-path.js';

export interface DraftFromOptions extends CommonOptions {
  township?: string;
  extends?: string;
  packId?: string;
  out?: string;
  force?: boolean;
  measure?: boolean | string;
  /** where to write the proposed rules (default: <out>/review/proposals.json) */
  review?: string;
}

/**
 * The files of a draft pack folder `out`; proposals go to review/, which no pack reader loads.
 * Each file names its schema relative to where it is written, for editors that follow `$schema`.
 */
export function draftFiles(result: DraftResult, out: string): Record<string, unknown> {
  const { bundle, review, ladders } = result;
  const schema = (name: string, file: string) => relative(join(out, name, '..'), join(SCHEMAS_DIR, file));
  const files: Record<string, unknown> = {
    'pack.json': { $schema: schema('pack.json', 'pack.schema.json'), ...bundle.pack },
    'sources.json': { $schema: schema('sources.json', 'sources.schema.json'), ...bundle.sources },
    'parameters.json': { $schema: schema('parameters.json', 'parameters.schema.json'), ...bundle.parameters },
    'review/review.json': { items: review.items, ladders },
  };
  files['review/proposals.json'] = {
    $schema: schema('review/proposals.json', 'proposals.schema.json'),
    ...review.proposals,
    folder: '..',
  };
  return files;
}

function sourceWith(bundle: PackBundle, rulesDir: string): PackSource {
  const shipped = folderSource(rulesDir);
  const draft = bundleSource({ [bundle.pack.id]: bundle });
  return {
    get: (id) => draft.get(id) ?? shipped.get(id),
    readIssues: (id) => (id === bundle.pack.id ? [] : (shipped.readIssues?.(id) ?? [])),
  };
}

async function measureCommand(options: DraftFromOptions): Promise<number> {
  if (typeof options.measure === 'string') {
    // a catalogue of one's own, against the seeds
    const catalogue = JSON.parse(readFileSync(resolve(options.measure), 'utf8')) as { clauses: CatalogueEntry[] };
    const measure = await measureExtraction(catalogue.clauses, (seed) =>
      readFileSync(join(PROJECT_FOLDER, 'docs', 'seeds', seed), 'utf8'),
    );
    output(!!options.json, measure, () => formatMeasure(measure));
    return meetsTarget('seeds', measure) ? 0 : 1;
  }
  const results = await measureCorpora(
    standardCorpora({ read: (p) => readFileSync(p, 'utf8'), list: (d) => readdirSync(d) }, PROJECT_FOLDER),
  );
  // --json: the seeds' figures at the top level (as before), every document set under `corpora`
  output(!!options.json, { ...results[0].measure, corpora: results }, () =>
    results
      .map(({ name, measure }) => `== ${name}\n${formatMeasure(measure, name === 'seeds' ? '90%' : '95%')}`)
      .join('\n\n'),
  );
  return results.every((r) => meetsTarget(r.name, r.measure)) ? 0 : 1;
}

/** `rules draft-from <file> --township <name> --extends <base> [--out <dir>]`: a draft pack folder and a review list. */
export async function draftFromCommand(file: string | undefined, options: DraftFromOptions): Promise<number> {
  if (options.measure) return measureCommand(options);
  if (!file) throw new Error('draft-from needs a file (.docx, .txt or .md)');
  if (!options.township) throw new Error('draft-from needs --township <name>');
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`file not found: ${file}`);
  let result: DraftResult;
  try {
    result = await draftFromDocument(
      { data: readFileSync(path), name: file },
      { township: options.township, extends: options.extends ?? 'base', packId: options.packId },
    );
  } catch (error) {
    if (error instanceof DocumentUnreadableError) {
      process.stderr.write(`${bad('✗')} ${error.messageZh}\n  ${dim(error.message)}\n  未写入任何文件。\n`);
      return 1;
    }
    throw error;
  }
  const { bundle, review, ladders, quantities, clauses } = result;
  const rulesDir = options.rulesDir ? resolve(options.rulesDir) : SHIPPED_RULES_DIR;
  const issues = buildPack(bundle.pack.id, sourceWith(bundle, rulesDir)).issues;
  const out = resolve(options.out ?? join(DEFAULT_OUTPUT_DIR, 'drafts', bundle.pack.id));
  if (existsSync(out) && readdirSync(out).length > 0 && !options.force) {
    throw new Error(`${out} already exists and is not empty (use --force to overwrite)`);
  }
  const files = draftFiles(result, out);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(out, name, '..'), { recursive: true });
    writeFileSync(join(out, name), JSON.stringify(data, null, 2) + '\n');
  }
  mkdirSync(join(out, 'rules'), { recursive: true });
  if (options.review) {
    const reviewPath = resolve(options.review);
    mkdirSync(dirname(reviewPath), { recursive: true });
    const proposals = {
      $schema: relative(dirname(reviewPath), join(SCHEMAS_DIR, 'proposals.schema.json')),
      ...review.proposals,
      folder: relative(dirname(reviewPath), out) || '.',
    };
    writeFileSync(reviewPath, JSON.stringify(proposals, null, 2) + '\n');
  }

  output(
    !!options.json,
    { out, pack: bundle.pack, issues, review, ladders, quantities, clauses: clauses.length },
    () => {
      const lines = [
        `${bold(bundle.pack.name)} ${dim(`(${bundle.pack.id}, 继承 ${bundle.pack.extends})`)} → ${out}`,
        `《${result.document.title}》 ${result.document.format}${result.document.traditional ? '，繁体已转简体匹配（引文保留原文）' : ''}：${clauses.length} 个条款，${quantities.filter((q) => q.kind !== 'clock').length} 个数量，${bundle.parameters.parameters?.length ?? 0} 个参数，${ladders.length} 个阶梯`,
        hasErrors(issues)
          ? `${bad('✗')} 草稿校验未通过：\n${issues.map(formatIssue).join('\n')}`
          : `${ok('✓')} 草稿规则包校验通过（规则建议待确认：rules draft-accept）`,
      ];
      for (const ladder of ladders) {
        lines.push(
          `  阶梯 ${ladder.article}「${ladder.tiers.map((t) => t.text).join(' / ')}」${ladder.findings.length ? '' : ok(' 无重叠、无空档')}`,
        );
        for (const f of ladder.findings)
          lines.push(`    ${f.kind === 'overlap' ? bad('重叠') : '空档'} ${f.messageZh}`);
      }
      lines.push('', bold(`待核对（${review.items.length}）：`));
      review.items.forEach((item, i) =>
        lines.push(`  ${i + 1}. ${item.article ? dim(`[${item.article}] `) : ''}${item.messageZh}`),
      );
      return lines.join('\n');
    },
  );
  return hasErrors(issues) ? 1 : 0;
}
