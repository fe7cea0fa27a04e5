/**
 * Whether dist/ is newer than every source it is compiled from (src/**\/*.ts and the two tsconfig
 * files it reads): then compiling again would write the same files, and `npm test` (scripts/setup.mjs)
 * and a test file run alone (test/global-setup.ts) skip tsc, ~20 s of one core on the 2-core machine.
 * Uses only Node's standard library: setup.mjs runs it before node_modules exists.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(root, dir, pattern) {
  let latest = 0;
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

export function distIsCurrent(root) {
  try {
    const sources = Math.max(newest(root, 'src', /\.ts$/), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs, statSync(path.join(root, 'tsconfig.json')).mtimeMs);
    return newest(root, 'dist', /\.js$/) >= sources;
  } catch {
    return false;
  }
}
