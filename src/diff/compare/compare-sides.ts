/**
 * One pair of documents, end to end: refuse a báo cáo against a kế hoạch, compare the text, and,
 * when both sides are period files, the figures (the text then against the new text computed
 * with the old figures, so that a figure is reported once).
 */
import { diagnosticAt, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { compareDocuments } from './compare-documents.js';
import { paraText, type ComparableDocument } from '../comparable-document.js';
import { compareFigures } from './compare-figures.js';
import { columnCells } from './table-columns.js';
import { tableDiffs } from './table-grid.js';
import type { Side } from '../read/read-input.js';
import type { DocumentDiff } from '../diff-result.js';

function typeName(doc: ComparableDocument): string | undefined {
  if (!doc.structured) return undefined;
  const p = doc.paragraphs.find((x) => x.zone === 'ten_loai');
  return p ? paraText(p).trim() : undefined;
}

export function compareSides(before: Side, after: Side): { diff?: DocumentDiff; diagnostics: Diagnostic[] } {
  const a = typeName(before.document);
  const b = typeName(after.document);
  if (a && b && a !== b) {
    return {
      diagnostics: [
        diagnosticAt(
          { file: after.document.file, line: 0, column: 0 },
          'diff-mismatch',
          `Hai văn bản khác loại: "${before.document.file}" là ${a}, "${after.document.file}" là ${b}; chỉ so sánh hai văn bản cùng loại.`,
        ),
      ],
    };
  }
  if (before.yaml && after.yaml) {
    const figures = compareFigures(before.yaml, after.yaml, after.document.file);
    const diff = compareDocuments(before.document, figures.newWithOldFigures ?? after.document);
    // an added column is new text whole: its cells as the new document prints them, not with the old figures
    const changes = diff.changes.map((c) => (c.kind === 'column-added' ? { ...c, cells: columnCells(after.document, c.table, c.column) } : c));
    // the tables drawn whole as the new document prints them: a cell a figure changed is marked there too
    const tables = tableDiffs(before.document, after.document, changes);
    const { tables: _withOldFigures, ...rest } = diff;
    return { diff: { ...rest, changes: [...changes, ...figures.changes], ...(tables.length > 0 ? { tables } : {}) }, diagnostics: [] };
  }
  return { diff: compareDocuments(before.document, after.document), diagnostics: [] };
}
