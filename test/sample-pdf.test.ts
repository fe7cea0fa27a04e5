/**
 * Done-when of the PDF issue on the real Thạch Quý sample, through the CLI: the PDF says what
 * the DOCX says, footnotes sit on their marker's page, pages are numbered from 2, fonts are
 * embedded, and two renders give the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import type { ReportModel } from '../src/core/model.js';
import { prepareDocument } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';
import { squash } from './helpers/model-text.js';
import { exec, pandoc, pdfText } from './helpers/tools.js';
import { shippedTemplates } from './helpers/document-types.js';

const DATA = 'data/ha-tinh/phuong-thach-quy/2024-q3.yaml';
const OUT = 'ha-tinh/phuong-thach-quy/2024-q3';
let first: string;
let second: string;
let model: ReportModel;
let pages: string[];

beforeAll(async () => {
  first = await mkdtemp(path.join(os.tmpdir(), 'baocao-pdf-a-'));
  second = await mkdtemp(path.join(os.tmpdir(), 'baocao-pdf-b-'));
  for (const out of [first, second]) {
    const result = await runCli(['render', DATA, '--format', 'docx,pdf', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
  const { documents } = await findDocuments([DATA]);
  model = (await prepareDocument(documents[0]!, shippedTemplates())).model!;
  const pdf = path.join(first, `${OUT}.pdf`);
  const { stdout } = await exec('pdfinfo', [pdf]);
  const count = Number(/Pages:\s+(\d+)/.exec(stdout)![1]);
  pages = [];
  for (let k = 1; k <= count; k++) pages.push(await pdfText(pdf, ['-layout', '-f', String(k), '-l', String(k)]));
});

/** Words without digits or punctuation: footnote numbers and page numbers drop out of both. */
function words(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/\[\d+\]/g, ' ')
    .replace(/[\p{N}]/gu, '')
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .sort();
}

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('Thạch Quý as PDF', () => {
  it('has the same words as the DOCX, in NFC with diacritics intact', async () => {
    const pdfWords = words(pages.join('\n'));
    const docxWords = words(await pandoc(path.join(first, `${OUT}.docx`), 'plain'));
    expect(pdfWords).toEqual(docxWords);
    const text = pages.join('\n');
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Thạch Quý, ngày 16 tháng 9 năm 2024');
  });

  it('prints each footnote at the bottom of the page of its marker', () => {
    let checked = 0;
    for (const [index, block] of model.body.entries()) {
      let before = '';
      for (const inline of block.inlines) {
        if (!('footnote' in inline)) {
          before += inline.text;
          continue;
        }
        const note = model.footnotes[inline.footnote - 1]!;
        const noteStart = squash(note.inlines.map((r) => r.text).join('')).split(' ').slice(0, 6).join(' ');
        const lead = squash(before).split(' ').slice(-2).join(' ');
        const notePage = pages.findIndex((p) => squash(p).includes(noteStart));
        expect(notePage, `footnote ${note.number} (block ${index})`).toBeGreaterThanOrEqual(0);
        const pageText = squash(pages[notePage]!);
        expect(pageText, `marker ${note.number} on the page of its note`).toContain(lead);
        expect(pageText.lastIndexOf(noteStart), 'note below the marker').toBeGreaterThan(pageText.indexOf(lead));
        checked++;
      }
    }
    expect(checked).toBe(12);
  });

  it('numbers pages top-centre from page 2', () => {
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]!.trim().split('\n')[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    pages.slice(1).forEach((page, i) => expect(page.trim().split('\n')[0]!.trim()).toBe(String(i + 2)));
  });

  it('embeds every font', async () => {
    const { stdout } = await exec('pdffonts', [path.join(first, `${OUT}.pdf`)]);
    const rows = stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(/\s+/).at(-5), row).toBe('yes');
  });

  it('gives byte-identical PDF and DOCX on a second render', async () => {
    for (const ext of ['pdf', 'docx']) {
      expect(await sha(path.join(second, `${OUT}.${ext}`))).toBe(await sha(path.join(first, `${OUT}.${ext}`)));
    }
  });
});

describe('every sample as PDF', () => {
  const mm = 72 / 25.4;
  let out: string;
  let files: string[];

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'baocao-pdf-all-'));
    const result = await runCli(['render', 'data', '--format', 'pdf', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.pdf')).map((f) => path.join(out, f));
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  /** Every word of every page with its box, from `pdftotext -bbox`. */
  async function wordsOf(file: string): Promise<{ page: number; pageWidth: number; text: string; xMin: number; xMax: number }[]> {
    const xhtml = await pdfText(file, ['-bbox']);
    const words: { page: number; pageWidth: number; text: string; xMin: number; xMax: number }[] = [];
    xhtml.split('<page ').slice(1).forEach((page, i) => {
      const pageWidth = Number(/width="([\d.]+)"/.exec(page)![1]);
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
        words.push({ page: i + 1, pageWidth, text: m[3]!, xMin: Number(m[1]), xMax: Number(m[2]) });
      }
    });
    return words;
  }

  it('keeps every word inside the decree margins (left 30 mm, right 15 mm; a landscape page 20 mm each side)', async () => {
    const outside: string[] = [];
    for (const file of files) {
      for (const w of await wordsOf(file)) {
        // a landscape page (a phụ lục, a wide table) has the margins turned with it: 30 mm at the top
        const [left, right] = w.pageWidth > 700 ? [19.5, 19.5] : [29.5, 14.5];
        if (w.xMin < left * mm || w.xMax > w.pageWidth - right * mm) {
          outside.push(`${path.relative(out, file)} p.${w.page}: "${w.text}" at ${(w.xMin / mm).toFixed(1)}–${(w.xMax / mm).toFixed(1)} mm`);
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it('prints a long agency line whole, wrapped inside the left column', async () => {
    const file = files.find((f) => f.includes('phuong-tran-thanh-ngo'))!;
    const words = (await wordsOf(file)).filter((w) => w.page === 1);
    for (const text of ['PHƯỜNG', 'TRẦN', 'THÀNH', 'NGỌ']) {
      const word = words.find((w) => w.text === text)!;
      expect(word, text).toBeDefined();
      // the left column: from the margin to 6.4 cm right of it
      expect(word.xMin, text).toBeGreaterThanOrEqual(30 * mm - 0.5);
      expect(word.xMax, text).toBeLessThanOrEqual(94 * mm);
    }
  });

  it('keeps the blanks of a draft number "Số:      /BC-UBND"', async () => {
    const file = files.find((f) => f.includes('phuong-tran-thanh-ngo'))!;
    const words = (await wordsOf(file)).filter((w) => w.page === 1);
    const so = words.findIndex((w) => w.text === 'Số:');
    expect(words[so + 1]?.text).toBe('/BC-UBND');
    // six blanks at 13 pt: about 19.5 pt, as LibreOffice shows the DOCX
    expect(words[so + 1]!.xMin - words[so]!.xMax).toBeGreaterThan(15);
  });
});
