/** The CLI's only way to speak: diagnostics and progress to the run's stderr, results to its stdout. */
import { escapeForTerminal, uniqueDiagnostics, formatDiagnostic, formatSummary } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CliIo } from './io.js';

export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], { summary = true } = {}): void {
  const unique = uniqueDiagnostics(diagnostics);
  for (const d of unique) io.stderr.write(`${formatDiagnostic(d)}\n`);
  if (summary) io.stderr.write(`${formatSummary(unique)}\n`);
}

/** One line of results; names from the data in it are escaped, never obeyed by the terminal. */
export function say(io: CliIo, line: string): void {
  io.stdout.write(`${escapeForTerminal(line)}\n`);
}

/** A progress or status line for the user, on stderr (not part of the results); escaped like `say`. */
export function note(io: CliIo, line: string): void {
  io.stderr.write(`${escapeForTerminal(line)}\n`);
}
