/**
 * A body table (`bang`) as a real Word table: fixed layout, the model's widths, single borders,
 * header rows marked `w:tblHeader` (Word repeats them at the top of each page), no row split
 * across pages (`w:cantSplit`). Cell paragraphs use the template's body style with the first-line
 * indent and spacing removed, so the font and size stay the template's (the decree's 13–14 pt).
 */
import type { CellAlign, TableCell, TableHeaderCell, TableModel } from '../../core/model.js';
import type { Inline } from '../../core/model.js';

/** Runs → WordprocessingML runs (body-xml's, footnote references included). */
export type RunsXml = (inlines: readonly Inline[]) => string;
import type { StyleIds } from './style-ids.js';
import { textRun } from './xml-text.js';

const DXA_PER_CM = 567;
const JC: Record<CellAlign, string> = { left: 'left', center: 'center', right: 'right' };
const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';

const dxa = (cm: number): number => Math.round(cm * DXA_PER_CM);

function cellParagraph(content: string, align: CellAlign, styles: StyleIds): string {
  return (
    `<w:p><w:pPr><w:pStyle w:val="${styles.body}"/><w:keepNext w:val="0"/><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>` +
    `<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="${JC[align]}"/></w:pPr>${content}</w:p>`
  );
}

function cellXml(width: number, span: number, merge: '' | 'restart' | 'continue', paragraph: string): string {
  const spanXml = span > 1 ? `<w:gridSpan w:val="${span}"/>` : '';
  const mergeXml = merge === 'restart' ? '<w:vMerge w:val="restart"/>' : merge === 'continue' ? '<w:vMerge/>' : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${spanXml}${mergeXml}<w:vAlign w:val="center"/></w:tcPr>${paragraph}</w:tc>`;
}

/** Width of `span` grid columns from `start`. */
const spanWidth = (widths: readonly number[], start: number, span: number): number =>
  widths.slice(start, start + span).reduce((a, b) => a + b, 0);

function headerXml(header: readonly TableHeaderCell[][], widths: readonly number[], styles: StyleIds): string {
  const rowProps = '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>';
  const headerParagraph = (text: string) => cellParagraph(textRun(text, true, false), 'center', styles);
  const [top = [], second] = header;
  let out = `<w:tr>${rowProps}`;
  let column = 0;
  /** Grid columns covered by a cell spanning both rows: the second row continues the merge there. */
  const spanning = new Set<number>();
  for (const cell of top) {
    out += cellXml(spanWidth(widths, column, cell.colSpan), cell.colSpan, cell.rowSpan > 1 ? 'restart' : '', headerParagraph(cell.text));
    if (cell.rowSpan > 1) spanning.add(column);
    column += cell.colSpan;
  }
  out += '</w:tr>';
  if (!second) return out;
  out += `<w:tr>${rowProps}`;
  let next = 0;
  for (let c = 0; c < widths.length; c++) {
    if (spanning.has(c)) out += cellXml(widths[c]!, 1, 'continue', cellParagraph('', 'center', styles));
    else {
      const cell = second[next++];
      if (cell) out += cellXml(widths[c]!, 1, '', headerParagraph(cell.text));
    }
  }
  return `${out}</w:tr>`;
}

function rowXml(cells: readonly TableCell[], widths: readonly number[], styles: StyleIds, runs: RunsXml): string {
  let out = '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
  let column = 0;
  for (const cell of cells) {
    out += cellXml(spanWidth(widths, column, cell.colSpan), cell.colSpan, '', cellParagraph(runs(cell.inlines), cell.align, styles));
    column += cell.colSpan;
  }
  return `${out}</w:tr>`;
}

export function tableXml(table: TableModel, styles: StyleIds, runs: RunsXml): string {
  const widths = table.widths.map(dxa);
  const total = widths.reduce((a, b) => a + b, 0);
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} ${BORDER}/>`).join('');
  let out =
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${borders}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>' +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  out += headerXml(table.header, widths, styles);
  for (const row of table.rows) out += rowXml(row, widths, styles, runs);
  if (table.total) out += rowXml(table.total, widths, styles, runs);
  // An empty paragraph after: two tables in a row would merge in Word, and the text after needs its space.
  return `${out}</w:tbl><w:p><w:pPr><w:pStyle w:val="${styles.body}"/><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>`;
}
