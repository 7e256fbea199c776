import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { folderSource, readPackFolder, SHIPPED_RULES_DIR, type PackSource } from '../index.js';

export interface CommonOptions {
  rulesDir?: string;
  json?: boolean;
}

/** The pack source and the packs a command should work on (all of them when none is named). */
export function selectPacks(
  names: string[],
  options: CommonOptions,
): { source: PackSource & { ids: string[] }; ids: string[] } {
  const shipped = folderSource(options.rulesDir ? resolve(options.rulesDir) : SHIPPED_RULES_DIR);
  // a pack folder outside the rules directory (a draft): read it, its bases come from the rules directory
  const folders = new Map<string, ReturnType<typeof readPackFolder>>();
  names = names.map((name) => {
    if (shipped.ids.includes(name) || !existsSync(join(name, 'pack.json'))) return name;
    const id = JSON.parse(readFileSync(join(name, 'pack.json'), 'utf8')).id as string;
    folders.set(id, readPackFolder(resolve(name), id));
    return id;
  });
  const source = {
    ids: [...shipped.ids, ...folders.keys()],
    get: (id: string) => folders.get(id)?.bundle ?? shipped.get(id),
    readIssues: (id: string) => folders.get(id)?.issues ?? shipped.readIssues?.(id) ?? [],
  };
  const unknown = names.filter((n) => !source.ids.includes(n));
  if (unknown.length) {
    throw new Error(`unknown pack(s): ${unknown.join(', ')} (known: ${source.ids.join(', ')})`);
  }
  return { source, ids: names.length ? names : source.ids };
}
