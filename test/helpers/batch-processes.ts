/** Processes below a test's child process, from /proc (Linux). */
import { readdir, readFile } from 'node:fs/promises';

/** The pid of the browser a process started: its direct child running Chrome/Chromium. */
export async function browserProcessOf(parent: number): Promise<number | undefined> {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== parent) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (/chrom|msedge/i.test(cmdline.split('\0')[0] ?? '')) return Number(name);
  }
  return undefined;
}
