/**
 * A machine-local stat cache, as git's index: for every file a batch hashed (inputs and outputs),
 * its (size, mtimeMs, ctimeMs, ino, dev) and the sha256 of its bytes. On the next run a file
 * whose stat is exactly the one recorded is taken as unchanged without being read; any other
 * file is read and hashed again. An unchanged re-run of 500 reports then stats its files instead
 * of reading ~75 MB (issue 24).
 *
 * Never trusted blindly:
 *   - "racy" files are never entered: one whose mtime or ctime is less than 2 s before the moment
 *     it was hashed could change again within the file system's time step (FAT's is 2 s) and keep
 *     the same stat; so is one whose entry falls less than 2 whole seconds before the cache's save;
 *     they are hashed again on the next run;
 *   - ctime cannot be set back by a user (`touch -d`, `utimes`), so bytes changed under a
 *     restored mtime and the same size still differ in the stat;
 *   - a cache that cannot be read, is damaged, or has another version is ignored (rebuilt).
 * It is kept beside the manifest (`<out>/<ky>/.stat-cache.json`), never in it: the manifest stays
 * the same bytes on every machine, while inode numbers and times are this machine's only.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../write/write-atomic.js';
import { shardLabel, type Shard } from './shard.js';
import { createHash } from 'node:crypto';

export const STAT_CACHE_VERSION = 1;
/** A file changed less than this before it was hashed (or before the save, in whole seconds) is racy. */
/** Default racy window: FAT's time step is 2 s, so within it a same-size edit can keep its mtime. */
export const RACY_MS = 2_000;

/** `<dir>/.stat-cache.json`, or `.stat-cache.shard-i-of-n.json` for a shard (each shard's run keeps its own). */
export function statCacheFile(dir: string, shard?: Shard): string {
  return path.join(dir, shard ? `.stat-cache.shard-${shardLabel(shard)}.json` : '.stat-cache.json');
}

/** What a file's bytes are: their sha256, their size, and whether they name `tong_hop` (a roll-up's layer). */
export interface FileDigest {
  sha256: string;
  size: number;
  mentionsRollup: boolean;
}

/** [size, mtimeMs, ctimeMs, ino, dev, sha256, mentionsRollup (1/0)] */
type Entry = [number, number, number, number, number, string, number];

interface CacheFile {
  statCache: typeof STAT_CACHE_VERSION;
  /** Date.now() when it was saved. */
  savedMs: number;
  /** By absolute path. */
  files: Record<string, Entry>;
}

const second = (ms: number) => Math.floor(ms / 1000);

export class StatCache {
  /** Entries of the last run, trusted only when not racy. */
  readonly #previous: Map<string, Entry>;
  /** Entries this run confirmed or hashed: what is saved. */
  readonly #current = new Map<string, Entry>();
  readonly #savedSecond: number;
  readonly #racyMs: number;
  /** How many files were read and hashed, and how many taken from the cache (for tests and the bench). */
  readonly counts = { hashed: 0, trusted: 0 };

  private constructor(
    /** Absolute path of the cache file; undefined: a cache that keeps nothing (e.g. no output folder yet). */
    private readonly file: string | undefined,
    previous: Map<string, Entry>,
    savedSecond: number,
    racyMs = RACY_MS,
  ) {
    this.#previous = previous;
    this.#savedSecond = savedSecond;
    this.#racyMs = racyMs;
  }

  /** A cache that remembers within this run only. */
  static empty(): StatCache {
    return new StatCache(undefined, new Map(), Number.NEGATIVE_INFINITY);
  }

  /**
   * Reads `file` (absolute); a missing, unreadable, damaged or other-version file gives an empty cache.
   * `racyMs`: how recent a change makes a file racy (default RACY_MS; tests pass less, never sleeping
   * on the production window).
   */
  static async load(file: string, racyMs = RACY_MS): Promise<StatCache> {
    const [text, info] = await Promise.all([readFile(file, 'utf8').catch(() => undefined), stat(file).catch(() => undefined)]);
    const parsed = text === undefined || !info ? undefined : parseCache(text);
    if (!parsed || !info) return new StatCache(file, new Map(), Number.NEGATIVE_INFINITY, racyMs);
    // The earlier of the time it says and the time its file was written: a copied or touched
    // cache file never makes an entry look older than it is.
    return new StatCache(file, new Map(Object.entries(parsed.files)), second(Math.min(parsed.savedMs, info.mtimeMs)), racyMs);
  }

  /**
   * The digest of `file` (absolute): from the cache when its stat matches exactly and is not racy,
   * else read and hashed. Throws as `readFile` does (missing, a folder, unreadable).
   */
  async digest(file: string): Promise<FileDigest> {
    const statMs = Date.now();
    const info = await stat(file);
    const current = this.#current.get(file);
    const known = current && sameStat(current, info) ? current : this.#trusted(file, info);
    if (known) {
      this.#current.set(file, known);
      this.counts.trusted++;
      return { sha256: known[5], size: known[0], mentionsRollup: known[6] === 1 };
    }
    // Stat first, then read: bytes changed after the stat have a newer stat, which the next run
    // will not find here.
    const bytes = await readFile(file);
    this.counts.hashed++;
    const digest = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength, mentionsRollup: bytes.includes('tong_hop') };
    // Entered only when not racy: changed at least RACY_MS before it was stat-ed and read.
    if (info.isFile() && info.size === bytes.byteLength && Math.max(info.mtimeMs, info.ctimeMs) <= statMs - this.#racyMs) {
      this.#current.set(file, [info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev, digest.sha256, digest.mentionsRollup ? 1 : 0]);
    }
    return digest;
  }

  #trusted(file: string, info: Stats): Entry | undefined {
    const entry = this.#previous.get(file);
    if (!entry || !info.isFile()) return undefined;
    if (!sameStat(entry, info)) return undefined;
    // Racy: changed within the racy window before the save (or after): its bytes may differ from the hash.
    if (second(Math.max(entry[1], entry[2])) > this.#savedSecond - this.#racyMs / 1000) return undefined;
    return entry;
  }

  /** Saves the entries this run confirmed or hashed (atomically); a failure to save costs the next run time only. */
  async save(): Promise<void> {
    if (!this.file) return;
    // Every file known as it was, none gone: the file on disk says it all already (not rewritten).
    if (this.counts.hashed === 0 && this.#current.size === this.#previous.size) return;
    const files: Record<string, Entry> = {};
    for (const [file, entry] of [...this.#current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) files[file] = entry;
    const content: CacheFile = { statCache: STAT_CACHE_VERSION, savedMs: Date.now(), files };
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(content)}\n`)).catch(() => undefined);
  }
}

function sameStat([size, mtimeMs, ctimeMs, ino, dev]: Entry, info: Stats): boolean {
  return info.isFile() && size === info.size && mtimeMs === info.mtimeMs && ctimeMs === info.ctimeMs && ino === info.ino && dev === info.dev;
}

function parseCache(text: string): CacheFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const cache = value as Partial<CacheFile>;
  if (cache.statCache !== STAT_CACHE_VERSION || typeof cache.savedMs !== 'number' || !Number.isFinite(cache.savedMs)) return undefined;
  if (cache.files === null || typeof cache.files !== 'object' || Array.isArray(cache.files)) return undefined;
  for (const entry of Object.values(cache.files)) if (!isEntry(entry)) return undefined;
  return cache as CacheFile;
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 7 &&
    value.slice(0, 5).every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    typeof value[5] === 'string' &&
    /^[0-9a-f]{64}$/.test(value[5]) &&
    (value[6] === 0 || value[6] === 1)
  );
}
