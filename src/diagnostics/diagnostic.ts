/**
 * A problem is data: where it is, which rule, how bad, what to tell the clerk (in Vietnamese).
 * Modelled on vfile-message; a plain record, never an Error subclass.
 */
import type { RuleId } from './rules.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path of the file as the user named it (relative to the working directory when possible). */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  column: number;
  ruleId: RuleId;
  severity: Severity;
  /** One sentence in Vietnamese, with diacritics. */
  message: string;
  /** What the value should be, when the tool knows (e.g. a computed total or percentage). */
  expected?: string;
  /** What was found. */
  actual?: string;
}

/** Where a value came from: a file and a 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function diagnosticAt(
  position: SourcePosition,
  ruleId: RuleId,
  message: string,
  extra: Partial<Pick<Diagnostic, 'severity' | 'expected' | 'actual'>> = {},
): Diagnostic {
  return {
    file: position.file,
    line: position.line,
    column: position.column,
    ruleId,
    severity: extra.severity ?? 'error',
    message,
    ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
    ...(extra.actual !== undefined ? { actual: extra.actual } : {}),
  };
}

/** Stable order for reporting: by file, then line, then column, then rule. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

/**
 * Thrown inside the library when a stage cannot go on; carries diagnostics, never a stack trace
 * for the user. The CLI catches it and prints the diagnostics.
 */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n'));
    this.name = 'DiagnosticError';
  }
}
