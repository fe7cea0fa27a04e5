/**
 * A `bang` of the data → the table of the model: header rows (two when columns have a `nhom`),
 * widths in cm, cells as runs (numbers in the Vietnamese format), and the total row — computed
 * (`tong: true`: the sum of each `kieu: so` column) or typed (checked against the data by validate).
 */
import type { DataPath } from '../core/data-path.js';
import type { CellAlign, Inline, TableCell, TableHeaderCell, TableModel } from '../core/model.js';
import type { TableCellData, TableData } from '../core/schema.js';
import { formatNumber } from '../markup/format-vi.js';
import { columnSums, columnWidths, TOTAL_LABEL, type TableColumn } from '../core/table-facts.js';

type Column = TableColumn;

const ALIGN: Record<NonNullable<Column['can']>, CellAlign> = { trai: 'left', giua: 'center', phai: 'right' };

export function columnAlign(column: Column): CellAlign {
  return column.can ? ALIGN[column.can] : column.kieu === 'so' ? 'right' : 'left';
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

/** `textWidth`: the width (cm) the columns without `rong` share what is left of. */
export function computeTable(table: TableData, path: DataPath, textAt: (path: DataPath) => Inline[], textWidth?: number): TableModel {
  const cell = (value: TableCellData, cellPath: DataPath, column: Column): TableCell => ({
    inlines: typeof value === 'number' ? [run(formatNumber(value))] : textAt(cellPath),
    align: columnAlign(column),
    colSpan: 1,
  });
  const rows = table.dong.map((row, r) => row.map((value, c) => cell(value, [...path, 'dong', r, c], table.cot[c]!)));
  return {
    widths: columnWidths(table.cot, textWidth),
    header: headerRows(table.cot),
    rows,
    ...(table.tong === undefined ? {} : { total: totalRow(table, path, cell) }),
  };
}

function totalRow(
  table: TableData,
  path: DataPath,
  cell: (value: TableCellData, cellPath: DataPath, column: Column) => TableCell,
): TableCell[] {
  const bold = (c: TableCell): TableCell => ({ ...c, inlines: c.inlines.map((i) => ('text' in i ? { ...i, bold: true } : i)) });
  if (Array.isArray(table.tong)) return table.tong.map((value, c) => bold(cell(value, [...path, 'tong', c], table.cot[c]!)));
  const sums = columnSums(table);
  // "Tổng cộng" spans the text columns before the first column of figures (at least one column).
  const firstFigure = sums.findIndex((s) => s !== undefined);
  const span = firstFigure <= 0 ? 1 : firstFigure;
  const cells: TableCell[] = [{ inlines: [run(TOTAL_LABEL, true)], align: 'center', colSpan: span }];
  for (let c = span; c < table.cot.length; c++) {
    const sum = sums[c];
    cells.push({ inlines: sum === undefined ? [] : [run(formatNumber(sum), true)], align: columnAlign(table.cot[c]!), colSpan: 1 });
  }
  return cells;
}
