/**
 * Stage 4, compute: validated data → the report model. A pure function: no I/O, no clock,
 * no locale of the machine, and its input is never changed. Numbering, footnote numbers, number
 * and date formats, the number line, trích yếu, Kính gửi and Nơi nhận are all decided here and
 * nowhere else. The texts come parsed by validate (`ValidatedDocument.texts`): nothing is parsed here.
 */
import { DOCUMENT_TYPES } from '../core/document-types.js';
import type { DataPath } from '../core/data-path.js';
import type { Addressees, Block, BlockStyle, Footnote, Inline, ReportModel, TextRun } from '../core/model.js';
import { defaultDocumentType, parsePeriod } from '../core/period.js';
import type { DocumentData, NumberingStyle, SectionData } from '../core/schema.js';
import { parsedTextAt, type ValidatedDocument } from '../core/validated-document.js';
import { formatDateLine, formatShortDate, parseIsoDate, type CalendarDate } from '../markup/format-vi.js';
import { plainText } from '../markup/inline.js';
import { defaultStyleAt, sectionLabel } from './numbering.js';

export interface ComputeSource {
  unitPath: string;
  period: string;
}

type ParagraphEntry = NonNullable<SectionData['doan']>[number];

const CLOSING_MARK = './.';

export function computeReport(document: ValidatedDocument, source: ComputeSource): ReportModel {
  const { data } = document;
  const period = parsePeriod(source.period);
  const issueDate = parseIsoDate(data.ngay);
  if (!period || !issueDate) {
    throw new Error(`computeReport needs validated data (period ${source.period}, date ${data.ngay})`);
  }
  const type = data.loai ?? defaultDocumentType(period);
  const typeInfo = DOCUMENT_TYPES[type];
  const context = new BodyContext(document);

  const body: Block[] = [];
  (data.mo_dau ?? []).forEach((entry, i) => body.push(...context.paragraphBlocks(entry, ['mo_dau', i], 0)));
  const firstStyle = defaultStyleAt(1);
  data.noi_dung.forEach((section, index) => body.push(...context.sectionBlocks(section, ['noi_dung', index], 1, firstStyle, index + 1, '')));
  (data.ket_thuc ?? []).forEach((text, i) => body.push(...context.paragraphBlocks(text, ['ket_thuc', i], 0)));
  appendClosingMark(body);

  const summary = plainText(document.summary);
  // A plan is addressed to no one (Mẫu 1.4); a unit's default Kính gửi applies to reports only.
  const addresseeNames = type === 'ke_hoach' ? undefined : data.kinh_gui;
  const addressees = formatAddressees(addresseeNames);
  const registered = data.so !== undefined && data.so !== null && data.so !== '';
  // A draft awaiting registration keeps the number blank: "Số:      /BC-UBND".
  const numberPart = registered ? ` ${String(data.so).padStart(2, '0')}` : '      ';

  return {
    unitPath: source.unitPath,
    period: source.period,
    type,
    issueDate: data.ngay,
    header: {
      ...(data.co_quan.chu_quan ? { parentAgency: upper(data.co_quan.chu_quan) } : {}),
      agencyLines: data.co_quan.ten.map(upper),
      numberLine: `Số:${numberPart}/${typeInfo.abbreviation}-${data.co_quan.viet_tat}`,
      placeDate: formatDateLine(data.dia_danh, issueDate),
    },
    title: {
      typeName: typeInfo.name,
      summary,
      ...(data.ban_hanh_kem_theo ? { issuedWith: issuedWithLine(data.ban_hanh_kem_theo, data.co_quan.ten_day_du) } : {}),
    },
    ...(addressees ? { addressees } : {}),
    body,
    footnotes: context.footnotes,
    recipients: recipientLines(data, addresseeNames),
    signature: {
      ...(data.nguoi_ky.quyen_han ? { authority: upper(data.nguoi_ky.quyen_han) } : {}),
      position: upper(data.nguoi_ky.chuc_vu),
      name: data.nguoi_ky.ho_ten,
    },
    documentTitle: `${typeInfo.name} ${summary}`,
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

  sectionBlocks(section: SectionData, path: DataPath, depth: number, style: NumberingStyle, position: number, parentNumber: string): Block[] {
    const { label, number } = sectionLabel(style, position, parentNumber);
    const isBullet = style === 'gach' || style === 'cong';
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
    const childStyle = section.danh_so ?? defaultStyleAt(depth + 1);
    (section.muc ?? []).forEach((child, index) => {
      blocks.push(...this.sectionBlocks(child, [...path, 'muc', index], depth + 1, childStyle, index + 1, number));
    });
    return blocks;
  }

  paragraphBlocks(entry: ParagraphEntry, path: DataPath, depth: number): Block[] {
    if (typeof entry === 'string') return [{ style: 'body', depth, label: '', inlines: this.numbered(path) }];
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
  const lastRun = last.inlines[last.inlines.length - 1];
  if (lastRun && !('footnote' in lastRun)) {
    const trimmed = lastRun.text.replace(/\s+$/, '');
    if (trimmed.endsWith(CLOSING_MARK)) lastRun.text = trimmed;
    else lastRun.text = trimmed.endsWith('.') ? `${trimmed}/.` : `${trimmed}${CLOSING_MARK}`;
  } else {
    last.inlines.push({ text: CLOSING_MARK, bold: false, italic: false });
  }
}

function formatAddressees(names: readonly string[] | undefined): Addressees | undefined {
  if (!names || names.length === 0) return undefined;
  if (names.length === 1) return { sameLine: true, lines: [stripEndPunctuation(names[0]!)] };
  return {
    sameLine: false,
    lines: names.map((name, i) => `- ${stripEndPunctuation(name)}${i === names.length - 1 ? '.' : ';'}`),
  };
}

function recipientLines(data: DocumentData, addressees: readonly string[] | undefined): string[] {
  const lines: string[] = [];
  if (addressees && addressees.length > 0) lines.push('- Như trên;');
  for (const name of data.noi_nhan ?? []) lines.push(`- ${stripEndPunctuation(name)};`);
  lines.push(`- Lưu: ${data.luu.map(stripEndPunctuation).join(', ')}.`);
  return lines;
}

function issuedWithLine(issued: NonNullable<DocumentData['ban_hanh_kem_theo']>, agencyName: string): string {
  const date = parseIsoDate(issued.ngay) as CalendarDate;
  return `(Ban hành kèm theo ${issued.loai} số ${issued.so} ngày ${formatShortDate(date)} của ${agencyName})`;
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

function upperRun(run: TextRun): TextRun {
  return { ...run, text: upper(run.text) };
}
