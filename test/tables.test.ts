/**
 * Tables in the body (`bang`): a real Word table (header rows repeated, merged group header,
 * borders, widths) that LibreOffice and pandoc read; an HTML table in the PDF with every cell,
 * split between rows with its header repeated on each page; a 2,000-row table renders; bad tables
 * are refused at file:line:col.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { ROOT, runCli } from './helpers/cli.js';
import { validTree } from './helpers/data-tree.js';
import { docxToPdf, openDocx, pandocJson, pdfPageCount, pdfText, tables, tempDir } from './helpers/docx.js';
import { shippedTemplates } from './helpers/document-types.js';

const SAMPLE = path.join(ROOT, 'data', 'ha-tinh', 'huyen-cam-xuyen', '2024-q3.yaml');
const CELLS = ['STT', 'Lĩnh vực', 'Số hồ sơ', 'Tiếp nhận', 'Đúng hạn', 'Ghi chú', 'Đất đai', 'Tư pháp - Hộ tịch', '402', '380', '377', '316', '188', '186', '97', '92', '90', 'Tổng cộng', '1.086', '1.052', '1.047'];

const out = tempDir('baocao-tables-');
let docxPath = '';
let pdfPath = '';

beforeAll(async () => {
  const run = await runCli(['render', SAMPLE, '--format', 'docx,pdf', '--out', out.dir]);
  expect(run.code, run.stderr).toBe(0);
  docxPath = path.join(out.dir, 'ha-tinh', 'huyen-cam-xuyen', '2024-q3.docx');
  pdfPath = docxPath.replace(/\.docx$/, '.pdf');
}, 120_000);
afterAll(() => out.remove());

const squash = (text: string) => text.replace(/\s+/g, ' ');

function findNodes(node: unknown, type: string, into: unknown[]): void {
  if (Array.isArray(node)) node.forEach((n) => findNodes(n, type, into));
  else if (node && typeof node === 'object') {
    if ((node as { t?: string }).t === type) into.push(node);
    Object.values(node).forEach((n) => findNodes(n, type, into));
  }
}

/** The words of a pandoc AST node, one space between them. */
function inlineText(node: unknown): string {
  const words: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const { t, c } = n as { t?: string; c?: unknown };
      if (t === 'Str' && typeof c === 'string') words.push(c);
      else Object.values(n).forEach(walk);
    }
  };
  walk(node);
  return words.join(' ');
}

describe('a table in the DOCX', () => {
  it('is a w:tbl with two repeated header rows, a merged group, widths and borders', async () => {
    const xml = openDocx(await readFile(docxPath)).part('word/document.xml');
    const table = tables(xml).find((t) => t.includes('Tổng cộng'));
    expect(table).toBeDefined();
    const rows = [...table!.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(2 + 5 + 1);
    expect(rows.filter((r) => r.includes('<w:tblHeader/>'))).toHaveLength(2);
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(rows[0]).toContain('<w:gridSpan w:val="3"/>'); // "Số hồ sơ" over three columns
    expect(rows[0]!.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(3); // STT, Lĩnh vực, Ghi chú
    expect(rows[1]!.match(/<w:vMerge\/>/g)).toHaveLength(3);
    expect(table).toContain('<w:insideH w:val="single"');
    expect([...table!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual([794, 3005, 1361, 1361, 1361, 1474]);
    // figures right-aligned, STT centred, the total bold
    expect(rows[2]).toMatch(/<w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">1</);
    expect(rows[2]).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">402</);
    expect(rows[7]).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">1\.086</);
  });

  it('is read by pandoc as a table and by LibreOffice with every cell', async () => {
    const ast = pandocJson(docxPath);
    const found: unknown[] = [];
    findNodes(ast, 'Table', found);
    const table = found.map(inlineText).find((text) => text.includes('Tổng cộng'));
    expect(table).toBeDefined();
    for (const cell of CELLS) expect(table, cell).toContain(cell);
    const lo = pdfText(await docxToPdf(docxPath, out.dir));
    // LibreOffice wraps the narrow header cells ("Tiếp / nhận"): every word of every cell is there
    const words = new Set(squash(lo).split(' '));
    for (const word of CELLS.flatMap((cell) => cell.split(' '))) expect(words.has(word), word).toBe(true);
  }, 180_000);
});

describe('a table in the PDF', () => {
  it('has every cell', () => {
    const text = squash(pdfText(pdfPath));
    for (const cell of CELLS) expect(text, cell).toContain(cell);
  });
});

const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

function longTable(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `          - [${i + 1}, "Xã số ${i + 1}", ${i + 1}]`).join('\n');
  return `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - Bảng dài.
      - bang:
          cot:
            - { ten: STT, rong: 1.5 }
            - { ten: Đơn vị }
            - { ten: Hồ sơ tiếp nhận, kieu: so, rong: 4 }
          dong:
${lines}
          tong: true
ket_thuc:
  - Hết
`;
}

async function renderPdf(period: string): Promise<{ pdf: string; remove: () => void }> {
  const root = await validTree({ [FILE]: period });
  const dir = tempDir('baocao-long-table-');
  const run = await runCli(['render', path.join(root, FILE), '--format', 'pdf', '--out', dir.dir]);
  expect(run.code, run.stderr).toBe(0);
  return { pdf: path.join(dir.dir, 'tinh-mau', 'phuong-mau', '2024-q3.pdf'), remove: dir.remove };
}

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });

describe('a table longer than a page', () => {
  it('is split between rows, its header repeated at the top of each page', async () => {
    const { pdf, remove } = await renderPdf(longTable(120));
    try {
      const pages = pdfPageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(3);
      const seen: number[] = [];
      for (let page = 1; page <= pages; page++) {
        const text = pageText(pdf, page);
        const rows = [...text.matchAll(/^\s*(\d+)\s+Xã số (\d+)\s+(\d+)\s*$/gm)].map((m) => Number(m[1]));
        if (rows.length > 0) expect(text, `page ${page}`).toMatch(/STT\s+Đơn vị\s+Hồ sơ tiếp nhận/);
        seen.push(...rows);
      }
      // every row once, in order, each whole on one page
      expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(squash(pdfText(pdf))).toContain('Tổng cộng 7.260');
    } finally {
      remove();
    }
  }, 180_000);

  it('renders with 2,000 rows', async () => {
    const { pdf, remove } = await renderPdf(longTable(2000));
    try {
      expect(pdfPageCount(pdf)).toBeGreaterThan(40);
      const text = squash(pdfText(pdf));
      expect(text).toContain('2.000 Xã số 2000 2.000'); // numbers in any column print the Vietnamese way
      expect(text).toContain('Tổng cộng 2.001.000');
    } finally {
      remove();
    }
  }, 300_000);
});

describe('bad tables', () => {
  const TABLE = `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - bang:
          cot:
            - { ten: Đơn vị }
            - { ten: Tiếp nhận, kieu: so }
            - { ten: Đúng hạn, kieu: so }
          dong:
            - [Xã A, 10, 8]
            - [Xã B, 12]
            - [Xã C, "1.5", 3]
          tong: [Tổng, 22, 12]
`;
  it('reports a short row, a figure that is not a number and a total the data contradicts, each at its place', async () => {
    const root = await validTree({ [FILE]: TABLE });
    const { documents } = await findDocuments([path.join(root, FILE)]);
    const { diagnostics, model } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(model).toBeUndefined();
    const got = diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column }));
    expect(got).toEqual([
      { rule: 'table-row-cells', line: 13, column: 15 },
      { rule: 'table-not-number', line: 14, column: 22 },
      { rule: 'table-total-mismatch', line: 15, column: 28 },
    ]);
    expect(diagnostics.every((d) => /[ạ-ỹ]/u.test(d.message))).toBe(true);
    expect(diagnostics[2]).toMatchObject({ expected: '11', actual: '12' });
  });
});
