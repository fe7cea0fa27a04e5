/**
 * `stale-figure`: a figure of so_lieu that still carries the mark `baocao ky-moi` put on it
 * (`# kỳ trước: 537 — cập nhật`) and still equals the number in the mark. Reads the period file's
 * comments on its own (the loader keeps values and places, not comments); a warning, never an error.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { markedValue } from '../core/stale-mark.js';

export function staleFigureDiagnostics(file: string, text: string): Diagnostic[] {
  if (!text.includes('kỳ trước')) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const found: Diagnostic[] = [];
  const walk = (node: Node | null | undefined, path: string): void => {
    if (isScalar(node)) {
      const previous = markedValue(node.comment);
      if (typeof node.value === 'number' && previous === node.value && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        found.push(
          diagnosticAt(
            { file, line, column: col },
            'stale-figure',
            `Số liệu ${path} vẫn là số của kỳ trước (${String(previous)}): hãy cập nhật số, rồi xóa chú thích "# kỳ trước: … — cập nhật".`,
            { severity: 'warning' },
          ),
        );
      }
    } else if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value as Node | null, `${path}.${String(pair.key.value)}`);
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item as Node | null, `${path}.${index}`));
    }
  };
  walk(doc.contents.get('so_lieu', true) as Node | undefined, 'so_lieu');
  return found;
}

/** As staleFigureDiagnostics, reading the file; a file that cannot be read has no such warning (the loader reports it). */
export async function staleFiguresInFile(file: string): Promise<Diagnostic[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return staleFigureDiagnostics(file, text);
}
