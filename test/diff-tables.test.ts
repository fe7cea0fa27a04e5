/**
 * Tables as tables, and moves (issue 22): a changed cell is named by its table, row label and column header
 * in the terminal, JSON and HTML; an added row by its label; the total row's cells that changed
 * because of them are folded under them; a moved paragraph is one change. The redline tracks a cell's change inside that cell's
 * paragraph, marks an added row with Word's row-level insertion and a move as a w:moveFrom/w:moveTo
 * pair; pandoc accepts it into the new
 * text and rejects it into the old, and the Open XML SDK validator finds nothing but the style names
 * another change renames.
 * The sample's tables take their rows from so_lieu.linh_vuc, so the edit changes a figure (Đất đai's late files,
 * which Bảng 1's "Đã giải quyết" and Phụ lục I print) and adds a row to the group. Compared as DOCX, the cells are
 * named; compared as YAML, the cause is known: the figure, with every place it is printed.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from './helpers/cli.js';
import { renderOldAndNew, writeEditedTree } from './helpers/diff-sample.js';
import { exec } from './helpers/tools.js';

const UNIT = 'ha-tinh/huyen-cam-xuyen';
let root: string;
const oldYaml = path.join(ROOT, 'data', UNIT, '2024-q3.yaml');
let newYaml: string;
let oldDocx: string;
let newDocx: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'baocao-diff-tables-'));
  newYaml = await writeEditedTree(root, (original) => {
    let text = original;
    // The sample's tables take their rows from so_lieu.linh_vuc (tu_so_lieu): a cell changes when a figure
    // of its row does (Đất đai's late files 3 → 6: "Đã giải quyết" 380 → 383), a row is added to the group.
    const late = '    dat_dai: { ten: Đất đai, ky_truoc: 35, truc_tuyen: 150, truc_tiep: 217, truoc_han: 210, dung_han_rieng: 167, tre_han: 3 }\n';
    const last = '    lao_dong: { ten: Lao động - Thương binh và Xã hội, ky_truoc: 3, truc_tuyen: 30, truc_tiep: 50, truoc_han: 60, dung_han_rieng: 18, tre_han: 0 }\n';
    expect(text.split(late)).toHaveLength(2);
    expect(text.split(last)).toHaveLength(2);
    text = text
      .replace(late, late.replace('tre_han: 3 }', 'tre_han: 6 }'))
      .replace(last, `${last}    y_te: { ten: Y tế, ky_truoc: 0, truc_tuyen: 5, truc_tiep: 7, truoc_han: 10, dung_han_rieng: 2, tre_han: 0 }\n`);
    // a paragraph moved to the section before, and a new one in its place
    const moved = '      - Tiếp tục rà soát, đơn giản hóa thủ tục hành chính; nâng tỷ lệ hồ sơ trực tuyến toàn trình.\n';
    const anchor = '          - "Một số hồ sơ lĩnh vực xây dựng còn trễ hạn do phải lấy ý kiến nhiều cơ quan; kết quả của từng xã, thị trấn tại {{phu_luc 2}}."\n';
    expect(text.split(moved)).toHaveLength(2);
    expect(text.split(anchor)).toHaveLength(2);
    text = text
      .replace(moved, '      - Nâng cao chất lượng phục vụ của Bộ phận Một cửa các cấp.\n')
      .replace(anchor, `${anchor}          - Tiếp tục rà soát, đơn giản hóa thủ tục hành chính; nâng tỷ lệ hồ sơ trực tuyến toàn trình.\n`);
    return text;
  }, `${UNIT}/2024-q3`);
  await renderOldAndNew(root, oldYaml, newYaml);
  oldDocx = path.join(root, 'out-old', UNIT, '2024-q3.docx');
  newDocx = path.join(root, 'out-new', UNIT, '2024-q3.docx');
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface JsonChange {
  kind: string;
  cell?: { table: number; row: string; column: string };
  old?: string;
  new?: string;
  row?: string;
  cells?: string[];
  totals?: { cell: { row: string; column: string }; old: string; new: string }[];
}

/** The paragraph moved from section II to I.2 (not section II's heading, which an equally short alignment would move). */
const MOVE = {
  kind: 'paragraph-moved',
  section: { path: 'I.2.' },
  from: { path: 'II.' },
  text: 'Tiếp tục rà soát, đơn giản hóa thủ tục hành chính; nâng tỷ lệ hồ sơ trực tuyến toàn trình.',
};

const CELL = 'Bảng 1, dòng Đất đai × cột Số hồ sơ / Đã giải quyết';

interface JsonFigure {
  kind: 'figure-changed';
  key: string;
  old?: number;
  new?: number;
  difference?: number;
  sentences: { section: { path: string }; words: { op: string; text: string }[] }[];
}

const words = (w: { op: string; text: string }[]) => w.map((x) => (x.op === '=' ? x.text : `${x.op}${x.text}`)).join('|');

describe('a table in the diff', () => {
  it('docx: the changed cell by row × column, the added row by its label, the totals folded under them (JSON)', async () => {
    const run = await runCli(['diff', '--json', oldDocx, newDocx]);
    expect(run.code, run.stderr).toBe(1);
    const changes = (JSON.parse(run.stdout) as { changes: JsonChange[] }).changes;
    // the sentence printing the table's totals, Bảng 1 (cell, row), the move, then Phụ lục I's table (Bảng 2), which shows the same figures
    expect(changes.map((c) => c.kind)).toEqual([
      'paragraph-changed',
      'cell-changed',
      'row-added',
      'paragraph-moved',
      'paragraph-added',
      'cell-changed',
      'cell-changed',
      'cell-changed',
      'row-added',
    ]);
    expect(changes[1]).toMatchObject({ cell: { table: 1, row: 'Đất đai', column: 'Số hồ sơ / Đã giải quyết' }, old: '380', new: '383' });
    expect(changes[1]!.totals).toEqual([{ cell: { table: 1, row: 'Tổng cộng', column: 'Số hồ sơ / Đã giải quyết' }, old: '1.052', new: '1.067' }]);
    expect(changes[2]).toMatchObject({ table: 1, row: 'Y tế' });
    expect(changes[2]!.cells!.slice(0, 5)).toEqual(['6', 'Y tế', '12', '12', '12']);
    expect(changes[2]!.totals!.map((t) => `${t.cell.column}: ${t.old} → ${t.new}`)).toEqual(['Số hồ sơ / Tiếp nhận: 1.086 → 1.098', 'Số hồ sơ / Đúng hạn: 1.047 → 1.059']);
    // Phụ lục I prints Đất đai's late files themselves, and what follows from them
    expect(changes.slice(5, 8).map((c) => `${c.cell!.table} ${c.cell!.row} × ${c.cell!.column}: ${c.old} → ${c.new}`)).toEqual([
      '2 Đất đai × Số hồ sơ đã giải quyết / Tổng số: 380 → 383',
      '2 Đất đai × Số hồ sơ đã giải quyết / Trễ hạn: 3 → 6',
      '2 Đất đai × Đang giải quyết: 22 → 19',
    ]);
    expect(changes[8]).toMatchObject({ table: 2, row: 'Y tế' });
    expect(changes[3]).toMatchObject(MOVE);
  });

  it('yaml: the changed figure with every place it is printed, the added row by its label, the totals folded under it (JSON)', async () => {
    const run = await runCli(['diff', '--json', oldYaml, newYaml]);
    expect(run.code, run.stderr).toBe(1);
    const changes = (JSON.parse(run.stdout) as { changes: (JsonChange | JsonFigure)[] }).changes;
    // From the YAML the cell's cause is known: the figure that changed, shown once with where it is printed
    // (Bảng 1's cell among them), not as cell changes of its own.
    expect(changes.map((c) => c.kind)).toEqual([
      'paragraph-changed',
      'row-added',
      'paragraph-moved',
      'paragraph-added',
      'row-added',
      ...Array<string>(7).fill('figure-changed'),
    ]);
    const table = changes.filter((c): c is JsonChange => c.kind === 'row-added');
    expect(table[0]).toMatchObject({ table: 1, row: 'Y tế' });
    expect(table[0]!.cells!.slice(0, 5)).toEqual(['6', 'Y tế', '12', '12', '12']);
    expect(table[0]!.totals!.map((t) => `${t.cell.column}: ${t.old} → ${t.new}`)).toEqual([
      'Số hồ sơ / Tiếp nhận: 1.086 → 1.098',
      'Số hồ sơ / Đã giải quyết: 1.052 → 1.064',
      'Số hồ sơ / Đúng hạn: 1.047 → 1.059',
    ]);
    expect(changes[2]).toMatchObject(MOVE);
    const figures = changes.filter((c): c is JsonFigure => c.kind === 'figure-changed');
    expect(figures[0]).toMatchObject({ key: 'linh_vuc.dat_dai.tre_han', old: 3, new: 6, difference: 3 });
    const printed = figures[0]!.sentences.map((s) => `${s.section.path} ${words(s.words)}`);
    expect(printed).toContain('I.1. -380|+383');
    expect(printed).toContain('I.1. 1.|-064|+067');
    expect(printed.filter((s) => s.endsWith(' -3|+6'))).toHaveLength(1);
    expect(figures.slice(1).map((f) => [f.key, f.old, f.new])).toEqual(
      [
        ['dung_han_rieng', 2],
        ['ky_truoc', 0],
        ['tre_han', 0],
        ['truc_tiep', 7],
        ['truc_tuyen', 5],
        ['truoc_han', 10],
      ].map(([k, v]) => [`linh_vuc.y_te.${k}`, undefined, v]),
    );
  });

  it('terminal and HTML name the cell the same way; from the YAML the terminal names the figure behind it', async () => {
    const terminal = await runCli(['diff', '--no-color', oldDocx, newDocx]);
    expect(terminal.stdout).toContain(`~ ${CELL}: [-380-] → {+383+}`);
    expect(terminal.stdout).toContain('+ Bảng 1, thêm dòng Y tế: {+6+} | {+Y tế+}');
    expect(terminal.stdout).toContain('kéo theo Bảng 1, dòng Tổng cộng × cột Số hồ sơ / Đã giải quyết: [-1.052-] → {+1.067+}');
    const fromYaml = await runCli(['diff', '--no-color', oldYaml, newYaml]);
    expect(fromYaml.stdout).toContain('~ linh_vuc.dat_dai.tre_han: 3 → 6 (+3)\n');
    expect(fromYaml.stdout).toContain('in ở I.1.: [-380-]{+383+}\n');
    expect(fromYaml.stdout).toContain('+ Bảng 1, thêm dòng Y tế: {+6+} | {+Y tế+}');
    const html = path.join(root, 'so-sanh.html');
    const page = await runCli(['diff', oldDocx, newDocx, '--html', html]);
    expect(page.code, page.stderr).toBe(1);
    const text = await readFile(html, 'utf8');
    expect(text).toContain(`${CELL}:`);
    expect(text).toMatch(/<del>380<\/del> → <ins>383<\/ins>/);
    expect(text).toContain('Bảng 1, thêm dòng Y tế:');
  });

  it('the redline: the cell changed inside its own paragraph, the added row marked as inserted; pandoc accepts and rejects it; the validator passes', async () => {
    const out = path.join(root, 'redline.docx');
    const run = await runCli(['diff', oldDocx, newDocx, '--docx', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run.code, run.stderr).toBe(1);
    const xml = new PizZip(await readFile(out)).file('word/document.xml')!.asText();
    expect(xml).toMatch(/<w:tc>(?:(?!<\/w:tc>).)*<w:p>(?:(?!<\/w:p>).)*<w:del [^>]*><w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:delText xml:space="preserve">380<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve">383<\/w:t>/s);
    expect(xml).toMatch(/<w:tr><w:trPr>(?:(?!<\/w:trPr>).)*<w:ins w:id="\d+" w:author="baocao"[^>]*\/><\/w:trPr>/s);
    // the move as Word writes one: named ranges on both sides, the same name
    const from = /<w:moveFromRangeStart w:id="(\d+)"[^>]*w:name="([^"]+)"\/><w:moveFrom [^>]*>(?:(?!<\/w:moveFrom>).)+<\/w:moveFrom><w:moveFromRangeEnd w:id="\1"\/>/s.exec(xml);
    const to = /<w:moveToRangeStart w:id="(\d+)"[^>]*w:name="([^"]+)"\/><w:moveTo [^>]*>(?:(?!<\/w:moveTo>).)+<\/w:moveTo><w:moveToRangeEnd w:id="\1"\/>/s.exec(xml);
    expect(from?.[2]).toBeDefined();
    expect(to?.[2]).toBe(from?.[2]);

    const plain = async (file: string, mode?: 'accept' | 'reject') => (await exec('pandoc', [...(mode ? [`--track-changes=${mode}`] : []), '-t', 'plain', file])).stdout;
    expect(await plain(out, 'accept')).toBe(await plain(newDocx));
    // pandoc does not read row-level revision marks: it keeps the rejected row, empty.
    const withoutBlank = (t: string) => t.split('\n').filter((l) => l.trim() !== '').join('\n');
    expect(withoutBlank(await plain(out, 'reject'))).toBe(withoutBlank(await plain(oldDocx)));

    const validator = path.join(ROOT, 'node_modules', '@xarsh', 'ooxml-validator', 'dist', 'src', 'cli.js');
    const checked = await exec(process.execPath, [validator, out]).catch((error: { stdout: string }) => error);
    const report = JSON.parse(checked.stdout) as { errors: { description: string }[] };
    // The three style names with a comma are renamed by another change (issue 19); nothing else may fail.
    expect(report.errors.filter((e) => !/invalid value '(Quyền hạn, chức vụ người ký|Địa danh, ngày tháng|Số, ký hiệu)'/.test(e.description))).toEqual([]);
  });

  it('two loose YAML files (no data tree, no period name) are compared on what they hold, with a notice naming the missing layers', async () => {
    const loose = path.join(root, 'thu-dien-tu');
    await mkdir(loose, { recursive: true });
    await copyFile(oldYaml, path.join(loose, 'ban-cu.yaml'));
    await copyFile(newYaml, path.join(loose, 'ban-moi.yaml'));
    const run = await runCli(['diff', '--no-color', path.join(loose, 'ban-cu.yaml'), path.join(loose, 'ban-moi.yaml')]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Không có cây dữ liệu quanh tệp \(thiếu kỳ báo cáo[^)]*\); hồ sơ đơn vị/);
    // no figures computed there: the typed value that changed, and the typed values of the added row
    expect(run.stdout).toContain('› linh_vuc › dat_dai › tre_han: [-3-]{+6+}');
    expect(run.stdout).toContain('{+so_lieu › linh_vuc › y_te › ten: Y tế+}');
    expect(run.stdout).toContain('{+noi_dung › doan: Nâng cao chất lượng phục vụ của Bộ phận Một cửa các cấp.+}');
  });

  it('docxodus (an independent comparer, successor of WmlComparer) finds the same changed words', async () => {
    const { initialize, compareDocuments, getRevisions } = await import('docxodus/core');
    await initialize();
    const compared = await compareDocuments(await readFile(oldDocx), await readFile(newDocx));
    const words = (texts: string[]) => new Set(texts.flatMap((t) => t.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []));
    // The move is one of two equally short alignments: docxodus moves the heading of section II over the
    // paragraph, we keep headings in place and move the paragraph (what the author did). Both find one move;
    // the words are compared without it.
    const revisions = await getRevisions(compared);
    const isMove = (r: { type: string }) => r.type === 'move';
    expect(revisions.filter(isMove)).toHaveLength(1);
    const theirs = words(revisions.filter((r) => !isMove(r)).map((r) => r.text));
    const run = await runCli(['diff', '--json', oldDocx, newDocx]);
    const changes = (JSON.parse(run.stdout) as { changes: (JsonChange & { text?: string; words?: { op: string; text: string }[] })[] }).changes;
    expect(changes.filter((c) => c.kind === 'paragraph-moved')).toHaveLength(1);
    const ours = words(
      changes.filter((c) => c.kind !== 'paragraph-moved').flatMap((c) => [c.old ?? '', c.new ?? '', c.text ?? '', ...(c.words ?? []).filter((w) => w.op !== '=').map((w) => w.text), ...(c.cells ?? []), ...(c.totals ?? []).flatMap((t) => [t.old, t.new])]),
    );
    expect([...ours].filter((w) => !theirs.has(w))).toEqual([]);
    // docxodus pairs the total row with the inserted one, so it also marks the total's label and Phụ lục I's
    // unchanged total 60 (deleted, then inserted with the total row), and joins that row's two cells 0 and 0 into
    // '00'; it marks a whole number where we mark the digits that changed (99,52% → 99,25%: ours is 52 → 25).
    expect([...theirs].filter((w) => !ours.has(w) && !['Tổng', 'cộng', '60', '00', '99'].includes(w))).toEqual([]);
  }, 120_000);
});
