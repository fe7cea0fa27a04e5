/**
 * Stage 4, compute: validated data → the report model. A pure function: no I/O, no clock,
 * no locale of the machine, and its input is never changed. Numbering, footnote numbers, number
 * and date formats, the number line, trích yếu, Kính gửi and Nơi nhận are all decided here and
 * nowhere else. The texts come parsed by validate (`ValidatedDocument.texts`): nothing is parsed here.
 */
import type { DataPath } from '../core/data-path.js';
import type { Addressees, Block, BlockStyle, Footnote, Inline, ReportModel, TextRun } from '../core/model.js';
import { periodEndDate, type DocumentName } from '../core/period.js';
import { UNNUMBERED, type DocumentData, type NumberingStyle, type SectionData } from '../core/schema.js';
import { parsedTextAt, resolvedTableAt, type ValidatedDocument } from '../core/validated-document.js';
import { formatDateLine, formatShortDate, parseIsoDate, type CalendarDate } from '../markup/format-vi.js';
import { plainText } from '../markup/inline.js';
import { defaultStyleAt, sectionLabel } from './numbering.js';
import { computeTable } from './table-model.js';
import { computeAppendices, type TablePage } from './appendices.js';
import { fitsWidth, LANDSCAPE_TEXT_WIDTH_CM, TEXT_WIDTH_CM } from '../core/table-facts.js';

export interface ComputeSource {
  unitPath: string;
  period: string;
  /** `period` as read at discovery (src/load/find-documents.ts). */
  name: DocumentName | undefined;
}

type ParagraphEntry = NonNullable<SectionData['doan']>[number];

const CLOSING_MARK = './.';

export function computeReport(document: ValidatedDocument, source: ComputeSource): ReportModel {
  const { data } = document;
  const { name } = source;
  // Without `ngay` (a type whose place/date line is optional), the file metadata take the period's last day.
  const isoDate = data.ngay ?? (name ? periodEndDate(name.period) : '');
  const issueDate = parseIsoDate(isoDate);
  if (!name || !issueDate) {
    throw new Error(`computeReport needs validated data (period ${source.period}, date ${data.ngay})`);
  }
  const typeInfo = document.type;
  const type = typeInfo.name;
  const context = new BodyContext(document);

  const body: Block[] = [];
  (data.mo_dau ?? []).forEach((entry, i) => body.push(...context.paragraphBlocks(entry, ['mo_dau', i], 0)));
  body.push(...context.siblingBlocks(data.noi_dung, ['noi_dung'], 1, defaultStyleAt(1), '', typeInfo.numberedSections, typeInfo.articles));
  (data.ket_thuc ?? []).forEach((text, i) => body.push(...context.paragraphBlocks(text, ['ket_thuc', i], 0)));
  appendClosingMark(body);

  const summary = plainText(document.summary);
  // The type says who is addressed: a plan no one (Mẫu 1.4), a speech its audience ("Kính thưa:").
  const addresseeNames = typeInfo.addressees === 'kinh_gui' ? data.kinh_gui : typeInfo.addressees === 'kinh_thua' ? data.kinh_thua : undefined;
  const addressees = formatAddressees(addresseeNames);
  const registered = data.so !== undefined && data.so !== null && data.so !== '';
  // A draft awaiting registration keeps the number blank: "Số:      /BC-UBND".
  const numberPart = registered ? ` ${String(data.so).padStart(2, '0')}` : '      ';
  // Ký hiệu: type-agency ("BC-UBND"); a type without abbreviation (công văn) agency-drafting unit ("UBND-VP").
  const symbol = typeInfo.abbreviation
    ? `${typeInfo.abbreviation}-${data.co_quan.viet_tat}`
    : [data.co_quan.viet_tat, data.ky_hieu_soan_thao].filter((part) => part !== undefined).join('-');
  const speaker = typeInfo.closing === 'dien_gia';
  // After the body: the phụ lục's footnotes number on from the body's.
  const appendices = computeAppendices(
    data,
    { typeName: typeInfo.typeName ?? '', numberPart, symbol, issueDate, issuer: data.co_quan.ten_day_du },
    {
      paragraphBlocks: (entry, path, depth, page) => context.paragraphBlocks(entry, path, depth, page),
      numbered: (path, transform) => context.numbered(path, transform),
      closeContent: appendClosingMark,
    },
  );

  return {
    unitPath: source.unitPath,
    period: source.period,
    type,
    issueDate: isoDate,
    header: {
      // A type without the header (a speech as delivered) prints no agency: the model holds none.
      ...(typeInfo.header && data.co_quan.chu_quan ? { parentAgency: upper(data.co_quan.chu_quan) } : {}),
      agencyLines: typeInfo.header ? data.co_quan.ten.map(upper) : [],
      ...(typeInfo.numberLine ? { numberLine: `Số:${numberPart}/${symbol}` } : {}),
      ...(typeInfo.typeName ? {} : { subject: `V/v ${summary}` }),
      ...(typeInfo.placeDate !== 'khong' && data.ngay !== undefined ? { placeDate: formatDateLine(data.dia_danh, issueDate) } : {}),
    },
    title: {
      ...(typeInfo.typeName ? { typeName: typeInfo.typeName } : {}),
      summary,
      ...(data.ban_hanh_kem_theo ? { issuedWith: issuedWithLine(data.ban_hanh_kem_theo, data.co_quan.ten_day_du) } : {}),
    },
    ...(addressees ? { addressees } : {}),
    ...(typeInfo.grounds && data.tham_quyen ? { decision: { authority: upper(data.tham_quyen), grounds: groundLines(data) } } : {}),
    body,
    footnotes: context.footnotes,
    recipients: typeInfo.recipients ? recipientLines(data, typeInfo.addressees === 'kinh_gui' ? addresseeNames : undefined) : [],
    // A speech ends with its speaker's name and title as written, not a signature block.
    signature: {
      authority: speaker ? [] : authorityLines(data.nguoi_ky.quyen_han).map(upper),
      position: speaker ? data.nguoi_ky.chuc_vu : upper(data.nguoi_ky.chuc_vu),
      ...(data.nguoi_ky.chuc_vu_khac ? { otherPosition: upper(data.nguoi_ky.chuc_vu_khac) } : {}),
      name: data.nguoi_ky.ho_ten,
    },
    documentTitle: typeInfo.typeName ? `${typeInfo.typeName} ${summary}` : `V/v ${summary}`,
    ...(appendices ? { appendices } : {}),
  };
}

class BodyContext {
  readonly footnotes: Footnote[] = [];

  constructor(private readonly document: ValidatedDocument) {}

  /**
   * The runs of the text at `path`, with footnotes numbered in order of appearance. Runs are
   * copied: the model never shares an object with the validated document (compute's input).
   */
  numbered(path: DataPath, transform: (run: TextRun) => TextRun = copyRun): Inline[] {
    return parsedTextAt(this.document, path).map((inline) => {
      if ('footnote' in inline) {
        const number = this.footnotes.length + 1;
        this.footnotes.push({ number, inlines: inline.footnote.map(copyRun) });
        return { footnote: number };
      }
      return transform(inline);
    });
  }

  /**
   * Sibling sections in order. A section with `danh_so: khong` takes no number and no position:
   * "I., (unnumbered), II." — the numbers of its siblings run on around it.
   */
  siblingBlocks(
    sections: readonly SectionData[],
    path: DataPath,
    depth: number,
    style: NumberingStyle,
    parentNumber: string,
    numberedLevel = true,
    articles = false,
  ): Block[] {
    const blocks: Block[] = [];
    let position = 0;
    sections.forEach((section, index) => {
      // A type whose top-level sections are not numbered (danh_so_muc: khong) treats each as danh_so: khong.
      const numbered = numberedLevel && section.danh_so !== UNNUMBERED;
      if (numbered) position += 1;
      // A decision's top-level sections are its articles: "Điều 1.", "Điều 2." (danh_so_muc: dieu).
      const ownLabel = !numbered
        ? { label: '', number: parentNumber }
        : articles
          ? { label: `Điều ${position}.`, number: String(position) }
          : sectionLabel(style, position, parentNumber);
      blocks.push(...this.sectionBlocks(section, [...path, index], depth, style, ownLabel, articles && numbered));
    });
    return blocks;
  }

  sectionBlocks(section: SectionData, path: DataPath, depth: number, style: NumberingStyle, own: { label: string; number: string }, article = false): Block[] {
    const { label, number } = own;
    if (article) return this.articleBlocks(section, path, depth, own);
    const isBullet = (style === 'gach' || style === 'cong') && label !== '';
    const blocks: Block[] = [];
    const paragraphs = section.doan ?? [];
    let firstParagraph = 0;
    if (section.tieu_de !== undefined) {
      const headingStyle: BlockStyle = isBullet ? 'bullet' : depth === 1 ? 'heading1' : depth === 2 ? 'heading2' : 'heading3';
      const transform = depth === 1 && !isBullet ? upperRun : undefined;
      blocks.push({ style: headingStyle, depth, label, inlines: this.numbered([...path, 'tieu_de'], transform) });
    } else if (typeof paragraphs[0] === 'string') {
      firstParagraph = 1;
      blocks.push({ style: isBullet ? 'bullet' : 'body', depth, label, inlines: this.numbered([...path, 'doan', 0]) });
    } else {
      blocks.push({ style: isBullet ? 'bullet' : 'body', depth, label, inlines: [] });
    }
    for (let i = firstParagraph; i < paragraphs.length; i++) blocks.push(...this.paragraphBlocks(paragraphs[i]!, [...path, 'doan', i], depth));
    const chosen = section.danh_so;
    const childStyle = chosen === undefined || chosen === UNNUMBERED ? defaultStyleAt(depth + 1) : chosen;
    if (section.muc) blocks.push(...this.siblingBlocks(section.muc, [...path, 'muc'], depth + 1, childStyle, number));
    return blocks;
  }

  /**
   * An article: "Điều 1." in bold, then on the same paragraph its title (bold) or its first
   * paragraph; its other paragraphs and its khoản (1., 2., …) follow.
   */
  articleBlocks(section: SectionData, path: DataPath, depth: number, own: { label: string; number: string }): Block[] {
    const { label, number } = own;
    const paragraphs = section.doan ?? [];
    let firstParagraph = 0;
    let inlines: Inline[] = [];
    if (section.tieu_de !== undefined) inlines = this.numbered([...path, 'tieu_de'], boldRun);
    else if (typeof paragraphs[0] === 'string') {
      firstParagraph = 1;
      inlines = this.numbered([...path, 'doan', 0]);
    }
    const blocks: Block[] = [{ style: 'body', depth, label, strongLabel: true, inlines }];
    for (let i = firstParagraph; i < paragraphs.length; i++) blocks.push(...this.paragraphBlocks(paragraphs[i]!, [...path, 'doan', i], depth));
    const chosen = section.danh_so;
    const childStyle = chosen === undefined || chosen === UNNUMBERED ? defaultStyleAt(depth + 1) : chosen;
    if (section.muc) blocks.push(...this.siblingBlocks(section.muc, [...path, 'muc'], depth + 1, childStyle, number));
    return blocks;
  }

  /** `page`: a body table too wide for the portrait text goes on landscape pages; a phụ lục's tables take its page. */
  paragraphBlocks(entry: ParagraphEntry, path: DataPath, depth: number, page: TablePage = 'body'): Block[] {
    if (typeof entry === 'string') return [{ style: 'body', depth, label: '', inlines: this.numbered(path) }];
    if ('bang' in entry) {
      const ownPage = page === 'body' && !fitsWidth(entry.bang.cot, TEXT_WIDTH_CM);
      const width = page === 'landscape' || ownPage ? LANDSCAPE_TEXT_WIDTH_CM : TEXT_WIDTH_CM;
      const table = computeTable(entry.bang, resolvedTableAt(this.document, [...path, 'bang']), (cellPath) => this.numbered(cellPath), width);
      return [{ table: ownPage ? { ...table, landscape: true } : table, style: 'body', depth, label: '', inlines: [] }];
    }
    const bullets: Block[] = [];
    (entry.gach ?? []).forEach((_, j) => bullets.push({ style: 'bullet', depth: depth + 1, label: '-', inlines: this.numbered([...path, 'gach', j]) }));
    (entry.cong ?? []).forEach((_, j) => bullets.push({ style: 'bullet', depth: depth + 1, label: '+', inlines: this.numbered([...path, 'cong', j]) }));
    return bullets;
  }
}

/** The content ends with "./.": "…quyết định." → "…quyết định./.", "…năm 2024" → "…năm 2024./." */
function appendClosingMark(body: Block[]): void {
  const last = body[body.length - 1];
  if (!last) return;
  // After a table the mark stands on its own line: a cell of figures is not the end of a sentence.
  if (last.table) {
    body.push({ style: 'body', depth: 0, label: '', inlines: [{ text: CLOSING_MARK, bold: false, italic: false }] });
    return;
  }
  const lastRun = last.inlines[last.inlines.length - 1];
  if (lastRun && !('footnote' in lastRun)) {
    const trimmed = lastRun.text.replace(/\s+$/, '');
    if (trimmed.endsWith(CLOSING_MARK)) lastRun.text = trimmed;
    else lastRun.text = trimmed.endsWith('.') ? `${trimmed}/.` : `${trimmed}${CLOSING_MARK}`;
  } else {
    last.inlines.push({ text: CLOSING_MARK, bold: false, italic: false });
  }
}

/**
 * "Kính gửi: X" on one line, or "- X;" … "- Y." one per line. A line that ends in its own mark
 * (a speech's "Đoàn Chủ tịch!", "Thưa các đồng chí:", "…") keeps it and gets nothing after it.
 */
function formatAddressees(names: readonly string[] | undefined): Addressees | undefined {
  if (!names || names.length === 0) return undefined;
  const line = (name: string, mark: string) => {
    const own = name.trim().replace(/^-\s+/, '');
    return OWN_END_MARK.test(own) ? own : `${stripEndPunctuation(own)}${mark}`;
  };
  if (names.length === 1) return { sameLine: true, lines: [line(names[0]!, '')] };
  return {
    sameLine: false,
    lines: names.map((name, i) => `- ${line(name, i === names.length - 1 ? '.' : ';')}`),
  };
}

/** End marks a line keeps as written: !, ?, :, … (or ...). */
const OWN_END_MARK = /(?:[!?:…]|\.\.\.)$/u;

function recipientLines(data: DocumentData, addressees: readonly string[] | undefined): string[] {
  const lines: string[] = [];
  if (addressees && addressees.length > 0) lines.push('- Như trên;');
  for (const name of data.noi_nhan ?? []) lines.push(`- ${stripEndPunctuation(name)};`);
  lines.push(`- Lưu: ${data.luu.map(stripEndPunctuation).join(', ')}.`);
  return lines;
}

/** "Căn cứ …;" each, then "Theo đề nghị của …." (or, without it, the last căn cứ ends with "."). */
function groundLines(data: DocumentData): string[] {
  const grounds = (data.can_cu ?? []).map(stripEndPunctuation);
  if (data.theo_de_nghi) grounds.push(`Theo đề nghị của ${stripEndPunctuation(data.theo_de_nghi).replace(/^Theo đề nghị của\s+/u, '')}`);
  return grounds.map((line, i) => `${line}${i === grounds.length - 1 ? '.' : ';'}`);
}

function issuedWithLine(issued: NonNullable<DocumentData['ban_hanh_kem_theo']>, agencyName: string): string {
  const date = parseIsoDate(issued.ngay) as CalendarDate;
  return `(Ban hành kèm theo ${issued.loai} số ${issued.so} ngày ${formatShortDate(date)} của ${agencyName})`;
}

/** `quyen_han` is one line (a string) or several (a list); none when the head signs directly. */
function authorityLines(authority: string | readonly string[] | null | undefined): string[] {
  if (authority === undefined || authority === null) return [];
  return typeof authority === 'string' ? [authority] : [...authority];
}

function stripEndPunctuation(text: string): string {
  return text.trim().replace(/^-\s+/, '').replace(/[;.,]+$/, '');
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

function copyRun(run: TextRun): TextRun {
  return { ...run };
}

function boldRun(run: TextRun): TextRun {
  return { ...run, bold: true };
}

function upperRun(run: TextRun): TextRun {
  return { ...run, text: upper(run.text) };
}
