/**
 * Rows renamed between two documents: a row whose label only the old table has and a row whose label
 * only the new table (same number) has are one row renamed when at least half of their cells hold the
 * same text in the same column ("Chỉ thị | CT" → "Chỉ dẫn | CT"); otherwise they are a row removed and a
 * row added (a row replaced by another, whose number in the STT column may well be the same).
 */
import { paraText, type ComparableDocument } from '../comparable-document.js';

export const rowKey = (table: number, row: string) => `${table}\u0000${row}`;

/** Per row (table and label, header rows left out): its cells' texts by column. */
function rowsOf(doc: ComparableDocument): Map<string, { table: number; cells: Map<string, string> }> {
  const out = new Map<string, { table: number; cells: Map<string, string> }>();
  for (const p of doc.paragraphs) {
    if (!p.cell || p.cell.header) continue;
    const key = rowKey(p.cell.table, p.cell.row);
    let row = out.get(key);
    if (!row) out.set(key, (row = { table: p.cell.table, cells: new Map() }));
    row.cells.set(p.cell.column, `${row.cells.get(p.cell.column) ?? ''}\n${paraText(p)}`);
  }
  return out;
}

/** Old row key → new row key, for the rows renamed. */
export function renamedRows(before: ComparableDocument, after: ComparableDocument): Map<string, string> {
  const oldRows = rowsOf(before);
  const newRows = rowsOf(after);
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const [oldKey, o] of oldRows) {
    if (newRows.has(oldKey)) continue;
    let best: string | undefined;
    let bestScore = 0.5;
    for (const [newKey, n] of newRows) {
      if (n.table !== o.table || oldRows.has(newKey) || taken.has(newKey)) continue;
      let same = 0;
      for (const [column, text] of o.cells) if (n.cells.get(column)?.trim() === text.trim()) same++;
      const score = same / Math.max(o.cells.size, n.cells.size);
      if (score >= bestScore && (best === undefined || score > bestScore)) {
        best = newKey;
        bestScore = score;
      }
    }
    if (best !== undefined) {
      out.set(oldKey, best);
      taken.add(best);
    }
  }
  return out;
}
