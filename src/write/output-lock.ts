/**
 * One batch at a time per output folder and period (and shard): `<out>/<ky>/.baocao-<label>.lock`,
 * a proper-lockfile lock (a directory made atomically, even on network disks, whose mtime the
 * holder refreshes every 2 s). A run killed with kill -9 stops refreshing it: after STALE_MS it is
 * stale and the next run takes it over, so a killed run never leaves the folder stuck.
 *
 * A second run waits up to STALE_MS + 2 s (long enough to see a killed holder go stale), then refuses
 * with `out-locked`. Shards of one period lock separately (they write different units into one
 * folder by design); an unsharded run and a shard of the same period exclude each other.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';

const STALE_MS = 10_000;
const UPDATE_MS = 2_000;
/** proper-lockfile's own floor for `stale`. */
const SHORTEST_STALE_MS = 2_000;
/**
 * How often a waiting run tries again: the lock is taken within this of its release, or of its
 * holder (killed) going stale. Each try is one mkdir and, when it fails, one stat.
 */
const RETRY_MS = 250;
const WHOLE = 'batch';
const LOCK_NAME = /^\.baocao-(.+)\.lock$/;

export interface OutputLock {
  release(): Promise<void>;
  /** Set when the lock was lost while running (the disk stalled for longer than STALE_MS). */
  lost(): Diagnostic | undefined;
}

const lockPath = (dir: string, label: string) => path.join(dir, `.baocao-${label}.lock`);

/**
 * Takes the lock of `dir` (the period's folder in the output, created if needed) for `label`
 * (`shard-2-of-4`, or undefined for an unsharded run). Returns the lock, or why it cannot be had.
 */
export async function lockOutput(
  dir: string,
  label: string | undefined,
  outDir: string,
  period: string,
  onWait?: () => void,
  /** STALE_MS unless given (tests); the wait is this plus 2 s. */
  staleMs = STALE_MS,
): Promise<OutputLock | Diagnostic[]> {
  const stale = Math.max(SHORTEST_STALE_MS, staleMs);
  const update = Math.min(UPDATE_MS, stale / 2);
  const waitMs = stale + 2_000;
  await mkdir(dir, { recursive: true });
  const own = label ?? WHOLE;
  let lost: Diagnostic | undefined;
  const refused = (holder: string) => [
    diagnosticAt(
      { file: outDir, line: 0, column: 0 },
      'out-locked',
      `Một lần chạy khác${holder === WHOLE ? '' : ` (phần ${holder.replace(/^shard-(\d+)-of-(\d+)$/, '$1/$2')})`} đang ghi kỳ ${period} vào "${outDir}": ` +
        'chờ lần chạy đó xong rồi chạy lại (lần chạy bị tắt ngang thì chỉ cần chạy lại sau vài giây).',
    ),
  ];
  const attempt = (retries: number) =>
    lockfile.lock(dir, {
      lockfilePath: lockPath(dir, own),
      realpath: false,
      stale,
      update,
      retries: { retries, factor: 1, minTimeout: RETRY_MS, maxTimeout: RETRY_MS },
      onCompromised: (error) => {
        lost = diagnosticAt(
          { file: outDir, line: 0, column: 0 },
          'out-locked',
          `Mất khóa của thư mục "${outDir}" giữa chừng (${error.message}): một lần chạy khác có thể đã ghi cùng lúc; hãy chạy lại với --force.`,
        );
      },
    });
  const isLocked = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ELOCKED';
  let release: () => Promise<void>;
  try {
    release = await attempt(0).catch(async (error: unknown) => {
      if (!isLocked(error)) throw error;
      onWait?.();
      return attempt(Math.ceil(waitMs / RETRY_MS));
    });
  } catch (error) {
    if (isLocked(error)) return refused(own);
    throw error;
  }
  // An unsharded run and any shard write the same units: the other kind must not be running.
  const others = (await readdir(dir).catch(() => [] as string[]))
    .map((name) => LOCK_NAME.exec(name)?.[1])
    .filter((other): other is string => other !== undefined && other !== own && (own === WHOLE || other === WHOLE));
  for (const other of others) {
    const held = await lockfile.check(dir, { lockfilePath: lockPath(dir, other), realpath: false, stale }).catch(() => false);
    if (held) {
      await release().catch(() => undefined);
      return refused(other);
    }
  }
  return { release: () => release().catch(() => undefined), lost: () => lost };
}
