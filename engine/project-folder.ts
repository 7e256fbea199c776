import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, schemas/, rules/ and docs/. Found by walking up from this
 * module rather than by a fixed `../`, because the same code runs from the sources (engine/)
 * and from the build (dist/engine/), one level deeper; the data folders are read in place,
 * never copied into the build.
 */
function findProjectFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_FOLDER = findProjectFolder();

/** A path inside the project folder, e.g. `projectPath('schemas')`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_FOLDER, ...parts);
}
