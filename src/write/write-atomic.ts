/**
 * Stage 6, write: a file appears complete or not at all. The bytes go to a temporary file in the
 * same folder, are flushed, then renamed over the target (rename is atomic within a filesystem).
 * Temporary names start with ".baocao-" and end with ".tmp", so a later run can sweep leftovers.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TEMP_PREFIX = '.baocao-';
const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const directory = path.dirname(target);
  await mkdir(directory, { recursive: true });
  const temporary = path.join(directory, `${TEMP_PREFIX}${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes temporary files a killed run left behind below `root`; returns how many. */
export async function removeLeftoverTemporaries(root: string): Promise<number> {
  let removed = 0;
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) removed += await removeLeftoverTemporaries(full);
    else if (entry.name.startsWith(TEMP_PREFIX) && entry.name.endsWith(TEMP_SUFFIX)) {
      await rm(full, { force: true });
      removed++;
    }
  }
  return removed;
}
