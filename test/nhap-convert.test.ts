/**
 * `baocao nhap` of the old formats an office's archive holds: a real `.doc` (Word 97–2003) of one
 * ward and a real `.odt` of another, made here by LibreOffice (both in one start) from office-typed
 * DOCX files (pandoc), and a broken `.odt`, imported as one folder: LibreOffice starts once for the
 * three, each good file imports to the same data as the DOCX it was saved from, the broken one is
 * reported. Without LibreOffice (soffice not on the PATH) the message says so and how to do without
 * it, and nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './helpers/cli.js';
import { libreOfficeJobs } from './helpers/libreoffice-macro.js';
import { buildOfficeDocx, THACH_QUY_OFFICE } from './helpers/office-document.js';

const work = mkdtempSync(path.join(tmpdir(), 'baocao-nhap-convert-'));

function office(): Parameters<typeof buildOfficeDocx>[0] {
  return {
    ...THACH_QUY_OFFICE,
    lines: [
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      '1. Kế hoạch và văn bản chỉ đạo',
      'UBND phường ban hành Kế hoạch cải cách hành chính năm 2024[1] và tổ chức thực hiện đúng tiến độ.',
      '- Ban hành 05 văn bản chỉ đạo;',
      '- Kiểm tra 02 cuộc tại bộ phận một cửa.',
      '2. Kết quả thực hiện nhiệm vụ',
      'a) Hoàn thành 24/24 nhiệm vụ được giao trong quý.',
      'b) Không có nhiệm vụ quá hạn.',
      'II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV',
      'Tiếp tục đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính.',
      'Trên đây là báo cáo kết quả cải cách hành chính quý III năm 2024 của UBND phường Thạch Quý./.',
    ],
    footnotes: new Map([['1', 'Kế hoạch số 12/KH-UBND ngày 15/01/2024.']]),
    table: { after: 4, rows: [['STT', 'Lĩnh vực', 'Số hồ sơ'], ['1', 'Tư pháp - hộ tịch', '390'], ['2', 'Đất đai', '28']] },
  };
}

/** LibreOffice's filters for the old formats, as Word 97–2003 and LibreOffice save them. */
const FILTERS = { doc: 'MS Word 97', odt: 'writer8' } as const;

/** The second office of the archive: another ward, so that both import into one --vao. */
function otherOffice(): Parameters<typeof buildOfficeDocx>[0] {
  return { ...office(), ten: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG BẮC HÀ'], placeDate: 'Bắc Hà, ngày 20 tháng 9 năm 2024', signer: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Trần Văn Bình'] };
}

const SAMPLES = [
  { format: 'doc', unit: 'phuong-thach-quy', signer: 'Nguyễn Đình Hùng' },
  { format: 'odt', unit: 'phuong-bac-ha', signer: 'Trần Văn Bình' },
] as const;

type Imported = { unit: unknown; period: Record<string, unknown> };

function importedUnit(into: string, unit: string): Imported {
  const read = (name: string) => parse(readFileSync(path.join(into, unit, name), 'utf8')) as Record<string, unknown>;
  return { unit: read('don-vi.yaml'), period: read('2024-q3.yaml') };
}

/** A `soffice` on the PATH that counts its starts in a file, then runs LibreOffice's own. */
function countingSoffice(): { path: string; starts: () => number } {
  const real = execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim();
  const bin = mkdtempSync(path.join(tmpdir(), 'baocao-soffice-'));
  const log = path.join(bin, 'starts');
  writeFileSync(path.join(bin, 'soffice'), `#!/bin/sh\necho start >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return { path: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, starts: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0) };
}

describe('nhap: .doc and .odt through LibreOffice', () => {
  const archive = path.join(work, 'luu-tru');
  const fromDocx = new Map<string, Imported>();
  let run: Awaited<ReturnType<typeof runCli>>;
  let soffice: ReturnType<typeof countingSoffice>;
  const saved = (format: 'doc' | 'odt') => path.join(archive, `bao-cao.${format}`);

  beforeAll(async () => {
    mkdirSync(archive, { recursive: true });
    const docx = { doc: buildOfficeDocx(office(), work, 'thach-quy'), odt: buildOfficeDocx(otherOffice(), work, 'bac-ha') };
    // LibreOffice saves one ward's DOCX as .doc and the other's as .odt, in one start; one name,
    // two formats, as in an archive
    await libreOfficeJobs(SAMPLES.map(({ format }) => ({ file: docx[format], out: saved(format), filter: FILTERS[format] })));
    writeFileSync(path.join(archive, 'hong.odt'), 'không phải odt');
    for (const { format, unit } of SAMPLES) {
      const into = path.join(work, `from-docx-${format}`);
      const direct = await runCli(['nhap', docx[format], '--vao', into]);
      expect(direct.code, direct.stderr).toBe(0);
      fromDocx.set(format, importedUnit(into, unit));
    }
    // The whole archive in one run, LibreOffice counted
    soffice = countingSoffice();
    run = await runCli(['nhap', archive, '--vao', path.join(work, 'from-archive')], { env: { PATH: soffice.path } });
  }, 240_000);

  for (const { format, unit, signer } of SAMPLES) {
    it(`imports a real .${format} to the same data as the DOCX it was saved from`, () => {
      const file = saved(format);
      expect(readFileSync(file).subarray(0, 4).toString('hex')).toBe(format === 'doc' ? 'd0cf11e0' : '504b0304');
      const got = importedUnit(path.join(work, 'from-archive'), unit);
      expect(got.unit).toEqual(fromDocx.get(format)!.unit);
      expect(got.period).toEqual(fromDocx.get(format)!.period);
      // What it read, not only that it agrees: the sections, the footnote, the table, the signer.
      expect(JSON.stringify(got.period.noi_dung)).toContain('năm 2024^[Kế hoạch số 12/KH-UBND ngày 15/01/2024.] và tổ chức');
      expect(JSON.stringify(got.period.noi_dung)).toContain('[1,"Tư pháp - hộ tịch",390]');
      expect((got.period.noi_dung as { tieu_de: string }[]).map((s) => s.tieu_de)).toEqual(['CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV']);
      expect(got.unit).toMatchObject({ nguoi_ky: { ho_ten: signer }, noi_nhan: ['UBND thành phố'] });
    });
  }

  it('converts every old file of a run in one start of LibreOffice; a file it cannot read is reported, the others imported', () => {
    expect(soffice.starts()).toBe(1);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.includes('hong.odt'));
    expect(lines.length, run.stderr).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/\[import-(convert|not-word|no-header)\]/);
    expect(readdirSync(path.join(work, 'from-archive')).sort()).toEqual(['phuong-bac-ha', 'phuong-thach-quy']);
  });

  it('says LibreOffice is needed, and how to do without it, when soffice is not on the PATH; writes nothing', async () => {
    const odt = saved('odt');
    const into = path.join(work, 'no-office');
    const empty = mkdtempSync(path.join(tmpdir(), 'baocao-no-path-'));
    const run = await runCli(['nhap', odt, '--vao', into], { env: { PATH: empty } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bao-cao.odt');
    expect(run.stderr).toContain('Tệp .odt cần LibreOffice để chuyển sang .docx nhưng máy chưa cài (lệnh soffice)');
    expect(run.stderr).toContain('"Lưu thành" .docx');
    expect(run.stderr).toContain('[import-convert]');
    expect(existsSync(into) ? readdirSync(into) : []).toEqual([]);
  }, 240_000);
});
