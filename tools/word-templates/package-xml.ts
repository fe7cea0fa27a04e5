/**
 * The package parts around document.xml, shared by both templates: content types, relationships,
 * settings (with the footnote separators), fonts, the page-number header (default) and the empty
 * first-page header, document properties. footnotes.xml with its separators is the renderer's
 * (src/render/docx/footnote-separators.ts), which restores it in templates that lost it.
 */
import { CONTINUATION_SEPARATOR_ID, SEPARATOR_ID } from '../../src/render/docx/footnote-separators.js';
import { look } from './look.js';
import { rel } from './document-xml.js';
import { frameStyleIds } from './styles-xml.js';
import { escapeXml } from '../../src/render/docx/xml-text.js';
import { R_NS, W_NS, XML_DECL } from './ooxml.js';

const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

export function contentTypesXml(): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o('/word/document.xml', `${CT}.document.main+xml`) +
    o('/word/styles.xml', `${CT}.styles+xml`) +
    o('/word/settings.xml', `${CT}.settings+xml`) +
    o('/word/fontTable.xml', `${CT}.fontTable+xml`) +
    o('/word/footnotes.xml', `${CT}.footnotes+xml`) +
    o('/word/header1.xml', `${CT}.header+xml`) +
    o('/word/header2.xml', `${CT}.header+xml`) +
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    o('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml') +
    '</Types>'
  );
}

const RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function packageRelsXml(): string {
  return (
    XML_DECL +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${RT}/officeDocument" Target="word/document.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${RT}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

export function documentRelsXml(): string {
  return (
    XML_DECL +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rIdStyles" Type="${RT}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdSettings" Type="${RT}/settings" Target="settings.xml"/>` +
    `<Relationship Id="rIdFontTable" Type="${RT}/fontTable" Target="fontTable.xml"/>` +
    `<Relationship Id="rIdFootnotes" Type="${RT}/footnotes" Target="footnotes.xml"/>` +
    `<Relationship Id="${rel.headerDefault}" Type="${RT}/header" Target="header1.xml"/>` +
    `<Relationship Id="${rel.headerFirst}" Type="${RT}/header" Target="header2.xml"/>` +
    '</Relationships>'
  );
}

export function settingsXml(): string {
  return (
    XML_DECL +
    `<w:settings xmlns:w="${W_NS}">` +
    '<w:zoom w:percent="100"/>' +
    `<w:defaultTabStop w:val="${look.body.firstLine}"/>` +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:footnotePr>' +
    `<w:footnote w:id="${SEPARATOR_ID}"/><w:footnote w:id="${CONTINUATION_SEPARATOR_ID}"/>` +
    '</w:footnotePr>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    `<w:themeFontLang w:val="${look.language}"/>` +
    '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>' +
    '</w:settings>'
  );
}

export function fontTableXml(): string {
  const f = escapeXml(look.font);
  return (
    XML_DECL +
    `<w:fonts xmlns:w="${W_NS}">` +
    `<w:font w:name="${f}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>` +
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
    '</w:fonts>'
  );
}

/** Default header: the page number, centred, in the top margin (not shown on page 1: `w:titlePg`). */
export function pageNumberHeaderXml(): string {
  const r = (inner: string) => `<w:r>${inner}</w:r>`;
  return (
    XML_DECL +
    `<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    `<w:p><w:pPr><w:pStyle w:val="${frameStyleIds.pageNumber}"/></w:pPr>` +
    r('<w:fldChar w:fldCharType="begin"/>') +
    r('<w:instrText xml:space="preserve"> PAGE </w:instrText>') +
    r('<w:fldChar w:fldCharType="separate"/>') +
    r('<w:t>2</w:t>') +
    r('<w:fldChar w:fldCharType="end"/>') +
    '</w:p></w:hdr>'
  );
}

/** First-page header: empty, so page 1 shows no number. */
export function emptyHeaderXml(): string {
  return (
    XML_DECL +
    `<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    `<w:p><w:pPr><w:pStyle w:val="${frameStyleIds.pageNumber}"/></w:pPr></w:p></w:hdr>`
  );
}

export function appXml(): string {
  return (
    XML_DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
    '<Application>baocao</Application>' +
    '</Properties>'
  );
}
