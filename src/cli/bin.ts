#!/usr/bin/env node
/**
 * The `baocao` process: runs main() with the process's own folder, environment and streams, and
 * owns what only a process has. On Ctrl-C (or kill, or a closed terminal) it kills the browsers
 * the run started and removes their profiles (synchronously: nothing may outlive us), then exits
 * with the shells' code for the signal (128 + its number). Files are written atomically, so a
 * stopped run leaves no half file.
 *
 * Loading the CLI reads many modules (in the bundle, a command's chunks), several at once; under a
 * low limit of open files (`ulimit -n 28`) the system can refuse (EMFILE) before any line of the CLI runs. That, or any
 * other system error while loading, becomes a Vietnamese `system-error` diagnostic (exit 2), never
 * Node's stack trace: this file imports only the small diagnostics modules before main.
 */
import { EXIT_USAGE } from '../diagnostics/exit-codes.js';
import { formatDiagnostic } from '../diagnostics/report.js';
import { systemErrorCode, systemFailure } from '../diagnostics/system-errors.js';

const signalExitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const argv = process.argv.slice(2);

async function loadCli(): Promise<{ main: typeof import('./main.js').main; stoppedMessage: typeof import('./main.js').stoppedMessage; runCleanupsNow: () => void } | undefined> {
  try {
    const [cli, cleanup] = await Promise.all([import('./main.js'), import('../render/cleanup.js')]);
    return { main: cli.main, stoppedMessage: cli.stoppedMessage, runCleanupsNow: cleanup.runCleanupsNow };
  } catch (error) {
    if (systemErrorCode(error) === undefined) throw error;
    process.stderr.write(`${formatDiagnostic(systemFailure(error))}\n`);
    process.exitCode = EXIT_USAGE;
    return undefined;
  }
}

const cli = await loadCli();
if (cli) {
  process.on('exit', cli.runCleanupsNow);
  // A reader that stops early (`baocao text a.docx | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  for (const [signal, code] of Object.entries(signalExitCodes)) {
    process.once(signal, () => {
      cli.runCleanupsNow();
      process.stderr.write(cli.stoppedMessage(argv, signal));
      process.exit(code);
    });
  }
  cli.main({ argv, cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => exitWhenPrinted(code),
    () => exitWhenPrinted(1),
  );
}

/**
 * Ends the process once what it printed is out. main() awaits everything a command writes
 * (outputs, manifest, caches, browsers and worker threads closed) and resolves only when the
 * command has ended (`xem` never does: Ctrl-C ends it). Left to itself, Node would then free the
 * run's heap page by page before exiting: measured in turns, `diff` 7–32 ms and `validate` ~15 ms
 * of each run. stdout and stderr are flushed first (on Windows a pipe is written asynchronously).
 */
function exitWhenPrinted(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
