/**
 * What a user sees when the PDF side fails: a browser that is a folder, not executable, crashes
 * or hangs; a document whose PDF does not finish; Ctrl-C while printing; a bad SOURCE_DATE_EPOCH.
 * The real Chromium prints; the faulty "browsers" are tiny shell scripts (fault injection).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderRun } from '../src/run/render-run.js';
import { browserProcessOf } from './helpers/batch-processes.js';
import { corpusTree, removeTemporaryFolders, requireBuiltCli, runCli, sleep, startCli, temporaryFolder, stopStartedClis } from './helpers/batch-tree.js';
import { openDocx } from './helpers/docx.js';
import { validTree } from './helpers/data-tree.js';

const period = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const docx = 'out/tinh-mau/phuong-mau/2024-q3.docx';
const pdf = 'out/tinh-mau/phuong-mau/2024-q3.pdf';

beforeAll(requireBuiltCli);
afterEach(stopStartedClis);
afterAll(removeTemporaryFolders);

/** A shell script standing in for the browser. */
async function fakeBrowser(body: string, mode = 0o755): Promise<string> {
  const file = path.join(await temporaryFolder('baocao-fake-browser-'), 'chrome');
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, mode);
  return file;
}

/** What must never reach a user: Node's crash report, puppeteer's advice, English errors. */
function expectNoCrashOrEnglish(stderr: string): void {
  expect(stderr).not.toMatch(/Unhandled 'error' event|node:events|^\s+at /m);
  expect(stderr).not.toMatch(/protocolTimeout|Increase the|Error:/);
}

/** Running processes whose command line contains `needle`. */
/** The live (not zombie) processes of a process group: a browser and everything it started. */
function liveProcessesInGroup(group: number): string[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, stat]) => Number(pgid) === group && !stat?.startsWith('Z'))
    .map(([pid]) => pid as string);
}

function processesWith(needle: string): string[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(needle) && !/^\s*\d+\s+Z/.test(line) && !line.includes('ps -e'));
}

describe('a browser that cannot print', () => {
  it('BAOCAO_BROWSER naming a folder, or a file without execute permission: a Vietnamese browser-failed, the DOCX still written', async () => {
    const folder = await temporaryFolder('baocao-not-a-browser-');
    const notExecutable = await fakeBrowser('exit 0', 0o644);
    for (const [browser, why] of [
      [folder, 'là một thư mục'],
      [notExecutable, 'không có quyền chạy'],
    ] as const) {
      const root = await validTree();
      const run = await runCli(['render', period, '--format', 'docx,pdf', '--out', 'out'], root, { BAOCAO_BROWSER: browser });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('[browser-failed]');
      expect(run.stderr).toContain(`BAOCAO_BROWSER=${browser}`);
      expect(run.stderr).toContain(why);
      expectNoCrashOrEnglish(run.stderr);
      expect(existsSync(path.join(root, docx))).toBe(true);
      expect(existsSync(path.join(root, pdf))).toBe(false);
      expect(run.stdout).toContain(`✔ out/tinh-mau/phuong-mau/2024-q3.docx`);
    }
  });

  it('a browser that stops at once: browser-failed, in Vietnamese, the DOCX still written', async () => {
    const root = await validTree();
    const browser = await fakeBrowser('echo "segfault" >&2\nexit 3');
    const run = await runCli(['render', period, '--format', 'docx,pdf', '--out', 'out'], root, { BAOCAO_BROWSER: browser });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('[browser-failed]');
    expect(run.stderr).toContain(`Trình duyệt ${browser} dừng ngay khi khởi động`);
    expectNoCrashOrEnglish(run.stderr);
    expect(existsSync(path.join(root, docx))).toBe(true);
  });

  it('a browser that never answers: killed after its launch time (30 s, 1 s here) with a Vietnamese message, nothing left running', async () => {
    const root = await validTree();
    // A number no other process uses, to find the fake browser's own child afterwards.
    const marker = String(7000 + (process.pid % 1000));
    const browser = await fakeBrowser(`sleep ${marker}`);
    const started = Date.now();
    const run = await runCli(['render', period, '--format', 'docx,pdf', '--out', 'out'], root, { BAOCAO_BROWSER: browser }, { browserLaunchMs: 1_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(1);
    expect(seconds).toBeGreaterThanOrEqual(0.95);
    expect(seconds).toBeLessThan(22);
    expect(run.stderr).toContain('[browser-failed]');
    expect(run.stderr).toContain('không trả lời sau 1 giây');
    expectNoCrashOrEnglish(run.stderr);
    expect(existsSync(path.join(root, docx))).toBe(true);
    expect(processesWith(browser)).toEqual([]);
    expect(processesWith(`sleep ${marker}`)).toEqual([]);
  }, 90_000);
});

describe('a first batch run that finds nothing to render', () => {
  it('starts no browser for a mistyped period or data folder; a run that finds its files does', async () => {
    const root = await validTree();
    const started = path.join(root, 'browser-started');
    // Records that it was started, then never answers (the launch is given up after 1 s).
    const browser = await fakeBrowser(`touch '${started}'\nexec sleep 30`);
    const waits = { browserLaunchMs: 1_000 };
    for (const [args, rule] of [
      [['batch', 'data', '--ky', '2031-q1'], 'no-input'],
      [['batch', 'dat', '--ky', '2024-q3'], 'file-unreadable'],
    ] as const) {
      const run = await runCli([...args, '--format', 'docx,pdf', '--out', 'out', '--jobs', '1'], root, { BAOCAO_BROWSER: browser }, waits);
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toContain(`[${rule}]`);
      expect(existsSync(started), args.join(' ')).toBe(false);
    }
    // The look before planning only holds back an early start: the period's files are found and printed.
    const run = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'pdf', '--out', 'out', '--jobs', '1'], root, { BAOCAO_BROWSER: browser }, waits);
    expect(run.stderr).toContain('[browser-failed]');
    expect(existsSync(started)).toBe(true);
    expect(processesWith(browser)).toEqual([]);
  }, 60_000);
});

describe('one document whose PDF fails', () => {
  it('keeps that document’s DOCX and the other documents’ PDFs; the failure is that document’s Vietnamese diagnostic', async () => {
    const root = await validTree();
    const unit = await readFile(path.join(root, 'data/tinh-mau/phuong-mau/don-vi.yaml'), 'utf8');
    const document = await readFile(path.join(root, period), 'utf8');
    await mkdir(path.join(root, 'data/tinh-mau/phuong-khac'), { recursive: true });
    await writeFile(path.join(root, 'data/tinh-mau/phuong-khac/don-vi.yaml'), unit);
    await writeFile(path.join(root, 'data/tinh-mau/phuong-khac/2024-q3.yaml'), document);
    const out = path.join(root, 'out');
    const result = await renderRun({
      inputs: [path.join(root, 'data')],
      formats: ['docx', 'pdf'],
      outDir: out,
      templatesDir: path.join(import.meta.dirname, '..', 'templates'),
      // The printing of phuong-mau "takes too long": its deadline has passed before it starts.
      writerOptions: { pdf: { timeoutFor: (model) => (model.unitPath.endsWith('phuong-mau') ? 1 : 120_000) } },
    });
    expect(result.diagnostics).toEqual([]);
    const [other, slow] = result.documents;
    expect(slow?.source.unitPath).toMatch(/phuong-mau$/);
    expect(slow?.outputs.map((f) => path.relative(out, f))).toEqual(['tinh-mau/phuong-mau/2024-q3.docx']);
    expect(slow?.diagnostics.map((d) => d.ruleId)).toEqual(['render-failed']);
    expect(slow?.diagnostics[0]?.message).toMatch(/^Trình duyệt chưa in xong PDF sau \d+ giây/);
    expect(slow?.diagnostics[0]?.file).toBe(slow?.source.file);
    expect(openDocx(await readFile(path.join(out, 'tinh-mau/phuong-mau/2024-q3.docx'))).part('word/document.xml')).toContain('chuyển đổi số');
    expect(other?.diagnostics).toEqual([]);
    expect(other?.outputs.map((f) => path.relative(out, f))).toEqual(['tinh-mau/phuong-khac/2024-q3.docx', 'tinh-mau/phuong-khac/2024-q3.pdf']);
  });
});

describe('Ctrl-C while printing', () => {
  it('exits 130 and leaves no browser process and no profile folder', async () => {
    // Enough reports that the run is still printing when Ctrl-C comes, right after the first PDF
    // (the headless shell prints 30 real-size reports in about two seconds).
    const { root } = await corpusTree(60);
    const { child, done } = startCli(['render', 'data', '--format', 'pdf', '--out', 'out'], root);
    let browser: number | undefined;
    const deadline = Date.now() + 60_000;
    while (!browser && Date.now() < deadline && child.exitCode === null) {
      browser = await browserProcessOf(child.pid!);
      if (!browser) await sleep(50);
    }
    expect(browser, 'a browser under the CLI').toBeDefined();
    const cmdline = await readFile(`/proc/${browser}/cmdline`, 'utf8');
    const profile = /--user-data-dir=([^\0]+)/.exec(cmdline)?.[1] as string;
    expect(path.basename(profile)).toMatch(new RegExp(`^baocao-chromium-${child.pid}-`));
    // Printing is under way once the first report's PDF is written (the others are in the browser's tabs).
    const pdfWritten = async () => (await readdir(path.join(root, 'out'), { recursive: true }).catch(() => [])).some((f) => String(f).endsWith('.pdf'));
    while (!(await pdfWritten()) && Date.now() < deadline && child.exitCode === null) await sleep(20);
    expect(await pdfWritten(), 'a PDF written before Ctrl-C').toBe(true);
    child.kill('SIGINT');
    const run = await done;
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('Đã dừng (SIGINT); các tệp đã ghi xong vẫn nguyên vẹn.');
    const group = (): string[] => liveProcessesInGroup(browser!);
    for (let i = 0; i < 20 && group().length > 0; i++) await sleep(100);
    expect(group()).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });
});

describe('a CLI a failed test leaves running', () => {
  it('is stopped after the test, with its browser and profile folder (stopStartedClis)', async () => {
    // Stopped as soon as its browser is up, long before 60 reports are printed.
    const { root } = await corpusTree(60);
    const { child, done } = startCli(['render', 'data', '--format', 'pdf', '--out', 'out'], root);
    let browser: number | undefined;
    const deadline = Date.now() + 60_000;
    while (!browser && Date.now() < deadline && child.exitCode === null) {
      browser = await browserProcessOf(child.pid!);
      if (!browser) await sleep(50);
    }
    expect(browser, 'a browser under the CLI').toBeDefined();
    const cmdline = await readFile(`/proc/${browser}/cmdline`, 'utf8');
    const profile = /--user-data-dir=([^\0]+)/.exec(cmdline)?.[1] as string;
    // What afterEach does when a test fails half-way: the run must not outlive the test.
    await stopStartedClis();
    const run = await done;
    expect(run.code === null ? run.signal : run.code).not.toBe(0);
    const group = (): string[] => liveProcessesInGroup(browser!);
    for (let i = 0; i < 20 && group().length > 0; i++) await sleep(100);
    expect(group()).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });
});

describe('profile folders of runs that were killed', () => {
  it('are swept when a browser starts; folders of live processes are kept', async () => {
    const tmp = os.tmpdir();
    const dead = Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim());
    const stale = path.join(tmp, `baocao-chromium-${dead}-aB3dE9`);
    const alive = path.join(tmp, `baocao-chromium-${process.ppid}-aB3dE9`);
    for (const dir of [stale, alive]) {
      await mkdir(path.join(dir, 'Default'), { recursive: true });
      await writeFile(path.join(dir, 'Default', 'Preferences'), '{}');
    }
    try {
      const root = await validTree();
      // Its own browser: the sweep is part of a browser's start.
      const run = await runCli(['render', period, '--format', 'pdf', '--out', 'out'], root, {}, undefined, true);
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(alive)).toBe(true);
    } finally {
      await Promise.all([stale, alive].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it('is a usage error (exit 2, Vietnamese) when it is not whole seconds, for DOCX and PDF alike', async () => {
    for (const format of ['docx', 'pdf']) {
      const root = await validTree();
      const run = await runCli(['render', period, '--format', format, '--out', 'out'], root, { SOURCE_DATE_EPOCH: 'soon' });
      expect(run.code, `${format}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain('SOURCE_DATE_EPOCH="soon" không hợp lệ');
      expect(run.stderr).toContain('[usage]');
      expect(existsSync(path.join(root, 'out'))).toBe(false);
    }
    const { root } = await corpusTree(1);
    const batch = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'], root, { SOURCE_DATE_EPOCH: '-5' });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('SOURCE_DATE_EPOCH="-5" không hợp lệ');
  });

  it('dates the DOCX and the PDF of render, and the DOCX of batch (worker threads), with the given instant', async () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' }; // 2023-11-14T22:13:20Z
    const root = await validTree();
    const run = await runCli(['render', period, '--format', 'docx,pdf', '--out', 'out'], root, env);
    expect(run.code, run.stderr).toBe(0);
    expect(openDocx(await readFile(path.join(root, docx))).part('docProps/core.xml')).toContain('2023-11-14T22:13:20Z</dcterms:created>');
    const info = execFileSync('pdfinfo', ['-isodates', path.join(root, pdf)], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2023-11-14T22:13:20/);

    const corpus = await corpusTree(1);
    const batch = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'], corpus.root, env);
    expect(batch.code, batch.stderr).toBe(0);
    const files = await readdir(path.join(corpus.root, 'out'), { recursive: true });
    const written = files.find((f) => f.endsWith('.docx')) as string;
    expect(openDocx(await readFile(path.join(corpus.root, 'out', written))).part('docProps/core.xml')).toContain('2023-11-14T22:13:20Z</dcterms:created>');
  });
});
