/**
 * word/document.xml of the templates, assembled from shared parts as the type's declaration
 * (templates/loai/<ten>.yaml) says: the header table (Số line, "V/v …" for a type without tên
 * loại), the title block, Kính gửi or Kính thưa, the body placeholder, the Nơi nhận / signature
 * table or the speaker's name, and the page setup. The fixed wording of the decree (Quốc hiệu, Tiêu ngữ, "Kính gửi:", "Nơi nhận:")
 * lives here, in the template, never in the renderer.
 *
 * Tags are docxtemplater tags; see src/render/docx/template-data.ts for the list and their meaning.
 */
import type { DocumentTypeInfo } from '../../src/core/document-types.js';
import { look } from './look.js';
import { frameStyleIds as S } from './styles-xml.js';
import { escapeXml } from '../../src/render/docx/xml-text.js';
import { para, R_NS, tagPara, W_NS, XML_DECL } from './ooxml.js';
import { codeStyles } from '../../src/render/docx/style-ids.js';

const BODY_STYLE = codeStyles.body.id;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const KINH_GUI = 'Kính gửi:';
export const KINH_THUA = 'Kính thưa:';
export const NOI_NHAN = 'Nơi nhận:';
export const QUYET_DINH = 'QUYẾT ĐỊNH:';

/** Relationship ids the document part uses (see package-xml.ts). */
export const rel = {
  headerDefault: 'rIdHeaderDefault',
  headerFirst: 'rIdHeaderFirst',
} as const;

/** `{#name}` … paragraphs … `{/name}`: a condition or a loop that owns whole paragraphs. */
function section(name: string, inner: string): string {
  return tagPara(`{#${name}}`, S.tagLine) + inner + tagPara(`{/${name}}`, S.tagLine);
}

const noBorders =
  '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>' +
  '<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';

function table(widths: readonly number[], indent: number, cellMargin: number, rows: string[]): string {
  const total = widths.reduce((a, b) => a + b, 0);
  return (
    '<w:tbl><w:tblPr>' +
    `<w:tblW w:w="${total}" w:type="dxa"/><w:tblInd w:w="${indent}" w:type="dxa"/>` +
    noBorders +
    '<w:tblLayout w:type="fixed"/>' +
    `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="${cellMargin}" w:type="dxa"/>` +
    `<w:bottom w:w="0" w:type="dxa"/><w:right w:w="${cellMargin}" w:type="dxa"/></w:tblCellMar>` +
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>' +
    '</w:tblPr><w:tblGrid>' +
    widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
    '</w:tblGrid>' +
    rows.join('') +
    '</w:tbl>'
  );
}

function row(widths: readonly number[], cells: string[], cantSplit = true): string {
  return (
    '<w:tr>' +
    (cantSplit ? '<w:trPr><w:cantSplit/></w:trPr>' : '') +
    cells.map((c, i) => `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/></w:tcPr>${c}</w:tc>`).join('') +
    '</w:tr>'
  );
}

/** A paragraph of a style with its own spacing before (twips) and, optionally, italic runs (spacing 0: the style's). */
function spacedPara(style: string, text: string, before: number, italic = false): string {
  const rPr = italic ? '<w:rPr><w:i/><w:iCs/></w:rPr>' : '';
  return (
    `<w:p><w:pPr><w:pStyle w:val="${style}"/><w:spacing w:before="${before}"/></w:pPr>` +
    `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
  );
}

/**
 * Left: chủ quản (optional), cơ quan ban hành lines, short rule; right: Quốc hiệu, Tiêu ngữ, rule.
 * Then Số (when the type has it; a công văn's "V/v …" under it, 6 pt apart, Phụ lục I ô 5b) | date.
 */
export function headerTable(type?: DocumentTypeInfo): string {
  const t = look.headerTable;
  const widths = [t.leftWidth, t.rightWidth] as const;
  const left =
    section('co_quan_chu_quan', para(S.parentAgency, '{co_quan_chu_quan}')) +
    section('co_quan', para(S.agency, '{dong}')) +
    para(S.agencyRule);
  const right = para(S.nationalTitle, NATIONAL_TITLE) + para(S.motto, MOTTO) + para(S.mottoRule);
  return table(widths, t.indent, t.cellMargin, [
    row(widths, [left, right]),
    row(widths, [numberCell(type), para(S.placeDate, '{dia_danh_ngay}')]),
  ]);
}

/**
 * A type without the header (a speech as delivered, phan_dau: khong): only the place/date line,
 * at the right, italic as in the header, when the document has a date.
 */
export function placeDateAlone(): string {
  const line =
    `<w:p><w:pPr><w:pStyle w:val="${S.placeDate}"/><w:jc w:val="right"/></w:pPr>` +
    `<w:r><w:t xml:space="preserve">{dia_danh_ngay}</w:t></w:r></w:p>`;
  return section('co_ngay', line);
}

function numberCell(type: DocumentTypeInfo | undefined): string {
  if (type && !type.numberLine) return para(S.number);
  return para(S.number, '{so_ky_hieu}') + (type && !type.typeName ? spacedPara(S.number, '{v_v}', 120) : '');
}

/** Type name, trích yếu, (kế hoạch: the issued-with line), then the short rule; none without tên loại (công văn). */
export function titleBlock(type: DocumentTypeInfo): string {
  if (!type.typeName) return '';
  return (
    para(S.typeName, '{ten_loai}') +
    para(S.summary, '{trich_yeu}') +
    (type.issuedWith ? section('ban_hanh_kem_theo', para(S.issuedWith, '{ban_hanh_kem_theo}')) : '') +
    para(S.summaryRule)
  );
}

/** One addressee on the "Kính gửi:" (or a speech's "Kính thưa:") line, or the label and one line per addressee under it. */
export function kinhGui(label = KINH_GUI): string {
  return (
    section('kinh_gui_mot_dong', para(S.kinhGui, `${label} {dong}`)) +
    section('kinh_gui_nhieu_dong', para(S.kinhGuiLabel, label) + section('dong_gui', para(S.kinhGuiLine, '{dong}')))
  );
}

/**
 * A decision's opening (Mẫu 1.3, types with can_cu: co): the thẩm quyền ban hành (bold capitals,
 * centred, 6 pt before), each căn cứ line (italic, justified, first-line indent: the body style
 * with italic runs), and "QUYẾT ĐỊNH:" (bold, centred, 6 pt before and after). Direct formatting
 * over the shared styles, so styles.xml stays the same for every type.
 */
export function decisionOpening(): string {
  const centred = (text: string, before: number, after: number) =>
    `<w:p><w:pPr><w:pStyle w:val="${S.summary}"/><w:spacing w:before="${before}" w:after="${after}"/></w:pPr>` +
    `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  return (
    section('tham_quyen', centred('{tham_quyen}', 120, 120)) +
    section('can_cu', spacedPara(BODY_STYLE, '{dong}', 0, true)) +
    centred(QUYET_DINH, 120, 120)
  );
}

/** The body: paragraph XML built by the renderer replaces this paragraph. */
export function bodyPlaceholder(): string {
  return para(S.tagLine, '{@noi_dung}');
}

/** Nơi nhận (left) and the signature (right), in one borderless row that does not split. */
export function closingTable(recipients = true): string {
  const c = look.closing;
  const widths = [c.leftWidth, c.rightWidth] as const;
  const left = recipients ? para(S.recipientsLabel, NOI_NHAN) + section('noi_nhan', para(S.recipientsLine, '{dong}')) : para(S.recipientsLine);
  const right =
    section('quyen_han', para(S.signatureTitle, '{quyen_han}')) +
    para(S.signatureTitle, '{chuc_vu}') +
    para(S.signerName, '{ho_ten}');
  return table(widths, 0, look.headerTable.cellMargin, [row(widths, [left, right])]);
}

/** A speech ends with its speaker (right column): the name, then the title as written, in italics. */
export function speakerTable(): string {
  const c = look.closing;
  const widths = [c.leftWidth, c.rightWidth] as const;
  const right = spacedPara(S.signerName, '{ho_ten}', 240) + spacedPara(S.signatureTitle, '{chuc_vu}', 0, true);
  return table(widths, 0, look.headerTable.cellMargin, [row(widths, [para(S.recipientsLine), right])]);
}

export function sectionProperties(): string {
  const p = look.page;
  return (
    '<w:sectPr>' +
    `<w:headerReference w:type="default" r:id="${rel.headerDefault}"/>` +
    `<w:headerReference w:type="first" r:id="${rel.headerFirst}"/>` +
    `<w:pgSz w:w="${p.width}" w:h="${p.height}"/>` +
    `<w:pgMar w:top="${p.marginTop}" w:right="${p.marginRight}" w:bottom="${p.marginBottom}" w:left="${p.marginLeft}"` +
    ` w:header="${p.header}" w:footer="${p.footer}" w:gutter="0"/>` +
    '<w:pgNumType w:fmt="decimal"/>' +
    '<w:titlePg/>' +
    '<w:docGrid w:linePitch="360"/>' +
    '</w:sectPr>'
  );
}

export function documentXml(type: DocumentTypeInfo): string {
  return (
    XML_DECL +
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>` +
    (type.header ? headerTable(type) : placeDateAlone()) +
    titleBlock(type) +
    (type.addressees === 'kinh_gui' ? kinhGui() : type.addressees === 'kinh_thua' ? kinhGui(KINH_THUA) : '') +
    (type.grounds ? decisionOpening() : '') +
    bodyPlaceholder() +
    (type.closing === 'dien_gia' ? speakerTable() : closingTable(type.recipients)) +
    sectionProperties() +
    '</w:body></w:document>'
  );
}
