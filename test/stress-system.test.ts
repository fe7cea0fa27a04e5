/**
 * Issue 19's stress findings on the system side, as a user meets them: few file descriptors,
 * a killed render's leftovers, no browser in a batch, and every write that fails (a folder where
 * a file should be, a read-only mount, a full disk, a name too long) said in Vietnamese by one
 * mapping (src/diagnostics/system-errors.ts), never as Node's English or a stack trace.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemErrorText, writeFailure } from '../src/diagnostics/system-errors.js';
import { temporaryNameFor, writeFileAtomic } from '../src/write/write-atomic.js';
import { removeTemporaryFolders, requireBuiltCli, runCli, temporaryFolder } from './helpers/batch-tree.js';
import { CLI, outputOf, type CliResult } from './helpers/cli.js';
import { validTree } from './helpers/data-tree.js';
import { withMount } from './helpers/mounts.js';

const PERIOD = path.join('data', 'tinh-mau', 'phuong-mau', '2024-q3.yaml');
/** Node's own words for system errors, and its stack trace: never shown to a user. */
const RAW = /no space left|is a directory|read-only file system|name too long|too many open files|permission denied|\n\s+at /i;

beforeAll(() => requireBuiltCli());
afterAll(removeTemporaryFolders);

/** The installed command (`baocao`, package.json "bin") under `ulimit -n <limit>`. */
function runWithFileLimit(limit: number, args: string[], cwd: string): Promise<CliResult> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return outputOf(spawn('bash', ['-c', `ulimit -n ${limit} && exec '${process.execPath}' '${CLI}' ${quoted}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The pid of a process that has ended (its temporary files are a killed run's). */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('close', () => resolve(child.pid!));
  });
}

describe('one mapping from system error codes to Vietnamese', () => {
  it.each(['ENOSPC', 'EISDIR', 'EROFS', 'ENAMETOOLONG', 'EACCES', 'EMFILE', 'ENOENT', 'ENOTDIR', 'EEXIST'])('%s: what happened and what to do, and the code for IT', (code) => {
    const text = systemErrorText(code);
    expect(text).toMatch(/; .+ \(E[A-Z]+\)$/);
    expect(text).toContain(`(${code})`);
    expect(text).not.toMatch(/lỗi hệ thống E/);
    const d = writeFailure(Object.assign(new Error(`${code}: english words`), { code }), '/ra/tep.docx', 'tệp Word');
    expect(d.message).toBe(`Không ghi được tệp Word "/ra/tep.docx": ${text}.`);
    expect(d.message).not.toContain('english');
  });
});

// The bundled command opens ~30 files to load (dist/bundle/: a command's chunks) where tsc's output
// opened hundreds: at 40 it runs, at 20 Node itself cannot start; 28 fails while loading.
describe('few file descriptors (ulimit -n 28)', () => {
  for (const command of [['render', PERIOD, '--format', 'docx', '--out', 'ra'], ['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'ra']]) {
    it(`${command[0]}: a Vietnamese system-error diagnostic, exit 2, no stack trace`, async () => {
      const tree = await validTree();
      const run = await runWithFileLimit(28, command, tree);
      expect(run.stderr).toMatch(/Lỗi hệ thống, không phải lỗi của dữ liệu.*ulimit -n.*\(EMFILE\)\.\s+\[system-error\]/);
      expect(run.stderr).not.toMatch(RAW);
      expect(run.code).toBe(2);
      await rm(tree, { recursive: true, force: true });
    });
  }
});

describe('render after a killed render', () => {
  it('removes the dead run\'s .baocao-*.tmp files beside its outputs, as batch does, and keeps a live run\'s', async () => {
    const tree = await validTree();
    const target = path.join(tree, 'ra', 'tinh-mau', 'phuong-mau', '2024-q3.docx');
    await mkdir(path.dirname(target), { recursive: true });
    const dead = path.join(path.dirname(target), temporaryNameFor(target, await deadPid()));
    const live = path.join(path.dirname(target), temporaryNameFor(target, process.pid));
    await writeFile(dead, 'nửa tệp');
    await writeFile(live, 'đang ghi');
    const run = await runCli(['render', PERIOD, '--format', 'docx', '--out', 'ra'], tree);
    expect(run.code, run.stderr).toBe(0);
    const left = await readdir(path.dirname(target));
    expect(left).toContain(path.basename(live));
    expect(left).not.toContain(path.basename(dead));
    expect(left).toContain('2024-q3.docx');
    await rm(tree, { recursive: true, force: true });
  });
});

describe('batch without a browser', () => {
  it('writes every DOCX and reports each PDF as failed (as render does)', async () => {
    const tree = await validTree();
    const run = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx,pdf', '--out', 'ra', '--jobs', '1'], tree, { BAOCAO_BROWSER: '/khong/co/chrome' });
    expect(run.stderr).toContain('[browser-missing]');
    expect(run.stderr).toMatch(/2024-q3\.yaml .*PDF.*\[render-failed\]/);
    expect(run.code).toBe(1);
    const files = await readdir(path.join(tree, 'ra', 'tinh-mau', 'phuong-mau'));
    expect(files).toEqual(['2024-q3.docx']);
    await rm(tree, { recursive: true, force: true });
  });
});

describe('writes that fail say why in Vietnamese, with a rule id', () => {
  let tree: string;
  beforeAll(async () => {
    tree = await validTree();
  });
  afterAll(async () => {
    await rm(tree, { recursive: true, force: true });
  });

  it('diff --docx <a folder>: write-failed, exit 2 (not internal-error)', async () => {
    const folder = await temporaryFolder('baocao-thu-muc-');
    const run = await runCli(['diff', PERIOD, PERIOD, '--docx', folder], tree);
    expect(run.stderr).toMatch(/Không ghi được bản Word có đánh dấu thay đổi ".*": đó là một thư mục.*\(EISDIR\)\.\s+\[write-failed\]/);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).not.toContain('internal-error');
    expect(run.code).toBe(2);
  });

  it('schema --out <a folder>: write-failed, exit 2', async () => {
    const folder = await temporaryFolder('baocao-thu-muc-');
    const run = await runCli(['schema', '--out', folder], tree);
    expect(run.stderr).toMatch(/Không ghi được tệp lược đồ ".*": đó là một thư mục.*\(EISDIR\)\.\s+\[write-failed\]/);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.code).toBe(2);
  });

  it('batch whose manifest path is a folder: write-failed for the manifest, exit 2', async () => {
    await mkdir(path.join(tree, 'ra-m', '2024-q3', 'manifest.json'), { recursive: true });
    const run = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'ra-m', '--jobs', '1'], tree);
    expect(run.stderr).toMatch(/Không ghi được tệp kê khai ".*manifest\.json": đó là một thư mục.*\(EISDIR\)\.\s+\[write-failed\]/);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.code).toBe(2);
  });

  it('a manifest another version wrote: manifest-invalid (warning), every report made again', async () => {
    const first = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'ra-v', '--jobs', '1'], tree);
    expect(first.code, first.stderr).toBe(0);
    const file = path.join(tree, 'ra-v', '2024-q3', 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as { tool: string };
    await writeFile(file, JSON.stringify({ ...manifest, tool: 'baocao 0.0.1' }));
    const again = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'ra-v', '--jobs', '1'], tree);
    expect(again.stderr).toMatch(/do phiên bản khác ghi \(baocao 0\.0\.1, đang chạy baocao .*\).*\[manifest-invalid\]/);
    expect(again.stdout).toContain('đã tạo 1 văn bản');
    expect(again.code).toBe(0);
  });

  it('a period file whose name fits but whose temporary name would not (ENAMETOOLONG): rendered', async () => {
    const variant = `bao-cao-${'x'.repeat(255 - '2024-q3.bao-cao-.yaml'.length)}`;
    const name = `2024-q3.${variant}.yaml`;
    expect(Buffer.byteLength(name)).toBe(255);
    const long = await validTree();
    const text = await readFile(path.join(long, PERIOD), 'utf8');
    await writeFile(path.join(long, 'data', 'tinh-mau', 'phuong-mau', name), `loai: bao_cao\n${text}`);
    await rm(path.join(long, PERIOD));
    const checked = await runCli(['validate', 'data'], long);
    expect(checked.code, checked.stderr).toBe(0);
    const run = await runCli(['render', 'data', '--format', 'docx', '--out', 'ra'], long);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.code, run.stderr).toBe(0);
    expect(await readdir(path.join(long, 'ra', 'tinh-mau', 'phuong-mau'))).toEqual([name.replace(/\.yaml$/, '.docx')]);
    await rm(long, { recursive: true, force: true });
  });

  it('writeFileAtomic keeps the temporary name within 255 bytes, whole characters (Vietnamese names)', async () => {
    const dir = await temporaryFolder('baocao-ten-dai-');
    const name = `${'Ễ'.repeat(83)}.x`; // 3 bytes each: 251 bytes
    expect(Buffer.byteLength(temporaryNameFor(path.join(dir, name), 4_194_304))).toBeLessThanOrEqual(255);
    await writeFileAtomic(path.join(dir, name), new Uint8Array([1]));
    expect(await readdir(dir)).toEqual([name]);
  });

  it('ky-moi on a read-only mount: write-failed in Vietnamese (EROFS), exit 2', async () => {
    const done = await withMount(
      (dir) => [['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]],
      async (mount) => {
        await cp(path.join(tree, 'data'), path.join(mount, 'data'), { recursive: true });
        execFileSync('mount', ['-o', 'remount,ro', mount]);
        const run = await runCli(['ky-moi', PERIOD, '--ky', '2024-q4'], mount);
        expect(run.stderr).toMatch(/Không ghi được tệp kỳ mới ".*2024-q4\.yaml": ổ đĩa chỉ cho đọc.*\(EROFS\)\.\s+\[write-failed\]/);
        expect(run.stderr).not.toMatch(RAW);
        expect(run.code).toBe(2);
        return true;
      },
    );
    if (done === undefined) console.warn('skipped: needs root and mount');
  });

  it('the manifest on a full disk: write-failed in Vietnamese (ENOSPC), the DOCX written', async () => {
    const measure = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'ra-do', '--jobs', '1'], tree);
    expect(measure.code, measure.stderr).toBe(0);
    const docx = (await stat(path.join(tree, 'ra-do', 'tinh-mau', 'phuong-mau', '2024-q3.docx'))).size;
    const PAGE = 4096;
    const filler = 64 * PAGE;
    const done = await withMount(
      // Room for the DOCX's pages only, once the filler is written: the manifest does not fit.
      (dir) => [['-t', 'tmpfs', '-o', `size=${filler + Math.ceil(docx / PAGE) * PAGE}`, 'tmpfs', dir]],
      async (out) => {
        await writeFile(path.join(out, 'filler'), new Uint8Array(filler));
        const run = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', out, '--jobs', '1'], tree);
        expect(run.stderr).toMatch(/Không ghi được tệp kê khai ".*manifest\.json": ổ đĩa đã đầy.*\(ENOSPC\)\.\s+\[write-failed\]/);
        expect(run.stderr).not.toMatch(RAW);
        expect(run.code).toBe(2);
        expect((await stat(path.join(out, 'tinh-mau', 'phuong-mau', '2024-q3.docx'))).size).toBe(docx);
        return true;
      },
    );
    if (done === undefined) console.warn('skipped: needs root and tmpfs');
  });
});
