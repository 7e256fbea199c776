/**
 * A fresh clone of this checkout in a temp folder, as a newcomer or a Docker build gets it: the
 * files git knows (committed, and new ones not ignored), nothing built, no data/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface FreshCopy {
  dir: string;
  remove(): void;
}

/**
 * `nodeModules: 'link'` shares this checkout's installed packages (read-only use);
 * `'copy'` gives the copy its own node_modules to prune, as hard links where the file system
 * allows (fast, no extra space: pruning unlinks files, it never edits them).
 */
export function freshCopy(prefix: string, nodeModules: 'link' | 'copy'): FreshCopy {
  const dir = mkdtempSync(join(tmpdir(), `rules-${prefix}-`));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    // a file deleted in the working tree but not yet committed is not part of the copy
    if (existsSync(join(REPO, file))) cpSync(join(REPO, file), join(dir, file), { recursive: true });
  }
  const installed = realpathSync(join(REPO, 'node_modules'));
  if (nodeModules === 'link') {
    symlinkSync(installed, join(dir, 'node_modules'), 'dir');
  } else {
    const linked = spawnSync('cp', ['-al', installed, join(dir, 'node_modules')]);
    if (linked.status !== 0) execFileSync('cp', ['-a', installed, join(dir, 'node_modules')]);
    // npm rewrites its own bookkeeping file in place: give the copy a file of its own
    for (const entry of readdirSync(join(dir, 'node_modules')).filter((name) => name.startsWith('.package-lock'))) {
      const file = join(dir, 'node_modules', entry);
      rmSync(file);
      cpSync(join(installed, entry), file);
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
