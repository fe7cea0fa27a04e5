/**
 * Next period and strict mode (issue 21): ky-moi marks what it carries (so_lieu, numbers typed in
 * tables), rewrites the period after the old one in headings, lists the old period's dates; then
 * `validate --nghiem` / `batch --nghiem` refuse a document while a carried number is not updated.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/core/period.js';
import { nextPeriodFile } from '../src/next-period/next-period-file.js';
import { rewritePeriodWords } from '../src/next-period/period-words.js';
import { ROOT, runCli } from './helpers/cli.js';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function copyOfData(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baocao-nghiem-'));
  made.push(dir);
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  return dir;
}

const period = (id: string) => parsePeriod(id)!;
/** A mark, and the clerk's own comment after it (kept): "# kỳ trước: 8.462 — cập nhật; tỷ đồng" → "# tỷ đồng". */
const MARK = / # kỳ trước: [^\n—]*— cập nhật(; )?/gu;
const unmark = (text: string) => text.replace(MARK, (_m, rest: string | undefined) => (rest ? ' # ' : ''));

describe('the period after the old one', () => {
  it('"quý I năm 2027" in a Q4 2026 file becomes "quý II năm 2027" in the Q1 2027 file; the old period once, not twice', () => {
    const text = 'Kết quả quý IV năm 2026; Nhiệm vụ trọng tâm quý I năm 2027; QUÝ I NĂM 2027; quý III năm 2026 giữ nguyên.';
    const { text: rewritten, changes } = rewritePeriodWords(text, period('2026-q4'), period('2027-q1'));
    expect(rewritten).toBe('Kết quả quý I năm 2027; Nhiệm vụ trọng tâm quý II năm 2027; QUÝ II NĂM 2027; quý III năm 2026 giữ nguyên.');
    expect(changes).toEqual([
      { before: 'quý IV năm 2026', after: 'quý I năm 2027' },
      { before: 'quý I năm 2027', after: 'quý II năm 2027' },
      { before: 'QUÝ I NĂM 2027', after: 'QUÝ II NĂM 2027' },
    ]);
  });

  it('a heading of the next period, table cells and old dates, each listed with its line', () => {
    const source = [
      'so: 12',
      'ngay: "2026-12-20"',
      'noi_dung:',
      '  - tieu_de: Nhiệm vụ trọng tâm quý I năm 2027',
      '    doan:',
      '      - "Thực hiện Kế hoạch số 33/KH-UBND ngày 05/12/2026, tỷ lệ đạt 96,67%."',
      '      - bang:',
      '          cot:',
      '            - { ten: Đơn vị }',
      '            - { ten: Số, kieu: so }',
      '            - { ten: Tỷ lệ, tinh: ty_le so so }',
      '          dong:',
      '            - [Xã A, 412]',
      '            - [Xã B, "{{khac.b}}"]',
      'so_lieu:',
      '  khac: { b: 7 }',
      '',
    ].join('\n');
    const made = nextPeriodFile(source, period('2026-q4'), period('2027-q1'));
    expect(made.words).toEqual([{ before: 'quý I năm 2027', after: 'quý II năm 2027', line: 4 }]);
    expect(made.text).toContain('tieu_de: Nhiệm vụ trọng tâm quý II năm 2027');
    expect(made.cells).toEqual([{ line: 13, value: 412 }]);
    expect(made.text).toMatch(/412,? # kỳ trước: 412 — cập nhật/);
    expect(made.figures).toBe(1);
    expect(made.dates).toEqual([{ line: 6, text: '05/12/2026' }]);
  });
});

describe('ky-moi then validate --nghiem', () => {
  it('every sample of 2024-q3: fails while a carried number is not updated, passes when all are', async () => {
    const dir = await copyOfData();
    const next = await runCli(['ky-moi', 'data', '--tu', '2024-q3', '--ky', '2024-q4'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    const files: string[] = [];
    for (const province of await readdir(path.join(dir, 'data'), { withFileTypes: true })) {
      if (!province.isDirectory()) continue;
      for (const unit of await readdir(path.join(dir, 'data', province.name))) {
        for (const name of await readdir(path.join(dir, 'data', province.name, unit)).catch(() => [])) {
          if (name.startsWith('2024-q4')) files.push(path.join('data', province.name, unit, name));
        }
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(4);
    // The clerk dates each document; the carried numbers are still last period's.
    for (const file of files) {
      const full = path.join(dir, file);
      await writeFile(full, `ngay: "2024-12-20"\n${await readFile(full, 'utf8')}`);
    }
    const lenient = await runCli(['validate', ...files], { cwd: dir });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toContain('[stale-figure]');
    const strict = await runCli(['validate', '--nghiem', ...files], { cwd: dir });
    expect(strict.code).toBe(1);
    // every document that carried a figure is refused
    const refused = new Set(strict.stderr.split('\n').filter((l) => l.includes('[stale-figure]') && l.includes('  lỗi  ')).map((l) => l.split(':')[0]));
    expect(refused.size).toBeGreaterThanOrEqual(4);
    // a number typed in the tờ trình's table is among them, and the district's Phụ lục II figures (so_lieu.xa, a list)
    expect(strict.stderr).toMatch(/phuong-thach-quy\/2024-q4\.to-trinh\.yaml:\d+:\d+ {2}lỗi {2}Số trong ô bảng này vẫn là số của kỳ trước/);
    expect(strict.stderr).toMatch(/huyen-cam-xuyen\/2024-q4\.yaml:\d+:\d+ {2}lỗi {2}Số liệu so_lieu\.xa\.0\.tiep_nhan vẫn là số của kỳ trước \(214\)/);

    // All updated but one cell: still refused, at that cell only.
    const district = path.join(dir, 'data/ha-tinh/huyen-cam-xuyen/2024-q4.yaml');
    for (const file of files) {
      const full = path.join(dir, file);
      await writeFile(full, unmark(await readFile(full, 'utf8')));
    }
    const text = await readFile(district, 'utf8');
    const oneLeft = text.replace(/(ten: Thị trấn Cẩm Xuyên,\s*tiep_nhan: 214,)/, '$1 # kỳ trước: 214 — cập nhật');
    expect(oneLeft).not.toBe(text);
    await writeFile(district, oneLeft);
    const one = await runCli(['validate', '--nghiem', ...files], { cwd: dir });
    expect(one.code).toBe(1);
    expect(one.stderr.split('\n').filter((l) => l.includes('[stale-figure]'))).toHaveLength(1);
    await writeFile(district, text);
    const clean = await runCli(['validate', '--nghiem', ...files], { cwd: dir });
    expect(clean.code, clean.stderr).toBe(0);
  }, 240_000);

  it('batch --nghiem writes nothing for a unit with stale figures, the others are written; the summary counts documents and units', async () => {
    const dir = await copyOfData();
    const source = 'data/ha-tinh/xa-cam-binh/2024-9t.yaml';
    const next = await runCli(['ky-moi', source, '--ky', '2024-nam'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    const full = path.join(dir, 'data/ha-tinh/xa-cam-binh/2024-nam.yaml');
    await writeFile(full, (await readFile(full, 'utf8')).replace(/^so:.*$/m, 'so: 99\nngay: "2024-12-20"'));
    const other = path.join(dir, 'data/ha-tinh/xa-cam-quan/2024-nam.yaml');
    await cp(path.join(dir, 'data/ha-tinh/xa-cam-quan/2024-9t.yaml'), other);
    const args = ['batch', 'data', '--ky', '2024-nam', '--format', 'docx', '--out', 'out', '--jobs', '1'];
    const strict = await runCli([...args, '--nghiem'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(existsSync(path.join(dir, 'out/ha-tinh/xa-cam-binh/2024-nam.docx'))).toBe(false);
    expect(existsSync(path.join(dir, 'out/ha-tinh/xa-cam-quan/2024-nam.docx'))).toBe(true);
    expect(strict.stdout).toMatch(/\d+ văn bản của \d+ đơn vị/);
    expect(strict.stdout).toMatch(/số liệu còn là số kỳ trước: data\/ha-tinh\/xa-cam-binh \d+/);
    // errors first, each on its line; without --nghiem the warnings fold to one line per unit
    const lenient = await runCli(args, { cwd: dir });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toMatch(/data\/ha-tinh\/xa-cam-binh: \d+ cảnh báo \(\d+ số liệu còn là số kỳ trước\)/);
    expect(lenient.stderr).not.toContain('[stale-figure]\n');
    const detailed = await runCli([...args, '--force', '--chi-tiet'], { cwd: dir });
    expect(detailed.stderr).toContain('[stale-figure]');
  }, 300_000);
});
