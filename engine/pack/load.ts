import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../issues.js';
import type { FixturesFile, PackBundle, PackManifest, ParametersFile, RulesFile, SourcesFile } from '../model.js';

export interface LoadedBundle {
  bundle: PackBundle;
  /** JSON syntax errors and missing files; the bundle holds what could be read. */
  issues: Issue[];
}

/** A file's JSON as the type it should have: validation against its schema comes after reading. */
function readJsonFile<T>(dir: string, packId: string, file: string, issues: Issue[]): T | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) {
    issues.push({
      severity: 'error',
      code: 'FILE_MISSING',
      pack: packId,
      file,
      message: `${file} is missing`,
      messageZh: `缺少文件 ${file}`,
    });
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    const reason = (error as Error).message;
    issues.push({
      severity: 'error',
      code: 'JSON_SYNTAX',
      pack: packId,
      file,
      message: `${file} is not valid JSON: ${reason}`,
      messageZh: `${file} 不是有效的 JSON：${reason}`,
    });
    return undefined;
  }
}

function jsonFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Read a pack folder (`rules/<pack-id>/`) into a bundle. Nothing is validated yet. */
export function readPackFolder(dir: string, packId: string): LoadedBundle {
  const issues: Issue[] = [];
  const bundle: PackBundle = {
    // a missing pack.json is already an issue; the id alone lets the rest of the pack be checked
    pack: readJsonFile<PackManifest>(dir, packId, 'pack.json', issues) ?? ({ id: packId } as PackManifest),
    sources: readJsonFile<SourcesFile>(dir, packId, 'sources.json', issues) ?? { clauses: [] },
    parameters: existsSync(join(dir, 'parameters.json'))
      ? (readJsonFile<ParametersFile>(dir, packId, 'parameters.json', issues) ?? {})
      : {},
    rules: {},
    fixtures: {},
  };
  for (const name of jsonFilesIn(join(dir, 'rules'))) {
    const data = readJsonFile<RulesFile>(dir, packId, `rules/${name}`, issues);
    if (data !== undefined) bundle.rules[`rules/${name}`] = data;
  }
  for (const name of jsonFilesIn(join(dir, 'fixtures'))) {
    const data = readJsonFile<FixturesFile>(dir, packId, `fixtures/${name}`, issues);
    if (data !== undefined) bundle.fixtures[`fixtures/${name}`] = data;
  }
  return { bundle, issues };
}

/** Ids of every pack folder under a rules directory (folders holding a pack.json). */
export function listPackFolders(rulesDir: string): string[] {
  if (!existsSync(rulesDir)) return [];
  return readdirSync(rulesDir)
    .filter((name) => statSync(join(rulesDir, name)).isDirectory() && existsSync(join(rulesDir, name, 'pack.json')))
    .sort();
}

/** Read every pack under a rules directory. */
export function readRepository(rulesDir: string): Map<string, LoadedBundle> {
  return new Map(listPackFolders(rulesDir).map((id) => [id, readPackFolder(join(rulesDir, id), id)]));
}
