/**
 * WordprocessingML paragraphs as data, read with a real XML parser (saxes): every `w:p` of a part
 * with its place in the XML, its style id, its `w:pPr` and its pieces (text with run properties,
 * footnote references, other runs kept verbatim), and where it sits (a table cell, a text box, a
 * footnote). What Word shows is what is read:
 * - tracked changes as accepted: `w:ins`/`w:moveTo` content counts, `w:del`/`w:moveFrom` content
 *   and rows deleted with `w:trPr/w:del` do not; `sawRevisions` says whether there were any;
 * - fields by their result (the text between `separate` and `end`), never their instructions;
 * - text boxes (`w:txbxContent`) as paragraphs of their own, after the paragraph that anchors
 *   them; `mc:AlternateContent` by its first choice only, so a DrawingML text box and its VML
 *   fallback are read once;
 * - hyperlinks, content controls (`w:sdt`), smart tags: their runs, as if they were not there.
 * A DOCTYPE is refused (no part of a Word package has one, and a DTD can expand entities), as is a
 * part nested deeper than Word itself writes.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { XmlPiece } from '../comparable-document.js';

/** Where a paragraph sits in a table: the innermost cell holding it. */
export interface CellPlace {
  /** Index of the table among all tables of the part, in opening order. */
  table: number;
  row: number;
  /** Index of the cell in its row, and its first grid column (after merged cells). */
  cell: number;
  gridColumn: number;
  /** Grid columns the cell covers. */
  span: number;
  /** Where a row revision mark goes: just before the row's `</w:trPr>`, or after its `<w:tr …>` when it has none (then `trPr` is false). */
  rowMarkAt: number;
  trPr: boolean;
  /** The row repeats as the table's header (`w:tblHeader`). */
  headerRow: boolean;
  /** 1 for a table in the body, 2 for a table inside a cell, … */
  depth: number;
}

export interface OoxmlParagraph {
  /** Offset and length of the whole `<w:p …>…</w:p>` in the part. */
  start: number;
  length: number;
  styleId: string | undefined;
  pPr: string;
  pieces: XmlPiece[];
  /** Inside a `w:tbl` (the header and the Nơi nhận / signature tables). */
  inTable: boolean;
  cell?: CellPlace;
  /** Inside a text box, that is inside another paragraph's run. */
  nested: boolean;
  /** The paragraph mark itself is a tracked deletion (Word joins it with the next one when accepted). */
  markDeleted: boolean;
  /** The `w:id` of the footnote holding the paragraph (footnotes part only), and whether it is a normal note. */
  note?: { id: number; normal: boolean };
}

/** A section's end (`w:sectPr`): where it stands in the part, and the headers and footers it names. */
export interface SectionBreak {
  at: number;
  refs: { kind: 'header' | 'footer'; type: string; relationship: string }[];
}

export interface ParsedPart {
  paragraphs: OoxmlParagraph[];
  /** The document's sections in order (the last is the body's own `w:sectPr`). */
  sections: SectionBreak[];
  sawRevisions: boolean;
  /** Number of text boxes read. */
  textBoxes: number;
}

export class XmlRefused extends Error {
  constructor(
    readonly reason: 'dtd' | 'malformed' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** Word writes tables nested at most 63 deep (about 4 elements a level); deeper is not a Word file. */
export const MAX_ELEMENT_DEPTH = 400;
export const MAX_PARAGRAPHS = 200_000;

const W = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Elements whose content is never text of the document. */
const SKIPPED = new Set(['instrText', 'delInstrText', 'delText', 'sdtPr', 'sdtEndPr', 'tblPr', 'tblGrid', 'tblPrEx', 'rPrChange', 'pPrChange', 'sectPr', 'customXmlPr', 'smartTagPr', 'fldData']);
/** Run content read as a character of text (a tab, a line break, a hyphen). */
const TEXT_MARKS = new Set(['tab', 'br', 'cr', 'noBreakHyphen', 'softHyphen']);
/** Elements whose content is hidden once tracked changes are accepted. */
const HIDDEN = new Set(['del', 'moveFrom']);
/**
 * Run content that is not text but must be kept with the run (a picture, a field mark, a symbol).
 * A note's own number mark (`w:footnoteRef`) is not here: it is no part of the note's text and the
 * redline writes it again, so its run is no piece at all.
 */
const OTHER = new Set(['drawing', 'pict', 'object', 'fldChar', 'sym', 'ptab', 'endnoteReference', 'commentReference', 'annotationRef', 'separator', 'continuationSeparator', 'ruby']);

interface RunState {
  start: number;
  rPr: string;
  text: string;
  /** Offsets of the run's own text elements, cut out of the kept XML when the run also holds a picture. */
  textElements: [number, number][];
  other: boolean;
  refs: number[];
  paragraph: ParagraphState;
}

interface ParagraphState {
  start: number;
  pPr: string;
  styleId: string | undefined;
  pieces: XmlPiece[];
  cell: CellPlace | undefined;
  nested: boolean;
  markDeleted: boolean;
  note: { id: number; normal: boolean } | undefined;
}

interface TableState {
  rowMarkAt: number;
  trPr: boolean;
  id: number;
  row: number;
  cell: number;
  gridColumn: number;
  span: number;
  headerRow: boolean;
}

const local = (tag: SaxesTagNS) => (W.has(tag.uri) ? tag.local : tag.uri === MC ? `mc:${tag.local}` : `${tag.uri}|${tag.local}`);
const wAttr = (tag: SaxesTagNS, name: string): string | undefined => {
  for (const a of Object.values(tag.attributes)) if (a.local === name && (W.has(a.uri) || a.uri === '')) return a.value;
  return undefined;
};

export function parseParagraphs(xml: string): ParsedPart {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: OoxmlParagraph[] = [];
  let sawRevisions = false;
  let textBoxes = 0;
  const sections: SectionBreak[] = [];
  /** Names on the open path, as `local` gives them. */
  const path: string[] = [];
  /** Depth at which skipping started (content ignored until that element closes), or -1. */
  let skipFrom = -1;
  let hiddenFrom = -1;
  const paragraphs: ParagraphState[] = [];
  const runs: RunState[] = [];
  const tables: TableState[] = [];
  let tableCount = 0;
  /** Fields open in the story: true once past `separate` (their result is text). */
  const fields: boolean[] = [];
  /** mc:AlternateContent: whether a choice was already taken, per open element. */
  const alternates: boolean[] = [];
  let note: { id: number; normal: boolean } | undefined;
  let tagStart = 0;
  let pPrStart = -1;
  let rPrStart = -1;
  let textStart = -1;
  /** Depth of a row deleted as a tracked change (its content is hidden once its trPr is read), or -1. */
  let rowDeleted = -1;

  const inFieldCode = () => fields.some((result) => !result);
  const run = () => runs[runs.length - 1];
  const paragraph = () => paragraphs[paragraphs.length - 1];

  parser.on('doctype', () => {
    throw new XmlRefused('dtd', 'phần XML có khai báo DOCTYPE');
  });
  parser.on('opentagstart', () => {
    tagStart = xml.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag) => {
    const name = local(tag);
    path.push(name);
    if (path.length > MAX_ELEMENT_DEPTH) throw new XmlRefused('too-large', `phần XML lồng sâu hơn ${MAX_ELEMENT_DEPTH} mức`);
    const depth = path.length;
    if (skipFrom >= 0 || hiddenFrom >= 0) {
      // Inside skipped content only revision marks are looked at.
      if (pPrStart >= 0 && (name === 'del' || name === 'ins') && path[depth - 2] === 'rPr') {
        sawRevisions = true;
        if (name === 'del') paragraph()!.markDeleted = true;
      }
      if (pPrStart >= 0 && name === 'pStyle' && path[depth - 2] === 'pPr') paragraph()!.styleId = wAttr(tag, 'val');
      // a section ending at this paragraph (its w:pPr holds the section's w:sectPr)
      if (pPrStart >= 0 && name === 'sectPr' && path[depth - 2] === 'pPr') sections.push({ at: tagStart, refs: [] });
      if ((name === 'headerReference' || name === 'footerReference') && path[depth - 2] === 'sectPr' && sections.length > 0) {
        const relationship = Object.values(tag.attributes).find((a) => a.local === 'id' && !W.has(a.uri))?.value;
        if (relationship) sections[sections.length - 1]!.refs.push({ kind: name === 'headerReference' ? 'header' : 'footer', type: wAttr(tag, 'type') ?? 'default', relationship });
      }
      if (skipFrom >= 0 && path[skipFrom - 1] === 'trPr' && (name === 'del' || name === 'ins')) {
        sawRevisions = true;
        if (name === 'del') rowDeleted = depth - 2;
      }
      if (skipFrom >= 0 && path[skipFrom - 1] === 'trPr' && name === 'tblHeader' && wAttr(tag, 'val') !== '0' && wAttr(tag, 'val') !== 'false') {
        const t = tables[tables.length - 1];
        if (t) t.headerRow = true;
      }
      if (skipFrom >= 0 && path[skipFrom - 1] === 'tcPr' && name === 'gridSpan') {
        const t = tables[tables.length - 1];
        if (t) t.span = Math.max(1, Number(wAttr(tag, 'val')) || 1);
      }
      return;
    }
    switch (TEXT_MARKS.has(name) ? 'textMark' : name) {
      case 'mc:AlternateContent':
        alternates.push(false);
        return;
      case 'mc:Choice':
      case 'mc:Fallback':
        if (alternates[alternates.length - 1]) skipFrom = depth;
        else alternates[alternates.length - 1] = true;
        return;
      case 'footnote':
      case 'endnote': {
        const type = wAttr(tag, 'type');
        note = { id: Number(wAttr(tag, 'id')), normal: type === undefined || type === 'normal' };
        return;
      }
      case 'tbl':
        tables.push({ rowMarkAt: -1, trPr: false, id: tableCount++, row: -1, cell: -1, gridColumn: 0, span: 1, headerRow: false });
        return;
      case 'tr': {
        const t = tables[tables.length - 1];
        if (t) {
          t.row++;
          t.cell = -1;
          t.headerRow = false;
          t.rowMarkAt = parser.position;
          t.trPr = false;
          t.gridColumn = 0;
        }
        return;
      }
      case 'tc': {
        const t = tables[tables.length - 1];
        if (t) {
          t.cell++;
          t.span = 1;
        }
        return;
      }
      case 'trPr':
      case 'tcPr':
        skipFrom = depth;
        return;
      case 'txbxContent':
        textBoxes++;
        return;
      case 'p': {
        if (paragraphs.length + out.length >= MAX_PARAGRAPHS) throw new XmlRefused('too-large', `phần XML có hơn ${MAX_PARAGRAPHS} đoạn văn`);
        const t = tables[tables.length - 1];
        paragraphs.push({
          start: tagStart,
          pPr: '',
          styleId: undefined,
          pieces: [],
          cell: t ? { table: t.id, row: t.row, cell: t.cell, gridColumn: t.gridColumn, span: t.span, rowMarkAt: t.rowMarkAt, trPr: t.trPr, headerRow: t.headerRow, depth: tables.length } : undefined,
          nested: runs.length > 0,
          markDeleted: false,
          note,
        });
        return;
      }
      case 'pPr':
        if (paragraph() && path[depth - 2] === 'p') {
          pPrStart = tagStart;
          skipFrom = depth;
        }
        return;
      case 'r':
        if (paragraph()) runs.push({ start: tagStart, rPr: '', text: '', textElements: [], other: false, refs: [], paragraph: paragraph()! });
        return;
      case 'rPr':
        if (run() && path[depth - 2] === 'r') rPrStart = tagStart;
        skipFrom = depth;
        return;
      case 'ins':
      case 'moveTo':
        sawRevisions = true;
        return;
      case 't':
        if (run()) textStart = tagStart;
        return;
      case 'textMark': {
        const r = run();
        if (r && !inFieldCode()) {
          const isPageBreak = name === 'br' && (wAttr(tag, 'type') === 'page' || wAttr(tag, 'type') === 'column');
          r.text += name === 'tab' ? '\t' : name === 'noBreakHyphen' ? '\u2011' : name === 'softHyphen' ? '' : isPageBreak ? '' : '\n';
          r.textElements.push([tagStart, -1]);
        }
        return;
      }
      case 'footnoteReference': {
        const r = run();
        if (r) r.refs.push(Number(wAttr(tag, 'id')));
        return;
      }
      case 'fldChar': {
        const type = wAttr(tag, 'fldCharType');
        if (type === 'begin') fields.push(false);
        else if (type === 'separate' && fields.length > 0) fields[fields.length - 1] = true;
        else if (type === 'end') fields.pop();
        if (run()) run()!.other = true;
        skipFrom = depth;
        return;
      }
      default:
        break;
    }
    if (HIDDEN.has(name)) {
      sawRevisions = true;
      hiddenFrom = depth;
      return;
    }
    if (SKIPPED.has(name)) {
      if (name === 'instrText' && run()) run()!.other = true;
      if (name === 'sectPr') sections.push({ at: tagStart, refs: [] });
      if (name === 'rPrChange' || name === 'pPrChange') sawRevisions = true;
      skipFrom = depth;
      return;
    }
    if (OTHER.has(name) && run()) run()!.other = true;
  });
  parser.on('text', (text) => {
    if (skipFrom >= 0 || hiddenFrom >= 0) return;
    const r = run();
    if (r && path[path.length - 1] === 't' && !inFieldCode()) r.text += text;
  });
  parser.on('cdata', (text) => {
    if (skipFrom >= 0 || hiddenFrom >= 0) return;
    const r = run();
    if (r && path[path.length - 1] === 't' && !inFieldCode()) r.text += text;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag);
    const depth = path.length;
    const end = parser.position;
    path.pop();
    if (skipFrom === depth) {
      skipFrom = -1;
      if (name === 'pPr' && pPrStart >= 0) {
        paragraph()!.pPr = xml.slice(pPrStart, end);
        pPrStart = -1;
      } else if (name === 'rPr' && rPrStart >= 0) {
        run()!.rPr = xml.slice(rPrStart, end);
        rPrStart = -1;
      } else if (name === 'tcPr') {
        // the span is known now; the column advances when the cell closes
      } else if (name === 'trPr') {
        const t = tables[tables.length - 1];
        if (t && xml[end - 2] !== '/') {
          t.rowMarkAt = xml.lastIndexOf('</', end - 1);
          t.trPr = true;
        }
        if (rowDeleted >= 0) {
          hiddenFrom = rowDeleted;
          rowDeleted = -1;
        }
      }
      return;
    }
    if (hiddenFrom === depth) {
      hiddenFrom = -1;
      return;
    }
    if (skipFrom >= 0 || hiddenFrom >= 0) return;
    switch (TEXT_MARKS.has(name) ? 'textMark' : name) {
      case 'mc:AlternateContent':
        alternates.pop();
        return;
      case 'footnote':
      case 'endnote':
        note = undefined;
        return;
      case 'tbl':
        tables.pop();
        return;
      case 'tc': {
        const t = tables[tables.length - 1];
        if (t) t.gridColumn += t.span;
        return;
      }
      case 't':
        if (run() && textStart >= 0) run()!.textElements.push([textStart, end]);
        textStart = -1;
        return;
      case 'textMark': {
        const r = run();
        const last = r?.textElements[r.textElements.length - 1];
        if (last && last[1] === -1) last[1] = end;
        return;
      }
      case 'r': {
        const r = runs.pop();
        if (r) r.paragraph.pieces.push(...runPieces(xml, r, end));
        return;
      }
      case 'p': {
        const p = paragraphs.pop();
        if (!p) return;
        out.push({
          start: p.start,
          length: end - p.start,
          styleId: p.styleId,
          pPr: p.pPr,
          pieces: p.pieces,
          inTable: p.cell !== undefined,
          ...(p.cell ? { cell: p.cell } : {}),
          nested: p.nested,
          markDeleted: p.markDeleted,
          ...(p.note ? { note: p.note } : {}),
        });
        return;
      }
      default:
        return;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof XmlRefused) throw error;
    throw new XmlRefused('malformed', error instanceof Error ? error.message : String(error));
  }
  out.sort((a, b) => a.start - b.start);
  return { paragraphs: out, sections, sawRevisions, textBoxes };
}

function runPieces(xml: string, r: RunState, end: number): XmlPiece[] {
  const out: XmlPiece[] = [];
  const text = r.text.normalize('NFC');
  if (r.refs.length > 0) {
    if (text !== '') out.push({ kind: 'text', text, rPr: r.rPr });
    for (const id of r.refs) out.push({ kind: 'ref', footnote: id, xml: xml.slice(r.start, end) });
    return out;
  }
  if (!r.other) return text === '' ? [] : [{ kind: 'text', text, rPr: r.rPr }];
  if (text !== '') out.push({ kind: 'text', text, rPr: r.rPr });
  const cut = text === '' ? [] : r.textElements.filter(([, e]) => e >= 0);
  out.push({ kind: 'other', xml: spliceOut(xml, r.start, end, cut), source: { start: r.start, end, cut } });
  return out;
}

/** `xml[start, end)` without the given ranges (sorted, inside it). */
export function spliceOut(xml: string, start: number, end: number, cut: readonly (readonly [number, number])[]): string {
  let out = '';
  let at = start;
  for (const [a, b] of cut) {
    out += xml.slice(at, a);
    at = b;
  }
  return out + xml.slice(at, end);
}

/** The plain text of a paragraph's pieces. */
export function piecesText(pieces: readonly XmlPiece[]): string {
  let out = '';
  for (const piece of pieces) if (piece.kind === 'text') out += piece.text;
  return out;
}
