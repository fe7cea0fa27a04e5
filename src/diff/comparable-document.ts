/**
 * The comparable document: what every reader (YAML through the pipeline, DOCX, PDF) turns its
 * input into, and the only thing the comparison reads. Paragraphs in reading order, each in a
 * zone (a named header field, the body, Nơi nhận …); footnotes by their index, cited from the
 * paragraphs' inlines. A DOCX reader also keeps each paragraph's XML pieces for the redline.
 */

export type InputKind = 'yaml' | 'docx' | 'pdf';

/** Named parts of the document, in document order. `body` holds the numbered sections. */
export const ZONES = [
  'co_quan_chu_quan',
  'co_quan',
  'so',
  'dia_danh_ngay',
  'ten_loai',
  'trich_yeu',
  'ban_hanh_kem_theo',
  'kinh_gui',
  'body',
  'noi_nhan',
  'nguoi_ky',
] as const;
export type Zone = (typeof ZONES)[number];

/** Vietnamese names of the header fields, as a reviewer reads them. */
export const ZONE_LABELS: Readonly<Record<Zone, string>> = {
  co_quan_chu_quan: 'Cơ quan chủ quản',
  co_quan: 'Cơ quan ban hành',
  so: 'Số, ký hiệu',
  dia_danh_ngay: 'Địa danh, ngày tháng',
  ten_loai: 'Tên loại',
  trich_yeu: 'Trích yếu',
  ban_hanh_kem_theo: 'Ban hành kèm theo',
  kinh_gui: 'Kính gửi',
  body: 'Nội dung',
  noi_nhan: 'Nơi nhận',
  nguoi_ky: 'Người ký',
};

/** heading1 … bullet as in the model; `field` for a header or closing line; `plain` for a paragraph of a foreign document. */
export type ParaKind = 'heading1' | 'heading2' | 'heading3' | 'body' | 'bullet' | 'field' | 'plain';

export type ParaInline = { text: string } | { footnote: number };

/** A piece of a DOCX paragraph as written: text with its run properties, or a run kept verbatim (a footnote reference). */
export type XmlPiece =
  | { kind: 'text'; text: string; rPr: string }
  | { kind: 'ref'; footnote: number; xml: string }
  /** `source`: where the run stands in the part, and the text elements cut out of `xml` (text read into a text piece before it). */
  | { kind: 'other'; xml: string; source?: { start: number; end: number; cut: [number, number][] } };

export interface DocxParagraphSource {
  /** Index of the paragraph among all `w:p` of word/document.xml. */
  index: number;
  /** `<w:pPr>…</w:pPr>` or "". */
  pPr: string;
  pieces: XmlPiece[];
}

/** Where a paragraph sits in a table of the document, named as a reviewer reads it. */
export interface CellRef {
  /** 1 for the first table of the document, … */
  table: number;
  /** The row's label (its first cell that is not a bare number), "" for a header row. */
  row: string;
  /** The column's header (header rows' texts over it, joined by " / "), or "cột N". */
  column: string;
  header: boolean;
  rowIndex: number;
  columnIndex: number;
}

export interface Para {
  zone: Zone;
  kind: ParaKind;
  /** Depth in the section tree (1 for I., 2 for 1., …), 0 outside sections. */
  depth: number;
  /** Printed label ("II.", "2.", "b)", "-"), or "". */
  label: string;
  /** Fixed wording printed before the label and text ("Kính gửi: "), not compared. */
  prefix: string;
  inlines: ParaInline[];
  /** Set for a paragraph in a table cell. */
  cell?: CellRef;
  /** A DOCX header's or footer's paragraph, read with the text (no `docx` source: the redline leaves headers and footers as they are). */
  frame?: 'header' | 'footer';
  docx?: DocxParagraphSource;
}

export interface FootnoteDoc {
  text: string;
  /** The footnote's own paragraph pieces after the reference mark (DOCX only). */
  docx?: { id: number; pieces: XmlPiece[]; pPr: string };
}

export interface ComparableDocument {
  file: string;
  kind: InputKind;
  /** False for a document whose section structure could not be recovered (a DOCX we did not make). */
  structured: boolean;
  paragraphs: Para[];
  footnotes: FootnoteDoc[];
  /** Things the reviewer should know about how this side was read. */
  notices: string[];
  /** ISO date of issue when known (YAML), for the redline's revision date. */
  issueDate?: string;
}

/** The paragraph's text without footnote markers (NFC). */
export function paraText(para: Pick<Para, 'inlines'>): string {
  let out = '';
  for (const inline of para.inlines) if ('text' in inline) out += inline.text;
  return out;
}

/** Label and text as printed ("II. KẾT QUẢ …"). */
export function printedText(para: Pick<Para, 'inlines' | 'label'>): string {
  const text = paraText(para);
  return para.label === '' ? text : `${para.label} ${text}`;
}

export function footnotesCited(para: Pick<Para, 'inlines'>): number[] {
  const out: number[] = [];
  for (const inline of para.inlines) if ('footnote' in inline) out.push(inline.footnote);
  return out;
}

/** A table's cells as text (rows of cells, each cell's paragraphs joined), with its header rows. */
export interface TableGrid {
  cells: { text: string; gridColumn: number; span: number }[][];
  headerRows: number;
}

const BARE_NUMBER = /^[\s\d.,/()-]*$/u;

/** The label of each row and the header of each grid column of a table. */
export function nameTable(grid: TableGrid): { rows: string[]; columns: (gridColumn: number) => string } {
  const rows = grid.cells.map((row, i) => (i < grid.headerRows ? '' : (row.find((c) => !BARE_NUMBER.test(c.text))?.text ?? row[0]?.text ?? '').trim()));
  const columns = (gridColumn: number) => {
    const names: string[] = [];
    for (const row of grid.cells.slice(0, grid.headerRows)) {
      const cell = row.find((c) => c.gridColumn <= gridColumn && gridColumn < c.gridColumn + c.span);
      const text = cell?.text.trim() ?? '';
      if (text !== '' && !names.includes(text)) names.push(text);
    }
    return names.length > 0 ? names.join(' / ') : `cột ${gridColumn + 1}`;
  };
  return { rows, columns };
}
