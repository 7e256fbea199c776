import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the CLI writes what the user did not place (exported sheets, results, draft packs):
 * `out/` under the current folder, which git ignores, so a run never litters a checkout.
 */
export const DEFAULT_OUTPUT_DIR = 'out';

/** The path the user chose, else `out/<defaultName>`; its folder is created. */
export function outputPath(chosen: string | undefined, defaultName: string): string {
  const path = chosen ?? join(DEFAULT_OUTPUT_DIR, defaultName);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
