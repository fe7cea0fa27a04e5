/**
 * WordprocessingML paragraphs as data: every `w:p` of a part with its place in the XML, its
 * style id, its `w:pPr` and its pieces (text with run properties, footnote references, other runs
 * kept verbatim). Tracked changes are read as accepted: `w:ins`/`w:moveTo` content counts,
 * `w:del`/`w:moveFrom` content does not; `sawRevisions` says whether there were any.
 */
import type { XmlPiece } from '../comparable-document.js';

export interface OoxmlParagraph {
  /** Offset and length of the whole `<w:p …>…</w:p>` in the part. */
  start: number;
  length: number;
  styleId: string | undefined;
  pPr: string;
  pieces: XmlPiece[];
  /** Inside a `w:tbl` (the header and the Nơi nhận / signature tables). */
  inTable: boolean;
  /** The paragraph mark itself is a tracked deletion (Word joins it with the next one when accepted). */
  markDeleted: boolean;
}

export interface ParsedPart {
  paragraphs: OoxmlParagraph[];
  sawRevisions: boolean;
}

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

const PARAGRAPH = /<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g;
const TABLE = /<w:tbl>[\s\S]*?<\/w:tbl>|<w:tbl\s[^>]*>[\s\S]*?<\/w:tbl>/g;
const INNER = /<w:r\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:r>)|<(\/?)w:(ins|del|moveFrom|moveTo)\b[^>]*?(\/?)>/g;
const RUN_CONTENT = /<w:(t|tab|br|cr|noBreakHyphen|footnoteReference|delText|instrText)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:\1>)/g;

export function parseParagraphs(xml: string): ParsedPart {
  const tables: [number, number][] = [];
  for (const m of xml.matchAll(TABLE)) tables.push([m.index, m.index + m[0].length]);
  const paragraphs: OoxmlParagraph[] = [];
  let sawRevisions = false;
  for (const m of xml.matchAll(PARAGRAPH)) {
    const p = m[0];
    const pPr = /<w:pPr\b[\s\S]*?<\/w:pPr>|<w:pPr\/>/.exec(p)?.[0] ?? '';
    const styleId = /<w:pStyle w:val="([^"]+)"/.exec(pPr)?.[1];
    const markDeleted = /<w:rPr>[\s\S]*?<w:del\b[\s\S]*?<\/w:rPr>/.test(pPr);
    if (/<w:rPr>[\s\S]*?<w:(ins|del)\b[\s\S]*?<\/w:rPr>/.test(pPr)) sawRevisions = true;
    const inner = p.replace(pPr, '');
    const pieces: XmlPiece[] = [];
    let hidden = 0;
    for (const part of inner.matchAll(INNER)) {
      if (part[3] !== undefined) {
        if (part[4] === '/') continue;
        sawRevisions = true;
        const hides = part[3] === 'del' || part[3] === 'moveFrom';
        if (hides) hidden += part[2] === '/' ? -1 : 1;
        continue;
      }
      if (hidden > 0 || part[1] === undefined) continue;
      pieces.push(...runPieces(part[0], part[1]));
    }
    const at = m.index;
    paragraphs.push({
      start: at,
      length: p.length,
      styleId,
      pPr,
      pieces,
      inTable: tables.some(([a, b]) => at > a && at < b),
      markDeleted,
    });
  }
  return { paragraphs, sawRevisions };
}

function runPieces(runXml: string, content: string): XmlPiece[] {
  const rPr = /^<w:rPr>[\s\S]*?<\/w:rPr>/.exec(content)?.[0] ?? '';
  let text = '';
  const out: XmlPiece[] = [];
  let other = false;
  for (const c of content.matchAll(RUN_CONTENT)) {
    const name = c[1];
    if (name === 't') text += decodeXml(c[3] ?? '');
    else if (name === 'tab') text += '\t';
    else if (name === 'br' || name === 'cr') text += '\n';
    else if (name === 'noBreakHyphen') text += '\u2011';
    else if (name === 'footnoteReference') {
      const id = Number(/w:id="(-?\d+)"/.exec(c[2] ?? '')?.[1]);
      out.push({ kind: 'ref', footnote: id, xml: runXml });
    } else if (name === 'instrText') other = true;
  }
  if (/<w:(drawing|pict|object|fldChar|sym)\b/.test(content)) other = true;
  if (other && out.length === 0) return [{ kind: 'other', xml: runXml }];
  if (text !== '') out.unshift({ kind: 'text', text: text.normalize('NFC'), rPr });
  return out;
}

/** The plain text of a paragraph's pieces. */
export function piecesText(pieces: readonly XmlPiece[]): string {
  let out = '';
  for (const piece of pieces) if (piece.kind === 'text') out += piece.text;
  return out;
}
