/**
 * Facts about a `bang` that both validate and compute need: the text width of the page and the
 * sums of the columns of figures.
 */
import type { DataPath } from './data-path.js';
import type { TableData } from './schema.js';

/** The text width of a portrait A4 page with the decree's margins (3 cm left, 1.5–2 cm right): 16.5 cm. */
export const TEXT_WIDTH_CM = 16.5;
/**
 * The text width of a landscape A4 page: the portrait margins turned with the page (the 3 cm
 * binding margin goes to the top, the 2 cm top and bottom margins to the sides): 29.7 − 4 = 25.7 cm.
 */
export const LANDSCAPE_TEXT_WIDTH_CM = 25.7;
export const TOTAL_LABEL = 'Tổng cộng';

export type TableColumn = TableData['cot'][number];

/** Given widths as typed; the others share what is left of the text width (portrait by default) equally. */
export function columnWidths(columns: readonly TableColumn[], textWidth: number = TEXT_WIDTH_CM): number[] {
  const given = columns.reduce((sum, c) => sum + (c.rong ?? 0), 0);
  const free = columns.filter((c) => c.rong === undefined).length;
  const share = free > 0 ? Math.max(textWidth - given, 0) / free : 0;
  return columns.map((c) => c.rong ?? share);
}

/** Whether the columns fit a text width: the typed widths within it, and room left for the columns without one. */
export function fitsWidth(columns: readonly TableColumn[], textWidth: number): boolean {
  const given = columns.reduce((sum, c) => sum + (c.rong ?? 0), 0);
  const free = columns.some((c) => c.rong === undefined);
  return !(given > textWidth + 1e-9 || (free && given >= textWidth));
}

/** The sum of the typed widths, in cm (for messages). */
export function givenWidth(columns: readonly TableColumn[]): number {
  return columns.reduce((sum, c) => sum + (c.rong ?? 0), 0);
}

/** A column of figures: typed (`kieu: so`) or computed from the row (`tinh`). Right-aligned, summed. */
export function isFigureColumn(column: TableColumn): boolean {
  return column.kieu === 'so' || column.tinh !== undefined;
}

/** The columns a row of `dong` (or a typed `tong`) writes a cell for, in order: all but the computed ones. */
export function inputColumns(columns: readonly TableColumn[]): number[] {
  return columns.flatMap((column, c) => (column.tinh === undefined ? [c] : []));
}

/** A computed column's formula: `ty_le dung_han tiep_nhan` → { fn: 'ty_le', args: ['dung_han', 'tiep_nhan'] }. */
export function columnFormula(column: TableColumn): { fn: 'ty_le' | 'hieu' | 'tong'; args: string[] } | undefined {
  if (column.tinh === undefined) return undefined;
  const [fn, ...args] = column.tinh.trim().split(/\s+/);
  return { fn: fn as 'ty_le' | 'hieu' | 'tong', args };
}

/**
 * A cell as validate resolved it, for compute to print: a final text (a number in the Vietnamese
 * format at the column's precision, a computed ratio, a row's name from so_lieu) or the path of a
 * parsed inline text (a text cell with markup).
 */
export type ResolvedCell = { text: string; colSpan?: number } | { path: DataPath };

/** A `bang` with every figure resolved: one cell per column in each row, and the total row. */
export interface ResolvedTable {
  rows: ResolvedCell[][];
  total?: ResolvedCell[];
}
