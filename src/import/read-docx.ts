/**
 * The DOCX as import needs it: the body's paragraphs and tables in reading order, each paragraph
 * with its style (id and name), alignment, Word's automatic label (numbering.xml), runs with
 * bold/italic (direct formatting only: what a paragraph style makes bold is the style's look),
 * footnotes inline at their place, and the page orientation of its section. What cannot be
 * mapped (images, text boxes, comments, open tracked changes, fields other than page numbers)
 * is recorded on its paragraph, never dropped silently.
 */
import { decodeLegacy } from './legacy-encoding.js';
import { PackageProblem, WordPackage } from './read-package.js';
import { WordNumbering, numPrOf, type NumberedLabel } from '../word/word-numbering.js';
import { child, childElements, childVal, parseXml, toggle, type XmlElement } from '../word/xml-tree.js';

export interface TextPiece {
  text: string;
  bold: boolean;
  italic: boolean;
}
export interface FootnotePiece {
  footnote: TextPiece[];
}
export type Piece = TextPiece | FootnotePiece;

export interface Paragraph {
  kind: 'paragraph';
  /** Position among the document's paragraphs, 1-based (for messages). */
  position: number;
  styleId?: string;
  styleName?: string;
  align?: string;
  /** Word's automatic label ("1.", "a)", "-"), when the paragraph is in a list. */
  auto?: NumberedLabel;
  /** Word's outline level (w:outlineLvl 0–8, its own or its style's): a heading in the navigation pane, whatever its style's name. */
  outline?: number;
  pieces: Piece[];
  /** Every run bold, by direct formatting or by its style (a heading typed bold). */
  allBold: boolean;
  allItalic: boolean;
  /** What could not be mapped, each "what: quote". */
  unmapped: string[];
  landscape: boolean;
  /** A page break before (w:br type=page or pageBreakBefore). */
  pageBreak: boolean;
  /** Set by the body reader: the text ended with the closing mark "./." (removed). */
  closed?: boolean;
}

export interface Cell {
  paragraphs: Paragraph[];
  span: number;
  /** Vertical merge: a continuation cell is covered by the one above. */
  merge?: 'restart' | 'continue';
}

export interface Table {
  kind: 'table';
  position: number;
  rows: Cell[][];
  /** Rows marked to repeat as the header on each page (w:tblHeader). */
  headerRows: number;
  /** Column widths in twips (w:tblGrid). */
  grid: number[];
  /** Borders on (a data table) or all off (a layout table, like the header). */
  borderless: boolean;
  landscape: boolean;
}

export type Block = Paragraph | Table;

export interface WordDocument {
  blocks: Block[];
  paragraphCount: number;
  pages?: number;
}

interface StyleInfo {
  name: string;
  basedOn?: string;
  bold?: boolean;
  italic?: boolean;
  font?: string;
  numPr?: { numId: string; ilvl: number };
  outline?: number;
}

export { PackageProblem };

export function readWordDocument(bytes: Uint8Array): WordDocument {
  const pkg = new WordPackage(bytes);
  const document = parseXml(pkg.text('word/document.xml')!, 'word/document.xml');
  const stylesText = pkg.text('word/styles.xml');
  const numberingText = pkg.text('word/numbering.xml');
  const footnotesText = pkg.text('word/footnotes.xml');
  const reader = new Reader(
    stylesText ? parseXml(stylesText, 'word/styles.xml') : undefined,
    new WordNumbering(numberingText ? parseXml(numberingText, 'word/numbering.xml') : undefined),
  );
  if (footnotesText) reader.loadFootnotes(parseXml(footnotesText, 'word/footnotes.xml'));
  if (pkg.has('word/comments.xml')) reader.documentNotes.push('chú thích lề (comment)');
  const body = child(document, 'w:body');
  if (!body) throw new PackageProblem('corrupt', 'word/document.xml không có w:body');
  reader.readBody(body);
  const app = pkg.text('docProps/app.xml');
  const pages = app ? Number(/<Pages>(\d+)<\/Pages>/.exec(app)?.[1] ?? NaN) : NaN;
  return { blocks: reader.blocks, paragraphCount: reader.paragraphCount, ...(Number.isFinite(pages) ? { pages } : {}) };
}

class Reader {
  readonly blocks: Block[] = [];
  readonly documentNotes: string[] = [];
  paragraphCount = 0;
  private readonly styles = new Map<string, StyleInfo>();
  private defaultParagraphStyle?: string;
  private readonly footnotes = new Map<string, TextPiece[]>();
  /** Blocks since the last section break: they take that section's orientation when it ends. */
  private sectionStart = 0;
  private pendingPageBreak = false;

  constructor(
    styles: XmlElement | undefined,
    private readonly numbering: WordNumbering,
  ) {
    if (!styles) return;
    for (const style of childElements(styles, 'w:style')) {
      const id = style.attributes['w:styleId'];
      if (!id) continue;
      const rPr = child(style, 'w:rPr');
      const info: StyleInfo = { name: childVal(style, 'w:name') ?? id };
      const basedOn = childVal(style, 'w:basedOn');
      if (basedOn) info.basedOn = basedOn;
      const bold = toggle(rPr, 'w:b');
      if (bold !== undefined) info.bold = bold;
      const italic = toggle(rPr, 'w:i');
      if (italic !== undefined) info.italic = italic;
      const font = child(rPr, 'w:rFonts')?.attributes['w:ascii'];
      if (font) info.font = font;
      const numPr = numPrOf(child(style, 'w:pPr'));
      if (numPr) info.numPr = numPr;
      const outline = outlineOf(child(style, 'w:pPr'));
      if (outline !== undefined) info.outline = outline;
      this.styles.set(id, info);
      if (style.attributes['w:type'] === 'paragraph' && style.attributes['w:default'] === '1') this.defaultParagraphStyle = id;
    }
  }

  private styleProperty<K extends 'bold' | 'italic' | 'font' | 'numPr' | 'outline'>(id: string | undefined, key: K): StyleInfo[K] | undefined {
    for (let depth = 0; id && depth < 20; depth++) {
      const style = this.styles.get(id);
      if (!style) return undefined;
      if (style[key] !== undefined) return style[key];
      id = style.basedOn;
    }
    return undefined;
  }

  loadFootnotes(footnotes: XmlElement): void {
    for (const note of childElements(footnotes, 'w:footnote')) {
      const type = note.attributes['w:type'];
      if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
      const pieces: TextPiece[] = [];
      for (const p of childElements(note, 'w:p')) {
        const paragraph = this.paragraph(p, true);
        if (pieces.length > 0) pieces.push({ text: ' ', bold: false, italic: false });
        for (const piece of paragraph.pieces) if ('text' in piece) pieces.push(piece);
      }
      // Word puts a space after the footnote mark; it is not part of the note.
      if (pieces[0]) pieces[0] = { ...pieces[0], text: pieces[0].text.replace(/^\s+/, '') };
      this.footnotes.set(note.attributes['w:id'] ?? '', pieces.filter((p) => p.text !== ''));
    }
  }

  readBody(body: XmlElement): void {
    for (const element of childElements(body)) this.bodyElement(element, this.blocks);
    const last = child(body, 'w:sectPr');
    this.endSection(last);
  }

  private bodyElement(element: XmlElement, into: Block[]): void {
    if (element.name === 'w:p') {
      const paragraph = this.paragraph(element, false);
      into.push(paragraph);
      const sectPr = child(child(element, 'w:pPr'), 'w:sectPr');
      if (sectPr && into === this.blocks) this.endSection(sectPr);
    } else if (element.name === 'w:tbl') into.push(this.table(element));
    else if (element.name === 'w:sdt') {
      for (const inner of childElements(child(element, 'w:sdtContent') ?? element)) this.bodyElement(inner, into);
    } else if (element.name === 'w:customXml') {
      for (const inner of childElements(element)) this.bodyElement(inner, into);
    }
  }

  private endSection(sectPr: XmlElement | undefined): void {
    const size = child(sectPr, 'w:pgSz');
    const landscape = size?.attributes['w:orient'] === 'landscape' || Number(size?.attributes['w:w'] ?? 0) > Number(size?.attributes['w:h'] ?? Infinity);
    for (let i = this.sectionStart; i < this.blocks.length; i++) this.blocks[i]!.landscape = landscape;
    this.sectionStart = this.blocks.length;
  }

  private table(tbl: XmlElement): Table {
    // The table's place: its first paragraph's.
    const position = this.paragraphCount + 1;
    const borders = child(child(tbl, 'w:tblPr'), 'w:tblBorders');
    const styleId = childVal(child(tbl, 'w:tblPr'), 'w:tblStyle');
    const borderValues = borders ? childElements(borders).map((b) => b.attributes['w:val']) : [];
    const borderless = borders ? borderValues.every((v) => v === 'nil' || v === 'none') : !styleId || /normal|table ?normal/i.test(styleId);
    const rows: Cell[][] = [];
    let headerRows = 0;
    const grid = childElements(child(tbl, 'w:tblGrid') ?? tbl, 'w:gridCol').map((g) => Number(g.attributes['w:w'] ?? 0));
    for (const tr of childElements(tbl, 'w:tr')) {
      if (toggle(child(tr, 'w:trPr'), 'w:tblHeader') === true && headerRows === rows.length) headerRows++;
      const cells: Cell[] = [];
      for (const tc of childElements(tr, 'w:tc')) {
        const tcPr = child(tc, 'w:tcPr');
        const span = Number(childVal(tcPr, 'w:gridSpan') ?? 1);
        const vMerge = child(tcPr, 'w:vMerge');
        const paragraphs: Paragraph[] = [];
        for (const inner of childElements(tc)) {
          if (inner.name === 'w:p') paragraphs.push(this.paragraph(inner, false));
          else if (inner.name === 'w:tbl') {
            const nested = this.table(inner);
            paragraphs.push(...nested.rows.flat().flatMap((c) => c.paragraphs));
          }
        }
        const cell: Cell = { paragraphs, span };
        if (vMerge) cell.merge = vMerge.attributes['w:val'] === 'restart' ? 'restart' : 'continue';
        cells.push(cell);
      }
      rows.push(cells);
    }
    return { kind: 'table', position, rows, headerRows, grid, borderless, landscape: false };
  }

  private paragraph(p: XmlElement, inFootnote: boolean): Paragraph {
    if (!inFootnote) this.paragraphCount++;
    const pPr = child(p, 'w:pPr');
    const styleId = childVal(pPr, 'w:pStyle') ?? this.defaultParagraphStyle;
    const styleBold = this.styleProperty(styleId, 'bold') ?? false;
    const styleItalic = this.styleProperty(styleId, 'italic') ?? false;
    const paragraph: Paragraph = {
      kind: 'paragraph',
      position: this.paragraphCount,
      pieces: [],
      allBold: true,
      allItalic: true,
      unmapped: [],
      landscape: false,
      pageBreak: this.pendingPageBreak || toggle(pPr, 'w:pageBreakBefore') === true,
    };
    this.pendingPageBreak = false;
    if (styleId) {
      paragraph.styleId = styleId;
      const name = this.styles.get(styleId)?.name;
      if (name) paragraph.styleName = name;
    }
    const align = childVal(pPr, 'w:jc');
    if (align) paragraph.align = align;
    const outline = outlineOf(pPr) ?? this.styleProperty(styleId, 'outline');
    // Level 9 is Word's "body text": not a heading.
    if (outline !== undefined && outline < 9) paragraph.outline = outline;
    if (!inFootnote) {
      const numPr = numPrOf(pPr) ?? this.styleProperty(styleId, 'numPr');
      if (numPr && numPr.numId !== '0') {
        const label = this.numbering.next(numPr.numId, numPr.ilvl);
        if (label) paragraph.auto = label;
      }
    }
    let sawText = false;
    let inField: 'instruction' | 'result' | undefined;
    const styleFont = this.styleProperty(styleId, 'font');
    const addText = (text: string, rPr: XmlElement | undefined) => {
      if (text === '') return;
      const rStyle = childVal(rPr, 'w:rStyle');
      const bold = toggle(rPr, 'w:b') ?? this.styleProperty(rStyle, 'bold') ?? false;
      const italic = toggle(rPr, 'w:i') ?? this.styleProperty(rStyle, 'italic') ?? false;
      const font = child(rPr, 'w:rFonts')?.attributes['w:ascii'] ?? child(rPr, 'w:rFonts')?.attributes['w:hAnsi'] ?? styleFont;
      const decoded = decodeLegacy(text, font);
      if (decoded.trim() !== '') {
        sawText = true;
        if (!(bold || styleBold)) paragraph.allBold = false;
        if (!(italic || styleItalic)) paragraph.allItalic = false;
      }
      const last = paragraph.pieces[paragraph.pieces.length - 1];
      if (last && 'text' in last && last.bold === bold && last.italic === italic) last.text += decoded;
      else paragraph.pieces.push({ text: decoded, bold, italic });
    };
    const quote = () => plainText(paragraph.pieces).slice(-40);
    const visit = (element: XmlElement, deleted: boolean) => {
      for (const node of element.children) {
        if (typeof node === 'string') continue;
        switch (node.name) {
          case 'w:pPr':
            break;
          case 'w:r':
            run(node, deleted);
            break;
          case 'w:ins':
            paragraph.unmapped.push(`thay đổi chưa chấp nhận (chèn) sau "${quote()}"`);
            visit(node, deleted);
            break;
          case 'w:del':
            paragraph.unmapped.push(`thay đổi chưa chấp nhận (xóa) sau "${quote()}": phần bị xóa không được nhập`);
            break;
          case 'w:moveFrom':
            break;
          case 'w:fldSimple': {
            const instruction = (node.attributes['w:instr'] ?? '').trim();
            if (!/^PAGE\b|^NUMPAGES\b/i.test(instruction)) paragraph.unmapped.push(`trường (field) ${instruction.split(/\s+/)[0] ?? ''} sau "${quote()}": chỉ giữ chữ đang hiện`);
            visit(node, deleted);
            break;
          }
          case 'w:commentRangeStart':
            paragraph.unmapped.push(`chú thích lề (comment) tại "${quote()}"`);
            break;
          case 'w:hyperlink':
          case 'w:smartTag':
          case 'w:customXml':
          case 'w:moveTo':
          case 'w:dir':
          case 'w:bdo':
            visit(node, deleted);
            break;
          case 'w:sdt':
            visit(child(node, 'w:sdtContent') ?? node, deleted);
            break;
          default:
            break;
        }
      }
    };
    const run = (r: XmlElement, deleted: boolean) => {
      if (deleted) return;
      const rPr = child(r, 'w:rPr');
      for (const node of r.children) {
        if (typeof node === 'string') continue;
        switch (node.name) {
          case 'w:t':
            if (inField !== 'instruction') addText(node.children.filter((c): c is string => typeof c === 'string').join(''), rPr);
            break;
          case 'w:tab':
          case 'w:ptab':
            addText(' ', rPr);
            break;
          case 'w:br':
          case 'w:cr':
            if (node.attributes['w:type'] === 'page') {
              if (sawText) paragraph.unmapped.push(`ngắt trang giữa đoạn sau "${quote()}"`);
              else paragraph.pageBreak = true;
              if (!sawText) break;
            }
            addText('\n', rPr);
            break;
          case 'w:noBreakHyphen':
            addText('-', rPr);
            break;
          case 'w:softHyphen':
            break;
          case 'w:footnoteReference': {
            const note = this.footnotes.get(node.attributes['w:id'] ?? '');
            if (note) paragraph.pieces.push({ footnote: note });
            break;
          }
          case 'w:endnoteReference':
            paragraph.unmapped.push(`chú thích cuối văn bản (endnote) sau "${quote()}"`);
            break;
          case 'w:drawing':
          case 'w:pict':
          case 'w:object': {
            const boxes = findTextBoxes(node);
            if (boxes.length > 0) {
              for (const box of boxes) paragraph.unmapped.push(`khung chữ (text box): "${box.slice(0, 60)}"`);
            } else paragraph.unmapped.push(`hình ảnh sau "${quote()}"`);
            break;
          }
          case 'w:fldChar': {
            const type = node.attributes['w:fldCharType'];
            inField = type === 'begin' ? 'instruction' : type === 'separate' ? 'result' : undefined;
            break;
          }
          case 'w:instrText': {
            const instruction = node.children.filter((c): c is string => typeof c === 'string').join('').trim();
            if (instruction && !/^PAGE\b|^NUMPAGES\b/i.test(instruction)) paragraph.unmapped.push(`trường (field) ${instruction.split(/\s+/)[0]} sau "${quote()}": chỉ giữ chữ đang hiện`);
            break;
          }
          case 'w:commentReference':
            break;
          default:
            break;
        }
      }
    };
    visit(p, false);
    if (!sawText) {
      paragraph.allBold = false;
      paragraph.allItalic = false;
    }
    if (!inFootnote && childElements(p, 'w:r').some((r) => childElements(r, 'w:br').some((b) => b.attributes['w:type'] === 'page')) && !sawText) {
      this.pendingPageBreak = true;
    }
    return paragraph;
  }
}

function outlineOf(pPr: XmlElement | undefined): number | undefined {
  const value = childVal(pPr, 'w:outlineLvl');
  return value !== undefined && /^\d$/.test(value) ? Number(value) : undefined;
}

function findTextBoxes(element: XmlElement): string[] {
  const out: string[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'w:txbxContent') out.push(textOf(c));
      else walk(c);
    }
  };
  walk(element);
  return out;
}

function textOf(element: XmlElement): string {
  let out = '';
  for (const c of element.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'w:t') out += c.children.filter((x): x is string => typeof x === 'string').join('');
    else if (c.name === 'w:p' && out !== '') out += ' ' + textOf(c);
    else out += textOf(c);
  }
  return out;
}

export function plainText(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('text' in p ? p.text : '')).join('');
}
