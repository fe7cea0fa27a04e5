/**
 * Tests that run the CLI as a process use its bundle (dist/bundle/, package.json's `bin`), and the
 * batch's worker threads and the library tests use dist/. `npm test` builds both once in
 * scripts/setup.mjs; a test file run alone (`npx vitest run test/x.test.ts`) builds them here,
 * each unless it is already newer than every source file (`tsc` alone leaves the bundle to this).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');

function newest(dir: string, pattern: RegExp): number {
  let latest = 0;
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function sources(): number {
  return Math.max(newest('src', /\.ts$/), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs, statSync(path.join(root, 'tsconfig.json')).mtimeMs);
}

function isCurrent(dir: string, since: () => number): boolean {
  try {
    return newest(dir, /\.js$/) >= since();
  } catch {
    return false;
  }
}

export default function setup(): void {
  if (!isCurrent('dist', sources)) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  }
  if (!isCurrent(path.join('dist', 'bundle'), () => Math.max(sources(), statSync(path.join(root, 'scripts', 'bundle.mjs')).mtimeMs))) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
  }
}
