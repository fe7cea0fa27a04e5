/**
 * Before a run writes: the temporary files that killed runs (kill -9, a power cut) left in the
 * folders it is about to write into are removed — never those of a live run (write-atomic.ts
 * tells them apart). `render` and `batch` both sweep this way.
 */
import path from 'node:path';
import { removeLeftoverTemporaries } from '../write/write-atomic.js';
import { mapLimited } from './map-limited.js';

/**
 * Sweeps the folders of `targets` (the files a run will write) and `extraDirs`, read against `cwd`
 * (the run's folder); returns how many files were removed.
 */
export async function removeLeftoversBeside(targets: Iterable<string>, extraDirs: Iterable<string> = [], cwd = '.'): Promise<number> {
  const dirs = new Set([...[...targets].map((target) => path.dirname(target)), ...extraDirs].map((dir) => path.resolve(cwd, dir)));
  const removed = await mapLimited([...dirs], 64, (dir) => removeLeftoverTemporaries(dir));
  return removed.reduce((a, b) => a + b, 0);
}
