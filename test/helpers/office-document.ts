/**
 * Builds a Word file the way an office types a report — header as a borderless two-column table,
 * numbers typed as text ("I.", "1.", "a)", "-"), real footnotes, one table, the signature in a
 * table — from plain text, with pandoc (not baocao): the foreign input of `baocao nhap`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OfficeReport {
  chuQuan: string;
  ten: string[];
  so: string;
  placeDate: string;
  typeName: string;
  summary: string;
  /** "(Ban hành kèm theo Quyết định số …)" under the trích yếu (a kế hoạch), in italics. */
  issuedWith?: string;
  kinhGui?: string;
  /** Body lines, numbers typed; footnote markers "[n]"; a line "## …" or "**…**" is that markdown (a Word heading, a bold line). */
  lines: string[];
  footnotes: Map<string, string>;
  /** Inserted after body line `after` (0-based). */
  table?: { after: number; rows: string[][] };
  noiNhan: string[];
  signer: string[];
  /** Which numbered lines the office types bold as headings (default: those shorter than 150 characters). */
  isHeading?: (line: string) => boolean;
  /** Nơi nhận and the signature as plain paragraphs (no table), in this order. */
  closingAsParagraphs?: 'signature-first' | 'recipients-first';
}

/** The header, Kính gửi and closing of phường Thạch Quý's quarterly report (the reference report's office). */
export const THACH_QUY_OFFICE = {
  chuQuan: 'UBND THÀNH PHỐ HÀ TĨNH',
  ten: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG THẠCH QUÝ'],
  so: 'Số: 95/BC-UBND',
  placeDate: 'Thạch Quý, ngày 20 tháng 9 năm 2024',
  typeName: 'BÁO CÁO',
  summary: 'Kết quả thực hiện công tác cải cách hành chính quý III năm 2024',
  kinhGui: 'Phòng Nội vụ thành phố Hà Tĩnh',
  noiNhan: ['Như trên;', 'UBND thành phố;', 'Lưu: VT, VP.'],
  signer: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Đình Hùng'],
} satisfies Partial<OfficeReport>;

/** A headerless grid table: each cell a list of paragraphs. */
function gridTable(rows: string[][][], widths: number[]): string {
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const out = [rule];
  for (const row of rows) {
    const cellLines = row.map((paragraphs) => paragraphs.flatMap((p, i) => (i === 0 ? [p] : ['', p])));
    const height = Math.max(...cellLines.map((l) => l.length));
    for (let k = 0; k < height; k++) out.push(`| ${cellLines.map((l, c) => (l[k] ?? '').padEnd(widths[c]!)).join(' | ')} |`);
    out.push(rule);
  }
  return out.join('\n');
}

/**
 * Escapes what markdown would read as a list or markup: the typed numbers stay text. A span
 * written `***…***` (as the reference texts mark it) is typed bold italic.
 */
function literal(line: string): string {
  const spans: string[] = [];
  return line
    .replace(/\*\*\*(.+?)\*\*\*/gu, (_, span: string) => `\u0000${spans.push(span) - 1}\u0000`)
    .replace(/([\\*_`<>#~^])/g, '\\$1')
    .replace(/^(\S{1,8}?)([.)])(\s)/u, '$1\\$2$3')
    .replace(/^([-+])(\s)/u, '\\$1$2')
    .replace(/\[(\d+)\]/g, '[^$1]')
    .replace(/\u0000(\d+)\u0000/gu, (_, k: string) => `***${spans[Number(k)]!.replace(/([\\*_`<>#~^])/g, '\\$1')}***`);
}

export function officeMarkdown(report: OfficeReport): string {
  const width = 44;
  const header = gridTable(
    [
      [[report.chuQuan], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']],
      [report.ten.map((t) => `**${t}**`), ['**Độc lập - Tự do - Hạnh phúc**']],
      [[report.so], [`*${report.placeDate}*`]],
    ],
    [width, width],
  );
  const parts = [header, '', `**${report.typeName}**`, '', `**${report.summary}**`, ''];
  if (report.issuedWith) parts.push(`*${literal(report.issuedWith)}*`, '');
  if (report.kinhGui) parts.push(`Kính gửi: ${report.kinhGui}`, '');
  report.lines.forEach((line, i) => {
    // A line given as markdown: a heading in Word's Heading style ("## …") or a bold line ("**…**").
    if (/^(#{1,6} |\*\*[^*])/u.test(line)) {
      parts.push(line, '');
      return;
    }
    const bold = /^([IVX]+\.|\d+(\.\d+)*\.?)\s/u.test(line) && (report.isHeading ? report.isHeading(line) : line.length < 150);
    parts.push(bold ? `**${literal(line)}**` : literal(line), '');
    if (report.table && report.table.after === i) {
      const [head, ...rows] = report.table.rows;
      parts.push(`| ${head!.join(' | ')} |`, `|${head!.map((_, c) => (c === 0 ? ':-:' : c === head!.length - 1 ? '--:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), '');
    }
  });
  if (report.closingAsParagraphs) {
    // The signer's lines with a blank paragraph for the signature; Nơi nhận and its "-" lines.
    const signer = report.signer.flatMap((s, i) => [...(i === report.signer.length - 1 ? ['&nbsp;', ''] : []), `**${s}**`, '']);
    const recipients = ['***Nơi nhận:***', '', ...report.noiNhan.flatMap((n) => [`\\- ${n}`, ''])];
    parts.push(...(report.closingAsParagraphs === 'signature-first' ? [...signer, ...recipients] : [...recipients, ...signer]));
  } else {
    const signature = gridTable([[['***Nơi nhận:***', ...report.noiNhan.map((n) => `\\- ${n}`)], report.signer.map((s) => `**${s}**`)]], [width, width]);
    parts.push(signature, '');
  }
  for (const [n, text] of report.footnotes) parts.push(`[^${n}]: ${literal(text)}`, '');
  return parts.join('\n');
}

/**
 * The body as Word's automatic numbering: each numbered line an item of a nested ordered list
 * (I. upper Roman, then decimal), its paragraphs inside the item; the numbers are Word's, not text.
 */
export function autoNumberedBody(lines: string[]): string[] {
  const depthOf = (line: string) => (/^[IVX]+\.\s/u.test(line) ? 1 : /^\d+\.\d+\.?\s/u.test(line) ? 3 : /^\d+\.\s/u.test(line) ? 2 : 0);
  const out: string[] = [];
  let depth = 0;
  for (const line of lines) {
    const d = line.length < 150 ? depthOf(line) : 0;
    if (d > 0) {
      depth = d;
      const text = line.replace(/^\S+\s+/u, '');
      out.push(`${'    '.repeat(d - 1)}${d === 1 ? 'I.' : '1.'}  ${literal(text)}`, '');
    } else out.push(`${'    '.repeat(depth)}${literal(line)}`, '');
  }
  return out;
}

export function buildOfficeDocx(report: OfficeReport, folder: string, name: string, numbering: 'typed' | 'auto' = 'typed'): string {
  const markdown = path.join(folder, `${name}.md`);
  const docx = path.join(folder, `${name}.docx`);
  let text = officeMarkdown(report);
  if (numbering === 'auto') {
    const start = text.indexOf(literal(report.lines[0]!));
    const end = text.lastIndexOf('\n+--', text.indexOf('Nơi nhận')) + 1;
    text = `${text.slice(0, start).replace(/\*\*$/, '')}${autoNumberedBody(report.lines).join('\n')}\n\n${text.slice(end)}`;
  }
  writeFileSync(markdown, text);
  execFileSync('pandoc', ['-f', numbering === 'auto' ? 'markdown-auto_identifiers-smart' : 'markdown-fancy_lists-auto_identifiers-smart', '-t', 'docx', '-o', docx, markdown], { stdio: 'pipe' });
  return docx;
}
