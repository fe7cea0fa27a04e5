/** Data trees, the built CLI and output checks for the batch tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, writeCorpus } from '../../tools/corpus/corpus.js';
import type { CliWaits } from '../../src/cli/main.js';
import { CLI, runCli as runInProcess } from './cli.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export { CLI };

/** The CLI tests run the built program, as users do: `npm test` builds first (scripts/setup.mjs). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI) || !existsSync(path.join(ROOT, 'dist', 'batch', 'run-batch.js'))) {
    throw new Error('dist/ is missing: run "npm run build" (or npm test) first.');
  }
}

const made = new Set<string>();

/** A fresh temporary folder, removed by `removeTemporaryFolders` (call it in `afterAll`). */
export async function temporaryFolder(prefix = 'baocao-batch-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export async function removeTemporaryFolders(): Promise<void> {
  await Promise.all([...made].map((dir) => rm(dir, { recursive: true, force: true })));
  made.clear();
}

/** A temporary folder with `data/` holding a synthetic tree of `units` units (see tools/corpus/corpus.ts). */
export async function corpusTree(units: number, seed = 7): Promise<{ root: string; files: Map<string, string> }> {
  const root = await temporaryFolder();
  const files = generateCorpus({ units, seed });
  await writeCorpus(path.join(root, 'data'), files);
  return { root, files };
}

/** Period files of a corpus, relative to data/, sorted. */
export function periodFiles(files: Map<string, string>): string[] {
  return [...files.keys()].filter((f) => f.endsWith('/2024-q3.yaml')).sort();
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** CLI processes started and not yet closed: a test that fails half-way must not leave one running. */
const running = new Map<ChildProcess, Promise<CliRun>>();

/**
 * Stops every CLI a test started and left running (its assertions failed before the run ended):
 * Ctrl-C first, so the CLI stops its browser and removes its profile, then SIGKILL after 5 s.
 * Without it a failed test left a batch printing into a temporary folder already removed.
 */
export async function stopStartedClis(): Promise<void> {
  await Promise.all(
    [...running].map(async ([child, done]) => {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    }),
  );
}

export function startCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  running.set(child, done);
  return { child, done };
}

/** Runs the CLI in this process (main(), test/helpers/cli.ts); startCli is for tests of the process itself. */
export async function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, waits?: CliWaits, ownBrowser = false): Promise<CliRun> {
  return { ...(await runInProcess([...args], { cwd, env, ownBrowser, ...(waits ? { waits } : {}) })), signal: null };
}

/**
 * Every file below `dir`: relative path → sha256, size and mtime. The batch's stat cache
 * (`.stat-cache*.json`, this machine's record of what it hashed, src/batch/stat-cache.ts) is left
 * out: it is not an output, and each run may refresh it.
 */
export async function snapshot(dir: string): Promise<Map<string, { sha256: string; size: number; mtimeMs: number }>> {
  const result = new Map<string, { sha256: string; size: number; mtimeMs: number }>();
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!entry.name.startsWith('.stat-cache')) {
        const [bytes, info] = await Promise.all([readFile(full), stat(full)]);
        result.set(path.relative(dir, full).split(path.sep).join('/'), {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: info.size,
          mtimeMs: info.mtimeMs,
        });
      }
    }
  };
  await walk(dir);
  return result;
}

/**
 * A complete ZIP: the end-of-central-directory record is where it must be, and the central
 * directory it points to starts with a file header and ends right before it.
 */
export function isCompleteZip(bytes: Uint8Array): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 22 || view.readUInt32LE(0) !== 0x04034b50) return false;
  for (let eocd = view.length - 22; eocd >= Math.max(0, view.length - 22 - 0xffff); eocd--) {
    if (view.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = view.readUInt16LE(eocd + 10);
    const size = view.readUInt32LE(eocd + 12);
    const offset = view.readUInt32LE(eocd + 16);
    return entries > 0 && offset + size === eocd && view.readUInt32LE(offset) === 0x02014b50;
  }
  return false;
}

/** A complete PDF: the header, and `%%EOF` at the end (only whitespace after it). */
export function isCompletePdf(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  return text.startsWith('%PDF-') && /%%EOF\s*$/.test(text.slice(-64));
}

/** Output files (not the manifest) below `out`, by extension. */
export function outputsOf(snap: Map<string, unknown>, ext: 'docx' | 'pdf'): string[] {
  return [...snap.keys()].filter((f) => f.endsWith(`.${ext}`)).sort();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
