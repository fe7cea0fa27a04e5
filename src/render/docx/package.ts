/**
 * The ZIP package, made reproducible: every entry gets the same fixed date (from the document's
 * issue date, or SOURCE_DATE_EPOCH when set), DEFLATE compression and a stable entry order; the
 * document properties carry the same instant. No clock is read anywhere.
 */
/// <reference path="./pizzip-compressed-object.d.ts" />
import { crc32, inflateRawSync } from 'node:zlib';
import PizZip from 'pizzip';
import CompressedObjectModule from 'pizzip/js/compressedObject.js';
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

/**
 * A template's package, its DEFLATE parts inflated by Node's zlib when read. PizZip inflates with
 * pako, in JavaScript, which a one-report run pays cold (~30 ms of the Thạch Quý report's
 * `render --format docx`, profiled); zlib inflates the same stream to the same bytes (inflating is
 * defined by the stream). Only this package's entries are changed, never PizZip's compressors (a
 * program using PizZip beside the library keeps pako); writing stays pako's (`setPart`, `writePackage`):
 * its DEFLATE bytes are the same on every machine and Node version, where zlib builds may differ.
 * Throws as `new PizZip` does on bytes that are no ZIP.
 */
export function openTemplateZip(bytes: Uint8Array): PizZip {
  const zip = new PizZip(bytes);
  for (const file of Object.values(zip.files)) {
    const entry = (file as unknown as { _data?: unknown })._data;
    if (!(entry instanceof CompressedObject) || entry.compressionMethod !== DEFLATE.magic) continue;
    entry.getContent = () => {
      const content = inflateRawSync(entry.getCompressedContent());
      // as PizZip's own check: a part whose size is not the directory's is a damaged package
      if (content.length !== entry.uncompressedSize) throw new Error('Bug : uncompressed data size mismatch');
      return content;
    };
  }
  return zip;
}

/** Each template parsed once per thread: parsing its ZIP directory again for every report cost ~0.15 ms. */
const parsedTemplates = new WeakMap<Uint8Array, PizZip>();

/**
 * A new package holding the template's entries, still compressed (PizZip copies an entry's
 * compressed bytes as they are unless it is read or replaced). The entries are the parsed
 * template's own objects: `file()` replaces an entry rather than changing it, and `writePackage`
 * sets every entry's date before each write, so no report leaves anything in them for the next.
 */
export function packageFromTemplate(templateBytes: Uint8Array): PizZip {
  let parsed = parsedTemplates.get(templateBytes);
  if (!parsed) {
    parsed = openTemplateZip(templateBytes);
    parsedTemplates.set(templateBytes, parsed);
  }
  const zip = new PizZip();
  Object.assign(zip.files, parsed.files);
  return zip;
}

/**
 * How `writePackage` compresses an entry it is handed as text or bytes: the templates
 * (`npm run templates`) and the reviewer's tracked-changes copy, built once, so compressed hard.
 */
const DEFLATE_OPTIONS = { level: 6 } as const;

/**
 * How `setPart` compresses the parts written for every report (document.xml, footnotes.xml,
 * core.xml): DEFLATE level 1, zlib's fast mode. On the Thạch Quý report's 41 kB of such XML,
 * PizZip's compressor (pako, pure JavaScript, so the same bytes on every machine and Node
 * version) takes 0.65 ms at level 1 instead of 1.63 ms at level 6, for 10.9 instead of 9.1 kB
 * (the .docx: 16 instead of 14 kB); that millisecond was a tenth of a report's CPU in a batch
 * (issue 12). The template's own parts are copied still compressed, as the template has them.
 */
const PART_DEFLATE_OPTIONS = { level: 1 } as const;

/** PizZip's compressors (PizZip.compressions, as in JSZip 2; not in its typings). */
interface Compression {
  magic: string;
  compress(input: Uint8Array, options: { level: number }): Uint8Array;
}
const DEFLATE = (PizZip as unknown as { compressions: { DEFLATE: Compression } }).compressions.DEFLATE;

/**
 * PizZip's holder of an entry's compressed bytes (js/compressedObject.js, not in its typings:
 * ./pizzip-compressed-object.d.ts). Imported, not `require`d, so that a bundle (scripts/bundle.mjs)
 * holds the one copy of PizZip whose `instanceof CompressedObject` checks the entries must pass.
 */
interface CompressedEntry {
  uncompressedSize: number;
  compressedSize: number;
  crc32: number;
  compressionMethod: string;
  getCompressedContent(): Uint8Array;
  getContent(): Uint8Array;
}
const CompressedObject = CompressedObjectModule as new () => CompressedEntry;

const utf8 = new TextEncoder();

/**
 * Sets a part from its text, already compressed (PART_DEFLATE_OPTIONS). Given a string, PizZip
 * would encode it into a Buffer, copy that byte by byte into a Uint8Array and take its CRC-32 in
 * JavaScript (~0.2 ms per report); handed a compressed entry, `generate` copies its bytes as for
 * an untouched template part. The DEFLATE bytes are made by PizZip's own compressor; the native
 * encoder and CRC-32 give the same values as PizZip's.
 */
export function setPart(zip: PizZip, name: string, text: string): void {
  const bytes = utf8.encode(text);
  const compressed = DEFLATE.compress(bytes, PART_DEFLATE_OPTIONS);
  const entry = new CompressedObject();
  entry.uncompressedSize = bytes.length;
  entry.compressedSize = compressed.length;
  entry.crc32 = crc32(bytes);
  entry.compressionMethod = DEFLATE.magic;
  entry.getCompressedContent = () => compressed;
  entry.getContent = () => bytes;
  // PizZip's file() takes its compressed entries too; its typings list only the plain data types.
  zip.file(name, entry as unknown as Uint8Array);
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
    compressionOptions: DEFLATE_OPTIONS,
    platform: 'DOS',
    // PizZip passes its files object at run time (its typings say a name list): accept both.
    fileOrder: (files: string[] | Record<string, unknown>) =>
      entryOrder(Array.isArray(files) ? files : Object.keys(files), preferredOrder),
  });
}
