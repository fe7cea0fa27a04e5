/**
 * Issue 19, item 2: the messages a commune clerk meets, exactly as `baocao validate` prints them
 * (the library's validate, formatted as the CLI formats it). Each case failed before its fix.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { formatDiagnostic, uniqueDiagnostics } from '../src/diagnostics/report.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';
import { runCli } from './helpers/cli.js';

const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

/** The lines `baocao validate` prints for one period file, with paths relative to the tree. */
async function validateLines(document: string | Uint8Array, name = PERIOD): Promise<string[]> {
  const root = await validTree({ [PERIOD]: '', [name]: document });
  const result = await validate({ inputs: [path.join(root, name)] });
  const diagnostics = [...result.diagnostics, ...result.documents.flatMap((d) => d.diagnostics)];
  return uniqueDiagnostics(diagnostics).map((d) => formatDiagnostic({ ...d, file: path.relative(root, d.file) }));
}

/** PERIOD_DOCUMENT with `find` replaced by `replace` (which must be there). */
function edited(find: string, replace: string): string {
  expect(PERIOD_DOCUMENT).toContain(find);
  return PERIOD_DOCUMENT.replace(find, replace);
}

/** 1-based line:column of `needle` in `text`. */
function at(text: string, needle: string, plus = 0): string {
  const offset = text.indexOf(needle);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset + plus);
  return `${before.split('\n').length}:${offset + plus - before.lastIndexOf('\n')}`;
}

const BULLET = '              - "Trước hạn: {{hai_so nhiem_vu.truoc_han}} nhiệm vụ;"\n';

describe('every independent problem of a file in one run', () => {
  it('reports a schema error, an unclosed footnote and the two bad expressions after it together', async () => {
    const paragraph = 'Đạt kết quả^[Theo Kế hoạch số 26 {{ho_so.tiep_nhn}} hồ sơ và {{tyle 1 2}}.';
    const text = edited('ket_thuc:\n', `ket_thuc:\n  - "${paragraph}"\n`).replace('  - tieu_de: Phương hướng', '  - tieu_dee: Phương hướng');
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, 'tieu_dee')}  lỗi  Khóa "tieu_dee" không có ở "noi_dung[2]". Có phải ý bạn là "tieu_de"?  [unknown-key]`,
      `${PERIOD}:${at(text, paragraph, paragraph.indexOf('^['))}  lỗi  Chú thích "^[" chưa có dấu "]" đóng: thêm "]" ở cuối chú thích.  [unclosed-markup]`,
      `${PERIOD}:${at(text, 'ho_so.tiep_nhn')}  lỗi  Không có số liệu "ho_so.tiep_nhn" trong so_lieu. Có phải ý bạn là "ho_so.tiep_nhan"?  [unknown-figure]`,
      `${PERIOD}:${at(text, 'tyle 1 2')}  lỗi  Không có hàm "tyle". Có phải ý bạn là "ty_le"? Các hàm: so, hai_so, ty_le, hieu, tong, tich, phu_luc.  [unknown-function]`,
    ]);
  });

  it('a figure refused by the schema is not reported again as missing in the text', async () => {
    const text = edited('tiep_nhan: 1067', 'tiep_nhan: "nhiều"');
    const lines = await validateLines(text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\[wrong-type\]$/);
  });
});

describe('a sentence with ":" or in Word quotes', () => {
  it('a list item with a colon: put the whole line in straight quotes, with the corrected line', async () => {
    const text = edited(BULLET, `${BULLET}              - Quá hạn: không có nhiệm vụ quá hạn.\n`);
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, 'Quá hạn:')}  lỗi  "noi_dung[1].muc[1].doan[2].gach[2]": Câu này có dấu ":" nên YAML hiểu thành "khóa: giá trị": hãy đặt cả dòng trong ngoặc kép thẳng "…", viết lại là: - "Quá hạn: không có nhiệm vụ quá hạn.".  [text-needs-quotes]`,
    ]);
  });

  it('a sentence in Word curly quotes that YAML cannot read at all', async () => {
    const text = edited(BULLET, `${BULLET}              - “Quá hạn: {{hai_so nhiem_vu.qua_han}} nhiệm vụ.”\n`);
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, '“Quá')}  lỗi  Câu này nằm trong ngoặc kép “ ” của Word, YAML không hiểu loại ngoặc đó: hãy đặt cả dòng trong ngoặc kép thẳng "…", viết lại là: - "Quá hạn: {{hai_so nhiem_vu.qua_han}} nhiệm vụ.".  [text-needs-quotes]`,
    ]);
  });

  it('a sentence in Word curly quotes that YAML reads as a pair', async () => {
    const text = edited(BULLET, `${BULLET}              - “Quá hạn: không có nhiệm vụ quá hạn.”\n`);
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, '“Quá')}  lỗi  "noi_dung[1].muc[1].doan[2].gach[2]": Câu này nằm trong ngoặc kép “ ” của Word, YAML không hiểu loại ngoặc đó: hãy đặt cả dòng trong ngoặc kép thẳng "…", viết lại là: - "Quá hạn: không có nhiệm vụ quá hạn.".  [text-needs-quotes]`,
    ]);
  });

  it('a paragraph with a colon, where a text, a list or a table may stand', async () => {
    const text = edited('      - "Tiếp tục **đẩy mạnh** *chuyển đổi số*."', '      - Kết quả: tiếp tục đẩy mạnh chuyển đổi số.');
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, 'Kết quả:')}  lỗi  "noi_dung[2].doan[1]": Câu này có dấu ":" nên YAML hiểu thành "khóa: giá trị": hãy đặt cả dòng trong ngoặc kép thẳng "…", viết lại là: - "Kết quả: tiếp tục đẩy mạnh chuyển đổi số.".  [text-needs-quotes]`,
    ]);
  });

  it('a plain sentence with a colon and an expression, which YAML cannot read', async () => {
    const text = edited(BULLET, `${BULLET}              - Quá hạn: {{hai_so nhiem_vu.qua_han}} nhiệm vụ.\n`);
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, 'Quá hạn: {{')}  lỗi  Câu này có dấu ":" nên YAML hiểu thành "khóa: giá trị": hãy đặt cả dòng trong ngoặc kép thẳng "…", viết lại là: - "Quá hạn: {{hai_so nhiem_vu.qua_han}} nhiệm vụ.".  [text-needs-quotes]`,
    ]);
  });
});

describe('one cause, one message', () => {
  it('a Tab in the indentation gives one line, not six', async () => {
    const text = edited('      - tieu_de: Kết quả giải quyết hồ sơ', '\t      - tieu_de: Kết quả giải quyết hồ sơ');
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, '\t')}  lỗi  Không dùng phím Tab để thụt lề: hãy xóa Tab và thụt lề bằng dấu cách, thẳng hàng với các dòng cùng cấp.  [yaml-syntax]`,
    ]);
  });
});

describe('numbers typed the Vietnamese way', () => {
  it('1.624 for a count: type it without the thousands dot', async () => {
    const text = edited('tiep_nhan: 1067', 'tiep_nhan: 1.624');
    const lines = await validateLines(text);
    expect(lines[0]).toBe(
      `${PERIOD}:${at(text, '1.624')}  lỗi  "so_lieu.ho_so.tiep_nhan" phải là số nguyên, nhưng đang là số 1.624: trong YAML dấu chấm là dấu thập phân. Gõ số không kèm dấu chấm phân cách hàng nghìn: 1624. (đúng: 1624; đang có: 1.624)  [wrong-type]`,
    );
  });
});

describe('names: a hint that leads to the fix', () => {
  it('a figure written with diacritics: drop them', async () => {
    const text = edited('Tiếp nhận {{ho_so.tiep_nhan}}', 'Tiếp nhận {{khac.cán_bộ}}').replace('so_lieu:\n', 'so_lieu:\n  khac: { can_bo: 22 }\n');
    expect(await validateLines(text)).toEqual([
      `${PERIOD}:${at(text, 'khac.cán_bộ')}  lỗi  Tên số liệu viết không dấu: "khac.can_bo" thay cho "khac.cán_bộ".  [invalid-expression]`,
    ]);
  });

  it('an unknown key with no close name lists the keys allowed there', async () => {
    const root = await validTree();
    const profile = path.join(root, 'data/tinh-mau/phuong-mau/don-vi.yaml');
    const { readFile, writeFile } = await import('node:fs/promises');
    const text = (await readFile(profile, 'utf8')).replace('  ho_ten: Nguyễn Văn An\n', '  ho_ten: Nguyễn Văn An\n  chu_ky: anh.png\n');
    await writeFile(profile, text);
    const result = await validate({ inputs: [path.join(root, PERIOD)] });
    const lines = result.documents.flatMap((d) => d.diagnostics).map((d) => formatDiagnostic({ ...d, file: path.relative(root, d.file) }));
    expect(lines).toEqual([
      `data/tinh-mau/phuong-mau/don-vi.yaml:${at(text, 'chu_ky')}  lỗi  Khóa "chu_ky" không có ở "nguoi_ky". Các khóa dùng được ở đây: quyen_han, chuc_vu, chuc_vu_khac, ho_ten.  [unknown-key]`,
    ]);
  });

  it('a period file named 2026-Q4.yaml: validate and render suggest 2026-q4.yaml, as batch does', async () => {
    const name = 'data/tinh-mau/phuong-mau/2026-Q4.yaml';
    const root = await validTree({ [name]: PERIOD_DOCUMENT });
    for (const command of [['validate'], ['render', '-f', 'docx', '-o', 'out']]) {
      const { stderr } = await runCli([...command, name], { cwd: root });
      expect(stderr.split('\n')).toContain(
        `${name}  lỗi  Không nhận ra kỳ "2026-Q4" từ tên tệp. Có phải ý bạn là "2026-q4.yaml"? Đặt tên tệp theo kỳ: 2024-q1 … 2024-q4 (quý), 2024-6t (6 tháng), 2024-9t (9 tháng), 2024-nam (năm), 2024-ke-hoach (kế hoạch năm); văn bản khác cùng kỳ: 2024-q3.to-trinh (kỳ, dấu chấm, tên viết thường nối bằng -). (đúng: YYYY-q1..q4 | YYYY-6t | YYYY-9t | YYYY-nam | YYYY-ke-hoach; đang có: 2026-Q4)  [unknown-period]`,
      );
    }
  });
});

describe('a UTF-16 file with a byte-order mark', () => {
  const utf16 = (text: string, order: 'LE' | 'BE'): Uint8Array => {
    const le = Buffer.from(`\ufeff${text}`, 'utf16le');
    return order === 'LE' ? le : le.swap16();
  };

  for (const order of ['LE', 'BE'] as const) {
    it(`is read, with a warning (${order})`, async () => {
      const lines = await validateLines(utf16(PERIOD_DOCUMENT, order));
      expect(lines).toEqual([
        `${PERIOD}:1:1  cảnh báo  Tệp được lưu bằng bảng mã UTF-16 ${order}: đã đọc được, nhưng các công cụ khác (git, so sánh) không đọc được. Hãy lưu lại với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8).  [file-utf16]`,
      ]);
    });
  }

  it('positions in a UTF-16 file are those of its text', async () => {
    const text = edited('tiep_nhan: 1067', 'tiep_nhan: "nhiều"');
    const lines = await validateLines(utf16(text, 'LE'));
    expect(lines[1]).toMatch(new RegExp(`^${PERIOD}:${at(text, '"nhiều"')}  lỗi  `));
  });
});
