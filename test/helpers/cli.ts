/**
 * Runs the CLI as a user would and returns what they would see. `runCli` calls main() in this
 * process (src/cli/main.ts: the same code bin.ts runs) with a working folder, an environment and
 * two string collectors; `runCliProcess` starts the installed program (package.json's `bin`: the
 * bundle dist/bundle/baocao.js, scripts/bundle.mjs) as a process,
 * for the tests whose subject is the process itself (signals, kill -9, its exit code, its children).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main, type CliStream, type CliWaits } from '../../src/cli/main.js';
import { SharedBrowser } from '../../src/render/pdf/shared-browser.js';

export const ROOT = path.join(import.meta.dirname, '..', '..');
/** The program `baocao` runs once installed: package.json's `bin` (the bundle, dist/bundle/baocao.js). */
export const CLI = path.join(ROOT, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: { baocao: string } }).bin.baocao);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The working folder (default: the package root). */
  cwd?: string;
  /** Variables set over this process's environment; `undefined` removes one. */
  env?: NodeJS.ProcessEnv;
  /** Shorter waits than the production defaults (in-process runs only). */
  waits?: CliWaits;
  /**
   * In-process runs print PDF in this test process's shared browser (`sharedBrowser()`), unless
   * `env` names a BAOCAO_BROWSER or this is true: then the run starts and stops its own, as the
   * real program does (the subject of the browser's own tests: its start, its deadline, its profile).
   */
  ownBrowser?: boolean;
}

let shared: SharedBrowser | undefined;

/**
 * One browser for every in-process PDF run of this test process (vitest's fork, across its files):
 * started on the first PDF, left running until the process exits or `stopSharedBrowser()`. A
 * browser start costs ~0.8 s of CPU and ~1.3 s; ~40 in-process runs print PDF.
 */
export function sharedBrowser(): SharedBrowser {
  // Found where a run of this process would find it (BAOCAO_BROWSER and the standard places).
  return (shared ??= new SharedBrowser({ browserEnv: process.env }));
}

/** Stops the shared browser (a test that counts browser processes calls this first). */
export async function stopSharedBrowser(): Promise<void> {
  const stopping = shared;
  shared = undefined;
  await stopping?.close();
}

/** A stream that keeps what is written to it, like a pipe's reader (not a terminal). */
export class StringStream implements CliStream {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

function environment(env: NodeJS.ProcessEnv | undefined): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/** Runs `baocao <args>` in-process. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdout = new StringStream();
  const stderr = new StringStream();
  const own = options.ownBrowser === true || (options.env !== undefined && 'BAOCAO_BROWSER' in options.env);
  const code = await main({
    argv: args,
    cwd: options.cwd ?? ROOT,
    env: environment(options.env),
    stdout,
    stderr,
    ...(options.waits ? { waits: options.waits } : {}),
    ...(own ? {} : { browser: sharedBrowser() }),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs `node <bin> <args>` (the installed program, CLI) as a child process. */
export function runCliProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return outputOf(
    spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: environment(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** What a child process (spawned with piped stdout and stderr) printed, and its exit code. */
export function outputOf(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
