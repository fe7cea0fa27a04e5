/**
 * Whether dist/ (tsc's output) and dist/bundle/ (the `baocao` command's bundle, scripts/bundle.mjs)
 * are newer than every source they are made from: then building again would write the same files,
 * and `npm test` (scripts/setup.mjs) and a test file run alone (test/global-setup.ts) skip the step
 * (tsc alone is ~20 s of one core on the 2-core machine).
 * Uses only Node's standard library: setup.mjs runs it before node_modules exists.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(root, dir, pattern, skip) {
  let latest = 0;
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (skip && path.join(entry.parentPath, entry.name).startsWith(skip)) continue;
    if (entry.isFile() && pattern.test(entry.name)) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function sources(root) {
  return Math.max(newest(root, 'src', /\.ts$/), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs, statSync(path.join(root, 'tsconfig.json')).mtimeMs);
}

/** tsc's output, dist/ without the bundle. */
export function distIsCurrent(root) {
  try {
    return newest(root, 'dist', /\.js$/, path.join(root, 'dist', 'bundle')) >= sources(root);
  } catch {
    return false;
  }
}

/** The bundle, dist/bundle/: also older than its own build script means stale. */
export function bundleIsCurrent(root) {
  try {
    return newest(root, path.join('dist', 'bundle'), /\.js$/) >= Math.max(sources(root), statSync(path.join(root, 'scripts', 'bundle.mjs')).mtimeMs);
  } catch {
    return false;
  }
}
