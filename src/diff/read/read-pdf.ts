/**
 * A PDF we generated, as a comparable document, recovered from the layout our print CSS gives:
 * the header block (Số, ngày, tên loại, trích yếu, Kính gửi) by its wording, body paragraphs by
 * their first-line indent, headings by their label and bold type, footnotes by their smaller type
 * at the page foot, Nơi nhận and the signature after "Nơi nhận:". Page numbers are dropped.
 */
import type { ComparableDocument, FootnoteDoc, Para, ParaInline, ParaKind, Zone } from '../comparable-document.js';
import { DepthTracker, splitLabel } from './section-labels.js';
import { FOOTNOTE_MARK, pdfChunks, PdfProblem, type PdfChunk } from './pdf-lines.js';

export { PdfProblem };

function bodySize(chunks: readonly PdfChunk[]): number {
  const weight = new Map<number, number>();
  for (const c of chunks) weight.set(Math.round(c.size), (weight.get(Math.round(c.size)) ?? 0) + c.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 14;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim().normalize('NFC');

function field(zone: Zone, text: string, prefix = ''): Para {
  return { zone, kind: 'field', depth: 0, label: '', prefix, inlines: [{ text: clean(text) }] };
}

export async function readPdf(bytes: Uint8Array, file: string): Promise<ComparableDocument> {
  const { chunks: all, pageHeight } = await pdfChunks(bytes);
  const chunks = all.filter((c) => !(/^\d+$/.test(c.text.trim()) && c.y > pageHeight - 60));
  const size = bodySize(chunks);
  const left = Math.min(...chunks.filter((c) => Math.round(c.size) === size).map((c) => c.x));
  const paragraphs: Para[] = [];
  const footnotes: FootnoteDoc[] = [];

  // Footnote area: small type; a note starts with its number in even smaller type at the margin.
  const isNoteStart = (c: PdfChunk) => c.size < size * 0.7 && /^\d+\s*$/.test(c.text.replace(FOOTNOTE_MARK, '$1'));
  const noteTexts = new Map<number, string[]>();
  let currentNote: number | undefined;
  const mainChunks: PdfChunk[] = [];
  for (const c of chunks) {
    if (isNoteStart(c)) {
      currentNote = Number(c.text.replace(FOOTNOTE_MARK, '$1').trim());
      noteTexts.set(currentNote, []);
      continue;
    }
    if (currentNote !== undefined && c.size < size * 0.95) {
      noteTexts.get(currentNote)!.push(c.text.trim());
      continue;
    }
    currentNote = undefined;
    mainChunks.push(c);
  }
  const noteIndex = new Map<number, number>();
  const cite = (n: number): number => {
    let i = noteIndex.get(n);
    if (i === undefined) {
      i = footnotes.length;
      noteIndex.set(n, i);
      footnotes.push({ text: clean(joinLines(noteTexts.get(n) ?? [])) });
    }
    return i;
  };

  // Header.
  let i = 0;
  const headerLeft: PdfChunk[] = [];
  let typeSeen = false;
  let summary = '';
  let structured = false;
  for (; i < mainChunks.length; i++) {
    const c = mainChunks[i]!;
    const text = clean(c.text);
    if (/^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$|^Độc lập - Tự do - Hạnh phúc$/u.test(text)) continue;
    if (/^Số:/u.test(text)) {
      structured = true;
      agencyFields(headerLeft, paragraphs);
      paragraphs.push(field('so', text));
      continue;
    }
    if (/, ngày .+ tháng .+ năm \d{4}$/u.test(text) && !typeSeen) {
      paragraphs.push(field('dia_danh_ngay', text));
      continue;
    }
    if (!structured) {
      headerLeft.push(c);
      if (headerLeft.length > 6) break;
      continue;
    }
    if (!typeSeen && /^(BÁO CÁO|KẾ HOẠCH|[A-ZĐÂÊÔƠƯ ]+)$/u.test(text) && text === text.toLocaleUpperCase('vi-VN')) {
      paragraphs.push(field('ten_loai', text));
      typeSeen = true;
      continue;
    }
    if (typeSeen && /^\(Ban hành kèm theo/u.test(text)) {
      if (summary) paragraphs.push(field('trich_yeu', summary)), (summary = '');
      let issued = text;
      while (!issued.endsWith(')') && i + 1 < mainChunks.length) issued += ` ${clean(mainChunks[++i]!.text)}`;
      paragraphs.push(field('ban_hanh_kem_theo', issued));
      continue;
    }
    if (/^Kính gửi:/u.test(text)) {
      if (summary) paragraphs.push(field('trich_yeu', summary)), (summary = '');
      const rest = text.replace(/^Kính gửi:\s*/u, '');
      if (rest !== '') paragraphs.push(field('kinh_gui', rest, 'Kính gửi: '));
      while (i + 1 < mainChunks.length && /^- /.test(clean(mainChunks[i + 1]!.text)) && mainChunks[i + 1]!.x > left + 40) {
        paragraphs.push(field('kinh_gui', clean(mainChunks[++i]!.text)));
      }
      continue;
    }
    if (typeSeen && c.x > left + 15 && c.bold && paragraphs.every((p) => p.zone !== 'kinh_gui') && !splitLabel(text, 'heading').label.match(/^[IVXLC]+\.$/)) {
      // Trích yếu lines: centred, bold, right after the type name.
      if (summary === '' || c.y < (mainChunks[i - 1]?.y ?? 0)) {
        summary = summary === '' ? text : `${summary} ${text}`;
        continue;
      }
    }
    break;
  }
  if (summary) paragraphs.push(field('trich_yeu', summary));
  if (!structured) i = 0;

  // Body, up to "Nơi nhận:".
  const depths = new DepthTracker();
  let para: { chunks: PdfChunk[] } | undefined;
  const bodyParas: PdfChunk[][] = [];
  let closing = mainChunks.length;
  for (; i < mainChunks.length; i++) {
    const c = mainChunks[i]!;
    if (structured && /^Nơi nhận:/u.test(clean(c.text))) {
      closing = i;
      break;
    }
    const starts = !para || c.x > left + 15 || c.page !== para.chunks[para.chunks.length - 1]!.page && c.x > left + 15;
    if (starts) {
      para = { chunks: [c] };
      bodyParas.push(para.chunks);
    } else para!.chunks.push(c);
  }
  for (const group of bodyParas) {
    const raw = joinLines(group.map((c) => c.text));
    const text = raw.replace(/\s+/g, ' ').trim().normalize('NFC');
    const bold = group[0]!.bold;
    let kind: ParaKind = 'plain';
    let label = '';
    let rest = text;
    let depth = 0;
    if (structured) {
      const bullet = splitLabel(text, 'bullet');
      const heading = splitLabel(text, 'heading');
      if (bullet.label !== '') {
        kind = 'bullet';
        label = bullet.label;
        rest = text.slice(bullet.length);
        depth = depths.depthOf(label, false);
      } else if (heading.label !== '' && (bold || /^[IVXLC]+\.$/.test(heading.label))) {
        label = heading.label;
        rest = text.slice(heading.length);
        kind = /^[IVXLC]+\.$/.test(label) ? 'heading1' : /^\d+\.$/.test(label) ? 'heading2' : 'heading3';
        depth = depths.depthOf(label, kind === 'heading1');
      } else {
        const body = splitLabel(text, 'body');
        kind = 'body';
        if (body.label !== '') {
          label = body.label;
          rest = text.slice(body.length);
          depth = depths.depthOf(label, false);
        }
      }
    }
    paragraphs.push({ zone: 'body', kind, depth, label, prefix: '', inlines: inlinesOf(rest, cite) });
  }

  // Nơi nhận (left column) and the signature (right column).
  const tail = mainChunks.slice(closing + 1);
  const middle = tail.length > 0 ? (Math.min(...tail.map((c) => c.x)) + Math.max(...tail.map((c) => c.end))) / 2 : 0;
  // A long Nơi nhận line wraps: a line not starting with "- " continues the one before.
  const recipients: string[] = [];
  for (const c of tail.filter((c) => c.x < middle - 20)) {
    const text = clean(c.text);
    if (recipients.length > 0 && !text.startsWith('- ')) recipients[recipients.length - 1] = joinLines([recipients[recipients.length - 1]!, text]);
    else recipients.push(text);
  }
  for (const r of recipients) paragraphs.push(field('noi_nhan', r));
  for (const c of tail.filter((c) => c.x >= middle - 20)) paragraphs.push(field('nguoi_ky', c.text));

  return {
    file,
    kind: 'pdf',
    structured,
    paragraphs,
    footnotes,
    notices: structured ? [] : ['Tệp PDF này không có phần đầu văn bản theo mẫu của baocao: so sánh theo đoạn văn.'],
  };
}

/** Lines of one paragraph: a break after a hyphen inside a word ("41/TB-" "UBND") adds no space. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (out === '') out = line;
    else if (/\S-$/.test(out)) out += line.trimStart();
    else out += ` ${line}`;
  }
  return out;
}

function agencyFields(lines: readonly PdfChunk[], out: Para[]): void {
  if (lines.length === 0) return;
  // The parent agency, when there is one, is the only line not in bold.
  const first = lines[0]!;
  const parent = !first.bold && lines.slice(1).every((l) => l.bold) && lines.length > 1;
  lines.forEach((l, k) => out.push(field(parent && k === 0 ? 'co_quan_chu_quan' : 'co_quan', l.text)));
}

function inlinesOf(text: string, cite: (n: number) => number): ParaInline[] {
  const out: ParaInline[] = [];
  let last = 0;
  for (const m of text.matchAll(FOOTNOTE_MARK)) {
    const before = text.slice(last, m.index).replace(/\s+$/, '');
    if (before !== '') out.push({ text: before });
    out.push({ footnote: cite(Number(m[1])) });
    last = m.index + m[0].length;
  }
  const rest = text.slice(last);
  if (rest !== '') out.push({ text: rest });
  return out;
}
