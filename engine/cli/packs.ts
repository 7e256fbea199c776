import { resolve } from 'node:path';
import { folderSource, SHIPPED_RULES_DIR } from '../index.js';

export interface CommonOptions {
  rulesDir?: string;
  json?: boolean;
}

/** The pack source and the packs a command should work on (all of them when none is named). */
export function selectPacks(names: string[], options: CommonOptions) {
  const source = folderSource(options.rulesDir ? resolve(options.rulesDir) : SHIPPED_RULES_DIR);
  const unknown = names.filter((n) => !source.ids.includes(n));
  if (unknown.length) {
    throw new Error(`unknown pack(s): ${unknown.join(', ')} (known: ${source.ids.join(', ')})`);
  }
  return { source, ids: names.length ? names : source.ids };
}
