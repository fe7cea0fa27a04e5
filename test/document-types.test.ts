/**
 * Document types declared by the templates folder (templates/loai/<ten>.yaml): the shipped
 * declarations, bad declarations and unknown types as diagnostics at file:line:col with nothing
 * written, the new types' samples through our DOCX and PDF and through LibreOffice and pandoc,
 * and several documents of one period (`2024-q3.to-trinh.yaml`) in render, batch and ky-moi.
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentTypes } from '../src/load/load-document-types.js';
import { openTemplates } from '../src/render/open-templates.js';
import { ROOT, runCli } from './helpers/cli.js';
import { openDocx, paragraphs } from './helpers/docx.js';
import { makeTree, PERIOD_DOCUMENT, UNIT_PROFILE, validTree } from './helpers/data-tree.js';
import { libreOfficeToPdf, pandoc, pdfText } from './helpers/tools.js';

const UNIT = 'data/ha-tinh/phuong-thach-quy';

async function copyTemplates(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-types-'));
  await cp(path.join(ROOT, 'templates'), dir, { recursive: true });
  return dir;
}

describe('the shipped declarations', () => {
  it('declare báo cáo, kế hoạch, quyết định, tờ trình, công văn and bài tham luận, without a problem', () => {
    const { types, diagnostics } = loadDocumentTypes(path.join(ROOT, 'templates'));
    expect(diagnostics).toEqual([]);
    expect([...types.byName.keys()]).toEqual(['bai_tham_luan', 'bao_cao', 'cong_van', 'ke_hoach', 'quyet_dinh', 'to_trinh']);
    expect(types.byName.get('to_trinh')).toMatchObject({ typeName: 'TỜ TRÌNH', abbreviation: 'TTr', addressees: 'kinh_gui' });
    expect(types.byName.get('cong_van')?.typeName).toBeUndefined();
    expect(types.byName.get('bai_tham_luan')).toMatchObject({ numberLine: false, recipients: false, closing: 'dien_gia', addressees: 'kinh_thua', numberedSections: false });
    expect(types.byName.get('bao_cao')?.defaultFor).toEqual(['quy', '6t', '9t', 'nam']);
  });
});

describe('bad declarations: a diagnostic at file:line:col, nothing written', () => {
  it('an unknown key, a bad value and a missing template', async () => {
    const dir = await copyTemplates();
    await writeFile(
      path.join(dir, 'loai', 'thong_bao.yaml'),
      'ten_loai: THÔNG BÁO\nviet_tat: TB\nkinh_guii: khong\nnoi_nhan: co\nmac_dinh_cho_ky: [quy2]\ntrich_yeu: Về việc {ky}\n',
    );
    await writeFile(path.join(dir, 'loai', 'giay_moi.yaml'), 'ten_loai: GIẤY MỜI\nviet_tat: GM\nkinh_gui: khong\ntrich_yeu: Mời họp {ky}\n');
    const { diagnostics } = openTemplates(dir);
    const file = path.join(dir, 'loai', 'thong_bao.yaml');
    expect(diagnostics.find((d) => d.message.includes('kinh_guii'))).toMatchObject({ file, line: 3, column: 1, ruleId: 'type-declaration' });
    expect(diagnostics.find((d) => d.message.includes('kinh_guii'))?.message).toContain('Có phải ý bạn là "kinh_gui"');
    expect(diagnostics.find((d) => d.message.includes('quy2'))).toMatchObject({ file, line: 5, column: 19, ruleId: 'type-declaration' });
    // a declaration with problems is left out; a good one still needs its two template files
    const missing = diagnostics.filter((d) => d.ruleId === 'type-template-missing');
    expect(missing.map((d) => d.message).join(' ')).toMatch(/word\/giay-moi\.docx[\s\S]*html\/giay-moi\.hbs/);
    expect(missing.every((d) => d.file === path.join(dir, 'loai', 'giay_moi.yaml'))).toBe(true);
    expect(loadDocumentTypes(dir).types.byName.has('thong_bao')).toBe(false);
  });

  it('render with a templates folder whose declared type has no Word template writes nothing', async () => {
    const dir = await copyTemplates();
    await writeFile(path.join(dir, 'loai', 'to_trinh.yaml'), 'ten_loai: TỜ TRÌNH\nviet_tat: TTr\nmau: to-trinh-rieng\ntrich_yeu: Về việc {ky}\n');
    const root = await validTree();
    const result = await runCli(['render', 'data', '--format', 'docx', '--out', 'out', '--templates', dir], { cwd: root });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/loai\/to_trinh\.yaml:3:6 .*word\/to-trinh-rieng\.docx.*\[type-template-missing\]/);
    await expect(readdir(path.join(root, 'out'))).rejects.toThrow();
    const validate = await runCli(['validate', 'data', '--templates', dir], { cwd: root });
    expect(validate.code).not.toBe(0);
    expect(validate.stdout + validate.stderr).toContain('[type-template-missing]');
  });
});

describe('an unknown loai in the data', () => {
  it('is reported at its place with the types found, and nothing is written', async () => {
    const root = await validTree({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': `loai: to_trin\n${PERIOD_DOCUMENT}` });
    const validate = await runCli(['validate', 'data'], { cwd: root });
    expect(validate.code).not.toBe(0);
    const out = validate.stdout + validate.stderr;
    expect(out).toMatch(/2024-q3\.yaml:1:7 .*"to_trin".*Có phải ý bạn là "to_trinh"\?.*bai_tham_luan, bao_cao, cong_van, ke_hoach, quyet_dinh, to_trinh.*\[unknown-type\]/);
    const render = await runCli(['render', 'data', '--format', 'docx', '--out', 'out'], { cwd: root });
    expect(render.code).not.toBe(0);
    await expect(readdir(path.join(root, 'out', 'tinh-mau', 'phuong-mau'))).rejects.toThrow();
  });
});

describe('the new types, rendered from the samples', () => {
  let out: string;
  const docx = async (name: string) => openDocx(new Uint8Array(await readFile(path.join(out, 'ha-tinh', 'phuong-thach-quy', `${name}.docx`))));
  const texts = async (name: string) => paragraphs((await docx(name)).part('word/document.xml')).map((p) => p.text);
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'baocao-types-out-'));
    const result = await runCli(['render', UNIT, '--format', 'docx,pdf', '--out', out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  }, 120_000);

  it('writes one file per document and format, named after the data file', async () => {
    expect((await readdir(path.join(out, 'ha-tinh', 'phuong-thach-quy'))).sort()).toEqual(
      ['2024-q3', '2024-q3.bai-tham-luan', '2024-q3.cong-van', '2024-q3.to-trinh'].flatMap((n) => [`${n}.docx`, `${n}.pdf`]).sort(),
    );
  });

  it('tờ trình: TỜ TRÌNH, Số …/TTr-UBND, Kính gửi, Nơi nhận, signature', async () => {
    const lines = await texts('2024-q3.to-trinh');
    expect(lines).toContain('Số: 86/TTr-UBND');
    expect(lines).toContain('TỜ TRÌNH');
    expect(lines).toContain('Kính gửi: UBND thành phố Hà Tĩnh');
    expect(lines).toContain('Nơi nhận:');
    expect(lines).toContain('I. SỰ CẦN THIẾT');
    expect(lines.at(-1)).toBe('Nguyễn Đình Hùng');
  });

  it('công văn: no tên loại, "V/v …" right under the Số line in the left column, ký hiệu UBND-VP', async () => {
    const lines = await texts('2024-q3.cong-van');
    const number = lines.indexOf('Số: 87/UBND-VP');
    expect(number).toBeGreaterThan(0);
    expect(lines[number + 1]).toBe('V/v đăng ký tham gia Hội nghị sơ kết công tác cải cách hành chính 9 tháng năm 2024');
    expect(lines).not.toContain('BÁO CÁO');
    expect(lines).toContain('Kính gửi: Phòng Nội vụ thành phố Hà Tĩnh');
    expect(lines).toContain('Nơi nhận:');
    expect((await docx('2024-q3.cong-van')).part('docProps/core.xml')).toContain('V/v đăng ký');
  });

  it('bài tham luận: no Số line, Kính thưa list, unnumbered sections, the speaker at the end, no Nơi nhận', async () => {
    const lines = await texts('2024-q3.bai-tham-luan');
    expect(lines.some((l) => l.startsWith('Số:'))).toBe(false);
    expect(lines).not.toContain('Nơi nhận:');
    expect(lines).toContain('BÀI THAM LUẬN');
    expect(lines).toContain('Kính thưa:');
    expect(lines).toContain('- Đồng chí Chủ tịch UBND thành phố!');
    expect(lines).toContain('KẾT QUẢ NỔI BẬT');
    expect(lines.some((l) => /^I\. /.test(l))).toBe(false);
    expect(lines.slice(-2)).toEqual(['Nguyễn Đình Hùng', 'Chủ tịch UBND phường Thạch Quý']);
  });

  it('our PDFs print the same parts on one A4 page each', async () => {
    const dir = path.join(out, 'ha-tinh', 'phuong-thach-quy');
    const speech = await pdfText(path.join(dir, '2024-q3.bai-tham-luan.pdf'), ['-layout']);
    expect(speech).toMatch(/Kính thưa:/);
    expect(speech).not.toMatch(/Số:|Nơi nhận:/);
    expect(speech).toMatch(/Nguyễn Đình Hùng\s*\n\s*Chủ tịch UBND phường Thạch Quý/);
    const letter = await pdfText(path.join(dir, '2024-q3.cong-van.pdf'), ['-layout']);
    // left column: Số, then V/v under it; right column: the date on the Số line
    expect(letter).toMatch(/Số: 87\/UBND-VP\s+Thạch Quý, ngày 23 tháng 9 năm 2024\s*\n\s*V\/v đăng ký tham gia Hội/);
    expect(letter).not.toMatch(/BÁO CÁO/);
    const request = await pdfText(path.join(dir, '2024-q3.to-trinh.pdf'));
    expect(request).toMatch(/Số: 86\/TTr-UBND/);
    expect(request).toMatch(/TỜ TRÌNH/);
    expect(request).toMatch(/Tổng cộng/);
    for (const name of ['2024-q3.bai-tham-luan', '2024-q3.cong-van']) {
      const boxes = await pdfText(path.join(dir, `${name}.pdf`), ['-bbox']);
      // one A4 portrait page
      expect(boxes.match(/<page width="59[45]\.\d+" height="841\.\d+">/g), name).toHaveLength(1);
    }
    // the speaker stands in the right half of the page, below the closing paragraph
    const words = [...(await pdfText(path.join(dir, '2024-q3.bai-tham-luan.pdf'), ['-bbox'])).matchAll(/xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</g)];
    const name = words.findLast((w) => w[3] === 'Hùng')!;
    const thanks = words.find((w) => w[3] === 'trân')!;
    expect(Number(name[1])).toBeGreaterThan(297);
    expect(Number(name[2])).toBeGreaterThan(Number(thanks[2]));
    // công văn: "V/v" in the left column, under "Số:"
    const letterWords = [...(await pdfText(path.join(dir, '2024-q3.cong-van.pdf'), ['-bbox'])).matchAll(/xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</g)];
    const so = letterWords.find((w) => w[3] === 'Số:')!;
    const vv = letterWords.find((w) => w[3] === 'V/v')!;
    expect(Number(vv[1])).toBeLessThan(297);
    expect(Number(vv[2])).toBeGreaterThan(Number(so[2]));
  });

  it('LibreOffice and pandoc read the new DOCX', async () => {
    const dir = path.join(out, 'ha-tinh', 'phuong-thach-quy');
    const names = ['2024-q3.to-trinh', '2024-q3.cong-van', '2024-q3.bai-tham-luan'];
    const lo = path.join(out, 'lo');
    await libreOfficeToPdf(names.map((n) => path.join(dir, `${n}.docx`)), lo);
    expect(await pdfText(path.join(lo, '2024-q3.to-trinh.pdf'))).toMatch(/TỜ TRÌNH[\s\S]*Kính gửi: UBND thành phố Hà Tĩnh/);
    expect(await pdfText(path.join(lo, '2024-q3.cong-van.pdf'))).toMatch(/V\/v đăng ký tham gia/);
    expect(await pdfText(path.join(lo, '2024-q3.bai-tham-luan.pdf'))).toMatch(/Kính thưa:[\s\S]*Chủ tịch UBND phường Thạch Quý/);
    expect(await pandoc(path.join(dir, '2024-q3.bai-tham-luan.docx'), 'plain')).toMatch(/BÀI THAM LUẬN[\s\S]*Kính thưa:[\s\S]*Nguyễn Đình Hùng/);
    expect(await pandoc(path.join(dir, '2024-q3.cong-van.docx'), 'plain')).toContain('V/v đăng ký tham gia');
  }, 240_000);
});

describe('several documents of one period', () => {
  const files = {
    'data/mac-dinh.yaml': 'luu: [VT]\n',
    'data/tinh-mau/phuong-mau/don-vi.yaml': UNIT_PROFILE,
    'data/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT,
    'data/tinh-mau/phuong-mau/2024-q3.to-trinh.yaml': PERIOD_DOCUMENT.replace('so: 7', 'so: 8'),
  };

  it('the name after the dot is the default type; batch keys and outputs are one per document', async () => {
    const root = await makeTree(files);
    const batch = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'], { cwd: root });
    expect(batch.code, batch.stdout + batch.stderr).toBe(0);
    expect((await readdir(path.join(root, 'out', 'tinh-mau', 'phuong-mau'))).sort()).toEqual(['2024-q3.docx', '2024-q3.to-trinh.docx']);
    const manifest = JSON.parse(await readFile(path.join(root, 'out', '2024-q3', 'manifest.json'), 'utf8')) as { reports: Record<string, unknown> };
    expect(Object.keys(manifest.reports).sort()).toEqual(['tinh-mau/phuong-mau', 'tinh-mau/phuong-mau#to-trinh']);
    const request = paragraphs(openDocx(new Uint8Array(await readFile(path.join(root, 'out', 'tinh-mau', 'phuong-mau', '2024-q3.to-trinh.docx')))).part('word/document.xml'));
    expect(request.map((p) => p.text)).toContain('TỜ TRÌNH');
    expect(request.map((p) => p.text).some((t) => t.startsWith('Số: 08/TTr-'))).toBe(true);
  }, 120_000);

  it('ky-moi carries the siblings to the next period', async () => {
    const root = await makeTree(files);
    const result = await runCli(['ky-moi', 'data', '--tu', '2024-q3', '--ky', '2024-q4'], { cwd: root });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const names = (await readdir(path.join(root, 'data', 'tinh-mau', 'phuong-mau'))).sort();
    expect(names).toContain('2024-q4.yaml');
    expect(names).toContain('2024-q4.to-trinh.yaml');
  });
});
