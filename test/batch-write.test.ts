/**
 * Writing safely: a failed write leaves no temporary file (unit, and a real full disk when the
 * tests run as root), one batch at a time per output folder (real processes, kill -9), and an
 * output folder that cannot be written is refused before anything is rendered.
 */
import { spawn } from 'node:child_process';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, type WriteIo } from '../src/write/write-atomic.js';
import { withMount } from './helpers/mounts.js';
import { corpusTree, isCompleteZip, outputsOf, removeTemporaryFolders, requireBuiltCli, ROOT, runCli, snapshot, startCli, temporaryFolder, stopStartedClis } from './helpers/batch-tree.js';

/** One worker thread (a worker costs ~0.9 CPU-s to start): the runs here are about the disk and the folder lock, not threads. */
const DOCX = ['--ky', '2024-q3', '--format', 'docx', '--jobs', '1'];

beforeAll(() => requireBuiltCli());
afterEach(stopStartedClis);
afterAll(removeTemporaryFolders);

const temporaries = async (dir: string) => (await readdir(dir, { recursive: true })).filter((name) => String(name).endsWith('.tmp'));

describe('writeFileAtomic', () => {
  const failing = (step: 'write' | 'sync' | 'rename'): WriteIo => ({
    open: (async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const fail = async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', syscall: step, path: String(args[0]) });
      };
      if (step === 'write') handle.writeFile = fail;
      if (step === 'sync') handle.sync = fail;
      return handle;
    }) as typeof open,
    rename: step === 'rename' ? async () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV', syscall: 'rename' })) : rename,
  });

  for (const step of ['write', 'sync', 'rename'] as const) {
    it(`removes its temporary file when ${step} fails, and names the target in the error`, async () => {
      const dir = await temporaryFolder('baocao-write-');
      const target = path.join(dir, 'a.docx');
      const error = await writeFileAtomic(target, new Uint8Array(10), failing(step)).catch((e: NodeJS.ErrnoException) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as NodeJS.ErrnoException).path ?? target).toBe(target);
      expect(await readdir(dir)).toEqual([]);
    });
  }

  it('on a real full disk leaves no temporary file and frees the space', async () => {
    const done = await withMount(
      (dir) => [['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]],
      async (dir) => {
        const error = await writeFileAtomic(path.join(dir, 'big.pdf'), new Uint8Array(2 * 1024 * 1024)).catch((e: NodeJS.ErrnoException) => e);
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        expect(await readdir(dir)).toEqual([]);
        // The space is free again: a small file fits.
        await writeFileAtomic(path.join(dir, 'small.txt'), new Uint8Array(512 * 1024));
        expect(await readdir(dir)).toEqual(['small.txt']);
        return true;
      },
    );
    if (done === undefined) console.warn('skipped: needs root and tmpfs');
  });
});

describe('baocao batch on a full disk', () => {
  it('fails the reports that do not fit with a Vietnamese message, leaves no .tmp, and the manifest tells the truth', async () => {
    const { root } = await corpusTree(12);
    const done = await withMount(
      (dir) => [['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir]],
      async (out) => {
        // Leave room for a few reports only.
        await writeFile(path.join(out, 'filler'), new Uint8Array(2 * 1024 * 1024 - 60 * 1024)).catch(() => undefined);
        const run = await runCli(['batch', 'data', ...DOCX, '--out', out], root);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('ổ đĩa đã đầy');
        expect(run.stderr).not.toMatch(/no space left/i);
        expect(await temporaries(out)).toEqual([]);
        const written = outputsOf(await snapshot(out), 'docx');
        expect(written.length).toBeLessThan(12);
        for (const file of written) expect(isCompleteZip(await readFile(path.join(out, file))), file).toBe(true);

        // Room again: the manifest of the next run lists exactly the files on disk, all 12.
        await rm(path.join(out, 'filler'));
        const again = await runCli(['batch', 'data', ...DOCX, '--out', out], root);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain(`đã tạo ${12 - written.length} văn bản`);
        const manifest = JSON.parse(await readFile(path.join(out, '2024-q3', 'manifest.json'), 'utf8'));
        expect(Object.values(manifest.reports).filter((r) => (r as { outputs: { docx?: unknown } }).outputs.docx)).toHaveLength(12);
        return true;
      },
    );
    if (done === undefined) console.warn('skipped: needs root and tmpfs');
  });
});

/**
 * Holds an unsharded batch's lock of out/2024-q3 from another process, as a running batch would
 * (refreshed every second). A process of its own: proper-lockfile keeps one lock per folder per
 * process, and the runs under test take theirs in this process. Released when its stdin closes.
 */
async function holdBatchLock(root: string): Promise<() => Promise<void>> {
  const periodDir = path.join(root, 'out', '2024-q3');
  await mkdir(periodDir, { recursive: true });
  const script = `require('proper-lockfile').lock(${JSON.stringify(periodDir)}, { lockfilePath: ${JSON.stringify(path.join(periodDir, '.baocao-batch.lock'))}, realpath: false, stale: 10000, update: 1000 })
    .then((release) => { console.log('held'); process.stdin.on('end', () => release().then(() => process.exit(0))); process.stdin.resume(); });`;
  const holder = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => holder.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    holder.on('close', () => reject(new Error('the lock holder ended before taking the lock')));
  });
  return async () => {
    holder.stdin!.end();
    await exited;
  };
}

describe('one batch at a time per output folder', () => {
  it('a second run into the same out/ waits or refuses clearly; neither fails on a vanished file', async () => {
    const { root } = await corpusTree(60);
    const first = startCli(['batch', 'data', ...DOCX, '--out', 'out', '--force'], root);
    // Start the second run once the first is writing.
    let firstClosed = false;
    first.child.on('close', () => (firstClosed = true));
    await new Promise<void>((resolve) => {
      let seen = '';
      first.child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if ((seen.match(/✔/g) ?? []).length >= 3) resolve();
      });
      first.child.on('close', () => resolve());
    });
    // On a loaded machine the first run can finish before the second starts: then there is no
    // overlap to observe (the held-lock test below covers waiting deterministically).
    const overlapped = !firstClosed;
    const second = await runCli(['batch', 'data', ...DOCX, '--out', 'out', '--force'], root);
    const a = await first.done;
    expect(a.stderr).not.toMatch(/ENOENT|render-failed/);
    expect(a.code).toBe(0);
    expect(second.stderr).not.toMatch(/ENOENT|render-failed/);
    if (second.code === 3) expect(second.stderr).toMatch(/Một lần chạy khác .*đang ghi kỳ 2024-q3 vào "out".*\[out-locked\]/);
    else expect(second.code).toBe(0);
    if (overlapped && second.code === 0 && second.stderr.includes('Một lần chạy khác')) expect(second.stderr).toContain('đang chờ');
    const out = await snapshot(path.join(root, 'out'));
    expect(outputsOf(out, 'docx')).toHaveLength(60);
    expect([...out.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('a run waits while another holds the folder, then goes on when it is released', async () => {
    const { root } = await corpusTree(6);
    const release = await holdBatchLock(root);
    const second = startCli(['batch', 'data', ...DOCX, '--out', 'out', '--force'], root);
    await new Promise<void>((resolve) => {
      let seen = '';
      second.child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('đang chờ')) resolve();
      });
      second.child.on('close', () => resolve());
    });
    await release();
    const b = await second.done;
    expect(b.stderr).toContain('Một lần chạy khác đang ghi vào "out"');
    expect(b.stderr).toContain('đang chờ');
    expect(b.code).toBe(0);
    expect(outputsOf(await snapshot(path.join(root, 'out')), 'docx')).toHaveLength(6);
  }, 120_000);

  it('refuses a shard while an unsharded run of the same period holds the folder', async () => {
    // The unsharded run's lock, held here so the overlap does not depend on the machine's speed.
    const { root } = await corpusTree(4);
    const release = await holdBatchLock(root);
    try {
      const shard = await runCli(['batch', 'data', ...DOCX, '--out', 'out', '--shard', '1/2'], root);
      expect(shard.code).toBe(3);
      expect(shard.stderr).toContain('[out-locked]');
      expect(outputsOf(await snapshot(path.join(root, 'out')), 'docx')).toHaveLength(0);
    } finally {
      await release();
    }
  }, 120_000);

  it('after kill -9 of a run, the next run takes the folder over by itself', async () => {
    const { root } = await corpusTree(60);
    const killed = startCli(['batch', 'data', ...DOCX, '--out', 'out'], root);
    await new Promise<void>((resolve) => killed.child.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('✔') && resolve()));
    killed.child.kill('SIGKILL');
    await killed.done;
    await mkdir(path.join(root, 'out', '2024-q3'), { recursive: true });
    expect((await readdir(path.join(root, 'out', '2024-q3'))).some((name) => name.endsWith('.lock'))).toBe(true);
    const started = Date.now();
    // The killed run's lock goes stale after 2 s here (10 s in production).
    const next = await runCli(['batch', 'data', ...DOCX, '--out', 'out'], root, {}, { lockStaleMs: 2_000 });
    expect(next.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(outputsOf(await snapshot(path.join(root, 'out')), 'docx')).toHaveLength(60);
    expect((await readdir(path.join(root, 'out', '2024-q3'))).some((name) => name.endsWith('.lock'))).toBe(false);
  }, 120_000);
});

describe('a file saved while a batch runs', () => {
  it('is hashed before it is read to be rendered (by a worker or the main thread), so a save in between makes the next run render it again', async () => {
    // The order decides the manifest's truth: hashed after the render's read, a save in between
    // would record the new bytes' hash for an output made from the old ones, and the next run would
    // keep that stale output. Traced in the CLI process, with the hash's reads slowed down.
    const { root } = await corpusTree(30);
    const trace = path.join(root, 'reads.tsv');
    const hook = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'trace-yaml-reads.mjs')).href;
    const env = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`, TRACE_READS: trace, SLOW_READ_MS: '5' };
    // A process: the trace hook is loaded into it through NODE_OPTIONS.
    const run = await startCli(['batch', 'data', '--ky', '2024-q3', '--format', 'json', '--jobs', '2', '--out', 'out'], root, env).done;
    expect(run.code, run.stderr).toBe(0);
    const hashed = new Map<string, bigint>();
    const loaded = new Map<string, bigint>();
    for (const line of (await readFile(trace, 'utf8')).trim().split('\n')) {
      const [, phase, time, file] = line.split('\t') as [string, string, string, string];
      if (!file.startsWith(path.join(root, 'data'))) continue; // the templates' type declarations
      // The inputs hash reads asynchronously (on the main thread), the stages synchronously: on a
      // worker, or on the main thread, which renders too on up to three threads without PDF (and
      // then takes most reports); the hash comes before the stages are asked, wherever they run.
      if (phase === 'end' && !hashed.has(file)) hashed.set(file, BigInt(time));
      if (phase === 'sync' && !loaded.has(file)) loaded.set(file, BigInt(time));
    }
    // Every period file, unit profile and shared layer, read for rendering and hashed.
    expect(loaded.size).toBeGreaterThanOrEqual(60);
    const readBeforeHashed = [...loaded].filter(([file, time]) => !(hashed.get(file)! < time)).map(([file]) => file);
    expect(readBeforeHashed).toEqual([]);
  }, 120_000);
});

describe('an output folder that cannot be written', () => {
  for (const command of ['render', 'batch'] as const) {
    const args = (out: string) => (command === 'batch' ? ['batch', 'data', ...DOCX, '--out', out] : ['render', 'data', '--out', out]);

    it(`${command}: --out naming a file exits 2 with a Vietnamese message, before rendering`, async () => {
      const { root } = await corpusTree(2);
      await writeFile(path.join(root, 'ket-qua'), 'một tệp\n');
      for (const out of ['ket-qua', 'ket-qua/con']) {
        const run = await runCli(args(out), root);
        expect(run.code, out).toBe(2);
        expect(run.stderr, out).toMatch(/là một tệp.*\[usage\]/);
        expect(run.stderr, out).not.toMatch(/ENOTDIR|EEXIST|not a directory/);
        expect(run.stdout, out).not.toContain('✔');
      }
    });

    it(`${command}: a read-only folder exits 2 and writes nothing`, async () => {
      const { root } = await corpusTree(2);
      const done = await withMount(
        (dir) => [
          ['--bind', dir, dir],
          ['-o', 'remount,ro,bind', dir],
        ],
        async (out) => {
          const run = await runCli(args(out), root);
          expect(run.code).toBe(2);
          expect(run.stderr).toMatch(/Không ghi được vào thư mục kết quả .*ổ đĩa chỉ cho đọc.*\[usage\]/);
          expect(run.stderr).not.toMatch(/EROFS: read-only/);
          return true;
        },
      );
      if (done === undefined) console.warn('skipped: needs root and mount');
    });
  }
});
