/**
 * The closing block: Nơi nhận on the left (dropping "Như trên" and "Lưu: …", which the tool adds
 * itself), the signature on the right — quyền hạn lines (TM., KT., Q., TL., TUQ.), chức vụ, an
 * optional second title, họ tên — or a speech's presenter (họ tên, then chức vụ as written).
 */
import type { Block, Paragraph, Table } from './read-docx.js';
import { linesOf, roleOf, textOf } from './paragraph-text.js';
import { typedLabel } from './typed-label.js';

const AUTHORITY = /^(TM|KT|Q|TL|TUQ)\.\s*\S/u;

export interface Closing {
  /** Index of the signature table (or first closing paragraph) in the blocks. */
  at: number;
  /** Index after it. */
  next: number;
  noiNhan?: string[];
  luu?: string[];
  droppedAsTheTool: string[];
  quyenHan: string[];
  chucVu?: string;
  chucVuKhac?: string;
  hoTen?: string;
  presenter: boolean;
}


function isClosingTable(block: Block): boolean {
  if (block.kind !== 'table') return false;
  const paragraphs = block.rows.flat().flatMap((c) => c.paragraphs);
  return paragraphs.some((p) => /^Nơi nhận\s*:?$/iu.test(textOf(p)) || roleOf(p) === 'hoTen' || roleOf(p) === 'quyenHan') ||
    paragraphs.some((p) => AUTHORITY.test(textOf(p)));
}

const RECIPIENTS = /^Nơi nhận\s*:?$/iu;
const RECIPIENT_LINE = /^[-–•+]/u;
/** A signer's name: two to six capitalised words ("Vũ Văn Nam"). */
const NAME = /^\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*){1,5}$/u;

const isRecipients = (block: Block | undefined): block is Paragraph => block?.kind === 'paragraph' && RECIPIENTS.test(textOf(block));

export function findClosing(blocks: readonly Block[], from: number): number {
  for (let i = from; i < blocks.length; i++) if (isClosingTable(blocks[i]!)) return i;
  // Without a table: a "Nơi nhận:" paragraph, or the signature typed just above it.
  for (let i = from; i < blocks.length; i++) if (isRecipients(blocks[i])) return signatureAbove(blocks, i, from) ?? i;
  return -1;
}

/**
 * The signature typed as paragraphs above "Nơi nhận:" (many offices type it so, without a table):
 * short lines, not sentences nor numbered, the first in capitals (TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH),
 * the last a name. Its first paragraph's index, or undefined when the lines above are the text.
 */
function signatureAbove(blocks: readonly Block[], recipients: number, from: number): number | undefined {
  let start: number | undefined;
  const lines: string[] = [];
  for (let k = recipients - 1; k >= from && lines.length < 8; k--) {
    const block = blocks[k]!;
    if (block.kind !== 'paragraph') break;
    const text = textOf(block);
    if (text === '') continue;
    if (text.length > 60 || /[.;:,]$/u.test(text) || (typedLabel(text) && !AUTHORITY.test(text))) break;
    lines.unshift(text);
    start = k;
  }
  if (start === undefined || lines.length < 2) return undefined;
  const first = lines[0]!;
  return first === first.toLocaleUpperCase('vi') && NAME.test(lines[lines.length - 1]!) ? start : undefined;
}

export function readClosing(blocks: readonly Block[], at: number): Closing {
  const block = blocks[at]!;
  const closing: Closing = { at, next: at + 1, droppedAsTheTool: [], quyenHan: [], presenter: false };
  let left: Paragraph[] = [];
  let right: Paragraph[] = [];
  if (block.kind === 'table') {
    const cells = (block as Table).rows.flatMap((row) => row.filter((c) => c.merge !== 'continue'));
    const rowCells = (block as Table).rows[0]?.length ?? 1;
    if (rowCells >= 2) {
      left = (block as Table).rows.flatMap((row) => row[0]?.paragraphs ?? []);
      right = (block as Table).rows.flatMap((row) => row[row.length - 1]?.paragraphs ?? []);
    } else right = cells.flatMap((c) => c.paragraphs);
  } else if (!isRecipients(block)) {
    // Paragraphs: the signature lines, then Nơi nhận and its "-" lines.
    let i = at;
    for (; i < blocks.length && !isRecipients(blocks[i]); i++) right.push(blocks[i] as Paragraph);
    for (; i < blocks.length && blocks[i]!.kind === 'paragraph'; i++) {
      const text = textOf(blocks[i] as Paragraph);
      if (!isRecipients(blocks[i]) && text !== '' && !RECIPIENT_LINE.test(text)) break;
      left.push(blocks[i] as Paragraph);
    }
    closing.next = i;
  } else {
    // Paragraphs: Nơi nhận lines, then the signature lines up to the first empty run of text.
    let i = at;
    for (; i < blocks.length && blocks[i]!.kind === 'paragraph'; i++) {
      const text = textOf(blocks[i] as Paragraph);
      if (i > at && text !== '' && !RECIPIENT_LINE.test(text)) break;
      left.push(blocks[i] as Paragraph);
    }
    for (; i < blocks.length && blocks[i]!.kind === 'paragraph' && right.length < 8; i++) {
      const text = textOf(blocks[i] as Paragraph);
      if (/^Phụ lục\b/iu.test(text)) break;
      right.push(blocks[i] as Paragraph);
    }
    closing.next = i;
  }
  readRecipients(left, closing);
  readSignature(right, closing);
  return closing;
}

function readRecipients(paragraphs: Paragraph[], closing: Closing): void {
  const lines = paragraphs.flatMap(linesOf).filter((l) => !/^Nơi nhận\s*:?$/iu.test(l));
  const list: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/^[-–•]\s*/u, '').replace(/[;.,]\s*$/u, '').trim();
    if (line === '') continue;
    if (/^Như trên$/iu.test(line)) {
      closing.droppedAsTheTool.push('Như trên');
      continue;
    }
    const keep = /^Lưu\s*:?\s*(.*)$/iu.exec(line);
    if (keep) {
      closing.luu = keep[1]!.split(/\s*,\s*/u).filter((x) => x !== '');
      closing.droppedAsTheTool.push(`Lưu: ${keep[1]}`);
      continue;
    }
    list.push(line);
  }
  if (paragraphs.length > 0) closing.noiNhan = list;
}

function readSignature(paragraphs: Paragraph[], closing: Closing): void {
  const entries = paragraphs.flatMap((p) => linesOf(p).map((line) => ({ line, role: roleOf(p) })));
  // A speech: the presenter's name first, then the title as written (not upper case).
  const nameFirst = entries[0] && entries[0].role === 'hoTen';
  if (nameFirst || (entries.length === 2 && entries[0]!.line !== entries[0]!.line.toLocaleUpperCase('vi') && entries[1]!.line !== entries[1]!.line.toLocaleUpperCase('vi'))) {
    closing.presenter = true;
    closing.hoTen = entries[0]?.line;
    if (entries[1]) closing.chucVu = entries.slice(1).map((e) => e.line).join(' ');
    return;
  }
  const titles: string[] = [];
  for (const { line, role } of entries) {
    if (AUTHORITY.test(line) && titles.length === 0) closing.quyenHan.push(line.replace(/^(TM|KT|Q|TL|TUQ)\.\s*/u, '$1. '));
    else if (role === 'hoTen' || line !== line.toLocaleUpperCase('vi')) closing.hoTen = line;
    else titles.push(line);
  }
  // "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the last authority line is followed by the chức vụ.
  if (titles.length === 0 && closing.quyenHan.length >= 2 && !closing.quyenHan[closing.quyenHan.length - 1]!.startsWith('KT.')) {
    titles.push(closing.quyenHan.pop()!);
  }
  closing.chucVu = titles[0];
  if (titles.length > 1) closing.chucVuKhac = titles.slice(1).join(' ');
}
