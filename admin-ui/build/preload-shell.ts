/**
 * index.html asks for the shell (src/shell.tsx: react-admin, MUI, most of the first load) and the
 * chunks it imports as soon as it is parsed, with <link rel="modulepreload">. Otherwise they are
 * asked for only once the entry chunk has arrived and run its `import()` — a chain of two round
 * trips, and the entry's own run, ahead of the biggest downloads of every screen, the login too.
 * (The entry still imports the shell with `import()`, so that it runs first and starts the opened
 * screen's data requests while the shell compiles: src/main.tsx.)
 */
import type { Plugin, Rolldown } from 'vite';
import { SHELL } from './first-load.ts';

/** The shell's chunk and every chunk it imports statically, transitively, entry chunks left out. */
export function shellChunks(bundle: Rolldown.OutputBundle): string[] {
  const chunks = Object.values(bundle).filter((output): output is Rolldown.OutputChunk => output.type === 'chunk');
  const shell = chunks.find((chunk) => chunk.facadeModuleId?.replace(/\\/g, '/').endsWith(`/${SHELL}`));
  if (!shell) throw new Error(`preload-shell: no chunk for ${SHELL} in the bundle`);
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const files: string[] = [];
  const visit = (chunk: Rolldown.OutputChunk) => {
    if (chunk.isEntry || files.includes(chunk.fileName)) return;
    files.push(chunk.fileName);
    for (const imported of chunk.imports) {
      const next = byFile.get(imported);
      if (next) visit(next);
    }
  };
  visit(shell);
  return files;
}

export function preloadShell(): Plugin {
  let base = '/';
  return {
    name: 'preload-shell',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        const already = new Set([...html.matchAll(/rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]));
        return shellChunks(bundle)
          .map((file) => `${base}${file}`)
          .filter((href) => !already.has(href))
          .map((href) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}
