import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompiledValidators } from './build/validators.ts';
import { preloadShell } from './build/preload-shell.ts';
import { precompressedAssets } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // JSON Schema validators compiled here, not in the browser: the CSP has no 'unsafe-eval'
  plugins: [
    react(),
    precompiledValidators(fileURLToPath(new URL('../schemas', import.meta.url))),
    // the shell's chunks asked for as the HTML is parsed, and every chunk compressed once, here
    preloadShell(),
    precompressedAssets(),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each screen needs (the first-load budget test reads it)
    manifest: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': 'http://localhost:3000' },
  },
});
