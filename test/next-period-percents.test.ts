/**
 * ky-moi and typed percentages (issue 21): a percentage typed in a text ("đạt 96,67%") is last
 * period's number like a figure of so_lieu: ky-moi marks it, prints it with its line, and
 * validate warns (an error with --nghiem) while the text still holds it. And ky-moi reads a
 * period file saved as UTF-16 (Notepad's "Unicode") as validate does.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/core/period.js';
import { nextPeriodFile } from '../src/next-period/next-period-file.js';
import { runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';

const Q3 = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const Q4 = 'data/tinh-mau/phuong-mau/2024-q4.yaml';
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The sample document with a paragraph of typed percentages (one in a footnote) beside a computed one. */
const WITH_PERCENTS = PERIOD_DOCUMENT.replace(
  '          - gach:\n',
  '          - "Hồ sơ trực tuyến đạt 96,67%, chi trả không dùng tiền mặt 100 %^[Cùng kỳ năm trước: 80,5%.]."\n          - gach:\n',
);

async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await validTree(files);
  made.push(dir);
  return dir;
}

describe('ky-moi marks the percentages typed in the text', () => {
  it('one mark per text, with every typed percentage (footnotes too), none for {{ty_le …}}; each printed with its line', () => {
    const made = nextPeriodFile(WITH_PERCENTS, parsePeriod('2024-q3')!, parsePeriod('2024-q4')!);
    expect(made.percents).toEqual([
      { line: 9, text: '96,67%' },
      { line: 9, text: '100 %' },
      { line: 9, text: '80,5%' },
    ]);
    expect(made.text).toContain('80,5%.]." # kỳ trước: 96,67%; 100 %; 80,5% — cập nhật\n');
    // the sentence with {{ty_le …}} computes its percentage from the new figures: no mark
    expect(made.text).toMatch(/ho_so\.da_giai_quyet\}\}\^\[Chi tiết: \{\{ho_so\.dung_han\}\} hồ sơ đúng hạn\.\]\."\n/);
  });

  it('validate warns at each percentage still unchanged; --nghiem refuses the document until each is updated', async () => {
    const dir = await tree({ [Q3]: WITH_PERCENTS });
    const next = await runCli(['ky-moi', Q3, '--ky', '2024-q4'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('3 tỷ lệ gõ tay cần cập nhật');
    expect(next.stdout).toContain('    dòng 9: tỷ lệ gõ tay 96,67% — kỳ trước, cập nhật');
    expect(next.stdout).toContain('    dòng 9: tỷ lệ gõ tay 80,5% — kỳ trước, cập nhật');
    const file = path.join(dir, Q4);
    // dated, and (to see the percentages alone) every figure of so_lieu treated as updated: its mark removed
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^so:.*$/m, 'so: 8\nngay: "2024-12-05"').replace(/ # kỳ trước: \d+ — cập nhật/g, ''));
    const stale = (stderr: string) => stderr.split('\n').filter((l) => l.includes('Tỷ lệ gõ tay'));
    const first = await runCli(['validate', Q4], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    // at the percentage itself (line 9 of the new file, as in the old: so and ngay again)
    expect(stale(first.stderr)).toEqual([
      expect.stringMatching(/^data\/tinh-mau\/phuong-mau\/2024-q4\.yaml:9:35 {2}cảnh báo {2}Tỷ lệ gõ tay 96,67% vẫn là số của kỳ trước: hãy cập nhật .*\[stale-figure\]$/),
      expect.stringMatching(/2024-q4\.yaml:9:71 {2}cảnh báo {2}Tỷ lệ gõ tay 100 % vẫn là số của kỳ trước/),
      expect.stringMatching(/2024-q4\.yaml:9:97 {2}cảnh báo {2}Tỷ lệ gõ tay 80,5% vẫn là số của kỳ trước/),
    ]);
    const strict = await runCli(['validate', '--nghiem', Q4], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(stale(strict.stderr)).toHaveLength(3);
    // two updated, the mark kept: only the one left is named
    await writeFile(file, (await readFile(file, 'utf8')).replace('đạt 96,67%', 'đạt 97,1%').replace('80,5%.]', '81%.]'));
    const second = await runCli(['validate', '--nghiem', Q4], { cwd: dir });
    expect(second.code).toBe(1);
    expect(stale(second.stderr)).toEqual([expect.stringMatching(/:9:70 {2}lỗi {2}Tỷ lệ gõ tay 100 % vẫn là số của kỳ trước/)]);
    await writeFile(file, (await readFile(file, 'utf8')).replace('100 %', '100%'));
    const done = await runCli(['validate', '--nghiem', Q4], { cwd: dir });
    expect(done.code, done.stderr).toBe(0);
  });
});

describe('ky-moi of a UTF-16 file', () => {
  it('reads a UTF-16 file with its byte-order mark (LE and BE) as validate does, and writes the new period in UTF-8', async () => {
    for (const order of ['LE', 'BE'] as const) {
      const le = Buffer.from(`\ufeff${WITH_PERCENTS}`, 'utf16le');
      const bytes = order === 'LE' ? le : Buffer.from(le).swap16();
      const dir = await tree({ [Q3]: bytes });
      const validate = await runCli(['validate', Q3], { cwd: dir });
      expect(validate.code, validate.stderr).toBe(0);
      expect(validate.stderr).toContain('[file-utf16]');
      const next = await runCli(['ky-moi', Q3, '--ky', '2024-q4'], { cwd: dir });
      expect(next.code, next.stderr).toBe(0);
      expect(next.stdout).toContain(`✔ ${Q4} (từ ${Q3}): 0 chỗ đổi tên kỳ, 9 số liệu cần cập nhật, 3 tỷ lệ gõ tay cần cập nhật.`);
      const written = await readFile(path.join(dir, Q4));
      expect(written.subarray(0, 2).toString('hex')).not.toMatch(/^(fffe|feff)$/);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(written);
      expect(text).toContain('tieu_de: Kết quả giải quyết hồ sơ');
      expect(text).toContain('tiep_nhan: 1067, # kỳ trước: 1067 — cập nhật');
      const after = await runCli(['validate', Q4], { cwd: dir });
      expect(after.stderr).not.toContain('[file-utf16]');
      expect(after.stderr).toContain('[stale-figure]');
    }
  });
});
