/**
 * Facts about a `bang` that both validate and compute need: the text width of the page and the
 * sums of the columns of figures.
 */
import type { TableData } from './schema.js';

/** The text width of a portrait A4 page with the decree's margins (3 cm left, 1.5–2 cm right): 16.5 cm. */
export const TEXT_WIDTH_CM = 16.5;
export const TOTAL_LABEL = 'Tổng cộng';

export type TableColumn = TableData['cot'][number];

/** Given widths as typed; the others share what is left of the text width equally. */
export function columnWidths(columns: readonly TableColumn[]): number[] {
  const given = columns.reduce((sum, c) => sum + (c.rong ?? 0), 0);
  const free = columns.filter((c) => c.rong === undefined).length;
  const share = free > 0 ? Math.max(TEXT_WIDTH_CM - given, 0) / free : 0;
  return columns.map((c) => c.rong ?? share);
}

/** The sum of each `kieu: so` column, or undefined for a text column. */
export function columnSums(table: TableData): (number | undefined)[] {
  return table.cot.map((column, c) => {
    if (column.kieu !== 'so') return undefined;
    return table.dong.reduce((sum, row) => sum + (typeof row[c] === 'number' ? (row[c] as number) : 0), 0);
  });
}

