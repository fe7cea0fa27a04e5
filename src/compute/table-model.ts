/**
 * A `bang` of the data → the table of the model: header rows (two when columns have a `nhom`),
 * widths in cm, cells as runs, and the total row. Every figure, computed column and total comes
 * resolved and formatted from validate (src/validate/table-figures.ts): nothing is summed here.
 */
import type { DataPath } from '../core/data-path.js';
import type { CellAlign, Inline, TableCell, TableHeaderCell, TableModel } from '../core/model.js';
import type { TableData } from '../core/schema.js';
import { columnWidths, isFigureColumn, type ResolvedCell, type ResolvedTable, type TableColumn } from '../core/table-facts.js';

type Column = TableColumn;

const ALIGN: Record<NonNullable<Column['can']>, CellAlign> = { trai: 'left', giua: 'center', phai: 'right' };

export function columnAlign(column: Column): CellAlign {
  return column.can ? ALIGN[column.can] : isFigureColumn(column) ? 'right' : 'left';
}

function headerRows(columns: readonly Column[]): TableHeaderCell[][] {
  if (!columns.some((c) => c.nhom !== undefined)) return [columns.map((c) => ({ text: c.ten, colSpan: 1, rowSpan: 1 }))];
  const top: TableHeaderCell[] = [];
  const second: TableHeaderCell[] = [];
  columns.forEach((column, i) => {
    if (column.nhom === undefined) {
      top.push({ text: column.ten, colSpan: 1, rowSpan: 2 });
      return;
    }
    second.push({ text: column.ten, colSpan: 1, rowSpan: 1 });
    const previous = columns[i - 1];
    const last = top[top.length - 1];
    if (previous?.nhom === column.nhom && last) last.colSpan += 1;
    else top.push({ text: column.nhom, colSpan: 1, rowSpan: 1 });
  });
  return [top, second];
}

const run = (text: string, bold = false): Inline => ({ text, bold, italic: false });

/**
 * `resolved`: the table's cells as validate resolved them (figures formatted, computed columns and
 * totals worked out); `textAt` gives the runs of a text cell. `textWidth`: the width (cm) the
 * columns without `rong` share what is left of.
 */
export function computeTable(table: TableData, resolved: ResolvedTable, textAt: (path: DataPath) => Inline[], textWidth?: number): TableModel {
  const cell = (value: ResolvedCell, column: Column, bold = false): TableCell => {
    const inlines = 'path' in value ? textAt(value.path) : value.text === '' ? [] : [run(value.text, bold)];
    return { inlines: bold ? inlines.map((i) => ('text' in i ? { ...i, bold: true } : i)) : inlines, align: columnAlign(column), colSpan: 1 };
  };
  const rows = resolved.rows.map((row) => row.map((value, c) => cell(value, table.cot[c]!)));
  return {
    widths: columnWidths(table.cot, textWidth),
    header: headerRows(table.cot),
    rows,
    ...(resolved.total ? { total: totalRow(table, resolved.total, cell) } : {}),
  };
}

/** The total row in bold; the "Tổng cộng" label (with a span) centred over the columns it covers. */
function totalRow(table: TableData, total: readonly ResolvedCell[], cell: (value: ResolvedCell, column: Column, bold: boolean) => TableCell): TableCell[] {
  let c = 0;
  return total.map((value) => {
    const span = 'colSpan' in value && value.colSpan !== undefined ? value.colSpan : 1;
    const made = cell(value, table.cot[c]!, true);
    c += span;
    return span > 1 || ('text' in value && value.colSpan !== undefined) ? { ...made, align: 'center', colSpan: span } : made;
  });
}
