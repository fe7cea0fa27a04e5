/**
 * How diagnostics read in a terminal: one line each, `file:line:column  severity  message  rule-id`,
 * then a summary. Editors and terminals make `file:line:column` clickable.
 */
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';

const SEVERITY_WORDS = { error: 'lỗi', warning: 'cảnh báo' } as const;

/** Identical diagnostics (a shared don-vi.yaml seen by several documents) are shown once. */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(diagnostics).filter((d) => {
    const key = `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.ruleId}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const detail = d.expected !== undefined && d.ruleId !== 'unknown-key' ? ` (đúng: ${d.expected}${d.actual !== undefined ? `; đang có: ${d.actual}` : ''})` : '';
  return escapeForTerminal(`${place}  ${SEVERITY_WORDS[d.severity]}  ${d.message}${detail}  [${d.ruleId}]`);
}

// Control characters (C0, DEL, C1), line and paragraph separators, bidi controls, invisible
// characters (soft hyphen, zero-width space/joiners, word joiner and invisible operators,
// Mongolian vowel separator, byte-order mark), lone surrogates.
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200d\u2060-\u2064\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * What a terminal may be given of names and text from the data (folder names, YAML keys): an
 * ESC sequence or a line break in them is shown as \x1b or \n, never obeyed, and an invisible
 * character as \u200b, so a key that looks right but is not can be seen.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
  if (errors === 0 && warnings === 0) return '✔ Không có lỗi.';
  const parts = [];
  if (errors > 0) parts.push(`${errors} lỗi trong ${files} tệp`);
  const stale = diagnostics.filter((d) => d.ruleId === 'stale-figure').length;
  if (warnings > 0) parts.push(`${warnings} cảnh báo${stale > 0 ? ` (${stale} số liệu còn là số kỳ trước)` : ''}`);
  return `${errors > 0 ? '✖' : '⚠'} ${parts.join(', ')}.`;
}
