/**
 * A .docx as a comparable document, read from the package itself (word/document.xml,
 * word/footnotes.xml, word/styles.xml), so a file edited by hand in Word compares as shown.
 * Paragraph styles give the structure of our documents (the header table, headings, bullets,
 * Nơi nhận); a DOCX without our header styles is read as paragraphs and footnotes, with a notice.
 */
import { nameTable, type CellRef, type ComparableDocument, type FootnoteDoc, type Para, type ParaInline, type ParaKind, type TableGrid, type XmlPiece, type Zone } from '../comparable-document.js';
import { DepthTracker, splitLabel } from './section-labels.js';
import { parseParagraphs, piecesText, XmlRefused, type OoxmlParagraph, type ParsedPart } from './ooxml-paragraphs.js';
import { readStyleNames } from './docx-styles.js';
// The Word frames' style ids straight from their table: through the pipeline's door, reading a .docx
// would load the whole pipeline (zod, yaml, the stages) for one constant.
import { codeStyles, type CodeStyle } from '../../render/docx/style-ids.js';
import { SafeZip } from './read-zip.js';
import { readFrames } from './header-footer.js';
import { numPrOf, styleNumbering, WordNumbering } from '../../word/word-numbering.js';
import { parseXml, XmlProblem, type XmlElement } from '../../word/xml-tree.js';

type Role = { zone: Zone; kind: ParaKind } | 'skip';

/**
 * The frame styles of our templates (ids and names as the template builder writes them; the
 * names with a comma are those of versions before the schema-valid "… và …" names).
 */
const FRAME_STYLES: readonly { ids: string[]; role: Role }[] = [
  { ids: ['CoQuanChuQuan', 'Cơ quan chủ quản'], role: { zone: 'co_quan_chu_quan', kind: 'field' } },
  { ids: ['CoQuanBanHanh', 'Cơ quan ban hành'], role: { zone: 'co_quan', kind: 'field' } },
  { ids: ['SoKyHieu', 'Số và ký hiệu', 'Số, ký hiệu'], role: { zone: 'so', kind: 'field' } },
  { ids: ['DiaDanhNgay', 'Địa danh và ngày tháng', 'Địa danh, ngày tháng'], role: { zone: 'dia_danh_ngay', kind: 'field' } },
  { ids: ['TenLoai', 'Tên loại văn bản'], role: { zone: 'ten_loai', kind: 'field' } },
  { ids: ['TrichYeu', 'Trích yếu'], role: { zone: 'trich_yeu', kind: 'field' } },
  { ids: ['BanHanhKemTheo', 'Ban hành kèm theo'], role: { zone: 'ban_hanh_kem_theo', kind: 'field' } },
  { ids: ['KinhGui', 'Kính gửi (một nơi)', 'KinhGuiDong', 'Kính gửi - dòng'], role: { zone: 'kinh_gui', kind: 'field' } },
  { ids: ['NoiNhanDong', 'Nơi nhận - dòng'], role: { zone: 'noi_nhan', kind: 'field' } },
  { ids: ['QuyenHanChucVu', 'Quyền hạn và chức vụ người ký', 'Quyền hạn, chức vụ người ký', 'HoTenNguoiKy', 'Họ tên người ký'], role: { zone: 'nguoi_ky', kind: 'field' } },
  {
    ids: ['QuocHieu', 'Quốc hiệu', 'TieuNgu', 'Tiêu ngữ', 'KinhGuiNhan', 'Kính gửi (nhiều nơi)', 'NoiNhan', 'Nơi nhận', 'DongThe'],
    role: 'skip',
  },
];

const BODY_STYLES: readonly CodeStyle[] = ['heading1', 'heading2', 'heading3', 'body', 'bullet'];
const KINH_GUI_PREFIX = /^Kính gửi:\s*/u;

const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Style id → role, from styles.xml: by id first (our ids are stable), then by name, as a round trip
 * through an editor may rename ids. Old and new spellings of our style names are both known.
 */
function styleRoles(stylesXml: string): Map<string, Role> {
  const roles = new Map<string, Role>();
  const byName = new Map<string, Role>();
  for (const frame of FRAME_STYLES) for (const id of frame.ids) byName.set(fold(id), frame.role);
  for (const style of BODY_STYLES) {
    const c = codeStyles[style];
    for (const id of [c.id, ...c.aliases]) byName.set(fold(id), { zone: 'body', kind: style as ParaKind });
  }
  for (const { id, name } of readStyleNames(stylesXml)) {
    const role = byName.get(fold(id)) ?? byName.get(fold(name));
    if (role) roles.set(id, role);
  }
  return roles;
}

interface Footnotes {
  byId: Map<number, { pieces: XmlPiece[]; pPr: string }>;
}

function readFootnotes(xml: string | undefined): Footnotes {
  const byId = new Map<number, { pieces: XmlPiece[]; pPr: string }>();
  if (!xml) return { byId };
  const grouped = new Map<number, OoxmlParagraph[]>();
  for (const p of parseParagraphs(xml).paragraphs) {
    if (!p.note?.normal || !Number.isInteger(p.note.id)) continue;
    grouped.set(p.note.id, [...(grouped.get(p.note.id) ?? []), p]);
  }
  for (const [id, paragraphs] of grouped) {
    const pieces: XmlPiece[] = [];
    paragraphs.forEach((p, i) => {
      if (i > 0) pieces.push({ kind: 'text', text: '\n', rPr: '' });
      pieces.push(...p.pieces);
    });
    // The separator space after the reference mark is not part of the note's text.
    const first = pieces[0];
    if (first?.kind === 'text') {
      const trimmed = first.text.replace(/^\s+/, '');
      if (trimmed === '') pieces.shift();
      else pieces[0] = { ...first, text: trimmed };
    }
    byId.set(id, { pieces, pPr: paragraphs[0]?.pPr ?? '' });
  }
  return { byId };
}

export interface DocxRead {
  document: ComparableDocument;
  /** The XML parts, for the redline writer. */
  parts: { document: string; footnotes: string | undefined };
}

export function readDocx(bytes: Uint8Array, file: string): DocxRead {
  const zip = new SafeZip(bytes);
  const documentXml = zip.text('word/document.xml');
  if (documentXml === undefined) throw new NotWordDocument();
  refuseDoctypes(zip);
  const footnotesXml = zip.text('word/footnotes.xml');
  const stylesXml = zip.text('word/styles.xml') ?? '';
  const roles = styleRoles(stylesXml);
  const parsed: ParsedPart = parseParagraphs(documentXml);
  const autoLabels = numberingLabels(parsed.paragraphs, stylesXml, zip.text('word/numbering.xml'));
  const notes = readFootnotes(footnotesXml);
  const structured = parsed.paragraphs.some((p) => {
    const role = p.styleId ? roles.get(p.styleId) : undefined;
    return role !== undefined && role !== 'skip' && (role.zone === 'so' || role.zone === 'trich_yeu');
  });

  const footnotes: FootnoteDoc[] = [];
  const footnoteIndex = new Map<number, number>();
  const citeFootnote = (id: number): number | undefined => {
    const known = footnoteIndex.get(id);
    if (known !== undefined) return known;
    const note = notes.byId.get(id);
    if (!note) return undefined;
    footnoteIndex.set(id, footnotes.length);
    footnotes.push({ text: piecesText(note.pieces), docx: { id, pieces: note.pieces, pPr: note.pPr } });
    return footnotes.length - 1;
  };

  const depths = new DepthTracker();
  const paragraphs: Para[] = [];
  const cellParagraphs: { para: Para; place: NonNullable<OoxmlParagraph['cell']>; text: string }[] = [];
  const frames = readFrames(zip, parsed.sections);
  const frameParagraph = (p: OoxmlParagraph, frame: 'header' | 'footer') => {
    const para = paragraphOf(p, -1, { zone: 'body', kind: 'plain' }, depths, citeFootnote, '');
    if (!para) return;
    delete para.docx;
    paragraphs.push({ ...para, frame });
  };
  let section = -1;
  const enterSection = (next: number) => {
    for (; section < next; section++) {
      if (section >= 0) for (const p of frames.footers.get(section) ?? []) frameParagraph(p, 'footer');
      for (const p of frames.headers.get(section + 1) ?? []) frameParagraph(p, 'header');
    }
  };
  const sectionAt = (start: number) => {
    let k = Math.max(section, 0);
    while (k < parsed.sections.length - 1 && parsed.sections[k]!.at < start) k++;
    return k;
  };
  parsed.paragraphs.forEach((p, index) => {
    enterSection(sectionAt(p.start));
    const role: Role = structured ? ((p.styleId ? roles.get(p.styleId) : undefined) ?? (p.inTable ? 'skip' : { zone: 'body', kind: 'body' })) : { zone: 'body', kind: 'plain' };
    if (role === 'skip') return;
    const para = paragraphOf(p, index, role, depths, citeFootnote, autoLabels[index] ?? '');
    if (para) {
      if (p.cell && para.zone === 'body') cellParagraphs.push({ para, place: p.cell, text: piecesText(p.pieces) });
      paragraphs.push(para);
    }
  });
  enterSection(parsed.sections.length);
  nameCells(cellParagraphs);

  const notices: string[] = [];
  if (!structured) notices.push('Tệp Word này không do baocao tạo (không có các kiểu phần đầu văn bản): so sánh theo đoạn văn và chú thích, không theo mục.');
  if (frames.headers.size + frames.footers.size > 0) {
    notices.push('Đầu trang hoặc chân trang có chữ của văn bản (không chỉ số trang): đọc cùng văn bản, đầu trang trước và chân trang sau phần văn bản mang nó.');
  }
  if (parsed.sawRevisions) notices.push('Tệp có sẵn thay đổi được theo dõi (track changes): so sánh văn bản như khi đã chấp nhận mọi thay đổi.');
  return {
    document: { file, kind: 'docx', structured, paragraphs, footnotes, notices },
    parts: { document: documentXml, footnotes: footnotesXml },
  };
}

export class NotWordDocument extends Error {}

/** Each paragraph of a body table named by its table's number, its row's label and its column's header. */
function nameCells(cells: { para: Para; place: NonNullable<OoxmlParagraph['cell']>; text: string }[]): void {
  const byTable = new Map<number, typeof cells>();
  for (const c of cells) byTable.set(c.place.table, [...(byTable.get(c.place.table) ?? []), c]);
  let ordinal = 0;
  for (const members of byTable.values()) {
    ordinal++;
    const rows: TableGrid['cells'] = [];
    const seen = new Map<string, { text: string; gridColumn: number; span: number }>();
    let headerRows = 0;
    for (const { place, text } of members) {
      const key = `${place.row}:${place.cell}`;
      const known = seen.get(key);
      if (known) {
        known.text = `${known.text}\n${text}`.trim();
        continue;
      }
      const cell = { text: text.trim(), gridColumn: place.gridColumn, span: place.span };
      seen.set(key, cell);
      (rows[place.row] ??= []).push(cell);
      if (place.headerRow && place.row === headerRows) headerRows = place.row + 1;
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    if (headerRows === 0 && rows.length > 1) headerRows = 1;
    const names = nameTable({ cells: rows, headerRows });
    for (const { para, place } of members) {
      const ref: CellRef = {
        table: ordinal,
        row: names.rows[place.row] ?? '',
        column: names.columns(place.gridColumn),
        header: place.row < headerRows,
        rowIndex: place.row,
        columnIndex: place.gridColumn,
      };
      para.cell = ref;
    }
  }
}

/**
 * No part of a Word package has a DOCTYPE; one is refused wherever it is (a DTD can define
 * entities that expand without end, and must never reach the redline). The parts we read are
 * refused by the parser itself; the others are looked at here, in UTF-8 or UTF-16.
 */
function refuseDoctypes(zip: SafeZip): void {
  for (const name of zip.names()) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    const text = zip.text(name) ?? '';
    if (text.replace(/\0/g, '').includes('<!DOCTYPE')) throw new XmlRefused('dtd', `${name} có khai báo DOCTYPE`);
  }
}

/** An XML part as an element tree; a malformed one is refused like the parts the reader streams. */
function tree(xml: string | undefined, part: string): XmlElement | undefined {
  if (!xml) return undefined;
  try {
    return parseXml(xml, part);
  } catch (error) {
    if (error instanceof XmlProblem) throw new XmlRefused('malformed', error.message);
    throw error;
  }
}

/**
 * The label Word draws before each paragraph with automatic numbering ("I.", "1.", "a)"), by the
 * paragraph's index: its own w:numPr or its style's, counted in document order over every
 * paragraph (an empty numbered paragraph, as a table's STT cell, advances its list too).
 */
function numberingLabels(paragraphs: readonly OoxmlParagraph[], stylesXml: string, numberingXml: string | undefined): string[] {
  const labels: string[] = [];
  if (!numberingXml) return labels;
  const numbering = new WordNumbering(tree(numberingXml, 'word/numbering.xml'));
  const ofStyle = styleNumbering(tree(stylesXml, 'word/styles.xml'));
  paragraphs.forEach((p, index) => {
    const own = p.pPr.includes('numPr>') ? numPrOf(tree(p.pPr, 'w:pPr')) : undefined;
    const numPr = own ?? ofStyle(p.styleId);
    const label = numPr ? numbering.next(numPr.numId, numPr.ilvl)?.label : undefined;
    if (label) labels[index] = label;
  });
  return labels;
}

function paragraphOf(
  p: OoxmlParagraph,
  index: number,
  role: { zone: Zone; kind: ParaKind },
  depths: DepthTracker,
  citeFootnote: (id: number) => number | undefined,
  autoLabel: string,
): Para | undefined {
  const full = piecesText(p.pieces);
  const hasRefs = p.pieces.some((piece) => piece.kind === 'ref');
  if (full.trim() === '' && !hasRefs && autoLabel === '') return undefined;
  let prefix = '';
  let label = '';
  let skip = 0;
  let depth = 0;
  if (role.zone === 'kinh_gui') {
    prefix = KINH_GUI_PREFIX.exec(full)?.[0] ?? '';
    skip = prefix.length;
  } else if (role.zone === 'body' && role.kind !== 'plain') {
    const split = splitLabel(full, role.kind === 'bullet' ? 'bullet' : role.kind === 'body' ? 'body' : 'heading');
    label = split.label;
    skip = split.length;
    if (label === '' && autoLabel !== '') label = autoLabel;
    if (role.kind !== 'body' || label !== '') depth = depths.depthOf(label, role.kind === 'heading1');
  } else if (role.kind === 'plain') label = autoLabel;
  const inlines: ParaInline[] = [];
  let toSkip = skip;
  for (const piece of p.pieces) {
    if (piece.kind === 'ref') {
      const n = citeFootnote(piece.footnote);
      if (n !== undefined) inlines.push({ footnote: n });
    } else if (piece.kind === 'text') {
      const text = toSkip > 0 ? piece.text.slice(toSkip) : piece.text;
      toSkip = Math.max(0, toSkip - piece.text.length);
      if (text !== '') {
        const last = inlines[inlines.length - 1];
        if (last && 'text' in last) last.text += text;
        else inlines.push({ text });
      }
    }
  }
  return { zone: role.zone, kind: role.kind, depth, label, prefix, inlines, docx: { index, pPr: p.pPr, pieces: p.pieces } };
}
