/** The CLI's only way to speak: diagnostics and progress to stderr, results to stdout. */
import { uniqueDiagnostics, formatDiagnostic, formatSummary } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export function printDiagnostics(diagnostics: readonly Diagnostic[], { summary = true } = {}): void {
  const unique = uniqueDiagnostics(diagnostics);
  for (const d of unique) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (summary) process.stderr.write(`${formatSummary(unique)}\n`);
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
