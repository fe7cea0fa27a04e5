/**
 * A read paragraph as the recognisers see it: its plain text (line breaks kept for the header,
 * spaces in running text), its text as baocao markup (**đậm**, *nghiêng*, ^[chú thích], with
 * the markup characters escaped), and the role its style names, when it has one of ours.
 */
import type { Paragraph, Piece, TextPiece } from './read-docx.js';

/** Our templates' paragraph styles by role; matched on the style id or name, folded (no marks, no spaces). */
const ROLE_NAMES: Readonly<Record<string, readonly string[]>> = {
  chuQuan: ['coquanchuquan'],
  banHanh: ['coquanbanhanh'],
  soKyHieu: ['sokyhieu'],
  diaDanh: ['diadanhngay', 'diadanhngaythang'],
  tenLoai: ['tenloai', 'tenloaivanban'],
  trichYeu: ['trichyeu'],
  banHanhKemTheo: ['banhanhkemtheo'],
  kinhGui: ['kinhgui', 'kinhguimotnoi', 'kinhguinhan', 'kinhguinhieunoi'],
  kinhGuiDong: ['kinhguidong'],
  noiNhan: ['noinhan'],
  noiNhanDong: ['noinhandong'],
  quyenHan: ['quyenhanchucvu', 'quyenhanchucvunguoiky'],
  hoTen: ['hotennguoiky'],
  heading1: ['heading1', 'tieude1'],
  heading2: ['heading2', 'tieude2'],
  heading3: ['heading3', 'heading4', 'heading5', 'tieude3'],
  body: ['bodytext', 'textbody'],
  bullet: ['gachdaudong'],
};

export type Role = keyof typeof ROLE_NAMES;

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function roleOf(paragraph: Paragraph): Role | undefined {
  for (const candidate of [paragraph.styleId, paragraph.styleName]) {
    if (!candidate) continue;
    const folded = fold(candidate);
    for (const [role, names] of Object.entries(ROLE_NAMES)) if (names.includes(folded)) return role as Role;
  }
  return undefined;
}

/** Plain text, line breaks as "\n", trimmed, spaces collapsed. */
export function linesOf(paragraph: Paragraph): string[] {
  const text = paragraph.pieces.map((p) => ('text' in p ? p.text : '')).join('');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '');
}

export function textOf(paragraph: Paragraph): string {
  return linesOf(paragraph).join(' ');
}

const ESCAPE = /[\\*^{]/g;
const ESCAPE_IN_FOOTNOTE = /[\\*^{[\]]/g;

function escapeText(text: string, inFootnote: boolean): string {
  return text.replace(inFootnote ? ESCAPE_IN_FOOTNOTE : ESCAPE, (c) => `\\${c}`);
}

/** Runs as markup: a change of bold or italic writes its mark; marks are toggles, so "**"+"*" = "***". */
function runsMarkup(runs: readonly TextPiece[], inFootnote: boolean, ignoreBold: boolean, lineBreaks = false): string {
  let out = '';
  let bold = false;
  let italic = false;
  for (const run of runs) {
    const text = lineBreaks ? run.text : run.text.replace(/\n/g, ' ');
    if (text === '') continue;
    const wantBold = !ignoreBold && run.bold && text.trim() !== '';
    const wantItalic = run.italic && text.trim() !== '';
    // Spaces stay outside the marks: "**Ưu điểm:** công tác", not "**Ưu điểm: **công tác".
    const lead = /^\s*/.exec(text)![0];
    const trail = /\s*$/.exec(text)![0];
    const core = text.slice(lead.length, text.length - trail.length);
    if (core === '') {
      out += text;
      continue;
    }
    out += lead;
    if (wantBold !== bold) out += '**';
    if (wantItalic !== italic) out += '*';
    bold = wantBold;
    italic = wantItalic;
    out += escapeText(core, inFootnote) + trail;
  }
  if (bold) out = out.replace(/\s*$/, (s) => `**${s}`);
  if (italic) out = out.replace(/\s*$/, (s) => `*${s}`);
  return out;
}

export interface MarkupOptions {
  /** Drop bold marks (a heading is bold by its look; a total row too). */
  ignoreBold?: boolean;
  ignoreItalic?: boolean;
  /** Keep a line break inside the paragraph (`<w:br/>`) as "\n": the model's line break (a body paragraph). */
  lineBreaks?: boolean;
}

/** The paragraph's pieces (from `skip` characters of plain text on) as baocao markup. */
export function markupOf(pieces: readonly Piece[], options: MarkupOptions = {}): string {
  let out = '';
  let pending: TextPiece[] = [];
  const flush = () => {
    out += runsMarkup(pending.map((p) => (options.ignoreItalic ? { ...p, italic: false } : p)), false, options.ignoreBold === true, options.lineBreaks === true);
    pending = [];
  };
  for (const piece of pieces) {
    if ('text' in piece) pending.push(piece);
    else {
      flush();
      out += `^[${runsMarkup(piece.footnote, true, false).trim()}]`;
    }
  }
  flush();
  const text = out.replace(/[ \t\u00a0]+/g, ' ');
  return options.lineBreaks ? text.replace(/ ?\n ?/g, '\n').replace(/^\s+|\s+$/g, '') : text.trim();
}

/** Pieces without the first `count` characters of plain text (a typed label). */
export function dropLeadingText(pieces: readonly Piece[], count: number): Piece[] {
  const out: Piece[] = [];
  let left = count;
  for (const piece of pieces) {
    if (left > 0 && 'text' in piece) {
      if (piece.text.length <= left) {
        left -= piece.text.length;
        continue;
      }
      out.push({ ...piece, text: piece.text.slice(left) });
      left = 0;
    } else out.push(piece);
  }
  return out;
}

/** Pieces without leading white space (so a label's position is counted on the trimmed text). */
export function trimLeading(pieces: readonly Piece[]): Piece[] {
  const out = [...pieces];
  while (out.length > 0) {
    const first = out[0]!;
    if (!('text' in first)) break;
    const trimmed = first.text.replace(/^[\s\u00a0]+/, '');
    if (trimmed === '') out.shift();
    else {
      out[0] = { ...first, text: trimmed };
      break;
    }
  }
  return out;
}
