#!/usr/bin/env node
/**
 * The `baocao` executable (package.json "bin"): loads the CLI (main.ts, which runs itself).
 * Loading the CLI reads a few hundred modules, many at once; under a low limit of open files
 * (`ulimit -n 64`) the system refuses (EMFILE) before any line of the CLI runs. That, or any other
 * system error while loading, becomes a Vietnamese `system-error` diagnostic (exit 2), never
 * Node's stack trace. This file imports only the small diagnostics modules.
 */
import { EXIT_USAGE } from '../diagnostics/exit-codes.js';
import { formatDiagnostic } from '../diagnostics/report.js';
import { systemErrorCode, systemFailure } from '../diagnostics/system-errors.js';

try {
  await import('./main.js');
} catch (error) {
  if (systemErrorCode(error) === undefined) throw error;
  process.stderr.write(`${formatDiagnostic(systemFailure(error))}\n`);
  process.exitCode = EXIT_USAGE;
}
