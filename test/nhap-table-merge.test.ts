/**
 * `baocao nhap` of a table whose data rows have merged cells (w:vMerge down a column, w:gridSpan
 * across columns), as offices type them. `bang` has merged cells only in its header (`nhom`), so
 * each merge is a warning with the table's paragraph, the row, the column and the text, and a
 * comment in the YAML at the table; the text stays in the merge's first cell, the covered cells
 * are empty (a figure is never counted twice), nothing is dropped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, type CliResult } from './helpers/cli.js';
import { buildOfficeDocx, THACH_QUY_OFFICE } from './helpers/office-document.js';

// No Kính gửi: the bold trích yếu is followed by the bold "I. …" line.
const { kinhGui: _, ...officeWithoutKinhGui } = THACH_QUY_OFFICE;

const work = mkdtempSync(path.join(tmpdir(), 'baocao-nhap-merge-'));

const cell = (text: string, props = '', align = 'left') =>
  `<w:tc><w:tcPr>${props}</w:tcPr><w:p><w:pPr><w:jc w:val="${align}"/></w:pPr>${text === '' ? '' : `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`}</w:p></w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const ROWS = [
  row(cell('1', '', 'center'), cell('Tư pháp - hộ tịch'), cell('390', '', 'right'), cell('380', '', 'right')),
  row(cell('2', '', 'center'), cell('Đất đai - xây dựng', '<w:vMerge w:val="restart"/>'), cell('28', '', 'right'), cell('25', '', 'right')),
  row(cell('3', '', 'center'), cell('', '<w:vMerge/>'), cell('12', '', 'right'), cell('12', '', 'right')),
  row(cell('4', '', 'center'), cell('Chưa phát sinh hồ sơ trong quý', '<w:gridSpan w:val="3"/>')),
].join('');

describe('nhap: merged cells in the data rows of a table', () => {
  let run: CliResult;
  let yaml: string;
  let tablePosition: number;

  beforeAll(async () => {
    const docx = buildOfficeDocx(
      {
        ...officeWithoutKinhGui,
        lines: ['I. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', 'Số hồ sơ theo lĩnh vực:', 'Trên đây là báo cáo của UBND phường Thạch Quý./.'],
        footnotes: new Map(),
        table: { after: 1, rows: [['STT', 'Lĩnh vực', 'Tiếp nhận', 'Đã giải quyết'], ['MERGEROWS', '', '', '']] },
      },
      work,
      'o-gop',
    );
    // The office's rows replace pandoc's placeholder row.
    const zip = new PizZip(readFileSync(docx));
    const xml = zip.file('word/document.xml')!.asText();
    const merged = xml.replace(/<w:tr>(?:(?!<w:tr>).)*?MERGEROWS.*?<\/w:tr>/s, ROWS);
    expect(merged).not.toBe(xml);
    zip.file('word/document.xml', merged);
    writeFileSync(docx, zip.generate({ type: 'nodebuffer' }));
    // The table's paragraph number, as Word counts: every paragraph before its first cell's, tables included.
    tablePosition = (merged.slice(0, merged.indexOf('>STT<')).match(/<w:p[ >]/g) ?? []).length;
    run = await runCli(['nhap', docx, '--vao', path.join(work, 'data')]);
    yaml = readFileSync(path.join(work, 'data', 'phuong-thach-quy', '2024-q3.yaml'), 'utf8');
  }, 60_000);

  it('warns for each merge with the table\'s paragraph, its row, column and text', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Đoạn ${tablePosition}: ô gộp 2 dòng (dòng 3–4, cột 2) của bảng ("Đất đai - xây dựng"): bảng của baocao chưa có ô gộp trong dòng số liệu, chữ được giữ ở dòng đầu, 1 dòng dưới để trống ô này.  [import-unmapped]`);
    expect(run.stderr).toContain(`Đoạn ${tablePosition}: ô gộp 3 cột ở dòng 5, cột 2 của bảng ("Chưa phát sinh hồ sơ trong quý"): bảng của baocao chưa có ô gộp trong dòng số liệu, chữ được giữ ở ô đầu, 2 ô sau để trống.  [import-unmapped]`);
  });

  it('keeps every text in the merge\'s first cell, with a comment at the table in the YAML', () => {
    const data = parse(yaml) as { trich_yeu: string; noi_dung: { tieu_de: string; doan: unknown[] }[] };
    // Without Kính gửi, the bold "I. …" line under the bold trích yếu opens the text.
    expect(data.trich_yeu).toBe('Kết quả thực hiện công tác cải cách hành chính quý III năm 2024');
    expect(data.noi_dung[0]!.tieu_de).toBe('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    const bang = (data.noi_dung[0]!.doan.find((e) => typeof e === 'object' && e !== null && 'bang' in e) as { bang: { dong: unknown[][] } }).bang;
    expect(bang.dong).toEqual([
      [1, 'Tư pháp - hộ tịch', 390, 380],
      [2, 'Đất đai - xây dựng', 28, 25],
      [3, '', 12, 12],
      [4, 'Chưa phát sinh hồ sơ trong quý', '', ''],
    ]);
    expect(yaml).toContain(`# KHÔNG CHUYỂN ĐƯỢC (đoạn ${tablePosition}): ô gộp 2 dòng (dòng 3–4, cột 2)`);
    expect(yaml).toMatch(new RegExp(`# KHÔNG CHUYỂN ĐƯỢC \\(đoạn ${tablePosition}\\): ô gộp 3 cột ở dòng 5, cột 2[^\\n]*\\n\\s*- bang:`));
  });
});
