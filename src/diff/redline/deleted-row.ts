/**
 * A table row of the old document that the new one no longer has, put back as Word writes a row
 * deleted with Track Changes on: a `w:tr` whose `w:trPr` holds a `w:del` mark, each cell's text in
 * `w:del` runs (`w:delText`) and each cell's paragraph mark deleted. Its cells are shaped as a row
 * of the new table (the template: its cell properties, paragraph and run formatting), and each
 * cell holds the old text of the column with the same header, so the row fits the table as it is now.
 * Rows and cells are found from the row's revision-mark place the reader gives (`rowMarkAt`), in a
 * part written by Word, LibreOffice or us: elements `w:tr`, `w:tc`, `w:tbl` counted for nesting.
 */
import { paraText, type ComparableDocument, type Para } from '../comparable-document.js';
import type { OoxmlParagraph } from '../read/ooxml-paragraphs.js';
import { Revisions, textRunXml } from './revision-xml.js';

/** `[start, end)` of the `w:tr` element around offset `at` (inside that row's start tag's trPr, or just after the start tag). */
export function rowBounds(xml: string, at: number): { start: number; end: number } | undefined {
  let start = xml.lastIndexOf('<w:tr', at);
  while (start >= 0 && !/[\s>/]/.test(xml[start + 5] ?? '')) start = xml.lastIndexOf('<w:tr', start - 1);
  if (start < 0) return undefined;
  const tags = /<w:tr[\s>/]|<\/w:tr>/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[0] === '</w:tr>') depth--;
    else depth++;
    if (depth === 0) return { start, end: m.index + m[0].length };
  }
  return undefined;
}

export interface TemplateCell {
  start: number;
  end: number;
  /** `<w:tcPr>…</w:tcPr>` without a vertical merge, or "". */
  tcPr: string;
  gridColumn: number;
}

/** The cells of a row (its own, not those of a table nested in them), with their first grid column. */
export function rowCells(xml: string, row: { start: number; end: number }): TemplateCell[] {
  const tags = /<w:tc[\s>]|<\/w:tc>|<w:tbl[\s>]|<\/w:tbl>/g;
  tags.lastIndex = row.start;
  const out: TemplateCell[] = [];
  let tables = 0;
  let open = -1;
  let gridColumn = 0;
  for (let m = tags.exec(xml); m && m.index < row.end; m = tags.exec(xml)) {
    if (m[0].startsWith('<w:tbl')) tables++;
    else if (m[0] === '</w:tbl>') tables--;
    else if (tables > 0) continue;
    else if (m[0] === '</w:tc>') {
      const end = m.index + m[0].length;
      const head = /^<w:tc\b[^>]*>\s*(<w:tcPr>[\s\S]*?<\/w:tcPr>|<w:tcPr\/>)?/.exec(xml.slice(open, end));
      const tcPr = (head?.[1] ?? '').replace(/<w:vMerge\b[^>]*\/>/g, '');
      out.push({ start: open, end, tcPr, gridColumn });
      gridColumn += Math.max(1, Number(/<w:gridSpan w:val="(\d+)"/.exec(tcPr)?.[1] ?? 1));
    } else open = m.index;
  }
  return out;
}

export interface DeletedCellContent {
  /** The old cell's paragraphs (none for an empty cell). */
  texts: string[];
  /** The template cell's first paragraph's `w:pPr` and first run's `w:rPr`. */
  pPr: string;
  rPr: string;
}

/** The deleted row: the template row's properties (without a header mark), a row-level deletion, then one cell for each template cell. */
export function deletedRowXml(xml: string, row: { start: number; end: number }, cells: readonly DeletedCellContent[], revisions: Revisions): string {
  const head = /^<w:tr\b[^>]*>\s*(<w:tblPrEx>[\s\S]*?<\/w:tblPrEx>)?\s*(?:<w:trPr>([\s\S]*?)<\/w:trPr>|<w:trPr\/>)?/.exec(xml.slice(row.start, row.end));
  const trPr = (head?.[2] ?? '').replace(/<w:tblHeader\b[^>]*\/>/g, '').replace(/<w:(ins|del)\b[^>]*\/>/g, '');
  const template = rowCells(xml, row);
  const body = template
    .map((tc, i) => {
      const content = cells[i] ?? { texts: [], pPr: '', rPr: '' };
      const texts = content.texts.length === 0 ? [''] : content.texts;
      const paragraphs = texts.map((text) => `<w:p>${revisions.markParagraph(content.pPr, 'del')}${revisions.del(textRunXml(text, content.rPr, true))}</w:p>`);
      return `<w:tc>${tc.tcPr}${paragraphs.join('')}</w:tc>`;
    })
    .join('');
  return `<w:tr>${head?.[1] ?? ''}<w:trPr>${trPr}${revisions.rowMark('del')}</w:trPr>${body}</w:tr>`;
}

/** The first paragraph of the next cell in the same row as paragraph `index` (XML indices), if any. */
export function nextCellParagraph(parsed: readonly OoxmlParagraph[], index: number): number | undefined {
  const here = parsed[index]?.cell;
  if (!here) return undefined;
  for (let j = index + 1; j < parsed.length; j++) {
    const cell = parsed[j]!.cell;
    if (!cell || cell.table !== here.table || cell.row !== here.row) return undefined;
    if (cell.cell !== here.cell && cell.depth === here.depth) return j;
  }
  return undefined;
}

export interface RemovedRow {
  /** The table's number (as `CellRef.table`). */
  table: number;
  cells: Para[];
  after?: Para;
  before?: Para;
  /** The new paragraph before it in the zone (XML index), for a row that finds no place in its table. */
  previous: number | undefined;
}

/** An old row put back as a deleted row, after the row of the new paragraph before it in its table (or before the row of the one after). */
export function placeDeletedRow(xml: string, parsed: readonly OoxmlParagraph[], newDoc: ComparableDocument, row: RemovedRow, revisions: Revisions): { at: number; xml: string } | undefined {
  const anchor = row.after ?? row.before;
  const place = anchor?.docx ? parsed[anchor.docx.index]?.cell : undefined;
  if (!place) return undefined;
  const bounds = rowBounds(xml, place.rowMarkAt);
  // the template: the anchor's row, or the table's first row below its header
  const data = place.headerRow ? parsed.find((p) => p.cell && p.cell.table === place.table && !p.cell.headerRow)?.cell : place;
  const template = data ? rowBounds(xml, data.rowMarkAt) : undefined;
  if (!bounds || !template) return undefined;
  const nameOf = (gridColumn: number) => newDoc.paragraphs.find((p) => p.cell?.table === row.table && p.cell.columnIndex === gridColumn)?.cell?.column;
  const placed = new Set<Para>();
  const templateCells = rowCells(xml, template);
  const cells = templateCells.map((tc) => {
    const first = parsed.find((p) => p.start >= tc.start && p.start < tc.end);
    const run = first?.pieces.find((x) => x.kind === 'text');
    const column = nameOf(tc.gridColumn);
    const own = row.cells.filter((c) => (column !== undefined ? c.cell!.column === column : c.cell!.columnIndex === tc.gridColumn));
    for (const c of own) placed.add(c);
    return { texts: own.map((c) => paraText(c)), pPr: first?.pPr ?? '', rPr: run?.kind === 'text' ? run.rPr : '' };
  });
  // a cell of a column the new table no longer has: its text in the cell before it, as a removed column's cells are
  for (const c of row.cells) {
    if (placed.has(c)) continue;
    const k = templateCells.findLastIndex((tc) => tc.gridColumn < c.cell!.columnIndex);
    cells[Math.max(0, k)]?.texts.push(paraText(c));
  }
  return { at: row.after ? bounds.end : bounds.start, xml: deletedRowXml(xml, template, cells, revisions) };
}
