/**
 * A template as the renderer needs it, prepared once at load: the .docx must have a main
 * document; its footnotes part (which LibreOffice drops when saving a document without notes) is
 * restored with its relationship, content type and settings entry when missing; the styles code
 * names are found by id or name (see style-ids.ts). Problems are `template-error` diagnostics.
 *
 * For speed, docxtemplater only ever sees a small "work" package: the content types, the
 * relationships and the parts that hold tags (`{`). Every other part is copied from the template
 * still compressed; the footnotes part and docProps/core.xml are written by the renderer.
 */
import PizZip from 'pizzip';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONTINUATION_SEPARATOR_ID, SEPARATOR_ID, separatorFootnotesXml } from './footnote-separators.js';
import { readTemplateFootnotes, type TemplateFootnotes } from './footnotes-xml.js';
import { codeStyles, resolveStyleIds, type StyleIds } from './style-ids.js';
import { templateDiagnostic, templateErrorDiagnostics } from './docx-template-errors.js';
import { openTemplateZip } from './package.js';

export interface PreparedTemplate {
  /** The template's bytes, with the footnotes part restored if it was missing. */
  bytes: Uint8Array;
  /** A package of only the parts docxtemplater needs (stored, not compressed). */
  workBytes: Uint8Array;
  /** The parts holding tags: rendered in the work package, then copied into the output. */
  taggedParts: string[];
  /** The template's entry order, which the output keeps. */
  entryOrder: string[];
  /** Name of the footnotes part in the package (normally word/footnotes.xml). */
  footnotesPart: string;
  footnotes: TemplateFootnotes;
  styles: StyleIds;
}

const FOOTNOTES_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes';
const FOOTNOTES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml';
const DOCUMENT_RELS = 'word/_rels/document.xml.rels';
const MAIN_DOCUMENT = 'word/document.xml';
export const CORE_PART = 'docProps/core.xml';

/** Content types of the parts docxtemplater can template in a .docx. */
const TEMPLATABLE = /(?:document\.main|template\.main|macroEnabled\.main|macroEnabledTemplate\.main|\.header|\.footer|\.comments)\+xml$|core-properties\+xml$|extended-properties\+xml$/;

/** Parts with tags, which docxtemplater must render; the footnotes part and core.xml are rewritten anyway. */
function findTaggedParts(zip: PizZip, footnotesPart: string): string[] {
  const types = zip.file('[Content_Types].xml')?.asText() ?? '';
  const candidates = new Set<string>([MAIN_DOCUMENT]);
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    const name = /\bPartName="\/([^"]+)"/.exec(m[0])?.[1];
    const type = /\bContentType="([^"]+)"/.exec(m[0])?.[1] ?? '';
    if (name && TEMPLATABLE.test(type)) candidates.add(name);
  }
  candidates.delete(footnotesPart);
  candidates.delete(CORE_PART);
  return [...candidates].filter((name) => name === MAIN_DOCUMENT || (zip.file(name)?.asText() ?? '').includes('{'));
}

function workPackage(zip: PizZip, taggedParts: readonly string[]): Uint8Array {
  const work = new PizZip();
  const rels = Object.keys(zip.files).filter((n) => n.endsWith('.rels'));
  for (const name of ['[Content_Types].xml', ...rels, ...taggedParts]) {
    const file = zip.file(name);
    if (file) work.file(name, file.asUint8Array());
  }
  return work.generate({ type: 'uint8array', compression: 'STORE' });
}

/** Children of w:settings that come after w:footnotePr in the schema's order. */
const AFTER_FOOTNOTE_PR = [
  'w:endnotePr', 'w:compat', 'w:docVars', 'w:rsids', 'm:mathPr', 'w:attachedSchema', 'w:themeFontLang',
  'w:clrSchemeMapping', 'w:doNotIncludeSubdocsInStats', 'w:doNotAutoCompressPictures', 'w:forceUpgrade',
  'w:captions', 'w:readModeInkLockDown', 'w:smartTagType', 'sl:schemaLibrary', 'w:shapeDefaults',
  'w:doNotEmbedSmartTags', 'w:decimalSymbol', 'w:listSeparator',
];

function insertBefore(xml: string, closing: string, fragment: string): string {
  const at = xml.lastIndexOf(closing);
  return at < 0 ? xml : xml.slice(0, at) + fragment + xml.slice(at);
}

/** The footnotes relationship's target as a part name, if the document has one. */
function footnotesTarget(rels: string): string | undefined {
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!m[0].includes(`Type="${FOOTNOTES_TYPE}"`)) continue;
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `word/${target}`;
  }
  return undefined;
}

/** Restores a missing footnotes part; returns its name and whether the package changed. */
function ensureFootnotesPart(zip: PizZip): { part: string; changed: boolean } {
  const rels = zip.file(DOCUMENT_RELS)?.asText() ?? '';
  const existing = footnotesTarget(rels);
  const part = existing ?? 'word/footnotes.xml';
  let changed = false;
  if (existing === undefined) {
    zip.file(
      DOCUMENT_RELS,
      insertBefore(rels, '</Relationships>', `<Relationship Id="rIdBaocaoFootnotes" Type="${FOOTNOTES_TYPE}" Target="footnotes.xml"/>`),
    );
    changed = true;
  }
  const types = zip.file('[Content_Types].xml')?.asText() ?? '';
  if (!types.includes(`PartName="/${part}"`)) {
    zip.file('[Content_Types].xml', insertBefore(types, '</Types>', `<Override PartName="/${part}" ContentType="${FOOTNOTES_CONTENT_TYPE}"/>`));
    changed = true;
  }
  if (zip.file(part) === null) {
    zip.file(part, separatorFootnotesXml());
    const settings = zip.file('word/settings.xml')?.asText();
    if (settings !== undefined && !settings.includes('<w:footnotePr')) {
      const entry = `<w:footnotePr><w:footnote w:id="${SEPARATOR_ID}"/><w:footnote w:id="${CONTINUATION_SEPARATOR_ID}"/></w:footnotePr>`;
      const next = AFTER_FOOTNOTE_PR.map((tag) => settings.indexOf(`<${tag}`)).filter((i) => i >= 0);
      const at = next.length > 0 ? Math.min(...next) : settings.lastIndexOf('</w:settings>');
      if (at >= 0) zip.file('word/settings.xml', settings.slice(0, at) + entry + settings.slice(at));
    }
    changed = true;
  }
  return { part, changed };
}

export function prepareTemplate(path: string, bytes: Uint8Array): { template?: PreparedTemplate; problems: Diagnostic[] } {
  let zip: PizZip;
  try {
    zip = openTemplateZip(bytes);
  } catch (error) {
    return { problems: templateErrorDiagnostics(error, path) };
  }
  const problems: Diagnostic[] = [];
  if (zip.file('word/document.xml') === null) {
    problems.push(templateDiagnostic(path, 'Tệp mẫu không có phần nội dung word/document.xml.'));
  }
  const { part, changed } = ensureFootnotesPart(zip);
  const footnotes = readTemplateFootnotes(zip.file(part)?.asText() ?? '');
  if (!footnotes) {
    problems.push(templateDiagnostic(path, `Phần chú thích cuối trang của tệp mẫu (${part}) không đọc được.`));
  }
  const resolved = resolveStyleIds(zip.file('word/styles.xml')?.asText() ?? '');
  if ('missing' in resolved) {
    const names = resolved.missing.map((k) => `${codeStyles[k].id} (${codeStyles[k].aliases[0]})`);
    problems.push(
      templateDiagnostic(path, `Tệp mẫu thiếu kiểu (style) mà công cụ dùng: ${names.join(', ')}.`, {
        expected: Object.values(codeStyles)
          .map((c) => c.id)
          .join(', '),
      }),
    );
  }
  if (problems.length > 0 || !footnotes || 'missing' in resolved) return { problems };
  const taggedParts = findTaggedParts(zip, part);
  return {
    template: {
      bytes: changed ? zip.generate({ type: 'uint8array', compression: 'DEFLATE' }) : bytes,
      workBytes: workPackage(zip, taggedParts),
      taggedParts,
      entryOrder: Object.keys(zip.files),
      footnotesPart: part,
      footnotes,
      styles: resolved.ids,
    },
    problems,
  };
}
