/**
 * The Vietnamese words of a diff report, shared by the terminal, the HTML page and `baocao text`:
 * names of the kinds of change, the summary line, section headings, context trimming.
 */
import { escapeForTerminal } from '../../diagnostics/report.js';
import type { Change, DocumentDiff, FigureSentence, SectionRef, TableCellName } from '../diff-result.js';
import type { WordPart } from '../compare/word-diff.js';

export const KIND_WORDS: Readonly<Record<Change['kind'], string>> = {
  'field-changed': 'trường sửa',
  'line-added': 'dòng thêm',
  'line-removed': 'dòng bỏ',
  'section-added': 'mục thêm',
  'section-removed': 'mục bỏ',
  'paragraph-added': 'đoạn thêm',
  'paragraph-removed': 'đoạn bỏ',
  'paragraph-changed': 'đoạn sửa',
  'cell-changed': 'ô bảng sửa',
  'row-added': 'dòng bảng thêm',
  'row-removed': 'dòng bảng bỏ',
  'column-added': 'cột bảng thêm',
  'column-removed': 'cột bảng bỏ',
  'paragraph-moved': 'đoạn chuyển chỗ',
  'footnote-added': 'chú thích thêm',
  'footnote-removed': 'chú thích bỏ',
  'footnote-changed': 'chú thích sửa',
  renumbered: 'đánh số lại',
  'figure-changed': 'số liệu đổi',
};

/** "6 thay đổi: 1 số liệu đổi, 1 đoạn sửa, …" or "Không có khác biệt." */
export function summaryLine(diff: DocumentDiff): string {
  if (diff.changes.length === 0) return 'Không có khác biệt.';
  const counts = new Map<Change['kind'], number>();
  for (const c of diff.changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => (kind === 'renumbered' ? KIND_WORDS[kind] : `${n} ${KIND_WORDS[kind]}`));
  return `${diff.changes.length} thay đổi: ${parts.join(', ')}.`;
}

export function sectionName(section: SectionRef): string {
  if (section.path === '') return 'Phần mở đầu';
  return `Mục ${section.path} ${section.title}${section.oldOnly ? ' (chỉ có ở bản cũ)' : ''}`.trim();
}

/** The figures table's heading: the data's figures (YAML pairs), and the numbers read from the text (DOCX, PDF pairs). */
export const FIGURES_HEADING = 'Số liệu';
export const NUMBERS_HEADING = 'Số liệu thay đổi';

/** Where a figure is printed: "II.2.2.", "chú thích 4, I.3.", or (`byCell`) "Bảng 1, dòng Đất đai × cột Đã giải quyết". */
export function figureWhere(s: Pick<FigureSentence, 'section' | 'cell' | 'footnote'>, byCell = false): string {
  const section = s.section.path || 'mở đầu';
  if (s.cell && byCell) return cellName(s.cell);
  return s.footnote !== undefined ? `chú thích ${s.footnote}, ${section}` : section;
}

/** The group a change is shown under: a section, the header, the closing, the figures, the renumbering. */
export function groupOf(change: Change): string {
  switch (change.kind) {
    case 'field-changed':
    case 'line-added':
    case 'line-removed':
      return change.field === 'noi_nhan' || change.field === 'nguoi_ky' ? 'Nơi nhận, người ký' : 'Phần đầu văn bản';
    case 'figure-changed':
      return FIGURES_HEADING;
    case 'renumbered':
      return 'Đánh số lại';
    default:
      return sectionName(change.section);
  }
}

/** "5, 6, 7, 9" → "5–7, 9". */
export function ranges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return out.join(', ');
}

export function renumberingText(change: Extract<Change, { kind: 'renumbered' }>): string[] {
  const lines: string[] = [];
  if (change.sections.length > 0) {
    lines.push(`Các mục sau được đánh số lại: ${change.sections.map((s) => `${s.old} → ${s.new}`).join(', ')}`.replace(/\.?$/, '.'));
  }
  if (change.footnotes.length > 0) {
    lines.push(`Các chú thích sau được đánh số lại: ${ranges(change.footnotes.map((f) => f.old))} → ${ranges(change.footnotes.map((f) => f.new))}.`);
  }
  return lines;
}

const CONTEXT_WORDS = 6;

/** Unchanged stretches cut to a few words each side of a change ("… a b c" / "a b c …"). */
export function trimContext(parts: readonly WordPart[], words = CONTEXT_WORDS): WordPart[] {
  return parts.map((part, i) => {
    if (part.op !== '=') return part;
    const pieces = part.text.split(/(\s+)/);
    const count = pieces.filter((p) => p.trim() !== '').length;
    const first = i === 0;
    const last = i === parts.length - 1;
    const keep = first || last ? words : words * 2;
    if (count <= keep) return part;
    const wordsOf = (from: 'start' | 'end', n: number) => {
      const out: string[] = [];
      let seen = 0;
      const seq = from === 'start' ? pieces : [...pieces].reverse();
      for (const p of seq) {
        if (p.trim() !== '') seen++;
        if (seen > n) break;
        out.push(p);
      }
      return from === 'start' ? out.join('') : out.reverse().join('');
    };
    if (first) return { op: '=', text: `… ${wordsOf('end', words).trimStart()}` };
    if (last) return { op: '=', text: `${wordsOf('start', words).trimEnd()} …` };
    return { op: '=', text: `${wordsOf('start', words).trimEnd()} … ${wordsOf('end', words).trimStart()}` };
  });
}

export function formatNumberVi(x: number): string {
  const [int, frac] = Math.abs(x).toString().split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${x < 0 ? '−' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

export function signedVi(x: number): string {
  return x > 0 ? `+${formatNumberVi(x)}` : formatNumberVi(x);
}

/**
 * Text from a document as a terminal may be given it: a line break as " / ", tabs kept, every
 * other control character (an ESC sequence hidden in a Word file, a bidi override) shown escaped
 * (\x1b, \u202e), never obeyed.
 */
export function terminalText(text: string): string {
  return text
    .replace(/\r?\n/g, ' / ')
    .split('\t')
    .map((piece) => escapeForTerminal(piece))
    .join('\t');
}

/** "Bảng 1, dòng Đất đai × cột Quý III". */
export function cellName(cell: TableCellName): string {
  return `Bảng ${cell.table}, dòng ${cell.row || '(tiêu đề)'} × cột ${cell.column}`;
}

/** A cell's value on one line, "(trống)" when empty. */
export function cellValue(text: string): string {
  const t = text.replace(/\s*\n\s*/g, ' / ').trim();
  return t === '' ? '(trống)' : t;
}

/** A column's cells on one line: "Đất đai: 6 | Tư pháp - Hộ tịch: 0 | …" (each value through `mark`). */
export function columnCellsLine(cells: readonly { row: string; text: string }[], label: (row: string) => string, mark: (text: string) => string): string {
  return cells.map((c) => `${label(c.row || '(không tên)')}: ${mark(cellValue(c.text))}`).join(' | ');
}

/** "đánh lại số thứ tự: Tư pháp - Hộ tịch 2 → 1, Xây dựng 4 → 3" (each number through `mark`). */
export function renumberedRowsLine(rows: readonly { row: string; old: string; new: string }[], label: (row: string) => string, del: (t: string) => string, ins: (t: string) => string): string {
  return `đánh lại số thứ tự: ${rows.map((r) => `${label(r.row)} ${del(r.old)} → ${ins(r.new)}`).join(', ')}`;
}
