/**
 * The header of a document (Nghị định 30, Phụ lục I): the two-column table — cơ quan chủ quản
 * and ban hành, số and ký hiệu (or "V/v …" of a công văn) on the left; Quốc hiệu, Tiêu ngữ,
 * địa danh and ngày on the right — then tên loại, trích yếu, "(Ban hành kèm theo …)" and
 * Kính gửi / Kính thưa. Our styles are used when present; foreign files are read by their text.
 */
import type { DocumentTypeInfo, DocumentTypes } from '../core/document-types.js';
import type { Block, Paragraph, Table } from './read-docx.js';
import { fold, linesOf, markupOf, roleOf, textOf } from './paragraph-text.js';
import { typedLabel } from './typed-label.js';

export interface Header {
  chuQuan?: string;
  ten: string[];
  /** From "Số: 84/BC-UBND": the number, the type's and the agency's abbreviations. */
  so?: number | null;
  typeAbbreviation?: string;
  agencyAbbreviation?: string;
  draftingAbbreviation?: string;
  diaDanh?: string;
  ngay?: string;
  subject?: string;
  typeName?: string;
  type?: DocumentTypeInfo;
  trichYeu?: string;
  issuedWith?: { loai: string; so: string; ngay: string; agency: string };
  kinhGui?: string[];
  kinhThua?: string[];
  /** The next block after the header. */
  next: number;
}

const NATIONAL = /^(CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$/iu;
const MOTTO = /^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$/iu;
const RULE = /^[_\-–—=.…\s]+$/u;
const NUMBER_LINE = /^Số\s*:?\s*(\d*)\s*\/\s*([A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐa-z0-9]+)*)\s*$/u;
const PLACE_DATE = /^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\.?$/u;
const ISSUED_WITH = /^\(?\s*Ban hành kèm theo\s+(.+?)\s+số\s+(\d+\/[A-ZĐ]+-[A-ZĐ0-9-]+)\s+ngày\s+(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})\s*(?:của\s+(.+?))?\s*\)?$/u;

export function iso(day: string, month: string, year: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The header table: the first borderless table before any body text, with the Quốc hiệu or a "Số:" line. */
function headerTable(blocks: readonly Block[]): number {
  for (let i = 0; i < blocks.length && i < 12; i++) {
    const block = blocks[i]!;
    if (block.kind === 'table') {
      const text = block.rows.flat().flatMap((c) => c.paragraphs.map(textOf)).join('\n');
      if (/XÃ HỘI CHỦ NGHĨA|^Số\s*:/imu.test(text)) return i;
      return -1;
    }
  }
  return -1;
}

function columnParagraphs(table: Table, column: 'left' | 'right'): Paragraph[] {
  return table.rows.flatMap((row) => {
    const cells = row.filter((c) => c.merge !== 'continue');
    const cell = column === 'left' ? cells[0] : cells[cells.length - 1];
    if (!cell || (column === 'right' && cells.length < 2)) return [];
    return cell.paragraphs;
  });
}

/**
 * A type without the header (`phan_dau: khong`, a speech as delivered) opens with its tên loại,
 * under at most the place/date line: the document is one of these only when that tên loại names such a type.
 */
function readBareHeader(blocks: readonly Block[], types: DocumentTypes): Header | undefined {
  let i = 0;
  const paragraphAt = (k: number) => (blocks[k]?.kind === 'paragraph' ? (blocks[k] as Paragraph) : undefined);
  const skipEmpty = () => {
    while (paragraphAt(i) && textOf(paragraphAt(i)!) === '') i++;
  };
  skipEmpty();
  const header: Header = { ten: [], next: 0 };
  const place = paragraphAt(i) ? PLACE_DATE.exec(textOf(paragraphAt(i)!)) : null;
  if (place) {
    header.diaDanh = place[1]!.trim();
    header.ngay = iso(place[2]!, place[3]!, place[4]!);
    i++;
    skipEmpty();
  }
  const title = paragraphAt(i);
  const type = title ? knownTypeByName(textOf(title), types) : undefined;
  if (!type || type.header) return undefined;
  header.next = i;
  return header;
}

export function readHeader(blocks: readonly Block[], types: DocumentTypes, notes: string[]): Header | undefined {
  const bare = readBareHeader(blocks, types);
  if (bare) {
    readTitle(blocks, bare, types, notes);
    return bare;
  }
  const at = headerTable(blocks);
  let left: Paragraph[] = [];
  let right: Paragraph[] = [];
  let next = 0;
  if (at >= 0) {
    const table = blocks[at] as Table;
    left = columnParagraphs(table, 'left');
    right = columnParagraphs(table, 'right');
    next = at + 1;
  } else {
    // No table: the header lines as paragraphs up to the tên loại or the date line.
    for (; next < blocks.length && next < 15; next++) {
      const block = blocks[next]!;
      if (block.kind !== 'paragraph') break;
      const text = textOf(block);
      left.push(block);
      if (PLACE_DATE.test(text)) {
        next++;
        break;
      }
    }
    if (!left.some((p) => PLACE_DATE.test(textOf(p)))) return undefined;
  }
  const header: Header = { ten: [], next };
  const agencyLines: { text: string; paragraph: Paragraph }[] = [];
  for (const paragraph of [...left, ...right]) {
    for (const line of linesOf(paragraph)) {
      if (RULE.test(line) || NATIONAL.test(line) || MOTTO.test(line)) continue;
      const number = NUMBER_LINE.exec(line);
      const place = PLACE_DATE.exec(line);
      if (number) {
        header.so = number[1] ? Number(number[1]) : null;
        const parts = number[2]!.split('-');
        readSymbol(parts, header, types);
      } else if (/^Số\s*:?\s*$/u.test(line)) {
        header.so = null;
      } else if (place) {
        header.diaDanh = place[1]!.trim();
        header.ngay = iso(place[2]!, place[3]!, place[4]!);
      } else if (/^V\/v\b/iu.test(line)) {
        header.subject = (header.subject ? `${header.subject} ` : '') + line.replace(/^V\/v\s*/iu, '');
      } else if (header.subject !== undefined && left.includes(paragraph) && header.ngay === undefined && agencyLines.length > 0 && header.so !== undefined) {
        header.subject += ` ${line}`;
      } else if (left.includes(paragraph) && header.so === undefined) agencyLines.push({ text: line, paragraph });
    }
  }
  assignAgency(agencyLines, header);
  if (header.ten.length === 0 || header.ngay === undefined) return undefined;
  readTitle(blocks, header, types, notes);
  return header;
}

function readSymbol(parts: string[], header: Header, types: DocumentTypes): void {
  const byAbbreviation = [...types.byName.values()].find((t) => t.abbreviation !== undefined && t.abbreviation === parts[0]);
  if (byAbbreviation && parts.length >= 2) {
    header.typeAbbreviation = parts[0]!;
    header.agencyAbbreviation = parts.slice(1).join('-');
  } else {
    // "Số: 87/UBND-VP": a công văn — the agency's abbreviation, then the drafting unit's.
    header.agencyAbbreviation = parts[0]!;
    if (parts.length >= 2) header.draftingAbbreviation = parts.slice(1).join('-');
  }
}

function assignAgency(lines: { text: string; paragraph: Paragraph }[], header: Header): void {
  if (lines.length === 0) return;
  const styled = lines.filter((l) => roleOf(l.paragraph) === 'chuQuan');
  if (styled.length > 0) {
    header.chuQuan = styled.map((l) => l.text).join(' ');
    header.ten = lines.filter((l) => roleOf(l.paragraph) !== 'chuQuan').map((l) => l.text);
    return;
  }
  const bold = lines.map((l) => l.paragraph.allBold);
  // The cơ quan chủ quản is not bold, the issuing agency under it is (Nghị định 30, ô 1).
  if (lines.length >= 2 && !bold[0] && bold.slice(1).some((b) => b)) {
    header.chuQuan = lines[0]!.text;
    header.ten = lines.slice(1).map((l) => l.text);
  } else if (lines.length >= 3 && /^(UBND|HĐND|ỦY BAN|UỶ BAN|SỞ|BỘ)(\s|$)/u.test(lines[0]!.text)) {
    header.chuQuan = lines[0]!.text;
    header.ten = lines.slice(1).map((l) => l.text);
  } else header.ten = lines.map((l) => l.text);
  if (header.ten.length > 3) header.ten = [header.ten.slice(0, header.ten.length - 2).join(' '), ...header.ten.slice(-2)];
}

function numberedLine(line: string): boolean {
  const label = typedLabel(line);
  return label !== undefined && label.kind !== 'gach' && label.kind !== 'cong';
}

function knownTypeByName(name: string, types: DocumentTypes): DocumentTypeInfo | undefined {
  return [...types.byName.values()].find((t) => t.typeName !== undefined && fold(t.typeName) === fold(name));
}

function readTitle(blocks: readonly Block[], header: Header, types: DocumentTypes, notes: string[]): void {
  let i = header.next;
  const paragraphAt = (k: number) => (blocks[k]?.kind === 'paragraph' ? (blocks[k] as Paragraph) : undefined);
  const skipEmpty = () => {
    while (paragraphAt(i) && (textOf(paragraphAt(i)!) === '' || RULE.test(textOf(paragraphAt(i)!)))) i++;
  };
  skipEmpty();
  const first = paragraphAt(i);
  if (first) {
    const text = textOf(first);
    const role = roleOf(first);
    const isTypeLine = role === 'tenLoai' || (text === text.toLocaleUpperCase('vi') && /\p{L}/u.test(text) && text.length <= 40 && !/^(I|V|X)+\./.test(text) && !/^KÍNH (GỬI|THƯA)/u.test(text));
    if (isTypeLine) {
      header.typeName = text;
      const type = knownTypeByName(text, types);
      if (type) header.type = type;
      i++;
      // Trích yếu: the lines under the tên loại, up to a rule, an empty line or what follows it.
      const summary: string[] = [];
      for (; paragraphAt(i); i++) {
        const p = paragraphAt(i)!;
        const line = textOf(p);
        if (line === '' || RULE.test(line)) {
          if (summary.length > 0) break;
          continue;
        }
        // A numbered line ("I. KẾT QUẢ …", bold as the trích yếu is) opens the text: a document without Kính gửi.
        if (numberedLine(line)) break;
        if (ISSUED_WITH.test(line) || /^\(?\s*Ban hành kèm theo/u.test(line) || /^Kính (gửi|thưa)/iu.test(line) || roleOf(p) === 'body' || roleOf(p) === 'heading1') break;
        if (summary.length > 0 && roleOf(p) !== 'trichYeu' && !p.allBold) break;
        if (summary.length >= 3) break;
        if (roleOf(p) === 'trichYeu' && summary.length > 0 && line === line.toLocaleUpperCase('vi')) break;
        summary.push(markupOf(p.pieces, { ignoreBold: true }));
      }
      if (summary.length > 0) header.trichYeu = summary.join(' ');
    }
  }
  if (header.subject !== undefined && header.trichYeu === undefined) header.trichYeu = header.subject;
  // "(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của …)", possibly on two lines.
  skipEmpty();
  const issued = paragraphAt(i);
  if (issued && /^\(?\s*Ban hành kèm theo/u.test(textOf(issued))) {
    let text = textOf(issued);
    i++;
    if (!text.endsWith(')') && paragraphAt(i)) {
      text += ` ${textOf(paragraphAt(i)!)}`;
      i++;
    }
    const m = ISSUED_WITH.exec(text);
    if (m) header.issuedWith = { loai: m[1]!, so: m[2]!, ngay: iso(m[3]!, m[4]!, m[5]!), agency: m[6] ?? '' };
    else notes.push(`không đọc được dòng "${text.slice(0, 80)}": ghi tay ban_hanh_kem_theo`);
  }
  skipEmpty();
  const greeting = paragraphAt(i);
  if (greeting && /^Kính (gửi|thưa)\s*:/iu.test(textOf(greeting))) {
    const thua = /^Kính thưa/iu.test(textOf(greeting));
    const rest = textOf(greeting).replace(/^Kính (gửi|thưa)\s*:\s*/iu, '');
    const list: string[] = [];
    i++;
    if (rest !== '' && !/^[-–]\s/u.test(rest)) list.push(rest.replace(/[.;,]$/, ''));
    else {
      if (rest !== '') list.push(rest.replace(/^[-–]\s*/u, '').replace(/[.;,]$/, ''));
      for (; paragraphAt(i); i++) {
        const line = textOf(paragraphAt(i)!);
        if (!/^[-–]\s/u.test(line) || roleOf(paragraphAt(i)!) === 'bullet' || roleOf(paragraphAt(i)!) === 'body') break;
        list.push(line.replace(/^[-–]\s*/u, '').replace(/[.;,]$/, ''));
      }
    }
    if (thua) header.kinhThua = list;
    else header.kinhGui = list;
  }
  header.next = i;
}
