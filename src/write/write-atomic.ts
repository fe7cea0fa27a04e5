/**
 * Stage 6, write: a file appears complete or not at all. The bytes go to a temporary file in the
 * same folder, are flushed, then renamed over the target (rename is atomic within a filesystem).
 * Whatever fails (open, write, fsync, close, rename — a full disk fails at write or fsync), the
 * temporary file is removed before the error goes on: a failed write leaves nothing behind.
 *
 * Temporary names are `.baocao-<name>.<pid>-<host>.<random>.tmp` (`host`: 6 hex digits of the
 * machine's name), so a later run can sweep leftovers of a killed run without touching the files
 * another live run — on this machine or another one sharing the folder — is writing right now.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const TEMP_PREFIX = '.baocao-';
const TEMP_SUFFIX = '.tmp';
/** A temporary file this old is abandoned whoever wrote it (a write takes well under a second). */
export const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** The file operations a write uses; tests replace one to simulate a failing disk. */
export interface WriteIo {
  open: typeof open;
  rename: typeof rename;
}

const nodeIo: WriteIo = { open, rename };
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

/**
 * Writes `target`, read against `cwd` (the run's folder); an error names the file (or its folder)
 * as `target` is written, the way the user typed it.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, io: WriteIo = nodeIo, cwd = '.'): Promise<void> {
  const file = path.resolve(cwd, target);
  const directory = path.dirname(file);
  await mkdir(directory, { recursive: true }).catch((error: unknown) => {
    if (error instanceof Error && (error as NodeJS.ErrnoException).path === directory) (error as NodeJS.ErrnoException).path = path.dirname(target);
    throw error;
  });
  const temporary = path.join(directory, temporaryNameFor(target, process.pid));
  try {
    const handle = await io.open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    // The error names the file the caller asked for, not our temporary one.
    if (error instanceof Error && 'path' in error) (error as NodeJS.ErrnoException).path = target;
    throw error;
  }
}

/** True for a name writeFileAtomic gives its temporary files. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
}

/**
 * True when the temporary file `name` (modified at `mtimeMs`) can no longer be finished: its
 * writer's process on this machine is gone, or it is older than ABANDONED_AFTER_MS (a writer on
 * another machine sharing the folder, or a name from an older version without a process id).
 */
export function isAbandoned(name: string, mtimeMs: number, now = Date.now()): boolean {
  if (now - mtimeMs > ABANDONED_AFTER_MS) return true;
  const writer = /\.(\d+)-([0-9a-f]{6})\.[0-9a-f]{12}\.tmp$/.exec(name);
  return writer !== null && writer[2] === HOST && !processAlive(Number(writer[1]));
}

/** The longest file name (in bytes) the usual file systems allow (ext4, XFS, NTFS in UTF-16 units, APFS). */
const NAME_MAX_BYTES = 255;

/**
 * The temporary name a process `pid` on this machine would use for `target` (tests plant
 * leftovers with it). The target's name is shortened (whole characters) so that the temporary
 * name stays within NAME_MAX_BYTES: a target whose own name fits is always writable.
 */
export function temporaryNameFor(target: string, pid: number): string {
  const tail = `.${pid}-${HOST}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  const room = NAME_MAX_BYTES - Buffer.byteLength(TEMP_PREFIX) - Buffer.byteLength(tail);
  return `${TEMP_PREFIX}${leadingBytes(path.basename(target), room)}${tail}`;
}

/** The longest start of `name` of whole characters within `max` UTF-8 bytes. */
function leadingBytes(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files killed runs left behind below `root` (never a live run's); returns how many. */
export async function removeLeftoverTemporaries(root: string): Promise<number> {
  let removed = 0;
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) removed += await removeLeftoverTemporaries(full);
    else if (isTemporaryName(entry.name)) {
      const info = await stat(full).catch(() => undefined);
      if (!info || !isAbandoned(entry.name, info.mtimeMs)) continue;
      await rm(full, { force: true });
      removed++;
    }
  }
  return removed;
}
