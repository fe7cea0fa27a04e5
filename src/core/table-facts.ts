/**
 * Facts about a `bang` that both validate and compute need: the text width of the page and the
 * sums of the columns of figures.
 */
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

/** The sum of each `kieu: so` column, or undefined for a text column. */
export function columnSums(table: TableData): (number | undefined)[] {
  return table.cot.map((column, c) => {
    if (column.kieu !== 'so') return undefined;
    return table.dong.reduce((sum, row) => sum + (typeof row[c] === 'number' ? (row[c] as number) : 0), 0);
  });
}

