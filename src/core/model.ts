/**
 * The report model: the one value every renderer reads. Renderers never compute: every number,
 * label, date line and recipient line is final text here. The look (fonts, sizes, spacing,
 * indents, rule lines) belongs to the templates, keyed by `BlockStyle`.
 */
import type { DocumentType } from './document-types.js';

export interface TextRun {
  /** The run's text; a "\n" in it is a line break inside the paragraph (DOCX `<w:br/>`, HTML `<br>`). */
  text: string;
  bold: boolean;
  italic: boolean;
}

/** A footnote marker in running text; `number` is the printed number, 1-based, in order of appearance. */
export interface FootnoteRef {
  footnote: number;
}

export type Inline = TextRun | FootnoteRef;

export function isFootnoteRef(inline: Inline): inline is FootnoteRef {
  return 'footnote' in inline;
}

/**
 * - `heading1`: mục, "I. CÔNG TÁC CHỈ ĐẠO…" (label + upper-case title)
 * - `heading2`: khoản with a title, "1. Cải cách thể chế"
 * - `heading3`: deeper titles, "2.1. Kết quả rà soát…", "a) Công chức Văn phòng - Thống kê:"
 * - `body`: a paragraph of text; may carry a label when a khoản/điểm has no title ("a) Chỉ đạo…")
 * - `bullet`: a "- " or "+ " line (the label)
 */
export type BlockStyle = 'heading1' | 'heading2' | 'heading3' | 'body' | 'bullet';

export type CellAlign = 'left' | 'center' | 'right';

/** A header cell of a table: plain text, spanning columns (a group) or both header rows. */
export interface TableHeaderCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

export interface TableCell {
  inlines: Inline[];
  align: CellAlign;
  /** Columns this cell covers (the "Tổng cộng" label spans the leading text columns). */
  colSpan: number;
}

/** A table in the body (`bang`): every text, width and sum final; renderers only draw it. */
export interface TableModel {
  /** Column widths in cm, summing to at most the text width. */
  widths: number[];
  /** One or two header rows; repeated at the top of each page the table runs onto. */
  header: TableHeaderCell[][];
  rows: TableCell[][];
  /** The total row (bold), computed or typed, or undefined. */
  total?: TableCell[];
  /**
   * Set on a table of the body wider than the portrait text width: it prints on landscape pages
   * of its own (a section of its own in Word). A phụ lục's tables follow the phụ lục's orientation.
   */
  landscape?: true;
}

export interface Block {
  /** A table block has style `body`, no label, no inlines: its content is here. */
  table?: TableModel;
  style: BlockStyle;
  /** Depth in the section tree: 0 outside sections (mở đầu, kết thúc), 1 for mục, 2 for khoản … */
  depth: number;
  /** Printed label with its punctuation ("I.", "1.", "2.1.", "a)", "-", "+", "Điều 1."), or "" for none. */
  label: string;
  /** The label is printed bold (an article's "Điều 1."); absent for every other label. */
  strongLabel?: boolean;
  inlines: Inline[];
}

/** Every run of a block, in reading order: its own, then (a table) its cells'. */
export function blockInlines(block: Block): Inline[] {
  if (!block.table) return block.inlines;
  const cells = [...block.table.rows.flat(), ...(block.table.total ?? [])];
  return cells.flatMap((cell) => cell.inlines);
}

export interface Footnote {
  number: number;
  inlines: TextRun[];
}

export interface Addressees {
  /** One addressee goes on the "Kính gửi:" line itself; several go one per line under it. */
  sameLine: boolean;
  /** Final text of each line: "UBND thành phố Hà Tĩnh" (one, no end punctuation) or "- Phòng Nội vụ;" … "- Sở Nội vụ." */
  lines: string[];
}

/** A phụ lục (Mẫu 2.1), printed after the signature from a new page; every text final. */
export interface AppendixModel {
  /** "Phụ lục I", "Phụ lục II" …, or "Phụ lục" when the document has only one. */
  heading: string;
  /** Its title, upper case (the decree: in hoa, đậm). */
  title: Inline[];
  /** "(Kèm theo Báo cáo số 412/BC-UBND ngày 20 tháng 9 năm 2024 của Ủy ban nhân dân huyện Cẩm Xuyên)" */
  attachedTo: string;
  /** Printed on landscape pages (A4 turned; a section of its own in Word). */
  landscape: boolean;
  /** Its content, ending with "./."; footnotes number on from the body's. */
  body: Block[];
}

export interface ReportModel {
  /** Where the document comes from: `ha-tinh/phuong-thach-quy` and `2024-q3`. */
  unitPath: string;
  period: string;
  type: DocumentType;
  /**
   * ISO date of issue (YYYY-MM-DD); renderers use it for reproducible file metadata. A document
   * without `ngay` (a speech) takes the last day of its period.
   */
  issueDate: string;
  header: {
    /** Tên cơ quan chủ quản, upper case, or undefined. */
    parentAgency?: string;
    /** Tên cơ quan ban hành, one entry per line, upper case; none for a type without the header (phan_dau: khong). */
    agencyLines: string[];
    /** "Số: 70/BC-UBND" or "Số:      /BC-UBND" for a draft; undefined for a type without it (bài tham luận). */
    numberLine?: string;
    /** A type without tên loại (công văn): its trích yếu under the number line, "V/v …". */
    subject?: string;
    /** "Thạch Quý, ngày 15 tháng 9 năm 2024"; undefined when the type or a missing `ngay` leaves the line out. */
    placeDate?: string;
  };
  title: {
    /** "BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH"; undefined for a type without tên loại (công văn). */
    typeName?: string;
    /** Trích yếu, one line of text. */
    summary: string;
    /** "(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của Ủy ban nhân dân phường Phù Liễn)" */
    issuedWith?: string;
  };
  addressees?: Addressees;
  /**
   * A decision's opening (a type with `can_cu: co`): the thẩm quyền ban hành, upper case, and the
   * căn cứ lines, final text ("Căn cứ …;" … "Theo đề nghị của …."). "QUYẾT ĐỊNH:" is the templates' wording.
   */
  decision?: { authority: string; grounds: string[] };
  body: Block[];
  footnotes: Footnote[];
  /** Nơi nhận lines, final text: "- Như trên;", "- …;", "- Lưu: VT, VP."; empty for a type without Nơi nhận. */
  recipients: string[];
  signature: {
    /**
     * Quyền hạn lines, upper case, one printed line each: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"];
     * empty when the head signs directly.
     */
    authority: string[];
    /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH"; a speaker's title as written ("Phó Chủ tịch UBND phường …") for a speech. */
    position: string;
    /** Chức vụ khác (ô 7b), upper case, printed above the name under the signature space; or undefined. */
    otherPosition?: string;
    /** "Nguyễn Văn A" */
    name: string;
  };
  /** Document title for file metadata: "BÁO CÁO Kết quả thực hiện…". */
  documentTitle: string;
  /** The phụ lục, in order; absent when there are none. */
  appendices?: AppendixModel[];
}

/**
 * Every block of the document in reading order: the body, then each phụ lục's title (as a block
 * of its runs) and content. For checks over the whole text (footnote references, every word).
 */
export function documentBlocks(model: ReportModel): Block[] {
  const appendixBlocks = (model.appendices ?? []).flatMap((appendix): Block[] => [
    { style: 'body', depth: 0, label: '', inlines: appendix.title },
    ...appendix.body,
  ]);
  return [...model.body, ...appendixBlocks];
}
