/**
 * `baocao ky-moi` on the real samples: the new file differs from the old one only where intended,
 * `validate` warns on every carried-over figure until it is updated, and every period kind works.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/core/period.js';
import { nextPeriodFile } from '../src/next-period/next-period-file.js';
import { rewritePeriodWords } from '../src/next-period/period-words.js';
import { parseYamlText } from '../src/load/load-yaml.js';
import { staleFigureDiagnostics } from '../src/validate/stale-figures.js';
import { ROOT, runCli } from './helpers/cli.js';

const THACH_QUY = 'data/ha-tinh/phuong-thach-quy';

async function copyOfData(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baocao-ky-moi-'));
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  return dir;
}

/** The lines removed and added going from `before` to `after`. */
function lineChanges(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffArrays(before.split('\n'), after.split('\n'))) {
    if (part.removed) removed.push(...part.value);
    if (part.added) added.push(...part.value);
  }
  return { removed, added };
}

const period = (id: string) => parsePeriod(id)!;

describe('baocao ky-moi', () => {
  it('makes 2024-q4 from the real Thạch Quý 2024-q3 file, changing only number, date, period words and figure marks', async () => {
    const dir = await copyOfData();
    const result = await runCli(['ky-moi', `${THACH_QUY}/2024-q3.yaml`, '--ky', '2024-q4'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`✔ ${THACH_QUY}/2024-q4.yaml`);
    expect(result.stdout).toContain('dòng 175: «quý III năm 2024» → «quý IV năm 2024»');
    // the one percentage typed in its text ("thực hiện 100% ký cam kết") is carried too
    expect(result.stdout).toContain('dòng 145: tỷ lệ gõ tay 100% — kỳ trước, cập nhật');
    const before = await readFile(path.join(dir, THACH_QUY, '2024-q3.yaml'), 'utf8');
    const after = await readFile(path.join(dir, THACH_QUY, '2024-q4.yaml'), 'utf8');
    const { removed, added } = lineChanges(before, after);
    expect(removed).toContain('so: 84');
    expect(removed).toContain('ngay: "2024-09-16"');
    expect(added).toContain('so: # chưa vào sổ: điền số khi ban hành');
    expect(added).toContain('    tiep_nhan: 537 # kỳ trước: 537 — cập nhật');
    expect(added).toContain('    thu: 2.15 # kỳ trước: 2.15 — cập nhật; 2,150 tỷ đồng (dấu chấm của YAML là dấu thập phân)');
    // Every other changed line is an old line with its period words or a figure mark changed.
    const undo = (line: string) =>
      line.replace(/ # kỳ trước: [\d.,%; ]+ — cập nhật(; )?/u, (_m, rest: string | undefined) => (rest ? ' # ' : '')).replaceAll('quý IV', 'quý III').replaceAll('Quý IV', 'Quý III');
    const rest = removed.filter((line) => line !== 'so: 84' && !line.startsWith('ngay:'));
    expect(added.filter((line) => !line.startsWith('so:')).map(undo)).toEqual(rest);
    expect(added.filter((line) => line.includes('— cập nhật'))).toHaveLength(51 + 1);
    expect(added.filter((line) => line.endsWith('" # kỳ trước: 100% — cập nhật'))).toHaveLength(1);
    expect(added.filter((line) => line.includes('quý IV') || line.includes('Quý IV'))).toHaveLength(7);
    // "6 tháng đầu năm 2024" names an earlier period: it stays.
    expect(after.match(/6 tháng đầu năm 2024/g)?.length).toBe(before.match(/6 tháng đầu năm 2024/g)?.length);
  });

  it('finds the marks in what the loader parsed (the period file is not read again), in so_lieu only', () => {
    const text = [
      'tieu_de: x # kỳ trước: 3 — cập nhật',
      'so_lieu:',
      '  ho_so:',
      '    tiep_nhan: 537 # kỳ trước: 537 — cập nhật',
      '    da_giai_quyet: 600 # kỳ trước: 520 — cập nhật',
      '  ds:',
      '    - 4 # kỳ trước: 4 — cập nhật',
      '',
    ].join('\n');
    // No such file on disk: only the loaded layer can tell.
    const layer = parseYamlText('/khong-co/2024-q4.yaml', new TextEncoder().encode(text));
    expect([...(layer.marks ?? [])]).toEqual([
      ['tieu_de', 3],
      ['so_lieu.ho_so.tiep_nhan', 537],
      ['so_lieu.ho_so.da_giai_quyet', 520],
      ['so_lieu.ds.0', 4],
    ]);
    const found = staleFigureDiagnostics(layer).map((d) => `${d.line}:${d.column} ${d.message.split(' vẫn')[0]!}`);
    expect(found).toEqual(['4:16 Số liệu so_lieu.ho_so.tiep_nhan', '7:7 Số liệu so_lieu.ds.0']);
  });

  it('validate warns stale-figure on each carried-over figure until its value changes or its mark goes', async () => {
    const dir = await copyOfData();
    await runCli(['ky-moi', `${THACH_QUY}/2024-q3.yaml`, '--ky', '2024-q4'], { cwd: dir });
    const file = path.join(dir, THACH_QUY, '2024-q4.yaml');
    const first = await runCli(['validate', `${THACH_QUY}/2024-q4.yaml`], { cwd: dir });
    const stale = first.stderr.split('\n').filter((line) => line.includes('[stale-figure]'));
    expect(stale).toHaveLength(51 + 1);
    expect(stale).toContain(
      `${THACH_QUY}/2024-q4.yaml:28:16  cảnh báo  Số liệu so_lieu.ho_so.tiep_nhan vẫn là số của kỳ trước (537): hãy cập nhật số, rồi xóa chú thích "# kỳ trước: … — cập nhật".  [stale-figure]`,
    );
    expect(stale).toContain(
      `${THACH_QUY}/2024-q4.yaml:144:267  cảnh báo  Tỷ lệ gõ tay 100% vẫn là số của kỳ trước: hãy cập nhật (tốt hơn: {{ty_le …}} để tỷ lệ được tính từ so_lieu), rồi xóa chú thích "# kỳ trước: … — cập nhật".  [stale-figure]`,
    );
    expect(first.stderr).toContain('52 cảnh báo (52 số liệu còn là số kỳ trước)');
    let text = await readFile(file, 'utf8');
    text = text.replace('tiep_nhan: 537 # kỳ trước: 537 — cập nhật', 'tiep_nhan: 601 # kỳ trước: 537 — cập nhật');
    text = text.replace('may_in: 20 # kỳ trước: 20 — cập nhật', 'may_in: 20');
    text = text.replace('so: # chưa vào sổ: điền số khi ban hành', 'so: 120\nngay: "2024-12-16"');
    await writeFile(file, text);
    const second = await runCli(['validate', `${THACH_QUY}/2024-q4.yaml`], { cwd: dir });
    expect(second.stderr.split('\n').filter((line) => line.includes('[stale-figure]'))).toHaveLength(50);
    expect(second.stderr).not.toContain('so_lieu.ho_so.tiep_nhan ');
    expect(second.stderr).not.toContain('so_lieu.khac.may_in ');
    expect(second.code).toBe(0);
  });

  it('refuses to overwrite without --ghi-de, and a --ky not later than the source is a usage error', async () => {
    const dir = await copyOfData();
    const args = ['ky-moi', `${THACH_QUY}/2024-q3.yaml`, '--ky', '2024-q4'];
    expect((await runCli(args, { cwd: dir })).code).toBe(0);
    await writeFile(path.join(dir, THACH_QUY, '2024-q4.yaml'), 'so: 1\n');
    const again = await runCli(args, { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[file-exists]');
    expect(await readFile(path.join(dir, THACH_QUY, '2024-q4.yaml'), 'utf8')).toBe('so: 1\n');
    expect((await runCli([...args, '--ghi-de'], { cwd: dir })).code).toBe(0);
    expect(await readFile(path.join(dir, THACH_QUY, '2024-q4.yaml'), 'utf8')).toContain('quý IV năm 2024');
    // A source with a YAML error gives its diagnostic and no new file.
    const bacHa = path.join(dir, 'data/ha-tinh/phuong-bac-ha');
    await writeFile(path.join(bacHa, '2024-q3.yaml'), (await readFile(path.join(bacHa, '2024-q3.yaml'), 'utf8')).replace('so_lieu:', 'so_lieu: ['));
    const broken = await runCli(['ky-moi', 'data/ha-tinh/phuong-bac-ha/2024-q3.yaml', '--ky', '2024-q4'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/data\/ha-tinh\/phuong-bac-ha\/2024-q3\.yaml:\d+:\d+ {2}lỗi .*\[yaml-syntax\]/);
    expect(existsSync(path.join(bacHa, '2024-q4.yaml'))).toBe(false);
    for (const ky of ['2024-q3', '2024-q2', '2023-nam', '2024-6t', '2025-ke-hoach', '2024-q5']) {
      const bad = await runCli(['ky-moi', `${THACH_QUY}/2024-q3.yaml`, '--ky', ky], { cwd: dir });
      expect(bad.code, ky).toBe(2);
      expect(bad.stderr, ky).toContain('[usage]');
    }
  });

  it('does a whole folder: every unit with a 2024-q3 file and none yet for 2024-q4, with a summary', async () => {
    const dir = await copyOfData();
    await runCli(['ky-moi', `${THACH_QUY}/2024-q3.yaml`, '--ky', '2024-q4'], { cwd: dir });
    const result = await runCli(['ky-moi', 'data', '--tu', '2024-q3', '--ky', '2024-q4'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ Kỳ 2024-q4 từ 2024-q3: đã tạo 7 tệp, bỏ qua 1 đơn vị đã có tệp 2024-q4, 0 lỗi.');
    for (const unit of ['ha-tinh/huyen-cam-xuyen', 'ha-tinh/phuong-bac-ha', 'ha-tinh/xa-cam-binh', 'hai-phong/phuong-tran-thanh-ngo']) {
      expect(result.stdout).toContain(`✔ data/${unit}/2024-q4.yaml`);
    }
    const batchValidate = await runCli(['validate', 'data'], { cwd: dir });
    expect(batchValidate.stderr).toMatch(/\d+ cảnh báo \((\d+) số liệu còn là số kỳ trước\)/);
    // Dated, the new quarter goes through batch, whose summary counts the stale figures.
    for (const unit of ['ha-tinh/huyen-cam-xuyen', 'ha-tinh/phuong-thach-quy', 'ha-tinh/phuong-bac-ha', 'ha-tinh/xa-cam-binh', 'hai-phong/phuong-tran-thanh-ngo']) {
      const file = path.join(dir, 'data', unit, '2024-q4.yaml');
      await writeFile(file, `ngay: "2024-12-16"\n${await readFile(file, 'utf8')}`);
    }
    // Thạch Quý's other documents of the quarter (2024-q3.to-trinh.yaml …) went on with it
    for (const name of ['to-trinh', 'cong-van', 'bai-tham-luan']) {
      const file = path.join(dir, THACH_QUY, `2024-q4.${name}.yaml`);
      await writeFile(file, `ngay: "2024-12-16"\n${await readFile(file, 'utf8')}`);
    }
    const batch = await runCli(['batch', 'data', '--ky', '2024-q4', '--format', 'docx', '--out', 'out', '--jobs', '1'], { cwd: dir });
    expect(batch.code).toBe(0);
    // the district: 30 figures of so_lieu (its fields by row) and 15 of its units (so_lieu.xa, its Phụ lục II);
    // Thạch Quý: 51 figures and 1 typed percentage; its tờ trình: 8 numbers typed in its table
    expect(batch.stderr).toContain(`cảnh báo (${30 + 15 + 51 + 1 + 25 + 25 + 26 + 1 + 3 + 8} số liệu còn là số kỳ trước)`);
  });

  it('has a Vietnamese --help with examples', async () => {
    const help = await runCli(['ky-moi', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('baocao ky-moi data --tu 2024-q3 --ky 2024-q4');
    expect(help.stdout).toContain('--ghi-de');
    const xem = await runCli(['xem', '--help']);
    expect(xem.stdout).toContain('Ví dụ:');
    expect(xem.stdout).toContain('--port <số>');
  });

  it('works for every period kind', async () => {
    const cases: [string, string, string, string][] = [
      ['2024-q1', '2024-q2', 'Trong quý I năm 2024 và quý I, quý II năm 2024, quý IV', 'Trong quý II năm 2024 và quý II, quý III năm 2024, quý IV'],
      ['2024-q4', '2025-q1', 'QUÝ IV NĂM 2024; quý IV năm 2023', 'QUÝ I NĂM 2025; quý IV năm 2023'],
      ['2024-6t', '2024-9t', 'Báo cáo 6 tháng đầu năm 2024.', 'Báo cáo 9 tháng năm 2024.'],
      ['2024-nam', '2025-nam', 'Trong năm 2024, so với năm 2023', 'Trong năm 2025, so với năm 2023'],
      ['2024-ke-hoach', '2025-ke-hoach', 'Kế hoạch năm 2024 (năm 20245)', 'Kế hoạch năm 2025 (năm 20245)'],
    ];
    for (const [from, to, text, expected] of cases) expect(rewritePeriodWords(text, period(from), period(to)).text, from).toBe(expected);
    // The sample plan takes its Ban hành kèm theo line from its decision; a plan that types it still gets it blanked.
    const sample = await readFile(path.join(ROOT, 'data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml'), 'utf8');
    const plan = sample.replace('ngay: "2024-01-24"\n', 'ngay: "2024-01-24"\nban_hanh_kem_theo:\n  so: 19/QĐ-UBND\n  ngay: "2024-01-24"\n');
    const next = nextPeriodFile(plan, period('2024-ke-hoach'), period('2025-ke-hoach'));
    expect(next.text).toContain('Kế hoạch cải cách hành chính năm 2025 của phường');
    expect(next.text).not.toMatch(/^ngay:/m);
    expect(next.text).toMatch(/^ban_hanh_kem_theo:\n {2}so: # chưa vào sổ/m);
    // and the decision issuing it: its own number and date are blanked too
    const decision = await readFile(path.join(ROOT, 'data/hai-phong/phuong-phu-lien/2024-ke-hoach.quyet-dinh.yaml'), 'utf8');
    const nextDecision = nextPeriodFile(decision, period('2024-ke-hoach'), period('2025-ke-hoach'));
    expect(nextDecision.text).toMatch(/^so: # chưa vào sổ/m);
    expect(nextDecision.text).not.toMatch(/^ngay:/m);
  });
});
