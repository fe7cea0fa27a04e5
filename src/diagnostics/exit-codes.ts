/** The one place where outcomes become exit codes. */
import { hasErrors, type Diagnostic } from './diagnostic.js';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;
/** Another run holds the output folder: trying again later can succeed. */
export const EXIT_BUSY = 3;

export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  // A wrong call, or trouble outside the data (an output that cannot be written, the system short of files).
  if (diagnostics.some((d) => d.ruleId === 'usage' || d.ruleId === 'write-failed' || d.ruleId === 'system-error')) return EXIT_USAGE;
  if (diagnostics.some((d) => d.ruleId === 'out-locked' && d.severity === 'error')) return EXIT_BUSY;
  return hasErrors(diagnostics) ? EXIT_ERRORS : EXIT_OK;
}

/**
 * `baocao diff` speaks like diff(1): 0 the sides are the same, 1 they differ, 2 trouble (a side
 * unreadable, not a document, a usage error) — trouble wins over differences.
 */
export const EXIT_DIFF_SAME = 0;
export const EXIT_DIFF_DIFFERENT = 1;
export const EXIT_DIFF_TROUBLE = 2;

export function exitCodeForDiff(differs: boolean, diagnostics: readonly Diagnostic[]): number {
  if (hasErrors(diagnostics)) return EXIT_DIFF_TROUBLE;
  return differs ? EXIT_DIFF_DIFFERENT : EXIT_DIFF_SAME;
}
