/**
 * The ZIP package, made reproducible: every entry gets the same fixed date (from the document's
 * issue date, or SOURCE_DATE_EPOCH when set), DEFLATE compression and a stable entry order; the
 * document properties carry the same instant. No clock is read anywhere.
 */
import PizZip from 'pizzip';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import { escapeXml } from './xml-text.js';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Parts that lead the archive (the content types must come first for some readers). */
const LEADING_ENTRIES = ['[Content_Types].xml', '_rels/.rels'];

/**
 * The instant a document is stamped with: `sourceDateEpoch` (seconds since 1970, UTC — the
 * SOURCE_DATE_EPOCH convention, read and checked by the CLI) when given, otherwise midnight UTC of
 * the issue date (YYYY-MM-DD).
 */
export function documentInstant(issueDate: string, sourceDateEpoch?: number): Date {
  if (sourceDateEpoch !== undefined) return new Date(sourceDateEpoch * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issueDate);
  const instant = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(NaN);
  if (Number.isNaN(instant.getTime())) {
    throw new DiagnosticError([
      {
        file: '',
        line: 0,
        column: 0,
        ruleId: 'internal-error',
        severity: 'error',
        message: `Ngày ban hành "${issueDate}" trong mô hình văn bản không đúng dạng YYYY-MM-DD.`,
        actual: issueDate,
      },
    ]);
  }
  return instant;
}

/** "2024-09-05T00:00:00Z" (W3CDTF, whole seconds). */
export function w3cdtf(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * ZIP stores local "DOS" time fields, and PizZip reads them with local-time getters; a Date built
 * from the instant's UTC fields in local time gives the same bytes in every time zone.
 * DOS dates start in 1980.
 */
function zipEntryDate(instant: Date): Date {
  const year = Math.max(1980, instant.getUTCFullYear());
  return new Date(
    year,
    instant.getUTCMonth(),
    instant.getUTCDate(),
    instant.getUTCHours(),
    instant.getUTCMinutes(),
    instant.getUTCSeconds(),
  );
}

/** docProps/core.xml: title and the fixed instant as created and modified. */
export function coreXml(title: string, instant: Date): string {
  const when = w3cdtf(instant);
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title>` +
    '<dc:language>vi-VN</dc:language>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** The content types and package relationships first, then `preferred` (the template's order), then the rest sorted. */
function entryOrder(names: readonly string[], preferred: readonly string[]): string[] {
  const present = new Set(names);
  const ordered = [...LEADING_ENTRIES, ...preferred].filter((n, i, all) => present.has(n) && all.indexOf(n) === i);
  const placed = new Set(ordered);
  return [...ordered, ...names.filter((n) => !placed.has(n)).sort()];
}

/** Stamp every entry with the instant and write the archive (DEFLATE, stable order). */
export function writePackage(zip: PizZip, instant: Date, preferredOrder: readonly string[] = []): Uint8Array {
  const date = zipEntryDate(instant);
  for (const name of Object.keys(zip.files)) {
    const file = zip.files[name];
    if (!file) continue;
    file.date = date;
    file.options.date = date;
  }
  return zip.generate({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
    // PizZip passes its files object at run time (its typings say a name list): accept both.
    fileOrder: (files: string[] | Record<string, unknown>) =>
      entryOrder(Array.isArray(files) ? files : Object.keys(files), preferredOrder),
  });
}
