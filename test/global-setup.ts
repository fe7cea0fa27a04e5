/**
 * Tests that run the CLI as a process (and the batch's worker threads) use dist/. `npm test`
 * builds it once in scripts/setup.mjs; a test file run alone (`npx vitest run test/x.test.ts`)
 * builds it here, unless dist/ is already newer than every source file.
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

function distIsCurrent(): boolean {
  try {
    const sources = Math.max(newest('src', /\.ts$/), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs, statSync(path.join(root, 'tsconfig.json')).mtimeMs);
    return newest('dist', /\.js$/) >= sources;
  } catch {
    return false;
  }
}

export default function setup(): void {
  if (distIsCurrent()) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
