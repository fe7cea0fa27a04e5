/**
 * A table whose shape changed (issue 22): in the Cẩm Xuyên sample's Bảng 1 a figure changes (Đất đai's late
 * files 3 → 6: "Đã giải quyết" 380 → 383), the last row (Lao động - Thương binh và Xã hội) is removed, a row
 * (Y tế) is added and a column (Số hồ sơ / Trễ hạn) is added before Ghi chú. Compared as two DOCX, both ways:
 * the rows by their label ("bỏ dòng …"), the column by its header ("thêm cột …" / "bỏ cột …"), the other
 * columns' cells matched by their own header (Ghi chú moved one place right and is not reported); the HTML
 * page shows the table whole with the changes marked. The redline, opened in LibreOffice: Accept All gives
 * the new document's text, Reject All the old one's (the added column stays, empty: Word has no column
 * revision mark); the removed row is a row with Word's row-level deletion mark; the validator passes.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli, ROOT } from './helpers/cli.js';
import { libreOfficeTexts } from './helpers/libreoffice-macro.js';
import { expectSchemaValid } from './helpers/ooxml-validator.js';

const UNIT = 'ha-tinh/huyen-cam-xuyen';
const LAO_DONG = 'Lao động - Thương binh và Xã hội';
const COLUMN = 'Số hồ sơ / Trễ hạn';
let root: string;
let oldDocx: string;
let newDocx: string;
let withoutDocx: string;
let forward: string;
let backward: string;
let firstRowRedline: string;
/** The runs that made the redlines (asserted by the tests that read them). */
const redlineRuns: Record<string, CliResult> = {};
/** LibreOffice's text of each document, its tracked changes accepted or rejected: all made in one LibreOffice start. */
const office: Record<'old' | 'new' | 'without' | 'forwardAccept' | 'forwardReject' | 'backwardAccept' | 'backwardReject' | 'firstRowAccept' | 'firstRowReject', string> =
  {} as never;

/** Sample edits: one figure, the last row replaced by another, a column added to Bảng 1 (not to Phụ lục I's table). */
function edited(text: string): string {
  const edits: [string, string][] = [
    [
      '    dat_dai: { ten: Đất đai, ky_truoc: 35, truc_tuyen: 150, truc_tiep: 217, truoc_han: 210, dung_han_rieng: 167, tre_han: 3 }\n',
      '    dat_dai: { ten: Đất đai, ky_truoc: 35, truc_tuyen: 150, truc_tiep: 217, truoc_han: 210, dung_han_rieng: 167, tre_han: 6 }\n',
    ],
    [
      `    lao_dong: { ten: ${LAO_DONG}, ky_truoc: 3, truc_tuyen: 30, truc_tiep: 50, truoc_han: 60, dung_han_rieng: 18, tre_han: 0 }\n`,
      '    y_te: { ten: Y tế, ky_truoc: 0, truc_tuyen: 5, truc_tiep: 7, truoc_han: 10, dung_han_rieng: 2, tre_han: 0 }\n',
    ],
    [
      '                - { ten: Đúng hạn, nhom: Số hồ sơ, ma: dung_han, tinh: tong truoc_han dung_han_rieng, rong: 2.4 }\n',
      '                - { ten: Đúng hạn, nhom: Số hồ sơ, ma: dung_han, tinh: tong truoc_han dung_han_rieng, rong: 2.4 }\n                - { ten: Trễ hạn, nhom: Số hồ sơ, ma: tre_han, kieu: so, rong: 1.8 }\n',
    ],
  ];
  for (const [from, to] of edits) {
    expect(text.split(from)).toHaveLength(2);
    text = text.replace(from, to);
  }
  return text;
}

/** The first row of both tables (Đất đai) removed: the rows below are numbered again. */
function withoutFirstRow(text: string): string {
  const row = '    dat_dai: { ten: Đất đai, ky_truoc: 35, truc_tuyen: 150, truc_tiep: 217, truoc_han: 210, dung_han_rieng: 167, tre_han: 3 }\n';
  expect(text.split(row)).toHaveLength(2);
  return text.replace(row, '');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'baocao-diff-table-shape-'));
  for (const [tree, transform] of [
    ['cu', (t: string) => t],
    ['moi', edited],
    ['bo-dong-dau', withoutFirstRow],
  ] as const) {
    const data = path.join(root, tree);
    await mkdir(path.join(data, UNIT), { recursive: true });
    await copyFile(path.join(ROOT, 'data', 'mac-dinh.yaml'), path.join(data, 'mac-dinh.yaml'));
    await copyFile(path.join(ROOT, 'data', 'ha-tinh', 'tinh.yaml'), path.join(data, 'ha-tinh', 'tinh.yaml'));
    await copyFile(path.join(ROOT, 'data', UNIT, 'don-vi.yaml'), path.join(data, UNIT, 'don-vi.yaml'));
    await writeFile(path.join(data, UNIT, '2024-q3.yaml'), transform(await readFile(path.join(ROOT, 'data', UNIT, '2024-q3.yaml'), 'utf8')));
    const run = await runCli(['render', path.join(data, UNIT, '2024-q3.yaml'), '--format', 'docx', '--out', path.join(root, `out-${tree}`)]);
    expect(run.code, run.stderr).toBe(0);
  }
  oldDocx = path.join(root, 'out-cu', UNIT, '2024-q3.docx');
  newDocx = path.join(root, 'out-moi', UNIT, '2024-q3.docx');
  withoutDocx = path.join(root, 'out-bo-dong-dau', UNIT, '2024-q3.docx');
  forward = path.join(root, 'redline.docx');
  backward = path.join(root, 'redline-nguoc.docx');
  firstRowRedline = path.join(root, 'redline-bo-dong-dau.docx');
  for (const [from, to, out, env] of [
    [oldDocx, newDocx, forward, { SOURCE_DATE_EPOCH: '1700000000' }],
    [newDocx, oldDocx, backward, { SOURCE_DATE_EPOCH: '1700000000' }],
    [oldDocx, withoutDocx, firstRowRedline, {}],
  ] as const) {
    redlineRuns[out] = await runCli(['diff', from, to, '--docx', out], { env });
  }
  const requests = {
    old: { file: oldDocx },
    new: { file: newDocx },
    without: { file: withoutDocx },
    forwardAccept: { file: forward, revisions: 'accept' },
    forwardReject: { file: forward, revisions: 'reject' },
    backwardAccept: { file: backward, revisions: 'accept' },
    backwardReject: { file: backward, revisions: 'reject' },
    firstRowAccept: { file: firstRowRedline, revisions: 'accept' },
    firstRowReject: { file: firstRowRedline, revisions: 'reject' },
  } as const;
  const texts = await libreOfficeTexts(Object.values(requests));
  Object.keys(requests).forEach((key, i) => (office[key as keyof typeof office] = texts[i]!));
}, 240_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface JsonChange {
  kind: string;
  table?: number;
  row?: string;
  column?: string;
  cell?: { table: number; row: string; column: string };
  cells?: (string | { row: string; text: string })[];
  old?: string;
  new?: string;
}

async function changesOf(from: string, to: string): Promise<JsonChange[]> {
  const run = await runCli(['diff', '--json', from, to]);
  expect(run.code, run.stderr).toBe(1);
  return (JSON.parse(run.stdout) as { changes: JsonChange[] }).changes;
}

const inTable1 = (c: JsonChange) => c.table === 1 || c.cell?.table === 1;

describe('rows and columns added and removed', () => {
  it('JSON: the column by its header with its cells by row, the rows by their label, the changed cell; Ghi chú, one place to the right, is not a change', async () => {
    const changes = (await changesOf(oldDocx, newDocx)).filter(inTable1);
    expect(changes.map((c) => c.kind)).toEqual(['column-added', 'cell-changed', 'row-added', 'row-removed']);
    expect(changes[0]).toEqual({
      kind: 'column-added',
      section: expect.objectContaining({ path: 'I.1.' }),
      table: 1,
      column: COLUMN,
      cells: [
        { row: 'Đất đai', text: '6' },
        { row: 'Tư pháp - Hộ tịch', text: '0' },
        { row: 'Đăng ký kinh doanh', text: '0' },
        { row: 'Xây dựng', text: '2' },
        { row: 'Y tế', text: '0' },
        { row: 'Tổng cộng', text: '8' },
      ],
    });
    expect(changes[1]).toMatchObject({ cell: { row: 'Đất đai', column: 'Số hồ sơ / Đã giải quyết' }, old: '380', new: '383' });
    expect(changes[2]).toMatchObject({ row: 'Y tế', cells: ['5', 'Y tế', '12', '12', '12', '0'] });
    expect(changes[3]).toMatchObject({ kind: 'row-removed', table: 1, row: LAO_DONG, cells: ['5', LAO_DONG, '83', '78', '78'] });
    // a cell is matched by its column's header, not its place: the Ghi chú column moved right and did not change
    expect(changes.filter((c) => JSON.stringify(c).includes('Ghi chú'))).toEqual([]);
    // no cell of another row was taken for one of the removed or added row (their STT are both 5)
    expect(changes.filter((c) => c.kind === 'cell-changed')).toHaveLength(1);
  });

  it('from the two period files: the same column and rows, the column as the new document prints it (Đất đai 6, not the old figure)', async () => {
    const yaml = (tree: string) => path.join(root, tree, UNIT, '2024-q3.yaml');
    const changes = (await changesOf(yaml('cu'), yaml('moi'))).filter(inTable1);
    expect(changes.map((c) => c.kind)).toEqual(['column-added', 'row-added', 'row-removed']);
    expect(changes[0]!.cells).toEqual(expect.arrayContaining([{ row: 'Đất đai', text: '6' }, { row: 'Tổng cộng', text: '8' }]));
    expect(changes[2]).toMatchObject({ row: LAO_DONG });
    // the HTML page draws the table as the new document prints it: the cell the figure changed is marked too
    const file = path.join(root, 'so-sanh-yaml.html');
    expect((await runCli(['diff', yaml('cu'), yaml('moi'), '--html', file])).code).toBe(1);
    expect(await readFile(file, 'utf8')).toMatch(/<div class="grid"><table><caption>Bảng 1 .*?<td class="changed"><del>380<\/del> <ins>383<\/ins><\/td>/s);
  });

  it('the other way round: the column removed by its header, the rows swapped', async () => {
    const changes = (await changesOf(newDocx, oldDocx)).filter(inTable1);
    expect(changes.map((c) => c.kind)).toEqual(['column-removed', 'cell-changed', 'row-added', 'row-removed']);
    expect(changes[0]).toMatchObject({ table: 1, column: COLUMN });
    expect(changes[2]).toMatchObject({ row: LAO_DONG });
    expect(changes[3]).toMatchObject({ row: 'Y tế' });
  });

  it('terminal: "thêm cột" / "bỏ cột" with each row\'s value, "bỏ dòng" by its label', async () => {
    const forward = await runCli(['diff', '--no-color', oldDocx, newDocx]);
    expect(forward.stdout).toContain(`  + Bảng 1, thêm cột ${COLUMN}: Đất đai: {+6+} | Tư pháp - Hộ tịch: {+0+} | Đăng ký kinh doanh: {+0+} | Xây dựng: {+2+} | Y tế: {+0+} | Tổng cộng: {+8+}\n`);
    expect(forward.stdout).toContain(`  − Bảng 1, bỏ dòng ${LAO_DONG}: [-5-] | [-${LAO_DONG}-] | [-83-] | [-78-] | [-78-]\n`);
    expect(forward.stdout.split('\n')[0]).toBe('10 thay đổi: 1 đoạn sửa, 1 cột bảng thêm, 4 ô bảng sửa, 2 dòng bảng thêm, 2 dòng bảng bỏ.');
    const backward = await runCli(['diff', '--no-color', newDocx, oldDocx]);
    expect(backward.stdout).toContain(`  − Bảng 1, bỏ cột ${COLUMN}: Đất đai: [-6-] | Tư pháp - Hộ tịch: [-0-]`);
  });

  it("the reviewers' guide shows this very output (every line of its excerpt is a line of the real output, in order)", async () => {
    const guide = await readFile(path.join(ROOT, 'docs', 'huong-dan-duyet.md'), 'utf8');
    // the guide's example with a column added (it has others run the same way)
    const blocks = [...guide.matchAll(/```\n\$ npx baocao diff ban-cu\.docx ban-moi\.docx\n(.*?)```/gs)].map((m) => m[1]!).filter((b) => b.includes('thêm cột'));
    expect(blocks).toHaveLength(1);
    await copyFile(oldDocx, path.join(root, 'ban-cu.docx'));
    await copyFile(newDocx, path.join(root, 'ban-moi.docx'));
    const run = await runCli(['diff', '--no-color', 'ban-cu.docx', 'ban-moi.docx'], { cwd: root });
    // an excerpt: every line of it is a line of the real output, in the same order
    const actual = run.stdout.split('\n');
    let at = 0;
    for (const line of blocks[0]!.split('\n').filter((l) => l !== '')) {
      const found = actual.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    expect(at).toBeGreaterThan(10);
  });

  it('HTML: the table whole, the added column and row marked as inserted, the removed row as deleted, the changed cell old struck and new underlined', async () => {
    const file = path.join(root, 'so-sanh.html');
    const run = await runCli(['diff', oldDocx, newDocx, '--html', file]);
    expect(run.code, run.stderr).toBe(1);
    const html = await readFile(file, 'utf8');
    expect(html).toContain(`Bảng 1, thêm cột ${COLUMN}:`);
    expect(html).toContain(`Bảng 1, bỏ dòng ${LAO_DONG}:`);
    const grid = /<div class="grid"><table><caption>Bảng 1 [^<]*<\/caption>(.*?)<\/table><\/div>/s.exec(html)?.[1];
    expect(grid).toBeDefined();
    const rows = [...grid!.matchAll(/<tr(?: class="(\w+)")?>(.*?)<\/tr>/gs)].map((m) => ({ state: m[1] ?? 'same', cells: [...m[2]!.matchAll(/<t[hd](?: class="(\w+)")?>(.*?)<\/t[hd]>/gs)].map((c) => `${c[1] ? `${c[1]}:` : ''}${c[2]}`) }));
    expect(rows[0]!.cells).toEqual(['STT', 'Lĩnh vực', 'Số hồ sơ / Tiếp nhận', 'Số hồ sơ / Đã giải quyết', 'Số hồ sơ / Đúng hạn', `added:<ins>${COLUMN}</ins>`, 'Ghi chú']);
    expect(rows.find((r) => r.cells[1] === 'Đất đai')).toEqual({ state: 'same', cells: ['1', 'Đất đai', '402', 'changed:<del>380</del> <ins>383</ins>', '377', 'added:<ins>6</ins>', ''] });
    expect(rows.map((r) => `${r.state} ${r.cells[1]}`).slice(4, 7)).toEqual(['same Xây dựng', `removed removed:<del>${LAO_DONG}</del>`, 'added added:<ins>Y tế</ins>']);
  });

  it('the redline: the removed row back as a row deleted with Word\'s row mark, the added column\'s cells inserted; valid Open XML', async () => {
    for (const out of [forward, backward]) expect(redlineRuns[out]!.code, redlineRuns[out]!.stderr).toBe(1);
    const xml = new PizZip(await readFile(forward)).file('word/document.xml')!.asText();
    const deletedRow = /<w:tr><w:trPr>(?:(?!<\/w:trPr>).)*<w:del w:id="\d+" w:author="baocao" w:date="2023-11-14T22:13:20Z"\/><\/w:trPr>((?:(?!<\/w:tr>).)*)<\/w:tr>/s.exec(xml);
    expect(deletedRow).not.toBeNull();
    const texts = (row: string, tag: string) => [...row.matchAll(new RegExp(`<${tag} xml:space="preserve">([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
    expect(texts(deletedRow![1]!, 'w:delText')).toEqual(['5', LAO_DONG, '83', '78', '78']);
    expect(texts(deletedRow![1]!, 'w:t')).toEqual([]);
    // every paragraph of the deleted row has its mark deleted too, as Word writes a deleted row
    expect(deletedRow![1]!.match(/<w:p>/g)).toHaveLength(7);
    expect(deletedRow![1]!.match(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del [^>]*\/>/gs)).toHaveLength(7);
    // the column's header cell, inserted
    expect(xml).toMatch(/<w:tc>(?:(?!<\/w:tc>).)*<w:ins [^>]*><w:r>(?:(?!<\/w:r>).)*<w:t xml:space="preserve">Trễ hạn<\/w:t><\/w:r><\/w:ins><\/w:p><\/w:tc>/s);
    await expectSchemaValid([forward, backward]);
  }, 120_000);

  it('LibreOffice: Accept All gives the new text, Reject All the old one (the added column stays as empty cells), both ways', async () => {
    const oldText = office.old;
    const newText = office.new;
    expect(newText).toContain('Y tế');
    expect(oldText).toContain(LAO_DONG);
    expect(office.forwardAccept).toBe(newText);
    const rejected = office.forwardReject;
    const lines = (t: string) => t.split('\n').filter((l) => l.trim() !== '');
    expect(lines(rejected)).toEqual(lines(oldText));
    // what remains of the added column: one empty cell a row (its header's second row, five rows, the total)
    expect(rejected.split('\n').length - oldText.split('\n').length).toBe(7);
    // the other way round: the removed column's text is deleted where it stood, and comes back on rejecting
    expect(office.backwardAccept).toBe(oldText);
    expect(lines(office.backwardReject)).toEqual(lines(newText));
  });

  it('the first row removed: the rows below renumbered are told under it, not as cell changes; the deleted row goes back under the header, and LibreOffice accepts and rejects it exactly', async () => {
    const terminal = await runCli(['diff', '--no-color', oldDocx, withoutDocx]);
    expect(terminal.stdout.split('\n')[0]).toBe('3 thay đổi: 1 đoạn sửa, 2 dòng bảng bỏ.');
    expect(terminal.stdout).toContain(
      `      đánh lại số thứ tự: Tư pháp - Hộ tịch [-2-] → {+1+}, Đăng ký kinh doanh [-3-] → {+2+}, Xây dựng [-4-] → {+3+}, ${LAO_DONG} [-5-] → {+4+}\n`,
    );
    expect(redlineRuns[firstRowRedline]!.code, redlineRuns[firstRowRedline]!.stderr).toBe(1);
    const xml = new PizZip(await readFile(firstRowRedline)).file('word/document.xml')!.asText();
    // a deleted row, between Bảng 1's header (its last header cell: Đúng hạn) and its first row left (Tư pháp - Hộ tịch)
    const deleted = /<w:tr><w:trPr>(?:(?!<\/w:trPr>).)*<w:del [^>]*\/><\/w:trPr>(?:(?!<\/w:tr>).)*<w:delText xml:space="preserve">Đất đai<\/w:delText>/s.exec(xml);
    expect(deleted).not.toBeNull();
    expect(xml.indexOf('>Đúng hạn<')).toBeLessThan(deleted!.index);
    expect(deleted!.index).toBeLessThan(xml.indexOf('>Tư pháp - Hộ tịch<'));
    await expectSchemaValid([firstRowRedline]);
    expect(office.firstRowAccept).toBe(office.without);
    expect(office.firstRowReject).toBe(office.old);
  }, 120_000);
});
