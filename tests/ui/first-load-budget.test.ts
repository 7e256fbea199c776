/**
 * The admin UI's first load (what the browser fetches before the login screen shows: the entry
 * chunk, its static imports and CSS, per Vite's build manifest) stays within 300 KiB gzipped,
 * and the screens, above all the editors, stay out of it: they load when opened. Sizes, not
 * times — bench/ui-load.ts measures the bytes as served and the time in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstLoadFiles, firstLoadSizes, SHELL, type Manifest } from '../../admin-ui/build/first-load';

const REPO = join(import.meta.dirname, '..', '..');
const DIST = join(REPO, 'admin-ui', 'dist');
const BUDGET_BYTES = 300 * 1024;

describe('firstLoadFiles', () => {
  it('follows static imports transitively, takes their CSS, and leaves dynamic imports out', () => {
    const manifest: Manifest = {
      'index.html': {
        file: 'assets/index-1.js',
        isEntry: true,
        imports: ['_vendor-2.js'],
        css: ['assets/index-1.css'],
      },
      '_vendor-2.js': { file: 'assets/vendor-2.js', imports: ['_runtime-3.js'] },
      '_runtime-3.js': { file: 'assets/runtime-3.js', imports: ['_vendor-2.js'] },
      'src/Editor.tsx': { file: 'assets/Editor-4.js', imports: ['_vendor-2.js'], css: ['assets/Editor-4.css'] },
    };
    (manifest['index.html'] as { dynamicImports?: string[] }).dynamicImports = ['src/Editor.tsx'];
    expect(firstLoadFiles(manifest).sort()).toEqual([
      'assets/index-1.css',
      'assets/index-1.js',
      'assets/runtime-3.js',
      'assets/vendor-2.js',
    ]);
  });

  it('takes the shell the entry loads at once with import(), and no other dynamic import', () => {
    const manifest: Manifest = {
      'index.html': {
        file: 'assets/index-1.js',
        isEntry: true,
        dynamicImports: [SHELL, 'src/parameters/ParameterList.tsx'],
      },
      [SHELL]: { file: 'assets/shell-2.js', imports: ['index.html', '_vendor-3.js'], css: ['assets/shell-2.css'] },
      '_vendor-3.js': { file: 'assets/vendor-3.js' },
      'src/parameters/ParameterList.tsx': { file: 'assets/ParameterList-4.js', imports: ['_vendor-3.js'] },
    };
    expect(firstLoadFiles(manifest).sort()).toEqual([
      'assets/index-1.js',
      'assets/shell-2.css',
      'assets/shell-2.js',
      'assets/vendor-3.js',
    ]);
  });

  it('refuses a manifest that names a chunk it does not list', () => {
    expect(() => firstLoadFiles({ 'index.html': { file: 'a.js', isEntry: true, imports: ['_gone.js'] } })).toThrow(
      /_gone\.js/,
    );
  });
});

describe('the built admin UI', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-build.mjs'), 'ui'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`admin UI build failed:\n${build.stdout}\n${build.stderr}`);
  }, 300_000);

  it(`loads at most ${BUDGET_BYTES / 1024} KiB gzipped before the login screen`, () => {
    const sizes = firstLoadSizes(DIST);
    const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
    const listing = sizes.map((s) => `${(s.gzipBytes / 1024).toFixed(1)} KiB ${s.file}`).join('\n');
    expect(total, `first load ${(total / 1024).toFixed(1)} KiB gzipped:\n${listing}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('leaves every screen out of the first load', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const first = new Set(firstLoadFiles(manifest));
    const screens = [
      'src/parameters/ParameterList.tsx',
      'src/rules/RuleEdit.tsx',
      'src/pages/TryIt.tsx',
      'src/packs/PackList.tsx',
      'src/fixtures/FixtureEdit.tsx',
      'src/drafting/DraftingWizard.tsx',
      'src/onboarding/ProposalReview.tsx',
      'src/decisions/DecisionList.tsx',
    ];
    for (const screen of screens) {
      const chunk = manifest[screen];
      expect(chunk, `${screen} has a chunk of its own`).toBeDefined();
      expect(first.has(chunk.file), `${screen} is loaded on demand`).toBe(false);
    }
  });

  it('asks for every chunk of the first load from index.html, without waiting for the entry to run', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const asked = new Set([...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]));
    for (const file of firstLoadFiles(manifest).filter((f) => f.endsWith('.js')))
      expect(asked.has(file), `${file} is named in index.html`).toBe(true);
  });

  it('writes a brotli and a gzip copy beside each first-load chunk, each decoding to the chunk', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    for (const file of firstLoadFiles(manifest)) {
      const content = readFileSync(join(DIST, file));
      if (content.length < 1024) continue;
      expect(existsSync(join(DIST, `${file}.br`)), `${file}.br`).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(DIST, `${file}.br`))).equals(content), `${file}.br`).toBe(true);
      expect(gunzipSync(readFileSync(join(DIST, `${file}.gz`))).equals(content), `${file}.gz`).toBe(true);
    }
  });
});
