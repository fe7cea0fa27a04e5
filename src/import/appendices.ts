/**
 * Phụ lục after the signature (Mẫu 2.1): "Phụ lục I" (or "Phụ lục"), its title, the
 * "(Kèm theo Báo cáo số … của <cơ quan>)" line — which also gives the agency's name as written
 * in a sentence — then its content up to the closing mark; a landscape section keeps `huong: ngang`.
 */
import type { AppendixData } from '../core/schema.js';
import { BodyReader, type Note, type Remark } from './body.js';
import type { Block, Paragraph } from './read-docx.js';
import { markupOf, textOf } from './paragraph-text.js';

const APPENDIX_HEADING = /^Phụ lục(\s+[IVXLC]+|\s+\d+)?\s*$/iu;
const ATTACHED = /^\(\s*Kèm theo\b.*?\bcủa\s+(.+?)\s*\)\s*$/u;

export interface Appendices {
  phuLuc: AppendixData[];
  /** "Ủy ban nhân dân huyện Cẩm Xuyên" from the "(Kèm theo …)" line. */
  agencyInSentence?: string;
}

export function readAppendices(blocks: readonly Block[], notes: Note[], remarks: Remark[]): Appendices {
  const groups: Block[][] = [];
  const stray: Block[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph' && APPENDIX_HEADING.test(textOf(block))) groups.push([block]);
    else if (groups.length > 0) groups[groups.length - 1]!.push(block);
    else stray.push(block);
  }
  for (const block of stray) {
    if (block.kind === 'paragraph' && textOf(block) === '') continue;
    const quote = block.kind === 'paragraph' ? textOf(block).slice(0, 60) : 'một bảng';
    notes.push({ position: block.position, message: `nội dung sau chữ ký không thuộc phụ lục nào: "${quote}" (không nhập)`, warning: true });
    remarks.push({ path: ['phu_luc'], comment: `KHÔNG CHUYỂN ĐƯỢC (đoạn ${block.position}), sau chữ ký: ${quote}` });
  }
  const result: Appendices = { phuLuc: [] };
  groups.forEach((group, index) => {
    let k = 1;
    const paragraphAt = (i: number) => (group[i]?.kind === 'paragraph' ? (group[i] as Paragraph) : undefined);
    while (paragraphAt(k) && textOf(paragraphAt(k)!) === '') k++;
    const title = paragraphAt(k);
    const appendix: AppendixData = { ten: title ? markupOf(title.pieces, { ignoreBold: true }) : `Phụ lục ${index + 1}` };
    k++;
    while (paragraphAt(k) && textOf(paragraphAt(k)!) === '') k++;
    const attached = paragraphAt(k) ? ATTACHED.exec(textOf(paragraphAt(k)!)) : null;
    if (attached) {
      result.agencyInSentence ??= attached[1]!;
      k++;
    }
    const content = group.slice(k);
    if (group.some((b) => b.landscape)) appendix.huong = 'ngang';
    const reader = new BodyReader(undefined, notes, [], false);
    reader.read(content);
    const entries = reader.body.moDau;
    if (entries.length > 0) appendix.doan = entries as AppendixData['doan'];
    result.phuLuc.push(appendix);
  });
  return result;
}
