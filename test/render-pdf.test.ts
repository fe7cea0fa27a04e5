import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/core/model.js';
import { DiagnosticError, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { browserArgs, findBrowser, headlessMode, type BrowserFileState } from '../src/render/pdf/find-browser.js';
import { documentDate } from '../src/render/pdf/normalize-pdf.js';
import { documentTimeoutMs, PdfRenderer, renderFailed } from '../src/render/pdf/pdf-renderer.js';
import { sampleModel } from './fixtures/sample-model.js';
import { sharedBrowser } from './helpers/cli.js';
import { openPdf, type PdfFile, type PdfWord } from './helpers/pdf-tools.js';
import { openTemplates } from '../src/render/open-templates.js';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));

// A4 in points and the decree margins used by print.css: top 20, right 15, bottom 20, left 30 mm.
const mm = 72 / 25.4;
const page = { width: 210 * mm, height: 297 * mm };
const content = { left: 30 * mm, right: (210 - 15) * mm, top: 20 * mm, bottom: (297 - 20) * mm };

/** 13–14 pt text is taller than this in pdftotext boxes; 12 pt footnotes and superscripts are not. */
const bodyWordHeight = 13.8;

let renderer: PdfRenderer;
let bytes: Uint8Array;
let pdf: PdfFile;
const model = sampleModel();

beforeAll(async () => {
  renderer = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages: 2, browser: sharedBrowser() });
  bytes = await renderer.render(model);
  pdf = openPdf(bytes);
});

afterAll(async () => {
  pdf?.dispose();
  await renderer?.close();
});

/** Words of the page inside the body area (below the top margin, where the page number sits). */
function bodyWords(words: PdfWord[]): PdfWord[] {
  return words.filter((w) => w.yMin > content.top && w.yMax - w.yMin > bodyWordHeight);
}

/** yMin of the first word of the footnote "Chú thích số n:" on that page, or undefined. */
function noteTop(words: PdfWord[], n: number): number | undefined {
  const i = words.findIndex(
    (w, k) => w.text === 'Chú' && words[k + 1]?.text === 'thích' && words[k + 2]?.text === 'số' && words[k + 3]?.text === `${n}:`,
  );
  return i >= 0 ? words[i]?.yMin : undefined;
}

/** Footnote markers in the sample follow "đúng hạn": a raised number glued to that word. */
function markers(words: PdfWord[]): number[] {
  return words
    .filter((w, k) => {
      const before = words[k - 1];
      return /^\d+$/.test(w.text) && before?.text === 'hạn' && Math.abs(w.xMin - before.xMax) < 1 && w.yMin < before.yMin;
    })
    .map((w) => Number(w.text));
}

/**
 * Checks every page: each marker's footnote is on the marker's page, below its last body line,
 * the notes sit at the page bottom, and no note is on a page without its marker. Returns the
 * markers in page order.
 */
function footnotePages(file: PdfFile, count: number): number[] {
  const seen: number[] = [];
  for (let k = 1; k <= file.pages; k++) {
    const words = file.words(k);
    const marks = markers(words);
    const bodyBottom = Math.max(...bodyWords(words).map((w) => w.yMax));
    for (const n of marks) {
      const top = noteTop(words, n);
      expect(top, `footnote ${n} should be on page ${k} with its marker`).toBeDefined();
      expect(top as number).toBeGreaterThan(bodyBottom);
    }
    for (let n = 1; n <= count; n++) {
      if (!marks.includes(n)) expect(noteTop(words, n), `footnote ${n} on page ${k}`).toBeUndefined();
    }
    if (marks.length > 0) {
      const noteWords = words.filter((w) => w.yMin > bodyBottom);
      expect(Math.max(...noteWords.map((w) => w.yMax))).toBeGreaterThan(content.bottom - 16);
      expect(Math.max(...noteWords.map((w) => w.yMax))).toBeLessThan(content.bottom + 1);
    }
    seen.push(...marks);
  }
  return seen;
}

/** The first diagnostic of the DiagnosticError `promise` rejects with (it must reject with one). */
async function rejection(promise: Promise<unknown>): Promise<Diagnostic | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiagnosticError);
  return (error as DiagnosticError).diagnostics[0];
}

/** Child processes of this test process (the browsers it started). */
function children(): { pid: number; args: string }[] {
  return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), args: m[2] as string }));
}

describe('PDF of the sample report', () => {
  it('is A4, several pages, with the report metadata', () => {
    expect(pdf.pages).toBeGreaterThanOrEqual(4);
    // Chromium rounds A4 to whole CSS pixels: 594.96 x 841.92 pt.
    const [width, height] = (pdf.info['Page size'] ?? '').split(/ x | pts/).map(Number);
    expect(Math.abs((width ?? 0) - page.width)).toBeLessThan(1);
    expect(Math.abs((height ?? 0) - page.height)).toBeLessThan(1);
    expect(pdf.info['Page size']).toMatch(/\(A4\)$/);
    expect(pdf.info['Title']).toBe(model.documentTitle);
    expect(pdf.info['Creator']).toBe('baocao');
    expect(pdf.info['Producer']).toBe('baocao');
    expect(pdf.info['CreationDate']).toMatch(/Sep\s+5 00:00:00 2024/);
    expect(pdf.info['ModDate']).toMatch(/Sep\s+5 00:00:00 2024/);
  });

  it('numbers pages top-centre from page 2, not on page 1', () => {
    const firstWords = pdf.words(1);
    expect(firstWords.filter((w) => w.yMax < content.top)).toEqual([]);
    expect(pdf.layoutText(1).trim().split('\n')[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    for (let k = 2; k <= pdf.pages; k++) {
      expect(pdf.layoutText(k).trim().split('\n')[0]?.trim()).toBe(String(k));
      const number = pdf.words(k).filter((w) => w.yMax < content.top);
      expect(number.map((w) => w.text)).toEqual([String(k)]);
      const centre = ((number[0]?.xMin ?? 0) + (number[0]?.xMax ?? 0)) / 2;
      expect(Math.abs(centre - (content.left + content.right) / 2)).toBeLessThan(2);
    }
  });

  it('keeps the text inside the decree margins and justified to both edges', () => {
    const all = Array.from({ length: pdf.pages }, (_, i) => pdf.words(i + 1).filter((w) => w.yMin > content.top)).flat();
    const left = Math.min(...all.map((w) => w.xMin));
    const right = Math.max(...all.map((w) => w.xMax));
    const bottom = Math.max(...all.map((w) => w.yMax));
    expect(left).toBeGreaterThan(content.left - 1);
    expect(left).toBeLessThan(content.left + 1);
    expect(right).toBeLessThan(content.right + 1);
    expect(right).toBeGreaterThan(content.right - 1);
    expect(bottom).toBeLessThan(content.bottom + 1);
    expect(page.width).toBeGreaterThan(right);
  });

  it('puts every footnote on the page of its marker, below the last body line', () => {
    expect(footnotePages(pdf, model.footnotes.length)).toEqual(model.footnotes.map((f) => f.number));
  });

  it('splits paragraphs at line boundaries and never leaves a heading at a page bottom', () => {
    const heading = /^(I|II|III)\. MỤC|^\d\. Cải cách thể chế|^\d\.\d\. Kết quả rà soát/;
    let continued = 0;
    for (let k = 1; k <= pdf.pages; k++) {
      const words = bodyWords(pdf.words(k));
      const lineOf = (y: number) => words.filter((w) => Math.abs(w.yMin - y) < 2);
      const firstLine = lineOf(Math.min(...words.map((w) => w.yMin)));
      const lastLine = lineOf(Math.max(...words.map((w) => w.yMin)));
      const lastText = lastLine.map((w) => w.text).join(' ');
      if (k < pdf.pages) expect(lastText, `last line of page ${k}`).not.toMatch(heading);
      // a continued paragraph starts at the left margin (no indent) with a lower-case word
      const start = firstLine[0];
      if (k > 1 && start && /^[a-zđà-ỹ]/.test(start.text) && Math.abs(start.xMin - content.left) < 1) continued += 1;
    }
    expect(continued).toBeGreaterThan(0);
  });

  it('has NFC text with Vietnamese diacritics intact and nothing lost', () => {
    const text = pdf.rawText();
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Số: 07/BC-UBND');
    expect(text).toContain('Mẫu, ngày 05 tháng 9 năm 2024');
    expect(text).toContain('Kết quả thực hiện công tác cải cách hành chính quý III năm 2024');
    expect(text).toContain('Kính gửi:');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('Nguyễn Văn An');
    expect(text.match(/Cải cách thể chế \d\.\d/g)).toHaveLength(9);
    expect(text.match(/Kết quả rà soát thủ tục hành chính/g)).toHaveLength(9);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2024./.');
  });

  it('puts the header on page 1 and the signature, unsplit, on the last page', () => {
    const first = pdf.rawText(1);
    expect(first).toContain('BÁO CÁO');
    expect(first).toContain('UBND THÀNH PHỐ HÀ TĨNH');
    const last = pdf.rawText(pdf.pages);
    for (const line of ['Nơi nhận:', '- Lưu: VT, VP.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An']) {
      expect(last).toContain(line);
    }
    // Nơi nhận on the left, at the height of the signer's authority line on the right.
    const words = pdf.words(pdf.pages);
    const noiNhan = words.find((w) => w.text === 'Nơi');
    const tm = words.find((w) => w.text === 'TM.');
    expect(noiNhan && tm).toBeTruthy();
    expect(noiNhan?.xMin).toBeCloseTo(content.left, 0);
    expect(tm?.xMin).toBeGreaterThan((content.left + content.right) / 2 - 40);
    expect(Math.abs((noiNhan?.yMin ?? 0) - (tm?.yMin ?? 0))).toBeLessThan(4);
  });

  it('embeds every font (Tinos)', () => {
    const fonts = pdf.fonts();
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    for (const font of fonts) expect(font.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
    expect(new Set(fonts.map((f) => f.name.split('+')[1]))).toEqual(
      new Set(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic']),
    );
  });

  it('gives identical bytes for the same model, whichever tab renders it and whatever it rendered before', async () => {
    const other = sampleModel();
    other.body = other.body.slice(0, 5);
    other.footnotes = other.footnotes.slice(0, 1);
    other.documentTitle = 'Khác';
    const [a, b, c] = await Promise.all([renderer.render(model), renderer.render(model), renderer.render(other)]);
    const d = await renderer.render(model);
    for (const again of [a, b, d]) expect(Buffer.compare(Buffer.from(again as Uint8Array), Buffer.from(bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(c), Buffer.from(bytes))).not.toBe(0);
    // A content-derived /ID, no clock time anywhere.
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toMatch(/\/ID \[ ?<[0-9A-Fa-f]{32}> ?<[0-9A-Fa-f]{32}> ?\]/);
    const dates = text.match(/\/(CreationDate|ModDate) \(D:\d+/g);
    expect(dates).toEqual(['/CreationDate (D:20240905000000', '/ModDate (D:20240905000000']);
  });

  it('collects a tab\'s garbage between reports without changing a byte', async () => {
    const collecting = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages: 1, collectEvery: 2, browser: sharedBrowser() });
    try {
      const outputs = [];
      for (let i = 0; i < 4; i += 1) outputs.push(await collecting.render(model));
      // After the first document's head (its HTML holds the fonts), then after every second report.
      expect(collecting.collections).toBe(2);
      for (const again of outputs) expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    } finally {
      await collecting.close();
    }
  });
});

describe('pagination of long content', () => {
  it('splits a paragraph longer than a page over pages, each page with the notes of its markers', async () => {
    const long: ReportModel = sampleModel();
    const run = (text: string) => ({ text, bold: false, italic: false });
    const inlines: ReportModel['body'][number]['inlines'] = [];
    const words = Array.from({ length: 1400 }, (_, i) => `từ${i}`);
    for (let i = 0; i < words.length; i += 200) {
      inlines.push(run(`${words.slice(i, i + 200).join(' ')} đúng hạn`), { footnote: 10 + i / 200 });
      inlines.push(run(' '));
    }
    long.body.splice(long.body.length - 1, 0, { style: 'body', depth: 1, label: 'b)', inlines });
    for (let i = 0; i < 7; i++) {
      const words = `nội dung chú thích số ${10 + i} `.repeat(i === 3 ? 40 : 3);
      long.footnotes.push({ number: 10 + i, inlines: [run(`Chú thích số ${10 + i}: ${words}`)] });
    }
    long.recipients = [...Array.from({ length: 12 }, (_, i) => `- Nơi nhận số ${i + 1};`), '- Lưu: VT, VP.'];
    const file = openPdf(await renderer.render(long));
    try {
      const numbers = Array.from(file.rawText().matchAll(/từ(\d+)/g), (m) => Number(m[1]));
      expect(numbers).toEqual(words.map((_, i) => i));
      expect(footnotePages(file, long.footnotes.length)).toEqual(long.footnotes.map((f) => f.number));
      const last = file.rawText(file.pages);
      for (const line of ['Nơi nhận:', '- Nơi nhận số 1;', '- Nơi nhận số 12;', '- Lưu: VT, VP.', 'Nguyễn Văn An']) {
        expect(last).toContain(line);
      }
    } finally {
      file.dispose();
    }
  });
});

/** A report whose body is the given blocks (before the closing paragraph), with no other footnotes. */
function reportWith(blocks: ReportModel['body'], footnotes: ReportModel['footnotes'] = []): ReportModel {
  const report = sampleModel();
  const closing = report.body[report.body.length - 1] as ReportModel['body'][number];
  report.body = [...blocks, closing];
  report.footnotes = footnotes;
  return report;
}
const plain = (text: string) => ({ text, bold: false, italic: false });
const paragraph = (text: string, extra: ReportModel['body'][number]['inlines'] = []): ReportModel['body'][number] => ({
  style: 'body',
  depth: 1,
  label: '',
  inlines: [plain(text), ...extra],
});
const sentences = (count: number, words: string) =>
  Array.from({ length: count }, (_, i) => `Câu số ${i + 1} ${words}.`).join(' ');

/** Every body-size word of every page, page by page, with no word below the bottom margin. */
function wordsInsidePages(file: PdfFile): PdfWord[] {
  const all: PdfWord[] = [];
  for (let k = 1; k <= file.pages; k++) {
    const words = file.words(k).filter((w) => w.yMin > content.top);
    for (const w of words) {
      expect(w.yMax, `"${w.text}" on page ${k} sits below the bottom margin`).toBeLessThan(content.bottom + 1);
      expect(w.yMin, `"${w.text}" on page ${k} sits above the top margin`).toBeGreaterThan(content.top - 1);
    }
    all.push(...words);
  }
  return all;
}

/** The text of every page in reading order, without the page numbers, on one line. */
function flatText(file: PdfFile): string {
  const pages = Array.from({ length: file.pages }, (_, i) => {
    const lines = file.rawText(i + 1).split('\n');
    return (i > 0 && lines[0]?.trim() === String(i + 1) ? lines.slice(1) : lines).join(' ');
  });
  return pages.join(' ').replace(/\s+/g, ' ');
}

/** Every word of `expected`, in order, in `text` (other words may come between). */
function expectWordsInOrder(text: string, expected: string): void {
  const words = text.split(' ');
  let at = 0;
  for (const [i, word] of expected.split(' ').entries()) {
    while (at < words.length && words[at] !== word) at++;
    expect(at, `word ${i} "${word}" of the note, in order`).toBeLessThan(words.length);
    at++;
  }
}

/** The numbers N of "Câu số N" in reading order. */
const sentenceNumbers = (file: PdfFile): number[] => Array.from(flatText(file).matchAll(/Câu số (\d+) /g), (m) => Number(m[1]));

describe('pagination never drops text', () => {
  it.each([
    ['140 sentences (6,330 characters)', 140, 'về cải cách hành chính của phường'],
    ['a 4,489-character paragraph', 75, 'về kết quả giải quyết thủ tục hành chính tại bộ phận một cửa'],
  ])('splits %s over as many pages as it needs, whole and in order', async (_name, count, words) => {
    const text = sentences(count, words);
    const report = reportWith([
      { style: 'heading1', depth: 1, label: 'I.', inlines: [plain('KẾT QUẢ')] },
      paragraph('Đoạn mở đầu ngắn.'),
      paragraph(text),
      paragraph('Đoạn sau cùng ngắn.'),
    ]);
    const file = openPdf(await renderer.render(report));
    try {
      expect(sentenceNumbers(file)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(flatText(file)).toContain(text);
      wordsInsidePages(file);
      // The short blocks before it share page 1 with the header and the start of the long paragraph.
      const first = file.rawText(1);
      expect(first).toContain('Đoạn mở đầu ngắn.');
      expect(first).toContain('Câu số 1 ');
      expect(file.pages).toBeLessThanOrEqual(Math.ceil(text.length / 2600) + 2);
    } finally {
      file.dispose();
    }
  });

  it('continues a footnote longer than a page onto the next pages, whole and in order', async () => {
    const note = sentences(1100, 'của chú thích dài'); // ≈ 33,000 characters
    expect(note.length).toBeGreaterThan(32_000);
    const report = reportWith(
      [paragraph('Đoạn mở đầu ngắn.'), paragraph('Đoạn có chú thích đúng hạn', [{ footnote: 1 }, plain('.')]), paragraph('Đoạn sau.')],
      [{ number: 1, inlines: [plain(note)] }],
    );
    const file = openPdf(await renderer.render(report));
    try {
      // In reading order a page's body comes before its notes: the note's words, in order, among the others.
      expectWordsInOrder(flatText(file), note);
      expect(sentenceNumbers(file)).toEqual(Array.from({ length: 1100 }, (_, i) => i + 1));
      wordsInsidePages(file);
      // The note starts on its marker's page.
      expect(file.rawText(1)).toContain('Câu số 1 của chú thích dài.');
      expect(file.rawText(1)).toContain('Đoạn có chú thích đúng hạn');
      // Page 1 draws the short separator (50 mm); the continued part, Word's full-width continuation separator.
      expect(file.longestRule(1)).toBeLessThan(100 * mm); // the longest there is the Tiêu ngữ's rule
      expect(file.longestRule(2)).toBeGreaterThan(160 * mm);
    } finally {
      file.dispose();
    }
  });

  it('sets room aside on a phụ lục page for its own notes only, whatever notes the body has', async () => {
    // Before, the note area of a later part of the flow was measured less every earlier part's
    // notes: with two long notes in the body, the phụ lục's pages were overfilled and the
    // document refused as content-too-large (a valid one, no PDF).
    const report = reportWith(
      [paragraph('Xem phụ lục', [{ footnote: 1 }, plain('.')]), paragraph('Đoạn hai', [{ footnote: 2 }, plain('.')])],
      [
        { number: 1, inlines: [plain(`Chú thích một. ${sentences(25, 'ghi chú thân bài')}`)] },
        { number: 2, inlines: [plain(`Chú thích hai. ${sentences(25, 'ghi chú thân bài')}`)] },
        { number: 3, inlines: [plain(`Chú thích phụ lục. ${sentences(8, 'ghi chú phụ lục')}`)] },
      ],
    );
    report.appendices = [
      {
        heading: 'Phụ lục',
        title: [plain('KẾT QUẢ THEO ĐƠN VỊ')],
        attachedTo: '(Kèm theo Báo cáo số 7/BC-UBND ngày 05 tháng 9 năm 2024)',
        landscape: false,
        body: Array.from({ length: 60 }, (_, i) =>
          paragraph(`Đoạn phụ lục số ${i}: ${sentences(3, 'nội dung phụ lục')}`, i === 4 ? [{ footnote: 3 }] : []),
        ),
      },
    ];
    const file = openPdf(await renderer.render(report));
    try {
      wordsInsidePages(file);
      const text = flatText(file);
      for (let i = 0; i < 60; i++) expect(text).toContain(`Đoạn phụ lục số ${i}:`);
      // the phụ lục's note on the page of its marker
      const page = Array.from({ length: file.pages }, (_, k) => k + 1).find((k) => file.rawText(k).includes('Đoạn phụ lục số 4:'));
      expect(file.rawText(page!)).toContain('Chú thích phụ lục.');
    } finally {
      file.dispose();
    }
  });

  it('fails the document with content-too-large, in Vietnamese, for a block that cannot be split', async () => {
    const report = sampleModel();
    report.header.agencyLines = Array.from({ length: 80 }, (_, i) => `PHÒNG SỐ ${i + 1}`);
    const diagnostic = await rejection(renderer.render(report));
    expect(diagnostic?.ruleId).toBe('content-too-large');
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.file).toBe('ha-tinh/phuong-mau/2024-q3');
    expect(diagnostic?.message).toMatch(/không vừa một trang/);
    // the renderer still works for the next document
    expect((await renderer.render(sampleModel())).length).toBeGreaterThan(1000);
  });
});

describe('the header', () => {
  it('wraps a long line of the left column inside the margins', async () => {
    const report = sampleModel();
    report.header.parentAgency = 'UBND THÀNH PHỐ TRÀ VINH';
    report.header.agencyLines = ['ỦY BAN NHÂN DÂN', 'PHƯỜNG TRẦN THÀNH NGỌ'];
    const file = openPdf(await renderer.render(report));
    try {
      const words = file.words(1);
      for (const text of ['UBND', 'VINH', 'PHƯỜNG', 'NGỌ']) expect(words.map((w) => w.text)).toContain(text);
      const outside = words.filter((w) => w.xMin < content.left - 0.5 * mm || w.xMax > content.right + 0.5 * mm);
      expect(outside.map((w) => w.text)).toEqual([]);
    } finally {
      file.dispose();
    }
  });
});

describe('headings stay with what follows without a page each', () => {
  const titles = (count: number): ReportModel['body'] =>
    Array.from({ length: count }, (_, i) => ({
      style: 'heading1' as const,
      depth: 1,
      label: `${i + 1}.`,
      inlines: [plain(`Mục chỉ có tiêu đề số ${i + 1}`)],
    }));

  it('flows thirty title-only sections on as few pages as they need', async () => {
    const file = openPdf(await renderer.render(reportWith(titles(30))));
    try {
      const numbers = Array.from(file.rawText().matchAll(/tiêu đề số (\d+)/g), (m) => Number(m[1]));
      expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(file.pages).toBeLessThanOrEqual(3);
      wordsInsidePages(file);
    } finally {
      file.dispose();
    }
  });

  it('moves only the heading at a page bottom with its paragraph', async () => {
    const blocks: ReportModel['body'] = [];
    for (let i = 1; i <= 40; i++) {
      blocks.push({ style: 'heading2', depth: 2, label: `${i}.`, inlines: [plain(`Tiêu đề khoản ${i}`)] });
      blocks.push(paragraph(`Nội dung khoản ${i}: ${'cải cách hành chính '.repeat(3 + (i % 7) * 4)}xong.`));
    }
    const file = openPdf(await renderer.render(reportWith(blocks)));
    try {
      for (let k = 1; k < file.pages; k++) {
        const lines = file.rawText(k).trim().split('\n');
        expect(lines.at(-1), `last line of page ${k}`).not.toMatch(/^\d+\. Tiêu đề khoản/);
      }
      const numbers = Array.from(file.rawText().matchAll(/Tiêu đề khoản (\d+)/g), (m) => Number(m[1]));
      expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      file.dispose();
    }
  });

  it('says in Vietnamese when printing takes too long, without puppeteer advice', () => {
    const timeout = Object.assign(
      new Error("Page.printToPDF timed out. Increase the 'protocolTimeout' setting in launch/connect calls for a higher timeout if needed."),
      { name: 'ProtocolError' },
    );
    const [diagnostic] = renderFailed(sampleModel(), timeout).diagnostics;
    expect(diagnostic?.ruleId).toBe('render-failed');
    expect(diagnostic?.message).toMatch(/^Không in được PDF: .*thời gian cho phép/);
    expect(diagnostic?.message).not.toMatch(/protocolTimeout|timed out/);
  });

  it('renders 12,000 titles', async () => {
    const file = openPdf(await renderer.render(reportWith(titles(12_000))));
    try {
      const numbers = Array.from(file.rawText().matchAll(/tiêu đề số (\d+)/g), (m) => Number(m[1]));
      expect(numbers.length).toBe(12_000);
      expect(numbers.every((n, i) => n === i + 1)).toBe(true);
    } finally {
      file.dispose();
    }
  }, 300_000);
});

describe('untrusted text', () => {
  let server: Server;
  let port = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.setHeader('Content-Type', 'text/css');
      response.end('p { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('stays inert text: no request, no file read, markup printed literally', async () => {
    const url = `http://127.0.0.1:${port}`;
    const hostile: ReportModel = sampleModel();
    const run = (text: string, bold = false, italic = false) => ({ text, bold, italic });
    hostile.body.unshift(
      { style: 'body', depth: 0, label: '', inlines: [run(`<img src="${url}/img">`)] },
      { style: 'body', depth: 0, label: '', inlines: [run('<a href="file:///etc/passwd">file:///etc/passwd</a>')] },
      {
        style: 'body',
        depth: 0,
        label: '',
        inlines: [
          run(`<link rel="stylesheet" href="${url}/css"><style>@import url(${url}/import);</style>`),
          run(`<script>fetch('${url}/script')</script><iframe src="${url}/frame"></iframe>`, true),
          run(`<object data="file:///etc/passwd"></object>{{{ raw }}}`, false, true),
        ],
      },
    );
    hostile.title.summary = `<img src="${url}/title"> Báo cáo`;
    hostile.header.agencyLines = [`<svg><image href="${url}/svg"/></svg>`];
    hostile.recipients = [`- <img src=${url}/recipient>;`];
    hostile.footnotes[0] = { number: 1, inlines: [run(`<img src="${url}/footnote">`)] };

    const file = openPdf(await renderer.render(hostile));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hits).toEqual([]);
      const text = file.rawText().replace(/\s+/g, ' ');
      expect(text).toContain(`<img src="${url}/img">`);
      expect(text).toContain('<a href="file:///etc/passwd">file:///etc/passwd</a>');
      expect(text).toContain('<script>');
      expect(text).toContain('{{{ raw }}}');
      expect(text).toContain(`<img src="${url}/footnote">`);
      expect(text).not.toContain('root:x:0:0');
      // control: the server does count what reaches it
      await fetch(`${url}/control`).then((response) => response.text());
      expect(hits).toEqual(['/control']);
    } finally {
      file.dispose();
    }
  });
});

describe('the browser', () => {
  it('reports browser-missing, in Vietnamese, when BAOCAO_BROWSER names nothing', async () => {
    // The CLI hands the environment down in the run context; the renderer never reads process.env.
    const diagnostic = await rejection(PdfRenderer.open({ templates: openTemplates(templatesDir), browserEnv: { BAOCAO_BROWSER: '/nonexistent' } }));
    expect(diagnostic?.ruleId).toBe('browser-missing');
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.message).toContain('/nonexistent');
    expect(diagnostic?.message).toContain('sudo apt-get install chromium');
  });

  it('searches Chrome, Chromium and Edge in the standard places, and says what to install when none', () => {
    const only = (exists: (path: string) => boolean) => (path: string): BrowserFileState => (exists(path) ? 'ok' : 'missing');
    const linux = (path: string) => findBrowser({}, 'linux', only((p) => p === path));
    expect(linux('/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(linux('/snap/bin/chromium')).toBe('/snap/bin/chromium');
    expect(linux('/usr/bin/microsoft-edge')).toBe('/usr/bin/microsoft-edge');
    // The headless shell first (same PDF bytes, no per-job PrintCompositor process), then Chrome.
    // Debian's binary before its /usr/bin wrapper (a shell script that does not exec).
    expect(findBrowser({}, 'linux', only((p) => p.includes('chrom')))).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(linux('/usr/bin/chromium-headless-shell')).toBe('/usr/bin/chromium-headless-shell');
    expect(findBrowser({}, 'linux', only((p) => p.includes('chrom') && !p.includes('headless')))).toBe('/usr/bin/google-chrome-stable');
    expect(headlessMode('/usr/bin/chromium-headless-shell')).toBe('shell');
    expect(headlessMode('C:\\cft\\chrome-headless-shell.exe')).toBe('shell');
    expect(headlessMode('/usr/bin/chromium')).toBe(true);
    expect(
      findBrowser({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', only((p) =>
        p.endsWith('Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'),
      )),
    ).toBe('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(findBrowser({}, 'win32', only((p) => p.endsWith('msedge.exe')))).toBe(
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(findBrowser({}, 'darwin', only((p) => p.includes('Microsoft Edge')))).toBe(
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
    expect(findBrowser({ BAOCAO_BROWSER: '/opt/x/chrome' }, 'linux', only((p) => p === '/opt/x/chrome'))).toBe('/opt/x/chrome');
    try {
      findBrowser({}, 'linux', () => 'missing');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DiagnosticError);
      const [diagnostic] = (error as DiagnosticError).diagnostics;
      expect(diagnostic?.ruleId).toBe('browser-missing');
      expect(diagnostic?.message).toContain(
        'Cài Chromium: sudo apt-get install chromium-headless-shell (hoặc chromium), hoặc cài Google Chrome/Microsoft Edge, hoặc đặt BAOCAO_BROWSER=<đường dẫn>',
      );
    }
  });

  it('launches quietly: no sandbox only as root, no hinting, no network chatter', () => {
    expect(browserArgs(true)).toContain('--no-sandbox');
    expect(browserArgs(false)).not.toContain('--no-sandbox');
    for (const flag of ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none']) {
      expect(browserArgs(false)).toContain(flag);
    }
  });

  it('leaves no browser process and no profile folder after close()', async () => {
    const before = new Set(children().map((c) => c.pid));
    const own = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages: 1 });
    await own.render(sampleModel());
    const browser = children().find((c) => !before.has(c.pid) && /--user-data-dir=\S*baocao-chromium-/.test(c.args));
    expect(browser, 'a browser child with its own profile').toBeDefined();
    const profile = /--user-data-dir=(\S+)/.exec(browser?.args ?? '')?.[1] as string;
    expect(existsSync(profile)).toBe(true);
    await own.close();
    // The browser led its own process group (zygotes, renderers, utilities): nothing of it runs.
    // (Dead children re-parented to an init that does not reap them may stay as zombies: not running.)
    const running = (): string[] =>
      execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter(([, pgid, stat]) => Number(pgid) === browser?.pid && !stat?.startsWith('Z'))
        .map(([pid]) => pid as string);
    for (let i = 0; i < 20 && running().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running()).toEqual([]);
    expect(existsSync(profile)).toBe(false);
    await expect(own.render(sampleModel())).rejects.toBeInstanceOf(DiagnosticError);
  });

  it('fails the renders in flight, and later ones, when the browser dies (no hang)', async () => {
    const before = new Set(children().map((c) => c.pid));
    const own = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages: 1 });
    try {
      const browser = children().find((c) => !before.has(c.pid) && c.args.includes('baocao-chromium-'));
      expect(browser).toBeDefined();
      const inFlight = Array.from({ length: 3 }, () =>
        own.render(sampleModel()).then(
          () => 'ok',
          (e: unknown) => (e instanceof DiagnosticError ? e.diagnostics[0]?.ruleId : String(e)),
        ),
      );
      process.kill(-(browser?.pid as number), 'SIGKILL');
      const outcomes = await Promise.all(inFlight);
      expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'render-failed')).toBe(true);
      expect(outcomes).toContain('render-failed');
      await expect(own.render(sampleModel())).rejects.toBeInstanceOf(DiagnosticError);
    } finally {
      await own.close();
    }
  });

  it('gives each document one deadline that grows with its HTML, its blocks and its pages, under the protocol backstop', () => {
    const small = { htmlLength: 40_000, blocks: 50, pages: 4 };
    expect(documentTimeoutMs(small)).toBe(60_000 + 2_000 + 500 + 1_000);
    expect(documentTimeoutMs({ ...small, htmlLength: 400_000 })).toBeGreaterThan(documentTimeoutMs(small));
    expect(documentTimeoutMs({ ...small, blocks: 12_000 })).toBeGreaterThan(documentTimeoutMs(small));
    expect(documentTimeoutMs({ ...small, pages: 500 })).toBeGreaterThan(documentTimeoutMs(small));
    expect(documentTimeoutMs({ htmlLength: 50_000_000, blocks: 1e6, pages: 1e5 })).toBe(9.5 * 60_000);
  });

  it('replaces the tab of a document that misses its deadline (loading or printing); the next document prints', async () => {
    const slow = sampleModel();
    slow.unitPath = 'tinh-mau/phuong-cham';
    const late = sampleModel();
    late.unitPath = 'tinh-mau/phuong-in-cham';
    const asked: number[] = [];
    // One tab only: the later renders print on the tab that replaced the failed one.
    const own = await PdfRenderer.open({
      templates: openTemplates(templatesDir),
      pages: 1,
      browser: sharedBrowser(),
      timeoutFor: (m, size) => {
        if (m === late) asked.push(size.pages);
        if (m === slow) return 1;
        if (m === late) return size.pages === 0 ? 120_000 : 1; // the deadline passes while printing
        return 120_000;
      },
    });
    try {
      for (const [model, unit] of [
        [slow, 'phuong-cham'],
        [late, 'phuong-in-cham'],
      ] as const) {
        const diagnostic = await rejection(own.render(model));
        expect(diagnostic?.ruleId).toBe('render-failed');
        expect(diagnostic?.file).toBe(`tinh-mau/${unit}/${model.period}`);
        expect(diagnostic?.message).toMatch(/^Trình duyệt chưa in xong PDF sau \d+ giây .*tệp PDF không được ghi\.$/);
      }
      expect(asked[0]).toBe(0);
      expect(asked[1]).toBeGreaterThanOrEqual(4); // asked again once pagination counted the pages
      const file = openPdf(await own.render(sampleModel()));
      try {
        expect(file.pages).toBe(pdf.pages);
      } finally {
        file.dispose();
      }
    } finally {
      await own.close();
    }
  });

  it('dates the PDF from SOURCE_DATE_EPOCH when set, else from the issue date', () => {
    expect(documentDate('2024-09-05').toISOString()).toBe('2024-09-05T00:00:00.000Z');
    expect(documentDate('2024-09-05', 0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(documentDate('2024-09-05', 1_700_000_000).toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });
});
