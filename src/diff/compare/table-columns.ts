/**
 * Columns of a table added or removed, by their header: a column whose header the other document's
 * table (same number) does not have. Its cells are one change ("thêm cột …" / "bỏ cột …"), not one
 * change a cell; the other columns' cells are still matched by their own headers.
 */
import { paraText, type ComparableDocument, type Para } from '../comparable-document.js';

export interface ColumnChanges {
  /** "table\u0000column" of the columns only the new (added) or only the old (removed) document has. */
  added: ReadonlySet<string>;
  removed: ReadonlySet<string>;
}

const columnKey = (table: number, column: string) => `${table}\u0000${column}`;

function columnsOf(doc: ComparableDocument): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const p of doc.paragraphs) {
    if (!p.cell) continue;
    let set = out.get(p.cell.table);
    if (!set) out.set(p.cell.table, (set = new Set()));
    set.add(p.cell.column);
  }
  return out;
}

export function findColumnChanges(oldDoc: ComparableDocument, newDoc: ComparableDocument): ColumnChanges {
  const before = columnsOf(oldDoc);
  const after = columnsOf(newDoc);
  const only = (a: Map<number, Set<string>>, b: Map<number, Set<string>>) => {
    const out = new Set<string>();
    for (const [table, columns] of a) {
      const other = b.get(table);
      // a table only one side has is not a table whose columns changed
      if (!other) continue;
      for (const c of columns) if (!other.has(c)) out.add(columnKey(table, c));
    }
    return out;
  };
  return { added: only(after, before), removed: only(before, after) };
}

/** The column of a cell when that column is added (side 'new') or removed (side 'old'). */
export function changedColumnOf(para: Para, side: 'old' | 'new', columns: ColumnChanges): string | undefined {
  if (!para.cell) return undefined;
  const key = columnKey(para.cell.table, para.cell.column);
  return (side === 'new' ? columns.added : columns.removed).has(key) ? key : undefined;
}

/** The cells of one column of a table, row by row (header cells first), as "row label: text". */
export function columnCells(doc: ComparableDocument, table: number, column: string): { row: string; text: string }[] {
  const out: { row: string; text: string; rowIndex: number }[] = [];
  for (const p of doc.paragraphs) {
    if (p.cell?.table !== table || p.cell.column !== column || p.cell.header) continue;
    const last = out[out.length - 1];
    if (last && last.rowIndex === p.cell.rowIndex) last.text = `${last.text}\n${paraText(p)}`;
    else out.push({ row: p.cell.row, text: paraText(p), rowIndex: p.cell.rowIndex });
  }
  return out.map(({ row, text }) => ({ row, text }));
}
