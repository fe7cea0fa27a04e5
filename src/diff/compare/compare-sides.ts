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
import type { Change, DocumentDiff } from '../diff-result.js';
import { changedNumbers, numberChanges, numberValue, numbersIn, sentenceOf, sidesOf } from './number-changes.js';

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
    if (figures.changes.length === 0) return { diff: compareDocuments(before.document, after.document), diagnostics: [] };
    // The two documents as printed, compared like two DOCX: where a figure's variant could not be
    // computed, its sentences are the changed ones that print its old or new value.
    const direct = figures.unplaced.size > 0 || !figures.newWithOldFigures ? compareDocuments(before.document, after.document) : undefined;
    const placed = direct ? placeByNumbers(figures.changes, figures.unplaced, direct.changes) : { folded: new Set<Change>() };
    const text = figures.newWithOldFigures ? compareDocuments(before.document, figures.newWithOldFigures) : direct!;
    const kept = figures.newWithOldFigures ? text.changes : text.changes.filter((c) => !placed.folded.has(c));
    // an added column is new text whole: its cells as the new document prints them, not with the old figures
    const changes = kept.map((c) => (c.kind === 'column-added' ? { ...c, cells: columnCells(after.document, c.table, c.column) } : c));
    // the tables drawn whole as the new document prints them: a cell a figure changed is marked there too
    const tables = tableDiffs(before.document, after.document, changes);
    const { tables: _withOldFigures, ...rest } = text;
    return { diff: { ...rest, changes: [...changes, ...figures.changes], ...(tables.length > 0 ? { tables } : {}) }, diagnostics: [] };
  }
  const diff = compareDocuments(before.document, after.document);
  return { diff: { ...diff, numbers: numberChanges(diff.changes) }, diagnostics: [] };
}

/**
 * The changed sentences, cells and footnotes that print a figure's old value where the new one
 * now stands go under that figure; one whose words changed only in such numbers (and the numbers
 * computed from them, as a percentage) is folded: reported once, in the figures table.
 */
function placeByNumbers(figures: Change[], unplaced: ReadonlySet<string>, changes: readonly Change[]): { folded: Set<Change> } {
  const folded = new Set<Change>();
  for (const change of changes) {
    const sentence = sentenceOf(change);
    if (!sentence || (change.kind === 'cell-changed' && (change.totals?.length ?? 0) > 0)) continue;
    const sides = sidesOf(sentence.words);
    const pairs = changedNumbers(sides.old, sides.new);
    let placedHere = false;
    for (const figure of figures) {
      if (figure.kind !== 'figure-changed' || !unplaced.has(figure.key)) continue;
      const matches = pairs.some(
        (pair) =>
          (pair.old !== undefined || pair.new !== undefined) &&
          (pair.old === undefined || (figure.old !== undefined && numberValue(pair.old) === figure.old)) &&
          (pair.new === undefined || (figure.new !== undefined && numberValue(pair.new) === figure.new)),
      );
      if (!matches) continue;
      figure.sentences.push(sentence);
      placedHere = true;
    }
    const withoutNumbers = (text: string) => numbersIn(text).reduce((rest, n) => rest.replace(n, '#'), text);
    if (placedHere && withoutNumbers(sides.old) === withoutNumbers(sides.new)) folded.add(change);
  }
  return { folded };
}
