/**
 * The browser's profile folders: `<tmp>/baocao-chromium-<pid>-XXXXXX`, one per browser, removed
 * when it closes. A run that was killed (kill -9, a crash) cannot remove its own, so every start
 * sweeps the ones whose owning process is gone; a folder of a process still running is never touched.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const prefix = 'baocao-chromium-';
const withPid = /^baocao-chromium-(\d+)-[A-Za-z0-9]{6}$/;
/** Folders of versions that did not record the pid: removed once surely unused. */
const legacy = /^baocao-chromium-[A-Za-z0-9]{6}$/;
const legacyMaxAgeMs = 24 * 60 * 60 * 1000;

export function newProfileDir(root: string = tmpdir()): string {
  return mkdtempSync(join(root, `${prefix}${process.pid}-`));
}

/** True while a process with this pid exists (EPERM: it exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the profile folders left by dead runs; returns the ones removed. Never throws. */
export function sweepStaleProfiles(root: string = tmpdir(), now: number = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = withPid.exec(name);
    const path = join(root, name);
    let stale: boolean;
    if (owner) stale = Number(owner[1]) !== process.pid && !processAlive(Number(owner[1]));
    else if (legacy.test(name)) stale = now - (statSafe(path) ?? now) > legacyMaxAgeMs;
    else continue;
    if (!stale) continue;
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // another user's folder, or being removed by someone else: leave it
    }
  }
  return removed;
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
