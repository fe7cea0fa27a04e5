/**
 * `baocao batch` end to end, through the built CLI (DOCX: fast). PDF runs are in batch-pdf.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  corpusTree,
  isCompleteZip,
  outputsOf,
  periodFiles,
  removeTemporaryFolders,
  requireBuiltCli,
  runCli,
  sleep,
  snapshot,
  startCli,
  stopStartedClis,
} from './helpers/batch-tree.js';
import { makeTree, PERIOD_DOCUMENT, UNIT_PROFILE } from './helpers/data-tree.js';
import { temporaryNameFor } from '../src/write/write-atomic.js';

/** One thread: the batch runs on its main thread (a worker thread costs ~0.9 CPU-s to start), and most tests here are not about threads. */
const DOCX = ['--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'];
/** Two threads (without PDF: the main thread and a worker), for the tests where running in parallel matters (output order, each problem once, a kill mid-run). */
const PARALLEL = ['--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '2'];

beforeAll(() => requireBuiltCli());
afterEach(stopStartedClis);
afterAll(removeTemporaryFolders);

describe('baocao batch (DOCX)', () => {
  it('writes the same files on the main thread alone, on the main thread beside a worker, and on four worker threads', async () => {
    const { root } = await corpusTree(4);
    const outs = ['1', '2', '4'];
    for (const jobs of outs) {
      const run = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--jobs', jobs, '--out', `out-${jobs}`], root, { SOURCE_DATE_EPOCH: '1725494400' });
      expect(run.code, run.stderr).toBe(0);
    }
    const snapshots = await Promise.all(outs.map((jobs) => snapshot(path.join(root, `out-${jobs}`))));
    const hashes = (files: (typeof snapshots)[number]) => [...files].filter(([name]) => name.endsWith('.docx')).map(([name, file]) => [name, file.sha256]).sort();
    expect(hashes(snapshots[0]!).length).toBe(4);
    for (const files of snapshots.slice(1)) expect(hashes(files)).toEqual(hashes(snapshots[0]!));
  });

  it('renders every other report when one file is broken, exits 1 and names the file with line:column', async () => {
    const { root, files } = await corpusTree(4);
    const units = periodFiles(files);
    const broken = units[1]!;
    const text = files.get(broken)!;
    // An impossible date: the diagnostic points at the value of `ngay`.
    const lines = text.split('\n');
    const lineIndex = lines.findIndex((l) => l.startsWith('ngay: '));
    lines[lineIndex] = 'ngay: 2024-02-30';
    await writeFile(path.join(root, 'data', broken), lines.join('\n'));

    const run = await runCli(['batch', 'data', ...PARALLEL], root);
    expect(run.code).toBe(1);
    const place = `data/${broken}:${lineIndex + 1}:${'ngay: '.length + 1}`;
    expect(run.stderr).toContain(place);
    expect(run.stderr).toMatch(/\[invalid-date\]/);
    expect(run.stdout).toMatch(/đã tạo 3 văn bản \(3 tệp\), bỏ qua 0 không đổi, 1 lỗi/);

    const out = await snapshot(path.join(root, 'out'));
    const expected = units.filter((u) => u !== broken).map((u) => u.replace(/\.yaml$/, '.docx'));
    expect(outputsOf(out, 'docx')).toEqual(expected);
    for (const file of expected) expect(isCompleteZip(await readFile(path.join(root, 'out', file)))).toBe(true);

    const manifest = JSON.parse(await readFile(path.join(root, 'out', '2024-q3', 'manifest.json'), 'utf8'));
    const brokenKey = path.dirname(broken);
    expect(manifest.reports[brokenKey].outputs).toEqual({});
    expect(Object.keys(manifest.reports).filter((k) => manifest.reports[k].outputs.docx)).toHaveLength(3);

    // Fixed, it is the only report rendered by the next run.
    await writeFile(path.join(root, 'data', broken), text);
    const again = await runCli(['batch', 'data', ...DOCX], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/đã tạo 1 văn bản \(1 tệp\), bỏ qua 3 không đổi, 0 lỗi/);
  });

  it('skips everything on a second run without touching a byte; --force gives identical bytes', async () => {
    const { root, files } = await corpusTree(6);
    const first = await runCli(['batch', 'data', ...DOCX], root);
    expect(first.code).toBe(0);
    const before = await snapshot(path.join(root, 'out'));
    expect(outputsOf(before, 'docx')).toHaveLength(periodFiles(files).length);

    await sleep(30);
    const second = await runCli(['batch', 'data', ...DOCX], root);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/đã tạo 0 văn bản \(0 tệp\), bỏ qua 6 không đổi, 0 lỗi/);
    expect(await snapshot(path.join(root, 'out'))).toEqual(before);

    await sleep(30);
    const forced = await runCli(['batch', 'data', ...DOCX, '--force'], root);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/đã tạo 6 văn bản \(6 tệp\)/);
    const after = await snapshot(path.join(root, 'out'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, entry] of before) {
      expect(after.get(file)!.sha256, file).toBe(entry.sha256);
      if (file.endsWith('.docx')) expect(after.get(file)!.mtimeMs, file).toBeGreaterThan(entry.mtimeMs);
    }
  });

  it('re-renders only what changed: one unit file, a province layer, a deleted or altered output', async () => {
    const { root, files } = await corpusTree(8);
    expect((await runCli(['batch', 'data', ...DOCX], root)).code).toBe(0);
    const units = periodFiles(files);

    const one = units[0]!;
    await writeFile(path.join(root, 'data', one), `${files.get(one)!}\n# sửa một dòng chú thích\n`);
    const afterUnit = await runCli(['batch', 'data', ...DOCX], root);
    expect(afterUnit.stdout).toMatch(/đã tạo 1 văn bản \(1 tệp\), bỏ qua 7 không đổi/);
    expect(afterUnit.stderr).toContain(`✔ ${path.dirname(one)}`);

    const province = one.split('/')[0]!;
    const inProvince = units.filter((u) => u.startsWith(`${province}/`)).length;
    await writeFile(path.join(root, 'data', province, 'tinh.yaml'), `${files.get(`${province}/tinh.yaml`)!}# sửa lớp tỉnh\n`);
    const afterProvince = await runCli(['batch', 'data', ...DOCX], root);
    expect(afterProvince.stdout).toContain(`đã tạo ${inProvince} văn bản (${inProvince} tệp), bỏ qua ${8 - inProvince} không đổi`);

    const last = units[units.length - 1]!.replace(/\.yaml$/, '.docx');
    const second = units[units.length - 2]!.replace(/\.yaml$/, '.docx');
    await rm(path.join(root, 'out', last));
    const bytes = await readFile(path.join(root, 'out', second));
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0xff; // same size, different bytes
    await writeFile(path.join(root, 'out', second), bytes);
    const repaired = await runCli(['batch', 'data', ...DOCX], root);
    expect(repaired.stdout).toMatch(/đã tạo 2 văn bản \(2 tệp\), bỏ qua 6 không đổi/);
    expect(isCompleteZip(await readFile(path.join(root, 'out', last)))).toBe(true);
  });

  it('splits the plan into shards that cover it exactly once and merge into the unsharded manifest', async () => {
    const { root, files } = await corpusTree(12);
    const whole = await runCli(['batch', 'data', ...DOCX, '--out', 'whole'], root);
    expect(whole.code).toBe(0);
    const s1 = await runCli(['batch', 'data', ...DOCX, '--shard', '1/2'], root);
    const s2 = await runCli(['batch', 'data', ...DOCX, '--shard', '2/2'], root);
    expect([s1.code, s2.code]).toEqual([0, 0]);

    const read = async (name: string) => JSON.parse(await readFile(path.join(root, 'out', '2024-q3', name), 'utf8'));
    const m1 = await read('manifest.shard-1-of-2.json');
    const m2 = await read('manifest.shard-2-of-2.json');
    const k1 = Object.keys(m1.reports);
    const k2 = Object.keys(m2.reports);
    expect(k1.length).toBeGreaterThan(0);
    expect(k2.length).toBeGreaterThan(0);
    expect(k1.filter((k) => k2.includes(k))).toEqual([]);
    expect([...k1, ...k2].sort()).toEqual(periodFiles(files).map((f) => path.dirname(f)));
    expect(s1.stdout).toContain(`phần 1/2: ${k1.length} trong 12 văn bản, ${k1.length} đơn vị`);

    const merged = await runCli(['manifest', 'merge', 'out/2024-q3'], root);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('12 báo cáo từ 2 phần');
    const mergedText = await readFile(path.join(root, 'out', '2024-q3', 'manifest.json'), 'utf8');
    expect(mergedText).toBe(await readFile(path.join(root, 'whole', '2024-q3', 'manifest.json'), 'utf8'));

    // Same outputs, byte for byte, as the single-machine run.
    const sharded = await snapshot(path.join(root, 'out'));
    const single = await snapshot(path.join(root, 'whole'));
    for (const file of outputsOf(single, 'docx')) expect(sharded.get(file)?.sha256, file).toBe(single.get(file)!.sha256);

    // After the merge an unsharded run finds nothing to do.
    const rerun = await runCli(['batch', 'data', ...DOCX], root);
    expect(rerun.stdout).toMatch(/đã tạo 0 văn bản \(0 tệp\), bỏ qua 12 không đổi/);
  });

  it('refuses to merge an incomplete set of shards, yet a later run reuses the finished part', async () => {
    const { root } = await corpusTree(5);
    expect((await runCli(['batch', 'data', ...DOCX, '--shard', '1/3'], root)).code).toBe(0);
    const merged = await runCli(['manifest', 'merge', 'out/2024-q3'], root);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toContain('2/3, 3/3');
    expect(merged.stderr).toContain('[manifest-conflict]');
    await expect(readFile(path.join(root, 'out', '2024-q3', 'manifest.json'))).rejects.toThrow();

    // Without a merge, an unsharded run still trusts the part already done (its files are checked).
    const done = Object.keys(JSON.parse(await readFile(path.join(root, 'out', '2024-q3', 'manifest.shard-1-of-3.json'), 'utf8')).reports).length;
    const rest = await runCli(['batch', 'data', ...DOCX], root);
    expect(rest.stdout).toContain(`đã tạo ${5 - done} văn bản (${5 - done} tệp), bỏ qua ${done} không đổi`);
  });

  it('rejects conflicting outputs before writing anything', async () => {
    // No mac-dinh.yaml: both units resolve to the unit path "tinh-mau/phuong-mau".
    const root = await makeTree({
      'data/mot/tinh-mau/phuong-mau/don-vi.yaml': UNIT_PROFILE,
      'data/mot/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT,
      'data/hai/tinh-mau/phuong-mau/don-vi.yaml': UNIT_PROFILE,
      'data/hai/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT,
      'data/hai/tinh-mau/phuong-khac/don-vi.yaml': UNIT_PROFILE,
      'data/hai/tinh-mau/phuong-khac/2024-q3.yaml': PERIOD_DOCUMENT,
    });
    const run = await runCli(['batch', 'data', ...DOCX], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[output-conflict]');
    expect(run.stderr).toContain('data/mot/tinh-mau/phuong-mau/2024-q3.yaml');
    await expect(readdir(path.join(root, 'out'))).rejects.toThrow();
  });

  it('stops with one message and writes nothing when the templates are missing', async () => {
    const { root } = await corpusTree(3);
    await mkdir(path.join(root, 'mau-hong'));
    const run = await runCli(['batch', 'data', ...PARALLEL, '--templates', 'mau-hong'], root);
    expect(run.code).toBe(1);
    // an empty templates folder declares no document type (loai/) and has no templates
    const lines = run.stderr.split('\n').filter((l) => /\[(template-error|type-declaration)\]/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size, 'each problem once, not once per worker thread').toBe(lines.length);
    expect(lines.every((l) => l.startsWith(path.join('mau-hong', 'loai')) || l.startsWith(path.join('mau-hong', 'word')))).toBe(true);
    expect(run.stderr).not.toMatch(/\[\s*\d+\/3\]/); // no report was even tried
    expect(run.stdout).toContain('0 lỗi, 3 chưa làm');
    expect(outputsOf(await snapshot(path.join(root, 'out')), 'docx')).toEqual([]);
  });

  it('exits 2 on usage errors', async () => {
    const { root } = await corpusTree(1);
    const cases: string[][] = [
      ['batch', 'data', '--format', 'docx'], // no --ky
      ['batch', 'data', '--ky', '2024-q5'],
      ['batch', 'data', '--ky', '2024-q3', '--shard', '3/2'],
      ['batch', 'data', '--ky', '2024-q3', '--shard', 'hai'],
      ['batch', 'data', '--ky', '2024-q3', '--shard', '0/2'],
      ['batch', 'data', '--ky', '2024-q3', '--jobs', '0'],
      ['batch', 'data', '--ky', '2024-q3', '--format', 'odt'],
    ];
    for (const args of cases) {
      const run = await runCli(args, root);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/\[usage\]/);
    }
    await expect(readdir(path.join(root, 'out'))).rejects.toThrow();
  });

  it('leaves only complete files when killed with SIGKILL, and the next run cleans up and finishes', async () => {
    const { root, files } = await corpusTree(80);
    const { child, done } = startCli(['batch', 'data', ...PARALLEL], root);
    // Wait until the run is well under way (a manifest checkpoint saved), then kill it without warning.
    const manifestFile = path.join(root, 'out', '2024-q3', 'manifest.json');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the batch never got going')), 60_000);
      let seen = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if ((seen.match(/✔/g) ?? []).length >= 20 && existsSync(manifestFile)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    // Written atomically, so always whole JSON.
    const checkpoint = JSON.parse(await readFile(manifestFile, 'utf8')) as { reports: Record<string, { outputs: { docx?: unknown } }> };
    const recorded = Object.values(checkpoint.reports).filter((r) => r.outputs.docx).length;
    expect(recorded).toBeGreaterThan(0);

    // A leftover as a kill during a write leaves it (named for the killed process), and one a live
    // process is writing right now (this test's own pid): only the first may be swept.
    const unitDir = path.join(root, 'out', path.dirname(periodFiles(files)[0]!));
    await mkdir(unitDir, { recursive: true });
    const target = path.join(unitDir, '2024-q3.docx');
    const abandoned = path.join(unitDir, temporaryNameFor(target, child.pid!));
    const inFlight = path.join(unitDir, temporaryNameFor(target, process.pid));
    await writeFile(abandoned, 'PK\u0003\u0004 cut short');
    await writeFile(inFlight, 'PK\u0003\u0004 being written');

    const partial = await snapshot(path.join(root, 'out'));
    const present = outputsOf(partial, 'docx');
    expect(present.length).toBeGreaterThan(0);
    expect(present.length).toBeLessThan(80);
    for (const file of present) expect(isCompleteZip(await readFile(path.join(root, 'out', file))), file).toBe(true);

    // The killed run's lock goes stale after 2 s here (10 s in production).
    const resumed = await runCli(['batch', 'data', ...DOCX], root, {}, { lockStaleMs: 2_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/Đã dọn [1-9]\d* tệp tạm/);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(inFlight)).toBe(true);
    await rm(inFlight);
    // Reports recorded before the kill are not rendered again.
    expect(resumed.stdout).toContain(`đã tạo ${80 - recorded} văn bản`);
    const final = await snapshot(path.join(root, 'out'));
    expect([...final.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(outputsOf(final, 'docx')).toHaveLength(80);
    for (const file of outputsOf(final, 'docx')) expect(isCompleteZip(await readFile(path.join(root, 'out', file))), file).toBe(true);
  });
});
