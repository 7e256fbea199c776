/**
 * `npm ci` refuses a lock file that lacks an entry for any declared dependency, including the
 * optional platform binaries of native packages. A registry mirror without the binaries for other
 * operating systems makes `npm install` drop those entries silently, and CI then fails before a
 * single test runs — so the lock is checked here, where it shows up as a failing test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './fresh-copy.js';

type LockEntry = {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

describe('package-lock.json', () => {
  it('has an entry for every dependency and optional dependency any locked package declares', () => {
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const paths = new Set(Object.keys(lock.packages));
    // node resolution: a package at a/node_modules/b finds c at a/node_modules/b/node_modules/c, a/node_modules/c or node_modules/c
    const resolves = (from: string, name: string): boolean => {
      for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
        if (paths.has(`${base ? `${base}/` : ''}node_modules/${name}`)) return true;
        if (!base) return false;
      }
    };
    const missing = Object.entries(lock.packages).flatMap(([path, entry]) =>
      Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })
        .filter((name) => !resolves(path, name))
        .map((name) => `${path || '(root)'} → ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
