/**
 * One browser for many runs (`SharedBrowser`, `RunContext.browser`, `CliIo.browser`): a program
 * that prints again and again (a server, the preview, a test process) starts Chromium once. Each
 * run works in tabs of its own and hands them back for the next run; the PDF is the same, byte for byte, as from a
 * run's own browser; a browser that died is started again; `close()` stops it with its profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { SharedBrowser } from '../src/render/pdf/shared-browser.js';
import { startPreview } from '../src/preview/start-preview.js';
import { ROOT, StringStream } from './helpers/cli.js';
import { validTree } from './helpers/data-tree.js';

const period = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const shared = new SharedBrowser();
afterAll(() => shared.close());

/** Browser processes started by this test process, by pid, with their profile folder. */
function browsers(): { pid: number; profile: string }[] {
  return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+.*--user-data-dir=(\S*baocao-chromium-\S+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), profile: m[2] as string }));
}

async function render(root: string, browser?: SharedBrowser): Promise<{ code: number; stderr: string; pdf: Buffer }> {
  const stderr = new StringStream();
  const code = await main({
    argv: ['render', period, '--format', 'pdf', '--out', 'out'],
    cwd: root,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1725494400' },
    stdout: new StringStream(),
    stderr,
    ...(browser ? { browser } : {}),
  });
  const pdf = code === 0 ? await readFile(path.join(root, 'out', 'tinh-mau', 'phuong-mau', '2024-q3.pdf')) : Buffer.alloc(0);
  return { code, stderr: stderr.text, pdf };
}

describe('a shared browser', () => {
  it('prints several runs in one browser, the second in the tab the first handed back, with the bytes of a run of its own', async () => {
    const root = await validTree();
    const before = new Set(browsers().map((b) => b.pid));
    const first = await render(root, shared);
    expect(first.code, first.stderr).toBe(0);
    const started = browsers().filter((b) => !before.has(b.pid));
    expect(started).toHaveLength(1);
    const launched = await shared.acquire();
    const tabsAfterFirst = (await launched.browser.pages()).map((page) => page.target());
    const second = await render(root, shared);
    expect(second.code, second.stderr).toBe(0);
    // The same browser; the second run printed in the tab the first handed back (no renderer
    // process started for it), and left no other.
    expect(browsers().filter((b) => !before.has(b.pid))).toEqual(started);
    expect((await launched.browser.pages()).map((page) => page.target())).toEqual(tabsAfterFirst);
    expect(await shared.running()).toBe(true);
    // A run of its own starts and stops its own browser; the bytes are the same.
    const own = await render(root);
    expect(own.code, own.stderr).toBe(0);
    expect(Buffer.compare(own.pdf, first.pdf)).toBe(0);
    expect(Buffer.compare(second.pdf, first.pdf)).toBe(0);
    expect(browsers().filter((b) => !before.has(b.pid))).toEqual(started);
  });

  it('starts again after its browser died, and close() leaves no process and no profile folder', async () => {
    const root = await validTree();
    const first = await shared.acquire();
    const pid = first.browser.process()!.pid!;
    const profile = browsers().find((b) => b.pid === pid)!.profile;
    process.kill(-pid, 'SIGKILL');
    for (let i = 0; i < 50 && first.connected; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const run = await render(root, shared);
    expect(run.code, run.stderr).toBe(0);
    const second = await shared.acquire();
    expect(second).not.toBe(first);
    const secondPid = second.browser.process()!.pid!;
    const secondProfile = browsers().find((b) => b.pid === secondPid)!.profile;
    expect(existsSync(profile)).toBe(false);
    await shared.close();
    expect(browsers().map((b) => b.pid)).not.toContain(secondPid);
    expect(existsSync(secondProfile)).toBe(false);
    await expect(shared.acquire()).rejects.toThrow();
  });

  it('the preview lays out in a browser it is given and leaves it running when it stops', async () => {
    const browser = new SharedBrowser();
    try {
      const preview = await startPreview({ inputs: [path.join(ROOT, 'data')], templatesDir: path.join(ROOT, 'templates'), port: 0, browser });
      const launched = await browser.acquire();
      const open = (await launched.browser.pages()).length;
      expect([...preview.state.documents.values()].some((d) => d.model)).toBe(true);
      await preview.close();
      expect(await browser.running()).toBe(true);
      expect((await launched.browser.pages()).length).toBe(open - 1);
    } finally {
      await browser.close();
    }
  });
});
