/** Real mounts for tests of full and read-only disks (tests running as root only). */
import { execFileSync } from 'node:child_process';
import { temporaryFolder } from './batch-tree.js';

export const isRoot = process.getuid?.() === 0;

/** Mounts a tmpfs (or a read-only bind) at a fresh folder for `fn`, unmounting after; undefined when not possible. */
export async function withMount<T>(args: (dir: string) => string[][], fn: (dir: string) => Promise<T>): Promise<T | undefined> {
  if (!isRoot) return undefined;
  const dir = await temporaryFolder('baocao-mount-');
  const mounted: string[] = [];
  try {
    for (const command of args(dir)) {
      execFileSync('mount', command, { stdio: 'ignore' });
      mounted.push(command[command.length - 1]!);
    }
  } catch {
    for (const target of mounted.reverse()) execFileSync('umount', [target], { stdio: 'ignore' });
    return undefined;
  }
  try {
    return await fn(dir);
  } finally {
    for (const target of [...new Set(mounted)].reverse()) execFileSync('umount', ['-l', target], { stdio: 'ignore' });
  }
}
