/**
 * `baocao nhap` of a speech without the header (phan_dau: khong): alone, with no don-vi.yaml yet, its
 * unit comes from the presenter's title and its agency is a marked guess; it renders back the same.
 * Without the title's unit and the place/date line, nothing says whose it is: an error, no file.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { expectRendersBackTheSame } from './helpers/foreign-import.js';
import { validTree } from './helpers/data-tree.js';

const SPEECH = 'data/tinh-mau/phuong-mau/2024-q3.bai-tham-luan.yaml';
const speech = (title: string, date: string) => `${date}trich_yeu: Phường Mẫu làm tốt một cửa
nguoi_ky:
  chuc_vu: ${title}
  ho_ten: Nguyễn Văn An
kinh_thua:
  - Các vị đại biểu!
noi_dung:
  - tieu_de: Kết quả
    doan:
      - Phường giải quyết đúng hạn mọi hồ sơ.
ket_thuc:
  - Xin trân trọng cảm ơn.
`;

async function renderSpeech(title: string, date: string): Promise<string> {
  const root = await validTree({ [SPEECH]: speech(title, date) });
  const rendered = await runCli(['render', SPEECH, '--format', 'docx', '--out', 'out'], { cwd: root });
  expect(rendered.code, rendered.stderr).toBe(0);
  return root;
}

describe('nhap: a speech without the header, alone', () => {
  let root: string;
  let stderr: string;
  beforeAll(async () => {
    root = await renderSpeech('Chủ tịch UBND phường Mẫu', 'ngay: "2024-09-27"\n');
    const imported = await runCli(['nhap', 'out/tinh-mau/phuong-mau/2024-q3.bai-tham-luan.docx', '--vao', 'back/nhap'], { cwd: root });
    stderr = imported.stderr;
    expect(imported.code, imported.stderr).toBe(0);
  }, 180_000);

  it('writes the unit from the presenter’s title, its agency marked as a guess', async () => {
    expect(stderr).not.toContain('lỗi');
    const profile = await readFile(path.join(root, 'back/nhap/phuong-mau/don-vi.yaml'), 'utf8');
    expect(profile).toContain('ten_don_vi: phường Mẫu # đoán từ chức vụ người trình bày');
    expect(profile).toContain('# đoán: BÀI THAM LUẬN không có phần đầu văn bản');
    expect(profile).toContain('dia_danh: Mẫu\n');
    expect(await readdir(path.join(root, 'back/nhap/phuong-mau'))).toEqual(['2024-q3.bai-tham-luan.yaml', 'don-vi.yaml']);
  });

  it('renders back to the same speech', async () => {
    await expectRendersBackTheSame(root, '2024-q3.bai-tham-luan.docx');
  });
});

describe('nhap: a speech that says neither its unit nor its place', () => {
  it('is an error that says what to do, and writes nothing', async () => {
    const root = await renderSpeech('Đại biểu dự hội nghị', '');
    const imported = await runCli(['nhap', 'out/tinh-mau/phuong-mau/2024-q3.bai-tham-luan.docx', '--vao', 'back/nhap', '--ky', '2024-q3'], { cwd: root });
    expect(imported.code).not.toBe(0);
    expect(imported.stderr).toContain('không biết của đơn vị nào');
    expect(imported.stderr).toContain('[import-no-header]');
    await expect(readdir(path.join(root, 'back'))).rejects.toThrow();
  }, 180_000);
});
