/**
 * A number too large to be held exactly (above 2^53 − 1 = 9.007.199.254.740.991): the YAML
 * reader already rounded it, and printing it would show other digits than the clerk typed.
 * Refused wherever it is, never printed rounded.
 */
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { displayPath, type DataPath } from '../core/data-path.js';

const LARGEST = '9.007.199.254.740.991';

export function unsafeNumberDiagnostics(value: unknown, at: (path: DataPath) => SourcePosition): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (node: unknown, path: DataPath, depth: number): void => {
    if (depth > 200) return; // nesting has its own rule (too-deep)
    if (typeof node === 'number') {
      if (Number.isFinite(node) && Math.abs(node) > Number.MAX_SAFE_INTEGER) {
        found.push(
          diagnosticAt(
            at(path),
            'number-too-large',
            `"${displayPath(path)}": số quá lớn, máy tính không giữ được đúng mọi chữ số của nó (lớn nhất ${LARGEST}). Kiểm tra lại số đã gõ; nếu đúng là số lớn như vậy, ghi nó thành văn bản trong dấu ngoặc kép.`,
          ),
        );
      }
    } else if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i], depth + 1));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, key], depth + 1);
  };
  walk(value, [], 0);
  return found;
}
