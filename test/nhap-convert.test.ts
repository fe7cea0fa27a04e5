/**
 * `baocao nhap` of the old formats an office's archive holds: a real `.doc` (Word 97–2003) and a
 * real `.odt`, made here by LibreOffice from an office-typed DOCX (pandoc), are converted by
 * LibreOffice and import to the same data as the DOCX itself; without LibreOffice (soffice not on
 * the PATH) the message says so and how to do without it, and nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './helpers/cli.js';
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

/** LibreOffice, headless with a profile of its own, saves the DOCX as `format` beside it. */
function libreOfficeSave(docx: string, format: 'doc' | 'odt'): string {
  const profile = mkdtempSync(path.join(tmpdir(), 'baocao-lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', path.dirname(docx), docx], { stdio: 'pipe', timeout: 180_000 });
  const out = docx.replace(/\.docx$/, `.${format}`);
  expect(existsSync(out)).toBe(true);
  return out;
}

async function imported(file: string, into: string): Promise<{ unit: unknown; period: Record<string, unknown>; stderr: string }> {
  const run = await runCli(['nhap', file, '--vao', into]);
  expect(run.code, run.stderr).toBe(0);
  const read = (name: string) => parse(readFileSync(path.join(into, 'phuong-thach-quy', name), 'utf8')) as Record<string, unknown>;
  return { unit: read('don-vi.yaml'), period: read('2024-q3.yaml'), stderr: run.stderr };
}

describe('nhap: .doc and .odt through LibreOffice', () => {
  let docx: string;
  let fromDocx: Awaited<ReturnType<typeof imported>>;

  beforeAll(async () => {
    docx = buildOfficeDocx(office(), work, 'bao-cao');
    fromDocx = await imported(docx, path.join(work, 'from-docx'));
  }, 60_000);

  for (const format of ['doc', 'odt'] as const) {
    it(`imports a real .${format} to the same data as the DOCX it was saved from`, async () => {
      const file = libreOfficeSave(docx, format);
      expect(readFileSync(file).subarray(0, 4).toString('hex')).toBe(format === 'doc' ? 'd0cf11e0' : '504b0304');
      const got = await imported(file, path.join(work, `from-${format}`));
      expect(got.unit).toEqual(fromDocx.unit);
      expect(got.period).toEqual(fromDocx.period);
      // What it read, not only that it agrees: the sections, the footnote, the table, the signer.
      expect(JSON.stringify(got.period.noi_dung)).toContain('năm 2024^[Kế hoạch số 12/KH-UBND ngày 15/01/2024.] và tổ chức');
      expect(JSON.stringify(got.period.noi_dung)).toContain('[1,"Tư pháp - hộ tịch",390]');
      expect((got.period.noi_dung as { tieu_de: string }[]).map((s) => s.tieu_de)).toEqual(['CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV']);
      expect(got.unit).toMatchObject({ nguoi_ky: { ho_ten: 'Nguyễn Đình Hùng' }, noi_nhan: ['UBND thành phố'] });
    }, 240_000);
  }

  it('says LibreOffice is needed, and how to do without it, when soffice is not on the PATH; writes nothing', async () => {
    const odt = path.join(work, 'bao-cao.odt');
    if (!existsSync(odt)) libreOfficeSave(docx, 'odt');
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
