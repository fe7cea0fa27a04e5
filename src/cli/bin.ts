#!/usr/bin/env node
/**
 * The `baocao` process: runs main() with the process's own folder, environment and streams, and
 * owns what only a process has. On Ctrl-C (or kill, or a closed terminal) it kills the browsers
 * the run started and removes their profiles (synchronously: nothing may outlive us), then exits
 * with the shells' code for the signal (128 + its number). Files are written atomically, so a
 * stopped run leaves no half file.
 */
import { runCleanupsNow } from '../render/cleanup.js';
import { main, stoppedMessage } from './main.js';

const signalExitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const argv = process.argv.slice(2);

process.on('exit', runCleanupsNow);
// A reader that stops early (`baocao text a.docx | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
for (const [signal, code] of Object.entries(signalExitCodes)) {
  process.once(signal, () => {
    runCleanupsNow();
    process.stderr.write(stoppedMessage(argv, signal));
    process.exit(code);
  });
}

main({ argv, cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
