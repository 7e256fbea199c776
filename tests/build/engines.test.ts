/**
 * Every installed package runs on the oldest Node package.json admits (`engines.node`), so that
 * `npm install` on it prints no EBADENGINE warning and nothing fails later at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './fresh-copy.js';

// npm's own range semantics; semver ships with the production dependencies (no types of its own here)
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

describe('engines', () => {
  it("every package in the lock file accepts the oldest Node that package.json's engines allows", () => {
    const declared = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).engines.node as string;
    const oldest = semver.minVersion(declared)!.version;
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: unknown }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([path, pkg]) => path && typeof (pkg.engines as { node?: unknown })?.node === 'string')
      .filter(([, pkg]) => !semver.satisfies(oldest, (pkg.engines as { node: string }).node))
      .map(([path, pkg]) => `${path}@${pkg.version} wants node ${(pkg.engines as { node: string }).node}`);
    expect(oldest).toBe('20.19.0');
    expect(refusing).toEqual([]);
  });
});
