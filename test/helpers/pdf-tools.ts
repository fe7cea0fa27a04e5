/**
 * Reading a PDF the way a person would check it, through poppler-utils (pdftotext, pdffonts,
 * pdfinfo): page count, text per page, embedded fonts, and word positions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export interface PdfWord {
  text: string;
  /** Points from the page's top-left corner. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfFile {
  path: string;
  pages: number;
  info: Record<string, string>;
  /** `pdftotext -layout` of one page (1-based). */
  layoutText(page: number): string;
  /** `pdftotext -raw` of one page, or of the whole file. */
  rawText(page?: number): string;
  fonts(): PdfFont[];
  /** Every word of one page with its box (`pdftotext -bbox`). */
  words(page: number): PdfWord[];
  /** Length in points of the longest horizontal dark run on one page (a rule), from a 72 dpi rendering. */
  longestRule(page: number): number;
  dispose(): void;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Writes the bytes to a temporary file and opens them with poppler. */
export function openPdf(bytes: Uint8Array): PdfFile {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-pdf-test-'));
  const path = join(dir, 'report.pdf');
  writeFileSync(path, bytes);
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', [path]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1] as string] = match[2] as string;
  }
  const pages = Number(info['Pages']);
  const pageArgs = (page: number): string[] => ['-f', String(page), '-l', String(page)];
  // The file never changes: each tool's answer is asked for once.
  const answers = new Map<string, string>();
  const once = (key: string, ask: () => string): string => {
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = ask()));
    return answer;
  };
  return {
    path,
    pages,
    info,
    layoutText: (page) => once(`layout ${page}`, () => run('pdftotext', ['-layout', '-enc', 'UTF-8', ...pageArgs(page), path, '-'])),
    rawText: (page) => once(`raw ${page ?? ''}`, () => run('pdftotext', ['-raw', '-enc', 'UTF-8', ...(page ? pageArgs(page) : []), path, '-'])),
    fonts: () =>
      run('pdffonts', [path])
        .split('\n')
        .slice(2)
        .filter((line) => line.trim() !== '')
        .map((line) => {
          // name, type (may contain spaces), encoding, emb, sub, uni, object, ID
          const fields = line.trim().split(/\s+/);
          const emb = fields[fields.length - 5];
          return { name: fields[0] as string, type: fields.slice(1, -6).join(' '), embedded: emb === 'yes' };
        }),
    words: (page) => {
      // Every page's boxes in one pdftotext call (a call costs more than reading a page), split at <page>.
      const xhtml = once('bbox', () => run('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'])).split(/<page /)[page] ?? '';
      const words: PdfWord[] = [];
      const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
      for (let m = re.exec(xhtml); m; m = re.exec(xhtml)) {
        words.push({
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
          text: decodeEntities(m[5] as string),
        });
      }
      return words;
    },
    longestRule: (page) => {
      const pgm = execFileSync('pdftoppm', ['-gray', '-r', '72', ...pageArgs(page), path], { maxBuffer: 64 * 1024 * 1024 });
      // Binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.subarray(0, 40).toString('latin1'));
      const width = Number(header?.[1]);
      const start = header?.[0].length ?? 0;
      let longest = 0;
      for (let row = start; row < pgm.length; row += width) {
        let runLength = 0;
        for (let x = 0; x < width; x++) {
          runLength = (pgm[row + x] as number) < 128 ? runLength + 1 : 0;
          longest = Math.max(longest, runLength);
        }
      }
      return longest;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
