/**
 * Phụ lục (Mẫu 2.1) and landscape pages: in the DOCX real sections (a w:sectPr ending each one,
 * landscape w:pgSz with the margins turned, page numbers running on) that LibreOffice and pandoc
 * read; in the PDF the same text with landscape pages really landscape; a body table wider than
 * the portrait text gets landscape pages of its own; a 2,000-row table in a phụ lục paginates;
 * bad phụ lục are refused at file:line:col with nothing written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentBlocks } from '../src/core/model.js';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { ROOT, runCli } from './helpers/cli.js';
import { validTree } from './helpers/data-tree.js';
import { docxToPdf, openDocx, paragraphs, pdfPageCount, pdfText, tempDir } from './helpers/docx.js';
import { shippedTemplates } from './helpers/document-types.js';

const SAMPLE = path.join(ROOT, 'data', 'ha-tinh', 'huyen-cam-xuyen', '2024-q3.yaml');
const ATTACHED = '(Kèm theo Báo cáo số 412/BC-UBND ngày 20 tháng 9 năm 2024 của Ủy ban nhân dân huyện Cẩm Xuyên)';
const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
// the titles print on their phụ lục's page only (the body names "Phụ lục I" too)
const FIRST_TITLE = 'Phụ lục I KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC';
const SECOND_TITLE = 'Phụ lục II KẾT QUẢ GIẢI QUYẾT HỒ SƠ CỦA';

const squash = (text: string) => text.replace(/\s+/g, ' ');

/** Page sizes from pdfinfo: true for a landscape page, in page order. */
function landscapePages(pdf: string): boolean[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => Number(m[1]) > Number(m[2]));
}

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });

/** The page (1-based) whose text contains `needle`. */
function pageOf(pdf: string, needle: string): number {
  const pages = pdfPageCount(pdf);
  for (let page = 1; page <= pages; page++) if (squash(pageText(pdf, page)).includes(needle)) return page;
  return 0;
}

/** The w:sectPr elements of document.xml in order: in a paragraph (a section's end) or the body's last. */
function sections(xml: string): string[] {
  return [...xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
}

const isLandscape = (sectPr: string) => /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/.test(sectPr);

describe('the Cẩm Xuyên sample with two phụ lục', () => {
  const out = tempDir('baocao-appendix-');
  let docx = '';
  let pdf = '';
  beforeAll(async () => {
    const run = await runCli(['render', SAMPLE, '--format', 'docx,pdf', '--out', out.dir]);
    expect(run.code, run.stderr).toBe(0);
    docx = path.join(out.dir, 'ha-tinh', 'huyen-cam-xuyen', '2024-q3.docx');
    pdf = docx.replace(/\.docx$/, '.pdf');
  }, 120_000);
  afterAll(() => out.remove());

  it('DOCX: each phụ lục is a section after the signature, Phụ lục I landscape with the margins turned, numbers running on', async () => {
    const xml = openDocx(await readFile(docx)).part('word/document.xml');
    const all = sections(xml);
    expect(all).toHaveLength(3); // body | Phụ lục I | Phụ lục II (the body's closing w:sectPr)
    expect(isLandscape(all[0]!)).toBe(false);
    expect(isLandscape(all[1]!)).toBe(true);
    expect(all[1]).toContain('<w:pgMar w:top="1701" w:right="1134" w:bottom="851" w:left="1134"');
    expect(isLandscape(all[2]!)).toBe(false);
    // page 1 alone hides its number; no section restarts the numbering
    expect(all.map((s) => s.includes('<w:titlePg/>'))).toEqual([true, false, false]);
    expect(xml).not.toContain('w:start=');
    // the section breaks are paragraphs ending their section; the last sectPr closes w:body
    expect(xml).toMatch(/<\/w:sectPr><\/w:pPr><\/w:p>/);
    expect(xml).toMatch(/<\/w:sectPr><\/w:body>/);

    const texts = paragraphs(xml).map((p) => p.text);
    const signature = texts.indexOf('Trần Văn Minh');
    const first = texts.indexOf('Phụ lục I');
    expect(signature).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(signature);
    expect(texts[first + 1]).toBe('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC QUÝ III NĂM 2024');
    expect(texts[first + 2]).toBe(ATTACHED);
    expect(texts.indexOf('Phụ lục II')).toBeGreaterThan(first);
    const heading = paragraphs(xml).find((p) => p.text === 'Phụ lục I')!;
    expect(heading.xml).toContain('<w:jc w:val="center"/>');
    expect(heading.xml).toContain('<w:b/>');
    expect(paragraphs(xml).find((p) => p.text === ATTACHED)!.xml).toContain('<w:i/>');
    // the body refers to them by name
    expect(texts.some((t) => t.includes('(chi tiết tại Phụ lục I):'))).toBe(true);
    expect(texts.some((t) => t.includes('tại Phụ lục II.'))).toBe(true);
  });

  it('DOCX: LibreOffice prints Phụ lục I on a landscape page and pandoc reads every phụ lục', async () => {
    const lo = await docxToPdf(docx, out.dir);
    const pages = landscapePages(lo);
    const first = pageOf(lo, FIRST_TITLE);
    const second = pageOf(lo, SECOND_TITLE);
    expect(first).toBeGreaterThan(1);
    expect(pages[first - 1]).toBe(true);
    expect(second).toBeGreaterThan(first);
    expect(pages[second - 1]).toBe(false);
    expect(pages.filter(Boolean)).toHaveLength(1);
    const plain = squash(execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', docx], { encoding: 'utf8' }));
    for (const text of ['Phụ lục I', 'Phụ lục II', ATTACHED, 'Lao động - Thương binh và Xã hội', 'Thị trấn Thiên Cầm', '1.086', '798']) {
      expect(plain, text).toContain(text);
    }
  }, 180_000);

  it('baocao diff of the data against its own DOCX finds nothing in the phụ lục', async () => {
    const run = await runCli(['diff', SAMPLE, docx]);
    expect(run.stderr).toBe('');
    for (const text of ['Phụ lục', 'KẾT QUẢ GIẢI QUYẾT', 'Kèm theo', 'Thị trấn Thiên Cầm']) expect(run.stdout, text).not.toContain(text);
  }, 60_000);

  it('PDF: the same text, Phụ lục I on a landscape page, every word of the model printed', async () => {
    const pages = landscapePages(pdf);
    const first = pageOf(pdf, FIRST_TITLE);
    const second = pageOf(pdf, SECOND_TITLE);
    expect(pages[first - 1]).toBe(true);
    expect(pages[second - 1]).toBe(false);
    expect(pages.filter(Boolean)).toHaveLength(1);
    expect(squash(pageText(pdf, first))).toContain(ATTACHED);
    // page numbers run on: the landscape page carries its number in the top margin
    expect(pageText(pdf, first).trim().split('\n')[0]!.trim()).toBe(String(first));
    const { documents } = await findDocuments([SAMPLE]);
    const { model } = await prepareDocument(documents[0]!, shippedTemplates());
    const words = new Set(squash(pdfText(pdf)).split(' '));
    const modelWords = documentBlocks(model!)
      .flatMap((block) => [
        ...block.inlines,
        ...(block.table ? [...block.table.rows.flat(), ...(block.table.total ?? [])].flatMap((cell) => cell.inlines) : []),
      ])
      .flatMap((inline) => ('text' in inline ? inline.text.split(/\s+/) : []))
      .filter((word) => word !== '');
    for (const word of modelWords) expect(words.has(word) || squash(pdfText(pdf)).includes(word), word).toBe(true);
  });
});

const TABLE_COLUMNS = `          cot:
            - { ten: STT, rong: 1.5, can: giua }
            - { ten: Đơn vị, rong: 6 }
            - { ten: Tiếp nhận, kieu: so, rong: 3 }
            - { ten: Đã giải quyết, kieu: so, rong: 3 }
            - { ten: Đúng hạn, kieu: so, rong: 3 }
            - { ten: Trễ hạn, kieu: so, rong: 3 }`;

function rows(count: number): string {
  return Array.from({ length: count }, (_, i) => `            - [${i + 1}, "Xã số ${i + 1}", ${i + 1}, 1, 1, 0]`).join('\n');
}

/** A document with one phụ lục; `extra` goes into the phụ lục (huong, …). */
function withAppendix(rowCount: number, extra = ''): string {
  return `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - "Kết quả của từng xã tại {{phu_luc 1}}."
ket_thuc:
  - Hết
phu_luc:
  - ten: Kết quả theo đơn vị
${extra}    doan:
      - bang:
${TABLE_COLUMNS}
          dong:
${rows(rowCount)}
          tong: true
`;
}

async function render(period: string, formats = 'docx,pdf'): Promise<{ dir: string; docx: string; pdf: string; code: number; stderr: string; remove: () => void }> {
  const root = await validTree({ [FILE]: period });
  const out = tempDir('baocao-appendix-case-');
  const run = await runCli(['render', path.join(root, FILE), '--format', formats, '--out', out.dir]);
  const docx = path.join(out.dir, 'tinh-mau', 'phuong-mau', '2024-q3.docx');
  return { dir: out.dir, docx, pdf: docx.replace(/\.docx$/, '.pdf'), code: run.code ?? -1, stderr: run.stderr, remove: out.remove };
}

describe('one phụ lục', () => {
  it('is just "Phụ lục", the reference too; a draft leaves the number blank as the Số line does', async () => {
    const draft = withAppendix(3).replace('so: 7', 'so: ""');
    const root = await validTree({ [FILE]: draft });
    const { documents } = await findDocuments([path.join(root, FILE)]);
    const { model, diagnostics } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(diagnostics).toEqual([]);
    expect(model!.appendices).toHaveLength(1);
    expect(model!.appendices![0]!.heading).toBe('Phụ lục');
    expect(model!.appendices![0]!.landscape).toBe(true); // 19.5 cm of columns
    expect(model!.appendices![0]!.attachedTo).toBe('(Kèm theo Báo cáo số      /BC-UBND ngày 05 tháng 9 năm 2024 của Ủy ban nhân dân phường Mẫu)');
    expect(model!.header.numberLine).toBe('Số:      /BC-UBND');
    const reference = model!.body.find((b) => b.inlines.some((i) => 'text' in i && i.text.includes('tại Phụ lục')));
    expect(reference!.inlines.map((i) => ('text' in i ? i.text : '')).join('')).toBe('Kết quả của từng xã tại Phụ lục.');
  });

  it('huong: ngang prints landscape even with a narrow table; huong: doc portrait', async () => {
    const narrow = (huong: string) =>
      withAppendix(2, `    huong: ${huong}\n`).replace(TABLE_COLUMNS, '          cot:\n            - { ten: STT }\n            - { ten: Đơn vị }\n            - { ten: A, kieu: so }\n            - { ten: B, kieu: so }\n            - { ten: C, kieu: so }\n            - { ten: D, kieu: so }');
    for (const [huong, landscape] of [['ngang', true], ['doc', false]] as const) {
      const root = await validTree({ [FILE]: narrow(huong) });
      const { documents } = await findDocuments([path.join(root, FILE)]);
      const { model, diagnostics } = await prepareDocument(documents[0]!, shippedTemplates());
      expect(diagnostics, huong).toEqual([]);
      expect(model!.appendices![0]!.landscape, huong).toBe(landscape);
      // columns without rong share the text width of the phụ lục's page
      const width = model!.appendices![0]!.body[0]!.table!.widths.reduce((a, b) => a + b, 0);
      expect(width, huong).toBeCloseTo(landscape ? 25.7 : 16.5, 5);
    }
  });
});

// 2,000 rows render: test/tables.test.ts (a body table); here a thousand, on landscape pages.
describe('a 1,000-row table in a phụ lục', () => {
  it('renders and paginates on landscape pages, the header repeated on each, no row split', async () => {
    const { pdf, docx, code, stderr, remove } = await render(withAppendix(1000));
    try {
      expect(code, stderr).toBe(0);
      const pages = landscapePages(pdf);
      const start = pageOf(pdf, 'Kèm theo Báo cáo số 07/BC-UBND');
      expect(start).toBeGreaterThan(1);
      expect(pages.slice(0, start - 1).every((l) => !l)).toBe(true);
      expect(pages.slice(start - 1).every((l) => l)).toBe(true);
      expect(pages.length - start).toBeGreaterThan(20);
      // every page of the phụ lục repeats the header; every row is printed once, in order, whole on one page
      const byPage = pdfText(pdf).split('\f');
      const seen: number[] = [];
      byPage.slice(start - 1, pages.length).forEach((text, k) => {
        // "Đã giải quyết" wraps in its 3 cm column: the header's first line
        expect(text, `page ${start + k}`).toMatch(/STT\s+Đơn vị\s+Tiếp nhận\s+Đúng hạn\s+Trễ hạn/);
        seen.push(...[...text.matchAll(/^\s*[\d.]+\s+Xã số (\d+)\s/gm)].map((m) => Number(m[1])));
      });
      expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      const text = squash(pdfText(pdf));
      expect(text).toContain('1.000 Xã số 1000 1.000');
      expect(text).toContain('Tổng cộng 500.500 1.000 1.000 0');
      const xml = openDocx(await readFile(docx)).part('word/document.xml');
      expect(sections(xml).map(isLandscape)).toEqual([false, true]);
    } finally {
      remove();
    }
  }, 300_000);
});

describe('a body table wider than the portrait text', () => {
  const WIDE = `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - Trước bảng.
      - bang:
${TABLE_COLUMNS.replace('rong: 6 }', 'rong: 9 }')}
          dong:
${rows(3)}
          tong: true
      - Sau bảng.
ket_thuc:
  - Hết
`;
  it('gets landscape pages of its own (a section in the DOCX), then the text goes on in portrait, page numbers running on', async () => {
    const { pdf, docx, code, stderr, remove } = await render(WIDE);
    try {
      expect(code, stderr).toBe(0);
      const xml = openDocx(await readFile(docx)).part('word/document.xml');
      const all = sections(xml);
      expect(all.map(isLandscape)).toEqual([false, true, false]);
      expect(all.map((s) => s.includes('<w:titlePg/>'))).toEqual([true, false, false]);
      const texts = paragraphs(xml).map((p) => p.text);
      const table = xml.indexOf('Xã số 1<');
      expect(table).toBeGreaterThan(xml.indexOf(all[0]!));
      expect(table).toBeLessThan(xml.indexOf(all[1]!));
      expect(xml.indexOf('Sau bảng.')).toBeGreaterThan(xml.indexOf(all[1]!));
      expect(texts).toContain('Trước bảng.');

      const pages = landscapePages(pdf);
      expect(pages).toEqual([false, true, false]);
      expect(squash(pageText(pdf, 1))).toContain('Trước bảng.');
      expect(pageText(pdf, 2)).toMatch(/STT\s+Đơn vị\s+Tiếp nhận/);
      expect(pageText(pdf, 2).trim().split('\n')[0]!.trim()).toBe('2');
      expect(squash(pageText(pdf, 3))).toContain('Sau bảng.');
    } finally {
      remove();
    }
  }, 180_000);
});

describe('bad phụ lục', () => {
  it('reports an empty phụ lục, a reference to a missing one and an unknown key, each at its place, and writes nothing', async () => {
    const bad = `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - "Xem {{phu_luc 1}} và {{phu_luc 3}}."
phu_luc:
  - ten: Trống
  - ten: Có nội dung
    huong: ngangg
    doan: [ "Một đoạn." ]
`;
    const root = await validTree({ [FILE]: bad });
    const { documents } = await findDocuments([path.join(root, FILE)]);
    const { model, diagnostics } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(model).toBeUndefined();
    // Every independent problem in one run (issue 19): the reference to a missing phụ lục is found
    // while the schema refuses the orientation.
    expect(diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column }))).toEqual([
      { rule: 'invalid-value', line: 10, column: 12 },
      { rule: 'appendix-missing', line: 6, column: 33 },
    ]);

    const fixed = bad.replace('ngangg', 'ngang');
    const root2 = await validTree({ [FILE]: fixed });
    const found = await findDocuments([path.join(root2, FILE)]);
    const second = await prepareDocument(found.documents[0]!, shippedTemplates());
    expect(second.model).toBeUndefined();
    const got = second.diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column, severity: d.severity }));
    expect(got).toEqual([
      { rule: 'appendix-empty', line: 8, column: 5, severity: 'error' },
      { rule: 'appendix-unreferenced', line: 9, column: 10, severity: 'warning' },
      { rule: 'appendix-missing', line: 6, column: 33, severity: 'error' },
    ]);
    expect(second.diagnostics.every((d) => /[ạ-ỹ]/u.test(d.message))).toBe(true);

    const unknown = fixed.replace('    huong: ngang', '    huongg: ngang');
    const out = await render(unknown);
    try {
      expect(out.code).not.toBe(0);
      expect(out.stderr).toMatch(/2024-q3\.yaml:10:5 .*"huongg".*huong.*\[unknown-key\]/);
      expect(existsSync(out.docx) || existsSync(out.pdf)).toBe(false);
    } finally {
      out.remove();
    }
  }, 120_000);

  it('refuses a table too wide even for landscape, and one too wide for a phụ lục that says huong: doc; nothing is written', async () => {
    const tooWide = withAppendix(2).replace('rong: 6 }', 'rong: 14 }');
    const portrait = withAppendix(2, '    huong: doc\n');
    for (const [period, pattern] of [
      [tooWide, /:14:13 .*27,5 cm.*trang ngang \(25,7 cm\).*\[table-too-wide\]/],
      [portrait, /:15:13 .*19,5 cm.*trang dọc \(16,5 cm\).*huong: doc.*\[table-too-wide\]/],
    ] as const) {
      const out = await render(period);
      try {
        expect(out.code).not.toBe(0);
        expect(out.stderr).toMatch(pattern);
        expect(existsSync(out.docx) || existsSync(out.pdf)).toBe(false);
      } finally {
        out.remove();
      }
    }
  }, 120_000);

  it('a page template without {{> appendices}} is a template error, not a PDF without its phụ lục', async () => {
    const templates = tempDir('baocao-appendix-templates-');
    try {
      await cp(path.join(ROOT, 'templates'), templates.dir, { recursive: true });
      const page = path.join(templates.dir, 'html', 'bao-cao.hbs');
      await writeFile(page, (await readFile(page, 'utf8')).replace('{{> appendices}}\n', ''));
      const root = await validTree({ [FILE]: withAppendix(2) });
      const out = tempDir('baocao-appendix-case-');
      try {
        const run = await runCli(['render', path.join(root, FILE), '--format', 'pdf', '--templates', templates.dir, '--out', out.dir]);
        expect(run.code).not.toBe(0);
        expect(run.stderr).toMatch(/bao-cao\.hbs.*\{\{> appendices\}\}.*\[template-error\]/);
        expect(existsSync(path.join(out.dir, 'tinh-mau', 'phuong-mau', '2024-q3.pdf'))).toBe(false);
      } finally {
        out.remove();
      }
    } finally {
      templates.remove();
    }
  }, 120_000);
});
