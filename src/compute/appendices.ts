/**
 * The phụ lục of a document (Mẫu 2.1 of Nghị định 30): "Phụ lục I" (Roman numerals when there are
 * two or more, just "Phụ lục" for one), the title in capitals, the line "(Kèm theo Báo cáo số
 * 412/BC-UBND ngày 20 tháng 9 năm 2024 của Ủy ban nhân dân huyện Cẩm Xuyên)" built from the
 * document's own type, number, date and issuing body, then the content ending with "./.".
 *
 * Orientation: `huong: ngang` is landscape, `huong: doc` portrait (validate refuses a table too
 * wide for it); without `huong`, a phụ lục is landscape when one of its tables does not fit the
 * portrait text width. The whole phụ lục then prints landscape, its tables' free columns sharing
 * the landscape width.
 */
import type { DataPath } from '../core/data-path.js';
import type { AppendixModel, Block, Inline, TextRun } from '../core/model.js';
import type { DocumentData } from '../core/schema.js';
import { fitsWidth, TEXT_WIDTH_CM } from '../core/table-facts.js';
import { appendixLabel } from '../markup/appendix-label.js';
import { formatLongDate, type CalendarDate } from '../markup/format-vi.js';

type ParagraphEntry = NonNullable<NonNullable<DocumentData['phu_luc']>[number]['doan']>[number];

/** How a table's page is chosen: `body` (landscape pages only for a table too wide), or the phụ lục's page. */
export type TablePage = 'body' | 'portrait' | 'landscape';

export interface AppendixContext {
  paragraphBlocks(entry: ParagraphEntry, path: DataPath, depth: number, page: TablePage): Block[];
  /** The runs of the text at `path`, footnotes numbered on. */
  numbered(path: DataPath, transform: (run: TextRun) => TextRun): Inline[];
  closeContent(blocks: Block[]): void;
}

export interface DocumentReference {
  /** "BÁO CÁO", or "" for a type without a tên loại (công văn → "Văn bản"). */
  typeName: string;
  /** " 412" or the blanks of a draft, exactly as the Số line has it. */
  numberPart: string;
  /** "BC-UBND" */
  symbol: string;
  issueDate: CalendarDate;
  /** "Ủy ban nhân dân huyện Cẩm Xuyên" */
  issuer: string;
}

/** "(Kèm theo Báo cáo số 412/BC-UBND ngày 20 tháng 9 năm 2024 của Ủy ban nhân dân huyện Cẩm Xuyên)" */
export function attachedToLine(ref: DocumentReference): string {
  const lower = ref.typeName.toLocaleLowerCase('vi-VN');
  const kind = lower === '' ? 'Văn bản' : lower.charAt(0).toLocaleUpperCase('vi-VN') + lower.slice(1);
  return `(Kèm theo ${kind} số${ref.numberPart}/${ref.symbol} ${formatLongDate(ref.issueDate)} của ${ref.issuer})`;
}

export function computeAppendices(data: DocumentData, ref: DocumentReference, context: AppendixContext): AppendixModel[] | undefined {
  const appendices = data.phu_luc ?? [];
  if (appendices.length === 0) return undefined;
  const attachedTo = attachedToLine(ref);
  return appendices.map((appendix, i) => {
    const entries = appendix.doan ?? [];
    const landscape =
      appendix.huong === 'ngang' ||
      (appendix.huong === undefined && entries.some((entry) => typeof entry === 'object' && 'bang' in entry && !fitsWidth(entry.bang.cot, TEXT_WIDTH_CM)));
    const page: TablePage = landscape ? 'landscape' : 'portrait';
    const path: DataPath = ['phu_luc', i];
    const title = context.numbered([...path, 'ten'], (run) => ({ ...run, text: run.text.toLocaleUpperCase('vi-VN') }));
    const body = entries.flatMap((entry, j) => context.paragraphBlocks(entry, [...path, 'doan', j], 0, page));
    context.closeContent(body);
    return { heading: appendixLabel(i + 1, appendices.length), title, attachedTo, landscape, body };
  });
}
