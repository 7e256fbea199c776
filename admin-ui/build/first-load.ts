/**
 * What a browser must fetch before the first screen can show: the entry chunk, the shell the
 * entry loads at once with `import()` (src/shell.tsx: the entry only starts requests first),
 * every chunk they import statically (transitively) and their CSS, read from Vite's build
 * manifest. Screens loaded with `import()` are not part of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** The module the entry draws the first screen with (admin-ui/src/main.tsx). */
export const SHELL = 'src/shell.tsx';
export type Manifest = Record<string, ManifestChunk>;

/** Output files (relative to dist/) of the entries, the shell and their static imports, each once. */
export function firstLoadFiles(manifest: Manifest): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names ${key} but has no entry for it`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  if (entries.length === 0) throw new Error('the build manifest has no entry');
  entries.forEach(visit);
  if (entries.some((key) => manifest[key].dynamicImports?.includes(SHELL))) visit(SHELL);
  return [...files];
}

/** Each first-load file of a built dist/ with its gzipped size, largest first. */
export function firstLoadSizes(dist: string): { file: string; gzipBytes: number }[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  return firstLoadFiles(manifest)
    .map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(dist, file))).length }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}
