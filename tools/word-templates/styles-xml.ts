/**
 * word/styles.xml of both templates: Times New Roman everywhere, a named paragraph style for every
 * element of the decree's layout and for every body `BlockStyle`. A user restyles a template by
 * editing these styles in Word; the next render follows.
 */
import { codeStyles, type CodeStyle, type StyleIds } from '../../src/render/docx/style-ids.js';
import { look } from './look.js';
import { escapeXml } from '../../src/render/docx/xml-text.js';
import { pPr, rPr, W_NS, XML_DECL, type ParagraphProps, type RunProps } from './ooxml.js';

/** The ids of the styles code names, as the shipped templates define them. */
const defaultStyleIds: StyleIds = Object.fromEntries(Object.entries(codeStyles).map(([k, v]) => [k, v.id])) as Record<CodeStyle, string>;

/** Styles used only by the template frame (header, title, Kính gửi, closing). */
export const frameStyleIds = {
  parentAgency: 'CoQuanChuQuan',
  agency: 'CoQuanBanHanh',
  agencyRule: 'KeDuoiCoQuan',
  number: 'SoKyHieu',
  nationalTitle: 'QuocHieu',
  motto: 'TieuNgu',
  mottoRule: 'KeDuoiTieuNgu',
  placeDate: 'DiaDanhNgay',
  typeName: 'TenLoai',
  summary: 'TrichYeu',
  issuedWith: 'BanHanhKemTheo',
  summaryRule: 'KeDuoiTrichYeu',
  kinhGui: 'KinhGui',
  kinhGuiLabel: 'KinhGuiNhan',
  kinhGuiLine: 'KinhGuiDong',
  recipientsLabel: 'NoiNhan',
  recipientsLine: 'NoiNhanDong',
  signatureTitle: 'QuyenHanChucVu',
  signerName: 'HoTenNguoiKy',
  pageNumber: 'Header',
  tagLine: 'DongThe',
} as const;

interface StyleDef {
  id: string;
  name: string;
  type?: 'paragraph' | 'character' | 'table';
  basedOn?: string;
  next?: string;
  link?: string;
  uiPriority?: number;
  qFormat?: boolean;
  isDefault?: boolean;
  semiHidden?: boolean;
  p?: ParagraphProps;
  r?: RunProps;
  extra?: string;
}

function style(d: StyleDef): string {
  const type = d.type ?? 'paragraph';
  let x = `<w:style w:type="${type}"${d.isDefault ? ' w:default="1"' : ''} w:styleId="${d.id}">`;
  x += `<w:name w:val="${escapeXml(d.name)}"/>`;
  if (d.basedOn) x += `<w:basedOn w:val="${d.basedOn}"/>`;
  if (d.next) x += `<w:next w:val="${d.next}"/>`;
  if (d.link) x += `<w:link w:val="${d.link}"/>`;
  if (d.uiPriority !== undefined) x += `<w:uiPriority w:val="${d.uiPriority}"/>`;
  if (d.semiHidden) x += '<w:semiHidden/><w:unhideWhenUsed/>';
  if (d.qFormat) x += '<w:qFormat/>';
  if (d.p) x += pPr(d.p);
  if (d.r) x += rPr(d.r);
  if (d.extra) x += d.extra;
  return x + '</w:style>';
}

const S = frameStyleIds;
const B = defaultStyleIds;
const { body, header, rules, title, kinhGui, closing } = look;

/** A one-line frame paragraph: no indent, no spacing, single line. */
const tight: ParagraphProps = { before: 0, after: 0, line: 240, lineRule: 'auto', left: 0, right: 0, firstLine: 0 };

/** An empty paragraph whose bottom border is a centred rule of `length` in a box `width` wide. */
function rule(length: number, width: number): ParagraphProps {
  const side = Math.max(0, Math.round((width - length) / 2));
  return {
    bottomBorder: rules.weight,
    before: 0,
    after: 0,
    line: rules.height,
    lineRule: 'exact',
    left: side,
    right: side,
    firstLine: 0,
    jc: 'center',
  };
}

const headerLeftText = look.headerTable.leftWidth - 2 * look.headerTable.cellMargin;
const headerRightText = look.headerTable.rightWidth - 2 * look.headerTable.cellMargin;
const textWidth = look.page.width - look.page.marginLeft - look.page.marginRight;

const defs: StyleDef[] = [
  // base
  {
    id: 'Normal',
    name: 'Normal',
    isDefault: true,
    qFormat: true,
    p: { widowControl: true, before: 0, after: 0, line: 240, lineRule: 'auto' },
    r: { fonts: look.font, size: body.size, lang: look.language },
  },
  // body blocks
  {
    id: B.body,
    name: 'Body Text',
    basedOn: 'Normal',
    qFormat: true,
    p: { before: body.before, after: 0, line: body.line, lineRule: 'auto', firstLine: body.firstLine, jc: 'both' },
  },
  {
    id: B.heading1,
    name: 'heading 1',
    basedOn: B.body,
    next: B.body,
    qFormat: true,
    uiPriority: 9,
    p: { keepNext: true, keepLines: true, outlineLvl: 0 },
    r: { bold: true },
  },
  {
    id: B.heading2,
    name: 'heading 2',
    basedOn: B.body,
    next: B.body,
    qFormat: true,
    uiPriority: 9,
    p: { keepNext: true, keepLines: true, outlineLvl: 1 },
    r: { bold: true },
  },
  {
    // Deeper titles ("2.1. …"): the decree stops at khoản/điểm; bold italic tells this level apart
    // from the bold upright khoản above it, as the reference reports do.
    id: B.heading3,
    name: 'heading 3',
    basedOn: B.body,
    next: B.body,
    qFormat: true,
    uiPriority: 9,
    p: { keepNext: true, keepLines: true, outlineLvl: 2 },
    r: { bold: true, italic: true },
  },
  {
    id: B.bullet,
    name: 'Gạch đầu dòng',
    basedOn: B.body,
    next: B.bullet,
    qFormat: true,
  },
  // header table
  {
    id: S.parentAgency,
    name: 'Cơ quan chủ quản',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, jc: 'center' },
    r: { size: header.agencySize, bold: false },
  },
  {
    id: S.agency,
    name: 'Cơ quan ban hành',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, jc: 'center' },
    r: { size: header.agencySize, bold: true },
  },
  {
    id: S.agencyRule,
    name: 'Kẻ dưới cơ quan ban hành',
    basedOn: 'Normal',
    p: rule(rules.agencyLength, headerLeftText),
    r: { size: 2 },
  },
  {
    id: S.number,
    name: 'Số và ký hiệu',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, before: header.numberRowBefore, jc: 'center' },
    r: { size: header.numberSize },
  },
  {
    id: S.nationalTitle,
    name: 'Quốc hiệu',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, jc: 'center' },
    r: { size: header.nationalTitleSize, bold: true },
  },
  {
    id: S.motto,
    name: 'Tiêu ngữ',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, jc: 'center' },
    r: { size: header.mottoSize, bold: true },
  },
  {
    id: S.mottoRule,
    name: 'Kẻ dưới tiêu ngữ',
    basedOn: 'Normal',
    p: rule(rules.mottoLength, headerRightText),
    r: { size: 2 },
  },
  {
    id: S.placeDate,
    name: 'Địa danh và ngày tháng',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, before: header.numberRowBefore, jc: 'center' },
    r: { size: header.placeDateSize, italic: true },
  },
  // title block
  {
    id: S.typeName,
    name: 'Tên loại văn bản',
    basedOn: 'Normal',
    next: S.summary,
    qFormat: true,
    p: { ...tight, keepNext: true, before: title.before, jc: 'center' },
    r: { size: title.size, bold: true },
  },
  {
    id: S.summary,
    name: 'Trích yếu',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, keepNext: true, jc: 'center' },
    r: { size: title.size, bold: true },
  },
  {
    id: S.issuedWith,
    name: 'Ban hành kèm theo',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, keepNext: true, jc: 'center' },
    r: { size: title.size, italic: true },
  },
  {
    id: S.summaryRule,
    name: 'Kẻ dưới trích yếu',
    basedOn: 'Normal',
    p: { ...rule(rules.summaryLength, textWidth), after: rules.summaryAfter, keepNext: true },
    r: { size: 2 },
  },
  // Kính gửi
  {
    id: S.kinhGui,
    name: 'Kính gửi (một nơi)',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, before: kinhGui.before, after: kinhGui.after, jc: 'center' },
    r: { size: body.size },
  },
  {
    id: S.kinhGuiLabel,
    name: 'Kính gửi (nhiều nơi)',
    basedOn: 'Normal',
    next: S.kinhGuiLine,
    qFormat: true,
    p: { ...tight, keepNext: true, before: kinhGui.before, left: kinhGui.labelIndent },
    r: { size: body.size },
  },
  {
    id: S.kinhGuiLine,
    name: 'Kính gửi - dòng',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, after: kinhGui.after, contextualSpacing: true, left: kinhGui.linesIndent },
    r: { size: body.size },
  },
  // closing: Nơi nhận and signature
  {
    id: S.recipientsLabel,
    name: 'Nơi nhận',
    basedOn: 'Normal',
    next: S.recipientsLine,
    qFormat: true,
    p: { ...tight, before: closing.before },
    r: { size: closing.labelSize, bold: true, italic: true },
  },
  {
    id: S.recipientsLine,
    name: 'Nơi nhận - dòng',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight },
    r: { size: closing.lineSize },
  },
  {
    id: S.signatureTitle,
    name: 'Quyền hạn và chức vụ người ký',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, before: closing.before, contextualSpacing: true, jc: 'center' },
    r: { size: closing.signatureSize, bold: true },
  },
  {
    id: S.signerName,
    name: 'Họ tên người ký',
    basedOn: 'Normal',
    qFormat: true,
    p: { ...tight, before: closing.nameBefore, jc: 'center' },
    r: { size: closing.signatureSize, bold: true },
  },
  {
    // Holds `{#…}` / `{/…}` tags; docxtemplater removes these paragraphs when rendering.
    id: S.tagLine,
    name: 'Dòng thẻ mẫu',
    basedOn: 'Normal',
    p: { ...tight },
  },
  // notes and page header
  {
    id: B.footnoteText,
    name: 'footnote text',
    basedOn: 'Normal',
    link: 'FootnoteTextChar',
    uiPriority: 99,
    semiHidden: true,
    p: { before: 0, after: 0, line: 240, lineRule: 'auto', jc: 'both' },
    r: { size: look.footnote.size },
  },
  {
    id: 'FootnoteTextChar',
    name: 'Footnote Text Char',
    type: 'character',
    link: B.footnoteText,
    uiPriority: 99,
    semiHidden: true,
    r: { size: look.footnote.size },
  },
  {
    id: B.footnoteReference,
    name: 'footnote reference',
    type: 'character',
    uiPriority: 99,
    semiHidden: true,
    r: { superscript: true },
  },
  {
    id: S.pageNumber,
    name: 'header',
    basedOn: 'Normal',
    uiPriority: 99,
    p: { ...tight, jc: 'center' },
    r: { size: look.pageNumber.size },
  },
  {
    id: 'TableNormal',
    name: 'Normal Table',
    type: 'table',
    isDefault: true,
    uiPriority: 99,
    semiHidden: true,
    extra:
      '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>' +
      '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>' +
      '</w:tblCellMar></w:tblPr>',
  },
];

export function stylesXml(): string {
  const docDefaults =
    '<w:docDefaults><w:rPrDefault>' +
    rPr({ fonts: look.font, size: body.size, lang: look.language }) +
    '</w:rPrDefault><w:pPrDefault>' +
    pPr({ before: 0, after: 0, line: 240, lineRule: 'auto' }) +
    '</w:pPrDefault></w:docDefaults>';
  return (
    XML_DECL +
    `<w:styles xmlns:w="${W_NS}">` +
    docDefaults +
    '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"/>' +
    defs.map(style).join('') +
    '</w:styles>'
  );
}
