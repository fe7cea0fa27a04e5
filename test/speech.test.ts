/**
 * Issue 19, item 3: the speech (bài tham luận) as delivered. Its "Kính thưa" lines keep their own
 * end mark (! ? : …) with nothing added after it; it has no agency header and often no date; a
 * type declaration says so (phan_dau, dia_danh_ngay). Checked in the DOCX parts and the PDF text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentTypes } from '../src/load/load-document-types.js';
import { runCli } from './helpers/cli.js';
import { makeTree, PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';
import { openDocx, paragraphs } from './helpers/docx.js';
import { pdfText } from './helpers/tools.js';

const UNIT = 'data/tinh-mau/phuong-mau';
const SPEECH = `loai: bai_tham_luan
trich_yeu: Phường Mẫu nâng cao chất lượng phục vụ người dân
nguoi_ky:
  chuc_vu: Chủ tịch UBND phường Mẫu
  ho_ten: Nguyễn Văn An
kinh_thua:
  - Đoàn Chủ tịch!
  - "Thưa các đồng chí:"
  - Các vị đại biểu khách quý…
  - Các đồng chí lãnh đạo thành phố
  - Toàn thể Hội nghị!
noi_dung:
  - tieu_de: Kết quả
    doan:
      - Tiếp nhận {{ho_so.tiep_nhan}} hồ sơ.
ket_thuc:
  - Xin trân trọng cảm ơn!
so_lieu:
  ho_so: { tiep_nhan: 1067, da_giai_quyet: 1050, dung_han: 1015, tre_han: 35 }
`;

describe('the shipped speech type', () => {
  it('declares no header and an optional date', () => {
    const type = loadDocumentTypes(path.join(import.meta.dirname, '..', 'templates')).types.byName.get('bai_tham_luan');
    expect(type).toMatchObject({ header: false, numberLine: false, placeDate: 'tuy_chon', addressees: 'kinh_thua', closing: 'dien_gia' });
  });
});

describe('a speech as delivered: no header, no date', () => {
  let root: string;
  let docxText: string[];
  let documentXml: string;
  let pdf: string;
  beforeAll(async () => {
    root = await validTree({ [`${UNIT}/2024-q3.yaml`]: SPEECH });
    const rendered = await runCli(['render', UNIT, '--format', 'docx,pdf', '--out', 'out'], { cwd: root });
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(rendered.stderr).toBe('');
    documentXml = openDocx(await readFile(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.docx'))).part('word/document.xml');
    docxText = paragraphs(documentXml).map((p) => p.text);
    pdf = await pdfText(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.pdf'));
  }, 180_000);

  it('keeps each "Kính thưa" line’s own end mark and adds ";" or "." only to a line without one', () => {
    const audience = ['- Đoàn Chủ tịch!', '- Thưa các đồng chí:', '- Các vị đại biểu khách quý…', '- Các đồng chí lãnh đạo thành phố;', '- Toàn thể Hội nghị!'];
    const at = docxText.indexOf('Kính thưa:');
    expect(docxText.slice(at, at + 6)).toEqual(['Kính thưa:', ...audience]);
    const pdfLines = pdf.split('\n').map((l) => l.trim());
    for (const line of audience) expect(pdfLines).toContain(line);
    expect(pdf).not.toMatch(/[!:…][;.]\n/);
  });

  it('has no agency header, Quốc hiệu, number or date line', () => {
    for (const text of [docxText.join('\n'), pdf]) {
      expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).not.toContain('PHƯỜNG MẪU');
      expect(text).not.toContain('Số:');
      expect(text).not.toMatch(/ngày \d+ tháng/);
    }
    expect(docxText.find((t) => t.trim() !== '')).toBe('BÀI THAM LUẬN');
    expect(pdf.trimStart().startsWith('BÀI THAM LUẬN')).toBe(true);
  });
});

describe('a speech with a date', () => {
  it('prints the place/date line alone, at the right, above the title', async () => {
    const root = await validTree({ [`${UNIT}/2024-q3.yaml`]: `ngay: "2024-09-27"\n${SPEECH}` });
    const rendered = await runCli(['render', UNIT, '--format', 'docx,pdf', '--out', 'out'], { cwd: root });
    expect(rendered.code, rendered.stderr).toBe(0);
    const xml = openDocx(await readFile(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.docx'))).part('word/document.xml');
    const texts = paragraphs(xml).map((p) => p.text).filter((t) => t.trim() !== '');
    expect(texts.slice(0, 2)).toEqual(['Mẫu, ngày 27 tháng 9 năm 2024', 'BÀI THAM LUẬN']);
    expect(xml).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">Mẫu, ngày 27 tháng 9 năm 2024/);
    const pdf = await pdfText(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.pdf'), ['-layout']);
    expect(pdf).toMatch(/^\s{20,}Mẫu, ngày 27 tháng 9 năm 2024\s*\n[\s\S]*BÀI THAM LUẬN/);
  }, 180_000);
});

describe('declarations', () => {
  async function declared(extra: string): Promise<string> {
    const root = await validTree();
    const templates = path.join(root, 'mau');
    const { cp } = await import('node:fs/promises');
    await cp(path.join(import.meta.dirname, '..', 'templates'), templates, { recursive: true });
    await writeFile(path.join(templates, 'loai/bao_cao.yaml'), `${await readFile(path.join(templates, 'loai/bao_cao.yaml'), 'utf8')}${extra}`);
    return (await runCli(['validate', 'data', '--templates', 'mau'], { cwd: root })).stderr;
  }

  it('refuses a number line without the header, and an unknown dia_danh_ngay', async () => {
    expect(await declared('phan_dau: khong\n')).toContain(
      'Dòng "Số: …" nằm trong phần đầu văn bản: loại không có phần đầu (phan_dau: khong) thì ghi so_ky_hieu: khong.  [type-declaration]',
    );
    expect(await declared('dia_danh_ngay: co_the\n')).toMatch(/Giá trị của dia_danh_ngay phải là một trong: co, tuy_chon, khong .*\[type-declaration\]/);
  }, 120_000);

  it('ngay stays required for a type whose place/date line is always there', async () => {
    const root = await makeTree({
      'data/mac-dinh.yaml': 'luu: [VT]\n',
      [`${UNIT}/don-vi.yaml`]: (await readFile(path.join(await validTree(), `${UNIT}/don-vi.yaml`), 'utf8')),
      [`${UNIT}/2024-q3.yaml`]: PERIOD_DOCUMENT.replace('ngay: "2024-09-05"\n', ''),
    });
    const { stderr } = await runCli(['validate', `${UNIT}/2024-q3.yaml`], { cwd: root });
    expect(stderr).toContain('lỗi  Thiếu trường bắt buộc "ngay".  [missing-field]');
  });
});
