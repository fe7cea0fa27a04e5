/**
 * Issue 19's stress findings on messages, as a clerk (or an attacker) meets them: the real error
 * named, not a misleading one; what the data holds escaped, never obeyed or hidden by the
 * terminal; a preview of nothing refused; limits the README states.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from '../src/diagnostics/report.js';
import { MAX_SECTION_DEPTH } from '../src/load/nesting.js';
import { runCli, ROOT } from './helpers/cli.js';
import { PERIOD_DOCUMENT, UNIT_PROFILE, validTree } from './helpers/data-tree.js';

const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

async function validate(files: Record<string, string>, target = PERIOD) {
  const tree = await validTree(files);
  const run = await runCli(['validate', target], { cwd: tree });
  await rm(tree, { recursive: true, force: true });
  return run;
}

const table = (width: string) =>
  PERIOD_DOCUMENT.replace(
    '          - gach:\n',
    `          - bang:\n              cot:\n                - { ten: STT, rong: ${width} }\n                - { ten: Số, kieu: so }\n              dong:\n                - [1, 2]\n          - gach:\n`,
  );

describe('the real error, not a misleading unknown-key', () => {
  it('a table column width .nan: wrong-type at rong, not "Khóa "bang" không có… ý bạn là "bang"?"', async () => {
    const ok = await validate({ [PERIOD]: table('1.4') });
    expect(ok.code, ok.stderr).toBe(0);
    const run = await validate({ [PERIOD]: table('.nan') });
    expect(run.stderr).toMatch(/bang\.cot\[1\]\.rong" phải là một số hữu hạn, nhưng đang là \.nan.*\[wrong-type\]/);
    expect(run.stderr).not.toContain('unknown-key');
    expect(run.code).toBe(1);
  });

  const rollup = (units: string) => PERIOD_DOCUMENT.replace(/so_lieu:[\s\S]*$/, '').replace('so: 7\n', `so: 7\ntong_hop: { don_vi: [${units}] }\n`).replace(/\{\{[^}]*\}\}/g, '5');
  const otherUnit = UNIT_PROFILE.replace('PHƯỜNG MẪU', 'PHƯỜNG HAI').replace('phường Mẫu', 'phường Hai');

  it('A sums B and B sums A: rollup-cycle naming the cycle, not rollup-unit-invalid', async () => {
    const run = await validate({
      [PERIOD]: rollup('phuong-hai'),
      'data/tinh-mau/phuong-hai/don-vi.yaml': otherUnit,
      'data/tinh-mau/phuong-hai/2024-q3.yaml': rollup('phuong-mau'),
    });
    expect(run.stderr).toMatch(/2024-q3\.yaml:2:\d+ +lỗi +Tổng hợp vòng tròn: tinh-mau\/phuong-mau → tinh-mau\/phuong-hai → tinh-mau\/phuong-mau\..*\[rollup-cycle\]/);
    expect(run.stderr).not.toContain('rollup-unit-invalid');
    expect(run.code).toBe(1);
  });

  it('a roll-up table over a unit without so_lieu: the missing figures alone, not an unknown key "bang" nor a follow-on "bảng cần dong"', async () => {
    const summing = rollup('phuong-hai').replace(
      '          - gach:\n',
      '          - bang:\n              cot:\n                - { ten: Đơn vị }\n                - { ten: Tiếp nhận, kieu: so }\n              tu_tong_hop: [ten_don_vi, ho_so.tiep_nhan]\n          - gach:\n',
    );
    const run = await validate({
      [PERIOD]: summing,
      'data/tinh-mau/phuong-hai/don-vi.yaml': otherUnit,
      'data/tinh-mau/phuong-hai/2024-q3.yaml': PERIOD_DOCUMENT.replace(/so_lieu:[\s\S]*$/, '').replace(/\{\{[^}]*\}\}/g, '5'),
    });
    expect(run.stderr).toMatch(/Cột "ho_so\.tiep_nhan": đơn vị không có số liệu này: phuong-hai.*\[rollup-partial-figure\]/);
    expect(run.stderr).not.toMatch(/Khóa "bang"|unknown-key/);
    // One cause, one message: not the follow-on "bảng cần dong …" of a table whose rows were never built.
    expect(run.stderr.match(/\[[a-z-]+\]/g)).toEqual(['[rollup-partial-figure]']);
    expect(run.code).toBe(1);
  });
});

describe('what the data holds is shown escaped', () => {
  it('invisible characters (U+200B…) are shown as \\u200b, so a key that looks right is seen to be wrong', () => {
    for (const c of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e']) {
      expect(escapeForTerminal(`so${c}`)).toBe(`so\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    expect(escapeForTerminal('so\u00ad')).toBe('so\\xad'); // soft hyphen
    expect(escapeForTerminal('Số và ký hiệu: Đồng Tháp')).toBe('Số và ký hiệu: Đồng Tháp');
  });

  it('a key with U+200B: the message shows it escaped', async () => {
    const run = await validate({ [PERIOD]: PERIOD_DOCUMENT.replace('so: 7', '"so\\u200b": 7\nso: 7') });
    expect(run.stderr).toContain('Khóa "so\\u200b" không có');
    expect(run.stderr).not.toContain('\u200b');
    expect(run.code).toBe(1);
  });

  it('an ANSI escape in a key reaches the terminal escaped, never obeyed', async () => {
    const run = await validate({ [PERIOD]: PERIOD_DOCUMENT.replace('so: 7', '"x\\e]0;tieu-de\\a\\e[2J": 7\nso: 7') });
    expect(run.stderr).toContain('\\x1b]0;tieu-de\\x07\\x1b[2J');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.code).toBe(1);
  });

  it('an integer above 2^53 is refused (number-too-large), never printed rounded', async () => {
    const run = await validate({ [PERIOD]: PERIOD_DOCUMENT.replace('tiep_nhan: 1067', 'tiep_nhan: 123456789012345678901') });
    expect(run.stderr).toMatch(/"so_lieu\.ho_so\.tiep_nhan": số quá lớn.*\[number-too-large\]/);
    expect(run.stderr.match(/\[[a-z-]+\]/g)).toEqual(['[number-too-large]']);
    const inTable = await validate({ [PERIOD]: table('1.4').replace('- [1, 2]', '- [1, 123456789012345678901]') });
    expect(inTable.stderr).toContain('[number-too-large]');
    expect(inTable.stderr).not.toContain('123.456.789.012.345.680.000');
    expect(inTable.code).toBe(1);
  });
});

describe('xem of a path that does not exist', () => {
  it('says so and exits 2 instead of serving an empty preview forever', async () => {
    const tree = await validTree();
    const run = await runCli(['xem', 'khong-co'], { cwd: tree });
    expect(run.stderr).toMatch(/khong-co +lỗi +Không mở được "khong-co" để xem: tệp hoặc thư mục không có.*\(ENOENT\)\..*\[usage\]/);
    expect(run.stdout).not.toContain('http://');
    expect(run.code).toBe(2);
    await rm(tree, { recursive: true, force: true });
  }, 30_000);
});

describe('the section depth limit is the README\'s', () => {
  const nested = (depth: number): string => {
    let yaml = 'so: 7\nngay: "2024-09-05"\nnoi_dung:\n';
    for (let level = 1; level <= depth; level++) {
      const pad = '  '.repeat(2 * (level - 1));
      yaml += `${pad}  - tieu_de: Mục cấp ${level}\n`;
      if (level < depth) yaml += `${pad}    muc:\n`;
    }
    return `${yaml}ket_thuc:\n  - Hết.\nso_lieu:\n  ho_so: { tiep_nhan: 1 }\n`;
  };

  it('"mục lồng nhau quá N cấp … bị từ chối": N deep renders to DOCX, N + 1 is too-deep', async () => {
    const readme = readFileSync(path.join(ROOT, 'docs', 'huong-dan-soan-thao.md'), 'utf8');
    const stated = Number(/mục lồng nhau quá (\d+) cấp/.exec(readme.replace(/\s+/g, ' '))?.[1]);
    expect(stated).toBe(MAX_SECTION_DEPTH);
    const tree = await validTree({ [PERIOD]: nested(stated) });
    const fine = await runCli(['render', PERIOD, '--format', 'docx', '--out', 'ra'], { cwd: tree });
    expect(fine.code, fine.stderr).toBe(0);
    const deep = await validTree({ [PERIOD]: nested(stated + 1) });
    const refused = await runCli(['render', PERIOD, '--format', 'docx', '--out', 'ra'], { cwd: deep });
    expect(refused.stderr).toMatch(new RegExp(`Mục lồng nhau quá ${stated} cấp.*mục này là cấp ${stated + 1}.*\\[too-deep\\]`));
    expect(refused.code).toBe(1);
    await rm(tree, { recursive: true, force: true });
    await rm(deep, { recursive: true, force: true });
  });
});
