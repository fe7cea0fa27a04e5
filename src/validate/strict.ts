/**
 * Strict mode (`--nghiem`, the quarter-end run): the warnings a clerk must act on before a
 * document is sent — a figure still last period's (`stale-figure`), a figure some roll-up units
 * lack (`rollup-partial-figure`), a phụ lục the text never cites (`appendix-unreferenced`), a typed
 * percentage almost but not quite a ratio the document computes (`percent-near-computed`) —
 * become errors of that document: it is not written, the others go on.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rules.js';

export const MUST_LOOK: ReadonlySet<RuleId> = new Set<RuleId>(['stale-figure', 'rollup-partial-figure', 'appendix-unreferenced', 'percent-near-computed']);

const STRICT_NOTE = ' (--nghiem: cảnh báo này là lỗi; văn bản không được tạo)';

/** The diagnostics of one document under --nghiem: must-look warnings as errors, the others as they were. */
export function strictDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (d.severity === 'warning' && MUST_LOOK.has(d.ruleId) ? { ...d, severity: 'error', message: `${d.message}${STRICT_NOTE}` } : d));
}
