/**
 * A changed table as one grid for the HTML page: the columns of both documents by their header, the
 * rows of both by their label, in the new document's order with removed ones where they stood,
 * each cell with its old and new text. Built from the same comparable documents as the changes,
 * so a cell is marked in the grid exactly when it is reported.
 */
import { diffArrays } from 'diff';
import { paraText, type ComparableDocument } from '../comparable-document.js';
import type { Change, SectionRef, TableDiff } from '../diff-result.js';
import { renamedRows, rowKey } from './table-rows.js';

interface Grid {
  columns: string[];
  rows: { key: string; label: string; cells: Map<string, string> }[];
}

function gridOf(doc: ComparableDocument, table: number, rename: (label: string) => string = (label) => label): Grid | undefined {
  const columnAt = new Map<string, number>();
  const rows: Grid['rows'] = [];
  const seen = new Map<string, number>();
  let lastRow = -1;
  for (const p of doc.paragraphs) {
    const cell = p.cell;
    if (cell?.table !== table) continue;
    columnAt.set(cell.column, Math.min(columnAt.get(cell.column) ?? Infinity, cell.columnIndex));
    if (cell.header) continue;
    if (cell.rowIndex !== lastRow) {
      lastRow = cell.rowIndex;
      // two rows with one label are told apart by their order
      const label = rename(cell.row);
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      rows.push({ key: `${label}\u0000${n}`, label: cell.row, cells: new Map() });
    }
    const cells = rows[rows.length - 1]!.cells;
    const text = paraText(p);
    cells.set(cell.column, cells.has(cell.column) ? `${cells.get(cell.column)}\n${text}` : text);
  }
  if (columnAt.size === 0) return undefined;
  return { columns: [...columnAt].sort((a, b) => a[1] - b[1]).map(([name]) => name), rows };
}

type State = 'same' | 'added' | 'removed';

/** Both sequences merged: the new order, removed items where they stood. */
function merge(before: readonly string[], after: readonly string[]): { key: string; state: State }[] {
  return diffArrays(before as string[], after as string[]).flatMap((part) => part.value.map((key) => ({ key, state: (part.added ? 'added' : part.removed ? 'removed' : 'same') as State })));
}

/** The tables a change names, in the order of their first change, with the section of that change. */
function changedTables(changes: readonly Change[]): Map<number, SectionRef> {
  const out = new Map<number, SectionRef>();
  for (const c of changes) {
    const table = c.kind === 'cell-changed' ? c.cell.table : c.kind === 'row-added' || c.kind === 'row-removed' || c.kind === 'column-added' || c.kind === 'column-removed' ? c.table : undefined;
    if (table !== undefined && !out.has(table) && 'section' in c) out.set(table, c.section);
  }
  return out;
}

export function tableDiffs(oldDoc: ComparableDocument, newDoc: ComparableDocument, changes: readonly Change[]): TableDiff[] {
  const out: TableDiff[] = [];
  const renamed = renamedRows(oldDoc, newDoc);
  for (const [table, section] of changedTables(changes)) {
    // a renamed row is one row of the grid, under its new label
    const before = gridOf(oldDoc, table, (label) => renamed.get(rowKey(table, label))?.split('\u0000')[1] ?? label);
    const after = gridOf(newDoc, table);
    if (!before || !after) continue;
    const columns = merge(before.columns, after.columns);
    const oldRows = new Map(before.rows.map((r) => [r.key, r]));
    const newRows = new Map(after.rows.map((r) => [r.key, r]));
    const rows = merge(
      before.rows.map((r) => r.key),
      after.rows.map((r) => r.key),
    ).map(({ key, state }) => {
      const o = oldRows.get(key);
      const n = newRows.get(key);
      return {
        label: (n ?? o)!.label,
        ...(o && n && o.label !== n.label ? { oldLabel: o.label } : {}),
        state,
        cells: columns.map(({ key: column }) => ({
          ...(o?.cells.has(column) ? { old: o.cells.get(column)! } : {}),
          ...(n?.cells.has(column) ? { new: n.cells.get(column)! } : {}),
        })),
      };
    });
    out.push({ table, section, columns: columns.map((c) => ({ name: c.key, state: c.state })), rows });
  }
  return out;
}
