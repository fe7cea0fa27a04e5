/**
 * Figures in tables (issue 21): a cell may be a figure, a column may be computed per row, a table
 * may take its rows from so_lieu, its totals are figures the text cites, and a typed total that is
 * a figure is checked. Bad tables are diagnostics at file:line:col with a rule id; nothing is made.
 * In-process (prepareDocument): what the model prints is what every writer draws.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel, TableModel } from '../src/core/model.js';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { validTree } from './helpers/data-tree.js';
import { bodyLines } from './helpers/model-text.js';
import { shippedTemplates } from './helpers/document-types.js';
import { runCli } from './helpers/cli.js';

const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

async function prepare(document: string) {
  const root = await validTree({ [FILE]: document });
  const { documents } = await findDocuments([path.join(root, FILE)]);
  return prepareDocument(documents[0]!, shippedTemplates());
}

const cellTexts = (cells: TableModel['rows'][number]) => cells.map((c) => c.inlines.map((i) => ('text' in i ? i.text : '')).join(''));
const tableOf = (model: ReportModel): TableModel => model.body.find((b) => b.table)!.table!;

/** A clerk's report: the counts per field once, in so_lieu; the sentence, the table and its totals from them. */
export const FIELDS_REPORT = (datDai = 412) => `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Giải quyết thủ tục hành chính
    doan:
      - "Tiếp nhận {{linh_vuc.tong.tiep_nhan}} hồ sơ, trong đó lĩnh vực đất đai {{linh_vuc.dat_dai.tiep_nhan}} hồ sơ; đúng hạn đạt {{ty_le linh_vuc.tong.dung_han linh_vuc.tong.tiep_nhan}}."
      - bang:
          tu_so_lieu: linh_vuc
          ten_so_lieu: linh_vuc
          cot:
            - { ten: STT, ma: stt, rong: 1.4, can: giua }
            - { ten: Lĩnh vực, ma: ten }
            - { ten: Tiếp nhận, ma: tiep_nhan, kieu: so, rong: 2.4 }
            - { ten: Đúng hạn, ma: dung_han, kieu: so, rong: 2.4 }
            - { ten: Tỷ lệ đúng hạn, tinh: ty_le dung_han tiep_nhan, so_le: 1, rong: 2.6 }
          tong: true
so_lieu:
  linh_vuc:
    dat_dai: { ten: Đất đai, tiep_nhan: ${datDai}, dung_han: 400 }
    tu_phap: { ten: Tư pháp - Hộ tịch, tiep_nhan: 316, dung_han: 316 }
    xay_dung: { ten: Xây dựng, tiep_nhan: 97, dung_han: 90 }
`;

describe('a table whose rows come from so_lieu', () => {
  it('prints the rows, the computed ratio per row at the column precision, and totals the text cites', async () => {
    const { model, diagnostics } = await prepare(FIELDS_REPORT());
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const table = tableOf(model!);
    expect(table.rows.map(cellTexts)).toEqual([
      ['1', 'Đất đai', '412', '400', '97,1%'],
      ['2', 'Tư pháp - Hộ tịch', '316', '316', '100%'],
      ['3', 'Xây dựng', '97', '90', '92,8%'],
    ]);
    // the ratio's total is the ratio of the totals, not a sum of ratios
    expect(cellTexts(table.total!)).toEqual(['Tổng cộng', '825', '806', '97,7%']);
    expect(table.total![0]!.colSpan).toBe(2);
    expect(table.rows[0]![4]!.align).toBe('right');
    expect(bodyLines(model!).join('\n')).toContain('Tiếp nhận 825 hồ sơ, trong đó lĩnh vực đất đai 412 hồ sơ; đúng hạn đạt 97,70%.');
  });

  it('one number changed in so_lieu changes the sentence, the cell, the ratio and the totals', async () => {
    const { model } = await prepare(FIELDS_REPORT(421));
    const table = tableOf(model!);
    expect(cellTexts(table.rows[0]!)).toEqual(['1', 'Đất đai', '421', '400', '95%']);
    expect(cellTexts(table.total!)).toEqual(['Tổng cộng', '834', '806', '96,6%']);
    expect(bodyLines(model!).join('\n')).toContain('Tiếp nhận 834 hồ sơ, trong đó lĩnh vực đất đai 421 hồ sơ; đúng hạn đạt 96,64%.');
  });
});

const TYPED = (cells: string, total = 'true', extra = '') => `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - "Tổng: {{bang_a.tong.tiep_nhan}}."
      - bang:
          ten_so_lieu: bang_a
          cot:
            - { ten: Đơn vị }
            - { ten: Tiếp nhận, kieu: so, ma: tiep_nhan }
            - { ten: Đúng hạn, kieu: so, ma: dung_han }
            - { ten: Còn lại, tinh: hieu tiep_nhan dung_han, ma: con_lai }
            - { ten: Tỷ lệ, tinh: ty_le dung_han tiep_nhan${extra} }
          dong:
${cells}
          tong: ${total}
so_lieu:
  ho_so: { tiep_nhan: 30, da_giai_quyet: 25, dung_han: 25, tre_han: 0 }
  khac: { a: 4, b: 6 }
`;

describe('typed rows with figures', () => {
  it('takes a figure or an expression in a cell of figures, and computes the difference and the ratio', async () => {
    const { model, diagnostics } = await prepare(TYPED(`            - [Xã A, "{{ho_so.tiep_nhan}}", "{{ho_so.dung_han}}"]\n            - [Xã B, "{{tong khac.a khac.b}}", 5]`));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const table = tableOf(model!);
    expect(table.rows.map(cellTexts)).toEqual([
      ['Xã A', '30', '25', '5', '83,33%'],
      ['Xã B', '10', '5', '5', '50%'],
    ]);
    expect(cellTexts(table.total!)).toEqual(['Tổng cộng', '40', '30', '10', '75%']);
    expect(bodyLines(model!)).toContain('Tổng: 40.');
  });

  it('checks a typed total that names a figure, at the cell, with both values', async () => {
    const { model, diagnostics } = await prepare(TYPED(`            - [Xã A, 20, 15]\n            - [Xã B, 9, 9]`, `[Tổng cộng, "{{ho_so.tiep_nhan}}", 24]`));
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column, expected: d.expected, actual: d.actual }))).toEqual([
      { rule: 'table-total-mismatch', line: 18, column: 29, expected: '29', actual: '30' },
    ]);
    expect(diagnostics[0]!.message).toContain('{{ho_so.tiep_nhan}} (= 30)');
    expect(diagnostics[0]!.message).toContain('được 29');
  });

  it('a typed total that agrees is printed as resolved', async () => {
    const { model, diagnostics } = await prepare(TYPED(`            - [Xã A, 21, 15]\n            - [Xã B, 9, 9]`, `[Tổng cộng, "{{ho_so.tiep_nhan}}", 24]`));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cellTexts(tableOf(model!).total!)).toEqual(['Tổng cộng', '30', '24', '6', '80%']);
  });
});

describe('bad tables of figures', () => {
  const problems = async (document: string) => {
    const { model, diagnostics } = await prepare(document);
    expect(model).toBeUndefined();
    for (const d of diagnostics) expect(d.message).toMatch(/[ạ-ỹ]/u);
    return diagnostics.filter((d) => d.severity === 'error').map((d) => ({ rule: d.ruleId, line: d.line, column: d.column }));
  };

  it('an unknown figure in a cell: at the name inside the cell, with a suggestion', async () => {
    const { diagnostics } = await prepare(TYPED(`            - [Xã A, "{{ho_so.tiep_nhann}}", 5]`));
    expect(diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column }))).toEqual([{ rule: 'unknown-figure', line: 16, column: 25 }]);
    expect(diagnostics[0]!.message).toContain('"ho_so.tiep_nhan"');
  });

  it('a ratio over a zero column: at the zero cell, naming the row', async () => {
    expect(await problems(TYPED(`            - [Xã A, 0, 0]\n            - [Xã B, 9, 9]`))).toEqual([{ rule: 'division-by-zero', line: 16, column: 22 }]);
  });

  it('a computed column naming a column that does not exist: at its tinh', async () => {
    expect(await problems(TYPED(`            - [Xã A, 3, 2]`).replace('tinh: ty_le dung_han tiep_nhan', 'tinh: ty_le dung_han tiep_nhn'))).toEqual([
      { rule: 'table-column-unknown', line: 14, column: 35 },
    ]);
  });

  it('text in a cell of figures, and a row that still writes a cell for the computed column', async () => {
    expect(await problems(TYPED(`            - [Xã A, "ba", 2]\n            - [Xã B, 3, 2, "", ""]`))).toEqual([
      { rule: 'table-not-number', line: 16, column: 22 },
      { rule: 'table-row-cells', line: 17, column: 15 },
    ]);
  });

  it('a table from a group so_lieu does not have, and a row of the group without a column figure', async () => {
    const missing = FIELDS_REPORT().replace('tu_so_lieu: linh_vuc', 'tu_so_lieu: linh_vu');
    expect((await problems(missing)).map((p) => p.rule)).toContain('unknown-figure');
    const short = FIELDS_REPORT().replace('xay_dung: { ten: Xây dựng, tiep_nhan: 97, dung_han: 90 }', 'xay_dung: { ten: Xây dựng, tiep_nhan: 97 }');
    expect(await problems(short)).toEqual([{ rule: 'unknown-figure', line: 21, column: 15 }]);
  });

  it('a total name already taken', async () => {
    const taken = TYPED(`            - [Xã A, 3, 2]`).replace('khac: { a: 4, b: 6 }', 'bang_a: { tong: { ten: x, tiep_nhan: 1 } }');
    expect((await problems(taken)).map((p) => p.rule)).toEqual(expect.arrayContaining(['invalid-value']));
  });
});

/** The same group as FIELDS_REPORT's, in the list form: each row names itself with ma. */
const FIELDS_LIST = (xayDung = '{ ma: xay_dung, ten: Xây dựng, tiep_nhan: 97, dung_han: 90 }') =>
  FIELDS_REPORT().replace(
    /  linh_vuc:\n[\s\S]*$/,
    `  linh_vuc:
    - { ma: dat_dai, ten: Đất đai, tiep_nhan: 412, dung_han: 400 }
    - { ma: tu_phap, ten: Tư pháp - Hộ tịch, tiep_nhan: 316, dung_han: 316 }
    - ${xayDung}
`,
  );

describe('a group of figures by row in the list form', () => {
  it('reads as the map form: the same rows, totals, sentence (figures named by each row\'s ma)', async () => {
    const [list, map] = await Promise.all([prepare(FIELDS_LIST()), prepare(FIELDS_REPORT())]);
    expect(list.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(tableOf(list.model!).rows.map(cellTexts)).toEqual(tableOf(map.model!).rows.map(cellTexts));
    expect(cellTexts(tableOf(list.model!).total!)).toEqual(['Tổng cộng', '825', '806', '97,7%']);
    expect(bodyLines(list.model!).join('\n')).toContain('Tiếp nhận 825 hồ sơ, trong đó lĩnh vực đất đai 412 hồ sơ; đúng hạn đạt 97,70%.');
  });

  it('a row without a column\'s figure: at that row\'s line in the list', async () => {
    const { model, diagnostics } = await prepare(FIELDS_LIST('{ ma: xay_dung, ten: Xây dựng, tiep_nhan: 97 }'));
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column }))).toEqual([{ rule: 'unknown-figure', line: 21, column: 7 }]);
    expect(diagnostics[0]!.message).toContain('Dòng "xay_dung" (Xây dựng) của so_lieu.linh_vuc không có số liệu "dung_han"');
  });

  it('a row without ma, two rows with one ma, a row named tong: each at its row, in Vietnamese', async () => {
    const noName = await prepare(FIELDS_LIST('{ ten: Xây dựng, tiep_nhan: 97, dung_han: 90 }'));
    expect(noName.model).toBeUndefined();
    expect(noName.diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['missing-field 21']);
    expect(noName.diagnostics[0]!.message).toContain('linh_vuc[3].ma');
    const twice = await prepare(FIELDS_LIST('{ ma: dat_dai, ten: Xây dựng, tiep_nhan: 97, dung_han: 90 }'));
    expect(twice.diagnostics.map((d) => `${d.ruleId} ${d.line} ${d.message}`)).toEqual([expect.stringMatching(/^invalid-value 21 .*hai dòng cùng ma "dat_dai"/)]);
    const total = await prepare(FIELDS_LIST('{ ma: tong, ten: Xây dựng, tiep_nhan: 97, dung_han: 90 }'));
    expect(total.diagnostics.map((d) => `${d.ruleId} ${d.line} ${d.message}`)).toEqual([expect.stringMatching(/^invalid-value 21 .*"tong" là tên dành cho dòng tổng/)]);
  });
});

describe('a lone figure where so_lieu expects a group', () => {
  it('says what a group looks like (both forms) and where a lone figure goes (khac)', async () => {
    const { model, diagnostics } = await prepare(FIELDS_REPORT().replace('so_lieu:\n', 'so_lieu:\n  tiep_nhan: 5\n'));
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(['wrong-type 18:14']);
    expect(diagnostics[0]!.message).toBe(
      '"so_lieu.tiep_nhan" phải là một nhóm số liệu theo dòng (tiep_nhan: { dat_dai: { ten: Đất đai, tiep_nhan: 402 } }, hoặc danh sách - { ma: dat_dai, ten: Đất đai, tiep_nhan: 402 }), nhưng đang là số 5. Một số liệu riêng lẻ ghi trong khac: khac: { tiep_nhan: 5 }.',
    );
  });
});

/** TYPED's table as typed from a Word file: its ratio column typed by hand, declared the ratio of two columns. */
const TYPED_RATIOS = (cells: string, total = 'true') =>
  TYPED(cells, total).replace(
    '            - { ten: Còn lại, tinh: hieu tiep_nhan dung_han, ma: con_lai }\n            - { ten: Tỷ lệ, tinh: ty_le dung_han tiep_nhan }\n',
    '            - { ten: Tỷ lệ đúng hạn, ty_le_cua: [dung_han, tiep_nhan] }\n',
  );

describe('a column of typed percentages (ty_le_cua): checked against the same row\'s pair', () => {
  it('typed right at any precision (97%, 97,1%, 97.09 %), printed as typed', async () => {
    const { model, diagnostics } = await prepare(TYPED_RATIOS(`            - [Xã A, 412, 400, "97,1%"]\n            - [Xã B, 316, 316, 100%]\n            - [Xã C, 97, 94, "96.91 %"]`));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(tableOf(model!).rows.map(cellTexts)).toEqual([
      ['Xã A', '412', '400', '97,1%'],
      ['Xã B', '316', '316', '100%'],
      ['Xã C', '97', '94', '96.91 %'],
    ]);
  });

  it('a wrong cell: percent-mismatch at the cell, with both values, at the precision typed; the total row too', async () => {
    const { model, diagnostics } = await prepare(
      TYPED_RATIOS(`            - [Xã A, 412, 400, "97,2%"]\n            - [Xã B, 316, 316, 100%]`, `[Tổng cộng, 728, 716, "98,36%"]`),
    );
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => ({ rule: d.ruleId, line: d.line, column: d.column, expected: d.expected, actual: d.actual }))).toEqual([
      { rule: 'percent-mismatch', line: 15, column: 32, expected: '97,1%', actual: '97,2%' },
      { rule: 'percent-mismatch', line: 17, column: 39, expected: '98,35%', actual: '98,36%' },
    ]);
    expect(diagnostics[0]!.message).toBe(
      'Ô "97,2%" ở cột "Tỷ lệ đúng hạn", dòng 1: dung_han/tiep_nhan là 400/412 = 97,1% (làm tròn 1 chữ số như đã gõ). Sửa ô, hoặc thay ty_le_cua bằng tinh: ty_le dung_han tiep_nhan để tỷ lệ được tính tự động.',
    );
    expect(diagnostics[1]!.message).toContain('dòng tổng: dung_han/tiep_nhan là 716/728 = 98,35%');
  });

  it('rows from so_lieu: the row\'s typed percentage against the row\'s figures; a pair naming no column; a cell that is no percentage', async () => {
    const fromFigures = FIELDS_REPORT()
      .replace('- { ten: Tỷ lệ đúng hạn, tinh: ty_le dung_han tiep_nhan, so_le: 1, rong: 2.6 }', '- { ten: Tỷ lệ đúng hạn, ma: ty_le_dh, ty_le_cua: [dung_han, tiep_nhan] }')
      .replace('tiep_nhan: 412, dung_han: 400 }', 'tiep_nhan: 412, dung_han: 400, ty_le_dh: "97,09%" }')
      .replace('tiep_nhan: 316, dung_han: 316 }', 'tiep_nhan: 316, dung_han: 316, ty_le_dh: "100%" }')
      .replace('tiep_nhan: 97, dung_han: 90 }', 'tiep_nhan: 97, dung_han: 90, ty_le_dh: "92,7%" }');
    const { model, diagnostics } = await prepare(fromFigures);
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column} ${d.expected}`)).toEqual(['percent-mismatch 21:71 92,8%']);
    expect(diagnostics[0]!.message).toContain('dòng xay_dung (Xây dựng): dung_han/tiep_nhan là 90/97 = 92,8%');
    const right = await prepare(fromFigures.replace('"92,7%"', '"92,8%"'));
    expect(right.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(tableOf(right.model!).rows.map(cellTexts)[0]).toEqual(['1', 'Đất đai', '412', '400', '97,09%']);

    const unknown = await prepare(TYPED_RATIOS(`            - [Xã A, 412, 400, "97,1%"]`).replace('ty_le_cua: [dung_han, tiep_nhan]', 'ty_le_cua: [dung_han, tiep_nhn]'));
    expect(unknown.diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(['table-column-unknown 13:60']);
    expect(unknown.diagnostics[0]!.message).toContain('Có phải ý bạn là "tiep_nhan"?');
    const text = await prepare(TYPED_RATIOS(`            - [Xã A, 412, 400, "gần 97%"]`));
    expect(text.diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(['table-not-number 15:32']);
  });
});

describe('a typed percentage almost equal to a ratio a table computes (percent-near-computed)', () => {
  const withSentence = (sentence: string) =>
    FIELDS_REPORT().replace('          tu_so_lieu: linh_vuc\n', '          tu_so_lieu: linh_vuc\n').replace('      - bang:\n', `      - "${sentence}"\n      - bang:\n`);

  it('warns when the sentence names the row or one of its counts, naming both places; not when equal, far, or unrelated', async () => {
    const sentence = 'Lĩnh vực Đất đai đúng hạn đạt 97,08%; tổng 825 hồ sơ, đúng hạn 97,69%; bảo hiểm y tế đạt 97,08%; Đất đai: 97,09%; tổng 825 hồ sơ, đúng hạn 97,7%; Đất đai 97,2%.';
    const { model, diagnostics } = await prepare(withSentence(sentence));
    expect(model).toBeDefined();
    const near = diagnostics.filter((d) => d.ruleId === 'percent-near-computed');
    expect(near.map((d) => ({ severity: d.severity, line: d.line, column: d.column, expected: d.expected, actual: d.actual }))).toEqual([
      { severity: 'warning', line: 7, column: 40, expected: '97,09%', actual: '97,08%' },
      { severity: 'warning', line: 7, column: 73, expected: '97,70%', actual: '97,69%' },
    ]);
    const file = diagnostics[0]!.file;
    expect(near[0]!.message).toBe(
      `Tỷ lệ gõ tay 97,08% (${file}:7:40) gần bằng nhưng khác tỷ lệ văn bản tính ở ${file}:20:14 (cột "Tỷ lệ đúng hạn", dòng Đất đai của bảng: 400/412 = 97,09%, làm tròn như đã gõ). Nếu cùng là một tỷ lệ, sửa thành 97,09% hoặc dùng {{ty_le …}} để hai chỗ luôn khớp.`,
    );
    expect(near[1]!.message).toContain(`tính ở ${file}:17:17 (cột "Tỷ lệ đúng hạn", dòng tổng của bảng: 806/825 = 97,70%`);
  });

  it('validate shows the warning and exits 0; --nghiem makes it an error of the document', async () => {
    const root = await validTree({ [FILE]: withSentence('Lĩnh vực Đất đai đúng hạn đạt 97,08%.') });
    const lenient = await runCli(['validate', FILE], { cwd: root });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toMatch(/2024-q3\.yaml:7:40 {2}cảnh báo {2}Tỷ lệ gõ tay 97,08% .*\[percent-near-computed\]/);
    const strict = await runCli(['validate', '--nghiem', FILE], { cwd: root });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/2024-q3\.yaml:7:40 {2}lỗi {2}Tỷ lệ gõ tay 97,08% .*\(--nghiem: cảnh báo này là lỗi; văn bản không được tạo\) \(đúng: 97,09%; đang có: 97,08%\) {2}\[percent-near-computed\]/);
  });

  it('also against a {{ty_le}} another text computes; a percentage an expression prints is never taken as typed', async () => {
    const noRatioColumn = (sentence: string) => withSentence(sentence).replace('            - { ten: Tỷ lệ đúng hạn, tinh: ty_le dung_han tiep_nhan, so_le: 1, rong: 2.6 }\n', '');
    const { model, diagnostics } = await prepare(noRatioColumn('Tổng 825 hồ sơ, đúng hạn 97,69%.'));
    expect(model).toBeDefined();
    const near = diagnostics.filter((d) => d.ruleId === 'percent-near-computed');
    expect(near.map((d) => `${d.line}:${d.column} ${d.expected} ${d.actual}`)).toEqual(['7:35 97,70% 97,69%']);
    const file = near[0]!.file;
    expect(near[0]!.message).toContain(`tính ở ${file}:6:132 ({{ty_le linh_vuc.tong.dung_han linh_vuc.tong.tiep_nhan}}: 806/825 = 97,70%`);
    // the same rate printed by an expression in a sentence tied to it: computed, not a warning
    const computed = await prepare(noRatioColumn('Tổng {{linh_vuc.tong.tiep_nhan}} hồ sơ, đúng hạn {{ty_le linh_vuc.tong.dung_han linh_vuc.tong.tiep_nhan 1}}.'));
    expect(computed.diagnostics.filter((d) => d.ruleId === 'percent-near-computed')).toEqual([]);
  });

  it('a percentage after its own fraction is checked against it (percent-mismatch), not against the table', async () => {
    const { diagnostics } = await prepare(withSentence('Đất đai đúng hạn 400/412 hồ sơ, đạt 97,08%.'));
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['percent-mismatch']);
  });
});

describe('an amount in another unit than its table (tich)', () => {
  it('{{tich <tổng của bảng> 1000000}}: the amount follows the rows; a wrong argument count is invalid-expression', async () => {
    const document = (row: string) => TYPED(`            - [Xã A, ${row}, 5]\n            - [Xã B, 9, 9]`).replace('"Tổng: {{bang_a.tong.tiep_nhan}}."', '"Kinh phí {{tich bang_a.tong.tiep_nhan 1000000}} đồng."');
    expect(bodyLines((await prepare(document('21'))).model!)).toContain('Kinh phí 30.000.000 đồng.');
    expect(bodyLines((await prepare(document('26'))).model!)).toContain('Kinh phí 35.000.000 đồng.');
    const wrong = await prepare(document('21').replace('1000000}}', '}}'));
    expect(wrong.diagnostics.map((d) => d.ruleId)).toEqual(['invalid-expression']);
    expect(wrong.diagnostics[0]!.message).toContain('{{tich <số> <số>}}');
  });
});
