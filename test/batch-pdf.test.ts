/**
 * `baocao batch` with PDF, through the built CLI: reproducible bytes, and a browser killed in the
 * middle of a run is restarted with the reports it was printing done again.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { corpusTree, isCompletePdf, isCompleteZip, outputsOf, removeTemporaryFolders, requireBuiltCli, runCli, sleep, snapshot, startCli, stopStartedClis } from './helpers/batch-tree.js';
import { browserProcessOf } from './helpers/batch-processes.js';

beforeAll(() => requireBuiltCli());
afterEach(stopStartedClis);
afterAll(removeTemporaryFolders);

describe('baocao batch (PDF)', () => {
  it('writes DOCX and PDF, skips them when unchanged, and --force gives the same bytes', async () => {
    const { root } = await corpusTree(3);
    const args = ['batch', 'data', '--ky', '2024-q3', '--format', 'docx,pdf', '--out', 'out', '--jobs', '1'];
    const first = await runCli(args, root);
    expect(first.stderr).not.toContain('lỗi');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/đã tạo 3 văn bản \(6 tệp\)/);
    const before = await snapshot(path.join(root, 'out'));
    expect(outputsOf(before, 'pdf')).toHaveLength(3);
    for (const file of outputsOf(before, 'pdf')) expect(isCompletePdf(await readFile(path.join(root, 'out', file))), file).toBe(true);
    for (const file of outputsOf(before, 'docx')) expect(isCompleteZip(await readFile(path.join(root, 'out', file))), file).toBe(true);

    await sleep(30);
    const second = await runCli(args, root);
    expect(second.stdout).toMatch(/đã tạo 0 văn bản \(0 tệp\), bỏ qua 3 không đổi/);
    expect(await snapshot(path.join(root, 'out'))).toEqual(before);

    const forced = await runCli([...args, '--force'], root);
    expect(forced.code).toBe(0);
    const after = await snapshot(path.join(root, 'out'));
    for (const [file, entry] of before) expect(after.get(file)!.sha256, file).toBe(entry.sha256);
  });

  it('restarts a browser killed mid-run and prints the reports in flight again', async () => {
    const units = 40;
    const { root } = await corpusTree(units);
    const { child, done } = startCli(['batch', 'data', '--ky', '2024-q3', '--format', 'pdf', '--out', 'out', '--jobs', '2'], root);
    let progress = '';
    child.stderr!.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    const deadline = Date.now() + 90_000;
    // Some reports printed, the run still going: kill the browser (its main process) without warning.
    while ((progress.match(/✔/g) ?? []).length < 3) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the run ended or stalled:\n${progress}`);
      await sleep(50);
    }
    const browser = await browserProcessOf(child.pid!);
    expect(browser, 'no browser process under the CLI').toBeDefined();
    process.kill(browser!, 'SIGKILL');
    const run = await done;

    expect(run.stderr).toContain('[browser-restarted]');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`đã tạo ${units} văn bản (${units} tệp)`);
    const out = await snapshot(path.join(root, 'out'));
    expect(outputsOf(out, 'pdf')).toHaveLength(units);
    for (const file of outputsOf(out, 'pdf')) expect(isCompletePdf(await readFile(path.join(root, 'out', file))), file).toBe(true);
  });
});
