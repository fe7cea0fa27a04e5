/**
 * Test helpers for .docx output: open the package with PizZip and read its XML parts, pull
 * paragraphs and their text out of WordprocessingML, and convert with the real tools
 * (LibreOffice → PDF → pdftotext, pandoc).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import PizZip from 'pizzip';
import { libreOfficeJobs } from './libreoffice-macro.js';

export interface DocxParts {
  zip: PizZip;
  /** Names of the entries, in archive order. */
  names: string[];
  part(name: string): string;
}

export function openDocx(bytes: Uint8Array): DocxParts {
  const zip = new PizZip(bytes);
  return {
    zip,
    names: Object.keys(zip.files),
    part(name: string): string {
      const file = zip.file(name);
      if (!file) throw new Error(`no part ${name} in the package`);
      return file.asText();
    },
  };
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export interface Paragraph {
  style: string | undefined;
  text: string;
  xml: string;
}

/** Every `w:p` of a part (in document order, tables included), with its style id and plain text. */
export function paragraphs(xml: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g)) {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];
    let text = '';
    for (const t of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      text += t[1] !== undefined ? decodeXml(t[1]) : t[0] === '<w:tab/>' ? '\t' : '\n';
    }
    out.push({ style, text, xml: p });
  }
  return out;
}

/** The top-level tables of document.xml, as XML strings. */
export function tables(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
}

/** The number value of attribute `attr` on the first `element` in `xml`. */
export function attrNumber(xml: string, element: string, attr: string): number {
  const el = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0];
  const value = el ? new RegExp(`\\b${attr}="(-?\\d+)"`).exec(el)?.[1] : undefined;
  if (value === undefined) throw new Error(`no ${element} ${attr}`);
  return Number(value);
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Converts a .docx to PDF with LibreOffice (the test process's, test/helpers/libreoffice-macro.ts) and returns the PDF's path. */
export async function docxToPdf(docxPath: string, outDir: string): Promise<string> {
  const out = join(outDir, basename(docxPath).replace(/\.docx$/, '.pdf'));
  await libreOfficeJobs([{ file: docxPath, out, filter: 'writer_pdf_Export' }]);
  return out;
}

export function pdfText(pdfPath: string): string {
  return execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
}

export function pdfPageCount(pdfPath: string): number {
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Pandoc's JSON AST of a .docx. */
export function pandocJson(docxPath: string): unknown {
  return JSON.parse(execFileSync('pandoc', ['-f', 'docx', '-t', 'json', docxPath], { encoding: 'utf8' }));
}

/** Counts nodes of type `t` anywhere in a pandoc JSON AST. */
export function countPandocNodes(ast: unknown, t: string): number {
  if (Array.isArray(ast)) return ast.reduce((n: number, x) => n + countPandocNodes(x, t), 0);
  if (ast !== null && typeof ast === 'object') {
    const node = ast as { t?: unknown; c?: unknown };
    return (node.t === t ? 1 : 0) + Object.values(node).reduce((n: number, x) => n + countPandocNodes(x, t), 0);
  }
  return 0;
}

export function writeBytes(path: string, bytes: Uint8Array): string {
  writeFileSync(path, bytes);
  return path;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Local-header date of every entry of a ZIP (DOS fields), as "YYYY-MM-DD hh:mm:ss". */
export function zipEntryDates(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dates: string[] = [];
  for (let i = 0; i + 30 <= bytes.length; ) {
    if (view.getUint32(i, true) !== 0x04034b50) break;
    const time = view.getUint16(i + 10, true);
    const date = view.getUint16(i + 12, true);
    const compressed = view.getUint32(i + 18, true);
    const nameLength = view.getUint16(i + 26, true);
    const extraLength = view.getUint16(i + 28, true);
    const pad = (n: number) => String(n).padStart(2, '0');
    dates.push(
      `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ` +
        `${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`,
    );
    i += 30 + nameLength + extraLength + compressed;
  }
  return dates;
}
