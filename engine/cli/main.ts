#!/usr/bin/env node
/**
 * The `rules` command for testers and CI: `npx rules <command>` (bin/rules.mjs).
 * A thin face over the engine; every command takes `--json` and exits 1 on errors.
 */
import { Command } from 'commander';
import { coverageCommand } from './commands/coverage.js';
import { diffCommand } from './commands/diff.js';
import { draftAcceptCommand } from './commands/draft-accept.js';
import { draftFromCommand } from './commands/draft-from.js';
import { evalCommand } from './commands/eval.js';
import { evalSheetCommand, exportFixturesCommand, importFixturesCommand } from './commands/fixtures-sheet.js';
import { lintCommand } from './commands/lint.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';

const program = new Command('rules')
  .description('Validate, test and evaluate rule packs (rules/<pack>/).')
  .option('--rules-dir <dir>', 'folder holding the packs (default: the shipped rules/)')
  .option('--json', 'machine-readable output')
  .showHelpAfterError();

const run =
  <A extends unknown[]>(action: (...args: A) => number | Promise<number>) =>
  async (...args: A) => {
    try {
      process.exitCode = await action(...args);
    } catch (error) {
      process.stderr.write(`rules: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  };

program
  .command('validate')
  .argument('[packs...]', 'pack ids (default: all)')
  .description('check packs against the schemas and their references')
  .action(run((packs: string[]) => validateCommand(packs, program.opts())));

program
  .command('test')
  .argument('[packs...]', 'pack ids or pack folders (default: all)')
  .option('-v, --verbose', 'list passing cases too')
  .description('run every fixture (inherited ones included)')
  .action(run((packs: string[], options) => testCommand(packs, { ...program.opts(), ...options })));

program
  .command('eval')
  .argument('<pack>')
  .argument('<decision>')
  .argument('[facts]', 'facts as JSON')
  .option('--facts <file>', 'read the facts from a JSON file')
  .option('--locale <locale>', 'zh (default) or en')
  .option('--xlsx <file>', '批量试算: evaluate every row of a sheet and write it back with result columns')
  .option('--out <file>', 'where to write the sheet with results (with --xlsx; default: out/<name>-结果.xlsx)')
  .option('--nearby', '怎样会不同: also list the nearest one-fact changes that change the answer')
  .description('evaluate facts against one decision of a pack and explain the result')
  .action(
    run((pack: string, decision: string, facts: string | undefined, options) =>
      options.xlsx
        ? evalSheetCommand(pack, decision, options.xlsx, { ...program.opts(), ...options })
        : evalCommand(pack, decision, facts, { ...program.opts(), ...options }),
    ),
  );

const fixtures = program.command('fixtures').description('test cases as spreadsheets (.xlsx)');
fixtures
  .command('export')
  .argument('<pack>')
  .argument('<decision>')
  .option('--out <file>', 'output .xlsx file (default: out/<pack>-<decision>-fixtures.xlsx)')
  .description("export a decision's test cases (inherited ones included) as a grid")
  .action(
    run((pack: string, decision: string, options) =>
      exportFixturesCommand(pack, decision, { ...program.opts(), ...options }),
    ),
  );
fixtures
  .command('import')
  .argument('<pack>')
  .argument('<file>')
  .requiredOption('--decision <decision>', 'the decision the sheet holds')
  .description("merge a sheet into the pack's fixtures: all rows or none")
  .action(
    run((pack: string, file: string, options) => importFixturesCommand(pack, file, { ...program.opts(), ...options })),
  );

program
  .command('coverage')
  .argument('[packs...]', 'pack ids (default: all)')
  .option('--catalogue [file]', 'also compare with the regulations catalogue (default docs/regulations.md)')
  .option('--fail-on-gaps', 'exit 1 when anything is uncovered')
  .description('rules no fixture exercises, clauses no rule cites')
  .action(run((packs: string[], options) => coverageCommand(packs, { ...program.opts(), ...options })));

program
  .command('lint')
  .argument('[packs...]', 'pack ids (default: all)')
  .description('find overlapping, missing and dead rules, unused parameters and untested thresholds')
  .action(run((packs: string[]) => lintCommand(packs, program.opts())));

program
  .command('diff')
  .argument('<pack>')
  .argument('<dirA>', 'the older side: a pack folder, or a rules folder holding <pack>/')
  .argument('<dirB>', 'the newer side, likewise')
  .description('what changes from dirA to dirB: parameters, rules, and the test cases whose outcome moves')
  .action(run((pack: string, dirA: string, dirB: string) => diffCommand(pack, dirA, dirB, program.opts())));

program
  .command('draft-from')
  .argument('[file]', 'regulation document: .docx, .txt or .md')
  .option('--township <name>', 'township the draft is for (Chinese name or pack id)')
  .option('--extends <base>', 'base pack the draft extends', 'base')
  .option('--pack-id <id>', 'id of the draft pack (default: the township when it is an id, else draft-<hash>)')
  .option('--out <dir>', 'folder to write the draft pack to (default: out/drafts/<pack-id>)')
  .option('--force', 'overwrite a non-empty --out folder')
  .option('--measure [catalogue]', 'instead: measure extraction on the seeds against docs/catalogue-thresholds.json')
  .option('--review <file>', 'also write the proposed rules (the review file for draft-accept) here')
  .description('draft a township pack (sources, parameters, review list) from a regulation document')
  .action(run((file: string | undefined, options) => draftFromCommand(file, { ...program.opts(), ...options })));

program
  .command('draft-accept')
  .argument('<review>', 'the proposals file written by draft-from (review/proposals.json or --review)')
  .option('--pack <folder>', 'the draft pack folder (default: the one recorded in the review file)')
  .option('--confirm-all', 'confirm every tier still proposed')
  .option(
    '--resolve <spec...>',
    'settle an overlap or gap: <proposal>:<issue>=<choice>, e.g. p-c18-l1:overlap:t2:t3=lowerTier',
  )
  .description('write the confirmed rule proposals and their boundary fixtures into the draft pack')
  .action(run((review: string, options) => draftAcceptCommand(review, { ...program.opts(), ...options })));

await program.parseAsync();
