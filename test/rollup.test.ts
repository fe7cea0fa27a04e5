/**
 * The roll-up (`tong_hop`), as a user runs it: the district sample huyen-cam-xuyen/2024-9t sums
 * the 2024-9t files of its communes (tat_ca: xa-cam-binh, xa-cam-quan) into its text and a table
 * (DOCX and PDF text); a missing or broken commune file names the commune at the tong_hop line and
 * nothing is written for the roll-up while the other reports are; an incremental batch re-renders
 * the roll-up and the changed commune only; cycles, self-reference, a figure typed twice.
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { makeTree, PERIOD_DOCUMENT, UNIT_PROFILE } from './helpers/data-tree.js';
import { openDocx, paragraphs, pdfText } from './helpers/docx.js';

const ROLLUP = 'data/ha-tinh/huyen-cam-xuyen/2024-9t.yaml';
const CAM_BINH = 'data/ha-tinh/xa-cam-binh/2024-9t.yaml';
const CAM_QUAN = 'data/ha-tinh/xa-cam-quan/2024-9t.yaml';
/** Where `don_vi: tat_ca` sits in the sample. */
const TONG_HOP_AT = `${ROLLUP}:11:11`;

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function copyOfData(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baocao-rollup-'));
  made.push(dir);
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  return dir;
}

const exists = (file: string) => stat(file).then(() => true, () => false);
const squash = (text: string) => text.replace(/\s+/g, ' ');
const lines = (stderr: string, rule: string) => stderr.split('\n').filter((l) => l.includes(`[${rule}]`));

async function edit(dir: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file}: ${String(from)}`).not.toBe(text);
  await writeFile(full, changed);
}

describe('a district report summing its communes', () => {
  it('validates, and prints the sums in the text and one row per commune plus the total, in DOCX and PDF', async () => {
    const dir = await copyOfData();
    const validate = await runCli(['validate', ROLLUP], { cwd: dir });
    expect(validate.code, validate.stderr).toBe(0);
    const render = await runCli(['render', ROLLUP, '--format', 'docx,pdf', '--out', 'out'], { cwd: dir });
    expect(render.code, render.stderr).toBe(0);
    const docx = path.join(dir, 'out/ha-tinh/huyen-cam-xuyen/2024-9t.docx');
    const docxText = squash(paragraphs(openDocx(await readFile(docx)).part('word/document.xml')).map((p) => p.text).join(' | '));
    const pdf = squash(pdfText(docx.replace(/\.docx$/, '.pdf')));
    // 52 + 47 tasks; 1.184 + 986 dossiers received; 1.150 + 961 settled, 1.143 + 958 on time
    const sentences = ['Các xã được giao 99 nhiệm vụ, đã hoàn thành 88 nhiệm vụ, đạt 88,89%', 'tiếp nhận 2.170 hồ sơ, đã giải quyết 2.111 hồ sơ', 'trong đó đúng hạn 2.101 hồ sơ, đạt 99,53%'];
    for (const sentence of sentences) {
      expect(docxText).toContain(sentence);
      expect(pdf).toContain(sentence);
    }
    // a per-commune ratio column, computed for each row and for the total from the summed counts
    expect(docxText).toContain('1 | xã Cẩm Bình | 1.184 | 1.150 | 1.143 | 268 | 99,39% | 2 | xã Cẩm Quan | 986 | 961 | 958 | 231 | 99,69% | Tổng cộng | 2.170 | 2.111 | 2.101 | 499 | 99,53%');
    expect(pdf).toMatch(/1 xã Cẩm Bình 1\.184 1\.150 1\.143 268 99,39% 2 xã Cẩm Quan 986 961 958 231 99,69% Tổng cộng 2\.170 2\.111 2\.101 499 99,53%/);
    // the communes' fields summed row by row into the district's table
    expect(docxText).toContain('1 | Đất đai | 770 | 740 | 734 | 99,19% | 2 | Tư pháp - Hộ tịch | 1.130 | 1.115 | 1.115 | 100% | 3 | Lĩnh vực khác | 270 | 256 | 252 | 98,44% | Tổng cộng | 2.170 | 2.111 | 2.101 | 99,53%');
    expect(pdf).toMatch(/1 Đất đai 770 740 734 99,19% 2 Tư pháp - Hộ tịch 1\.130 1\.115 1\.115 100% 3 Lĩnh vực khác 270 256 252 98,44% Tổng cộng 2\.170 2\.111 2\.101 99,53%/);
  }, 180_000);

  it('names a commune whose file is missing, at the tong_hop line, and writes nothing for the district; the others are written', async () => {
    const dir = await copyOfData();
    await rm(path.join(dir, CAM_QUAN));
    const validate = await runCli(['validate', 'data'], { cwd: dir });
    expect(validate.code).not.toBe(0);
    const missing = lines(validate.stderr, 'rollup-unit-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain(TONG_HOP_AT);
    expect(missing[0]).toContain('"xa-cam-quan"');
    expect(missing[0]).toContain(CAM_QUAN);

    const render = await runCli(['render', 'data', '--format', 'docx', '--out', 'out'], { cwd: dir });
    expect(render.code).not.toBe(0);
    expect(lines(render.stderr, 'rollup-unit-missing')).toHaveLength(1);
    expect(await exists(path.join(dir, 'out/ha-tinh/huyen-cam-xuyen/2024-9t.docx'))).toBe(false);
    expect(await exists(path.join(dir, 'out/ha-tinh/xa-cam-binh/2024-9t.docx'))).toBe(true);
    expect(await exists(path.join(dir, 'out/ha-tinh/huyen-cam-xuyen/2024-q3.docx'))).toBe(true);

    const batch = await runCli(['batch', 'data', '--ky', '2024-9t', '--format', 'docx', '--out', 'out2', '--jobs', '1'], { cwd: dir });
    expect(batch.code).not.toBe(0);
    expect(lines(batch.stderr, 'rollup-unit-missing')[0]).toContain(TONG_HOP_AT);
    expect(await exists(path.join(dir, 'out2/ha-tinh/huyen-cam-xuyen/2024-9t.docx'))).toBe(false);
    expect(await exists(path.join(dir, 'out2/ha-tinh/xa-cam-binh/2024-9t.docx'))).toBe(true);
  }, 180_000);

  it('names a commune whose file has errors (with its first error), and writes nothing for the district', async () => {
    const dir = await copyOfData();
    await edit(dir, CAM_QUAN, 'tre_han: 3', 'tre_han: 4'); // 958 + 4 ≠ 961
    // The province of the roll-up, not every sample: its other documents are still written.
    const render = await runCli(['render', 'data/ha-tinh', '--format', 'docx,pdf', '--out', 'out'], { cwd: dir });
    expect(render.code).not.toBe(0);
    const invalid = lines(render.stderr, 'rollup-unit-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toContain(TONG_HOP_AT);
    expect(invalid[0]).toContain('"xa-cam-quan"');
    expect(invalid[0]).toContain(`${CAM_QUAN}:`);
    expect(invalid[0]).toContain('đúng hạn + trễ hạn phải bằng số hồ sơ đã giải quyết');
    for (const format of ['docx', 'pdf']) {
      expect(await exists(path.join(dir, `out/ha-tinh/huyen-cam-xuyen/2024-9t.${format}`))).toBe(false);
      expect(await exists(path.join(dir, `out/ha-tinh/xa-cam-quan/2024-9t.${format}`))).toBe(false);
      expect(await exists(path.join(dir, `out/ha-tinh/xa-cam-binh/2024-9t.${format}`))).toBe(true);
    }
  }, 180_000);

  it('batch re-renders the district and the changed commune only, with the new sum', async () => {
    const dir = await copyOfData();
    const args = ['batch', 'data', '--ky', '2024-9t', '--format', 'docx', '--out', 'out', '--jobs', '1'];
    const first = await runCli(args, { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('đã tạo 3 văn bản');
    const unchanged = await runCli(args, { cwd: dir });
    expect(unchanged.stdout).toContain('đã tạo 0 văn bản');

    // the commune's field table checks its rows against ho_so: a field's count changes with the total
    await edit(dir, CAM_BINH, 'dat_dai: { ten: Đất đai, tiep_nhan: 420,', 'dat_dai: { ten: Đất đai, tiep_nhan: 426,');
    await edit(dir, CAM_BINH, 'tiep_nhan: 1184', 'tiep_nhan: 1190');
    const again = await runCli(args, { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('đã tạo 2 văn bản');
    const rendered = again.stderr.split('\n').filter((l) => / ✔ /.test(l)).map((l) => l.split(' ✔ ')[1]).sort();
    expect(rendered).toEqual(['ha-tinh/huyen-cam-xuyen', 'ha-tinh/xa-cam-binh']);
    const docx = await readFile(path.join(dir, 'out/ha-tinh/huyen-cam-xuyen/2024-9t.docx'));
    expect(squash(paragraphs(openDocx(docx).part('word/document.xml')).map((p) => p.text).join(' '))).toContain('tiếp nhận 2.176 hồ sơ');

    // A commune's profile is one of its files too; a new commune of the district joins tat_ca.
    await edit(dir, 'data/ha-tinh/xa-cam-quan/don-vi.yaml', 'ho_ten: Nguyễn Thị Hoa', 'ho_ten: Nguyễn Thị Hòa');
    const profile = await runCli(args, { cwd: dir });
    expect(profile.stderr.split('\n').filter((l) => / ✔ /.test(l)).map((l) => l.split(' ✔ ')[1]).sort()).toEqual(['ha-tinh/huyen-cam-xuyen', 'ha-tinh/xa-cam-quan']);
    await cp(path.join(dir, 'data/ha-tinh/xa-cam-quan'), path.join(dir, 'data/ha-tinh/xa-cam-thanh'), { recursive: true });
    await edit(dir, 'data/ha-tinh/xa-cam-thanh/don-vi.yaml', /XÃ CẨM QUAN/g, 'XÃ CẨM THÀNH');
    await edit(dir, 'data/ha-tinh/xa-cam-thanh/don-vi.yaml', 'ten_don_vi: xã Cẩm Quan', 'ten_don_vi: xã Cẩm Thành');
    const joined = await runCli(args, { cwd: dir });
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stderr.split('\n').filter((l) => / ✔ /.test(l)).map((l) => l.split(' ✔ ')[1]).sort()).toEqual(['ha-tinh/huyen-cam-xuyen', 'ha-tinh/xa-cam-thanh']);
    const three = await readFile(path.join(dir, 'out/ha-tinh/huyen-cam-xuyen/2024-9t.docx'));
    expect(squash(paragraphs(openDocx(three).part('word/document.xml')).map((p) => p.text).join(' '))).toContain('tiếp nhận 3.162 hồ sơ');
  }, 300_000);
});

describe('a roll-up with the project\'s own templates folder', () => {
  it('checks the communes\' files against the types of that folder, not the package\'s', async () => {
    const dir = await copyOfData();
    await cp(path.join(ROOT, 'templates'), path.join(dir, 'mau'), { recursive: true });
    const declaration = (await readFile(path.join(dir, 'mau/loai/bao_cao.yaml'), 'utf8')).replace(/mac_dinh_cho_ky: .*/, 'mac_dinh_cho_ky: []\nmau: bao-cao');
    await writeFile(path.join(dir, 'mau/loai/bao_cao_xa.yaml'), declaration);
    await edit(dir, CAM_QUAN, /^noi_dung:/m, 'loai: bao_cao_xa\n\nnoi_dung:');
    const own = await runCli(['validate', ROLLUP, '--templates', 'mau'], { cwd: dir });
    expect(own.code, own.stderr).toBe(0);
    // the package's folder does not know bao_cao_xa: the commune is invalid, and named
    const shipped = await runCli(['validate', ROLLUP], { cwd: dir });
    expect(lines(shipped.stderr, 'rollup-unit-invalid').join('\n')).toContain('xa-cam-quan');
  }, 120_000);
});

describe('what a roll-up refuses', () => {
  it('self-reference, a cycle, a figure typed by hand that the units sum, an unknown unit, a table without tong_hop', async () => {
    const dir = await copyOfData();
    await edit(dir, ROLLUP, 'don_vi: tat_ca', 'don_vi: [xa-cam-binh, huyen-cam-xuyen, xa-khong-co]');
    await edit(dir, ROLLUP, 'noi_dung:', 'so_lieu:\n  ho_so: { tiep_nhan: 5 }\n\nnoi_dung:');
    const run = await runCli(['validate', ROLLUP], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr, 'rollup-cycle')[0]).toContain(`${ROLLUP}:11:25`);
    expect(lines(run.stderr, 'rollup-unit-missing')[0]).toMatch(/:11:42 .*"xa-khong-co"/);
    expect(lines(run.stderr, 'rollup-own-figure')[0]).toMatch(/so_lieu\.ho_so\.tiep_nhan/);

    // A sums B, B sums A.
    await edit(dir, ROLLUP, 'don_vi: [xa-cam-binh, huyen-cam-xuyen, xa-khong-co]', 'don_vi: [xa-cam-binh]');
    await edit(dir, CAM_BINH, 'noi_dung:', 'tong_hop: { don_vi: [huyen-cam-xuyen] }\n\nnoi_dung:');
    const cycle = await runCli(['validate', ROLLUP], { cwd: dir });
    expect(cycle.code).not.toBe(0);
    expect(cycle.stderr).toContain('ha-tinh/huyen-cam-xuyen → ha-tinh/xa-cam-binh → ha-tinh/huyen-cam-xuyen');

    const plain = await copyOfData();
    await edit(plain, ROLLUP, /tong_hop:\n {2}don_vi: tat_ca\n/, '');
    const noSource = await runCli(['validate', ROLLUP], { cwd: plain });
    expect(noSource.code).not.toBe(0);
    expect(lines(noSource.stderr, 'rollup-no-source')).toHaveLength(1);
  }, 120_000);

  it('does not sum a figure some units lack (warning naming them), and a table column needing it is an error', async () => {
    const dir = await copyOfData();
    await edit(dir, CAM_QUAN, /\n {4}truc_tuyen_toan_trinh: 231/, '');
    const run = await runCli(['validate', ROLLUP], { cwd: dir });
    expect(run.code).not.toBe(0);
    const partial = lines(run.stderr, 'rollup-partial-figure');
    expect(partial.some((l) => l.includes('cảnh báo') && l.includes('"ho_so.truc_tuyen_toan_trinh"') && l.includes('xa-cam-quan'))).toBe(true);
    expect(partial.some((l) => l.includes('lỗi') && l.includes('Cột "ho_so.truc_tuyen_toan_trinh"') && l.includes(CAM_QUAN))).toBe(true);
  }, 120_000);
});

describe('tat_ca: the level directly below', () => {
  const profile = (cap: string, name: string, superior: string) =>
    UNIT_PROFILE.replace('cap: xa', `cap: ${cap}`)
      .replace('ten_don_vi: phường Mẫu', `ten_don_vi: ${name}`)
      .replace('chu_quan: UBND THÀNH PHỐ HÀ TĨNH', `chu_quan: ${superior}`);
  const commune = (received: number, year: number) =>
    PERIOD_DOCUMENT.replace('tiep_nhan: 1067', `tiep_nhan: ${received}`).replace('ngay: "2024-09-05"', `ngay: "${year}-09-05"`);
  const rollup = (year: number) =>
    PERIOD_DOCUMENT.replace(/so_lieu:[\s\S]*$/, 'tong_hop: { don_vi: tat_ca }\n').replace('ngay: "2024-09-05"', `ngay: "${year}-09-20"`);

  it('a huyện takes its own xã (by chu_quan); a tỉnh its huyện before 01/7/2025 (a roll-up of roll-ups) and its xã from then on', async () => {
    const root = await makeTree({
      'data/mac-dinh.yaml': 'luu: [VT]\n',
      'data/tinh-mau/tinh/don-vi.yaml': profile('tinh', 'tỉnh Mẫu', 'UBND TỈNH MẪU'),
      'data/tinh-mau/huyen-a/don-vi.yaml': profile('huyen', 'huyện A', 'UBND TỈNH MẪU'),
      'data/tinh-mau/xa-1/don-vi.yaml': profile('xa', 'xã Một', 'UBND HUYỆN A'),
      'data/tinh-mau/xa-2/don-vi.yaml': profile('xa', 'xã Hai', 'UBND HUYỆN A'),
      'data/tinh-mau/xa-3/don-vi.yaml': profile('xa', 'xã Ba', 'UBND HUYỆN B'),
      'data/tinh-mau/xa-1/2024-q3.yaml': commune(1067, 2024),
      'data/tinh-mau/xa-2/2024-q3.yaml': commune(2000, 2024),
      'data/tinh-mau/xa-3/2024-q3.yaml': commune(3000, 2024),
      'data/tinh-mau/huyen-a/2024-q3.yaml': rollup(2024),
      'data/tinh-mau/tinh/2024-q3.yaml': rollup(2024),
      'data/tinh-mau/xa-1/2025-q3.yaml': commune(1067, 2025),
      'data/tinh-mau/xa-2/2025-q3.yaml': commune(2000, 2025),
      'data/tinh-mau/xa-3/2025-q3.yaml': commune(3000, 2025),
      'data/tinh-mau/tinh/2025-q3.yaml': rollup(2025),
    });
    made.push(root);
    const run = await runCli(['render', 'data', '--format', 'docx', '--out', 'out'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const text = async (file: string) => squash(paragraphs(openDocx(await readFile(path.join(root, 'out/tinh-mau', file))).part('word/document.xml')).map((p) => p.text).join(' '));
    expect(await text('huyen-a/2024-q3.docx')).toContain('Tiếp nhận 3.067 hồ sơ'); // xa-1 + xa-2, not xa-3 (huyện B)
    expect(await text('tinh/2024-q3.docx')).toContain('Tiếp nhận 3.067 hồ sơ'); // huyen-a, itself a roll-up
    expect(await text('tinh/2025-q3.docx')).toContain('Tiếp nhận 6.067 hồ sơ'); // every xã
  }, 120_000);
});

describe('a commune table summed row by row (so_lieu.linh_vuc)', () => {
  it('one number changed in a commune changes its sentence-checked total, its table and the district table row, in DOCX and PDF', async () => {
    const dir = await copyOfData();
    // Cẩm Bình's land-office dossiers: 420 → 425, and its ho_so total with it (the table's typed total checks the two agree)
    await edit(dir, CAM_BINH, 'dat_dai: { ten: Đất đai, tiep_nhan: 420,', 'dat_dai: { ten: Đất đai, tiep_nhan: 425,');
    const mismatch = await runCli(['validate', CAM_BINH], { cwd: dir });
    expect(mismatch.code).toBe(1);
    expect(lines(mismatch.stderr, 'table-total-mismatch')).toHaveLength(1);
    expect(lines(mismatch.stderr, 'table-total-mismatch')[0]).toMatch(/\{\{ho_so\.tiep_nhan\}\} \(= 1\.184\).*được 1\.189/);
    await edit(dir, CAM_BINH, 'tiep_nhan: 1184', 'tiep_nhan: 1189');
    const render = await runCli(['render', ROLLUP, CAM_BINH, '--format', 'docx,pdf', '--out', 'out'], { cwd: dir });
    expect(render.code, render.stderr).toBe(0);
    for (const [file, expected] of [
      ['out/ha-tinh/xa-cam-binh/2024-9t.docx', ['tiếp nhận 1.189 hồ sơ', '1 | Đất đai | 425 | 405 | 401 | 99,01% |', 'Tổng cộng | | 1.189 | 1.150 | 1.143 | 99,39%']],
      ['out/ha-tinh/huyen-cam-xuyen/2024-9t.docx', ['tiếp nhận 2.175 hồ sơ', '1 | Đất đai | 775 | 740 | 734 | 99,19% |', 'Tổng cộng | 2.175 | 2.111 | 2.101 | 99,53%']],
    ] as const) {
      const docx = path.join(dir, file);
      const text = squash(paragraphs(openDocx(await readFile(docx)).part('word/document.xml')).map((p) => p.text).join(' | '));
      const pdf = squash(pdfText(docx.replace(/\.docx$/, '.pdf')));
      for (const part of expected) {
        expect(text).toContain(part);
        // in the PDF a typed "Tổng cộng" in the narrow STT column wraps onto two lines: the figures are checked
        expect(pdf).toContain(part.replaceAll(' |', '').replace('Tổng cộng ', ''));
      }
    }
  }, 240_000);

  it('a commune writing its group in the list form (- { ma: dat_dai, … }) is summed row by row as the map form', async () => {
    const dir = await copyOfData();
    const before = await runCli(['text', ROLLUP], { cwd: dir });
    expect(before.code, before.stderr).toBe(0);
    await edit(dir, CAM_QUAN, /\n {4}(dat_dai|tu_phap|khac): \{ /g, '\n    - { ma: $1, ');
    expect(await readFile(path.join(dir, CAM_QUAN), 'utf8')).toContain('    - { ma: khac, ten: Lĩnh vực khác, tiep_nhan: 116,');
    const commune = await runCli(['validate', CAM_QUAN], { cwd: dir });
    expect(commune.code, commune.stderr).toBe(0);
    const after = await runCli(['text', ROLLUP], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(squash(after.stdout)).toContain('Đất đai 770');
  }, 120_000);

  it('names the commune whose rows differ, at the tong_hop line; nothing is written for the district', async () => {
    const dir = await copyOfData();
    await edit(dir, CAM_QUAN, /\n {4}khac: \{ ten: Lĩnh vực khác[^\n]*/, '');
    await edit(dir, CAM_QUAN, 'tong: [Tổng cộng, "", "{{ho_so.tiep_nhan}}", "{{ho_so.da_giai_quyet}}", "{{ho_so.dung_han}}"]', 'tong: true');
    const validate = await runCli(['validate', ROLLUP], { cwd: dir });
    expect(validate.code).toBe(1);
    const differ = lines(validate.stderr, 'rollup-rows-differ');
    expect(differ).toHaveLength(1);
    expect(differ[0]).toContain(`${ROLLUP}:11:3`);
    expect(differ[0]).toContain('xa-cam-quan (thiếu dòng khac)');
  }, 120_000);
});
