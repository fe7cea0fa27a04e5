/**
 * Tests that run the CLI as a process use its bundle (dist/bundle/, package.json's `bin`), and the
 * batch's worker threads and the library tests use dist/. `npm test` builds both once in
 * scripts/setup.mjs; a test file run alone (`npx vitest run test/x.test.ts`) builds them here,
 * each unless it is already newer than every source file (both ask scripts/dist-current.mjs;
 * `tsc` alone leaves the bundle to this).
 *
 * The run's temporary files go in a folder of its own (TMPDIR, which the test processes, the CLIs,
 * Chromium and LibreOffice inherit), removed after the run: a test stopped half-way, or a fork that
 * vitest ends with SIGTERM, leaves nothing in the machine's /tmp.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleIsCurrent, distIsCurrent } from '../scripts/dist-current.mjs';
import { sweepStaleProfiles } from '../src/render/pdf/profiles.js';
import { stopOfficeServers, TEST_RUN_VARIABLE } from './helpers/libreoffice-macro.js';

const root = path.join(import.meta.dirname, '..');

export default function setup(): () => Promise<void> {
  // Each test process's LibreOffice (test/helpers/libreoffice-macro.ts) is marked with this run's id and stopped after the run.
  const run = `${process.pid}x${Date.now().toString(36)}`;
  process.env[TEST_RUN_VARIABLE] = run;
  const machineTmp = process.env.TMPDIR;
  const runTmp = mkdtempSync(path.join(os.tmpdir(), 'baocao-test-run-'));
  process.env.TMPDIR = runTmp;
  if (!distIsCurrent(root)) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  }
  if (!bundleIsCurrent(root)) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
  }
  return async () => {
    await stopOfficeServers(run);
    // The shared browser of each test process (test/helpers/cli.ts) ends with its process, which
    // vitest stops with SIGTERM: no clean-up runs there, and its profile folder stays. The
    // processes are gone now; their folders go as any dead run's do (src/render/pdf/profiles.ts).
    sweepStaleProfiles();
    // A fork's browser can still be dying (its fork was stopped with SIGTERM) and write into its
    // profile after the folder is removed: whatever still runs from the run's folder goes first.
    await stopProcessesUnder(runTmp);
    rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
    if (machineTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = machineTmp;
  };
}

/** Kills every process whose command line names `dir` (Linux: /proc), and waits up to 2 s for them to go. */
async function stopProcessesUnder(dir: string): Promise<void> {
  if (!existsSync('/proc')) return;
  const running = () =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
        } catch {
          return false;
        }
      })
      .map(Number);
  for (const pid of running()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  for (let i = 0; i < 40 && running().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
