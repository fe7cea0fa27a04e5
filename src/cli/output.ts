/** The CLI's only way to speak: diagnostics and progress to stderr, results to stdout. */
import { escapeForTerminal, uniqueDiagnostics, formatDiagnostic, formatSummary } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export function printDiagnostics(diagnostics: readonly Diagnostic[], { summary = true } = {}): void {
  const unique = uniqueDiagnostics(diagnostics);
  for (const d of unique) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (summary) process.stderr.write(`${formatSummary(unique)}\n`);
}

/** One line of results; names from the data in it are escaped, never obeyed by the terminal. */
export function say(line: string): void {
  process.stdout.write(`${escapeForTerminal(line)}\n`);
}
