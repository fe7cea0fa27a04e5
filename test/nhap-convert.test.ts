/**
 * `baocao nhap` of the old formats an office's archive holds: a real `.doc` (Word 97–2003) and a
 * real `.odt`, made here by LibreOffice (both in one start) from an office-typed DOCX (pandoc), are converted by
 * LibreOffice and import to the same data as the DOCX itself; without LibreOffice (soffice not on
 * the PATH) the message says so and how to do without it, and nothing is written.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
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

async function imported(file: string, into: string): Promise<{ unit: unknown; period: Record<string, unknown>; stderr: string }> {
  const run = await runCli(['nhap', file, '--vao', into]);
  expect(run.code, run.stderr).toBe(0);
  const read = (name: string) => parse(readFileSync(path.join(into, 'phuong-thach-quy', name), 'utf8')) as Record<string, unknown>;
  return { unit: read('don-vi.yaml'), period: read('2024-q3.yaml'), stderr: run.stderr };
}

describe('nhap: .doc and .odt through LibreOffice', () => {
  let docx: string;
  let fromDocx: Awaited<ReturnType<typeof imported>>;

  const saved = (format: 'doc' | 'odt') => docx.replace(/\.docx$/, `.${format}`);

  beforeAll(async () => {
    docx = buildOfficeDocx(office(), work, 'bao-cao');
    // LibreOffice saves the DOCX as .doc and as .odt beside it, in one start
    await libreOfficeJobs((['doc', 'odt'] as const).map((format) => ({ file: docx, out: saved(format), filter: FILTERS[format] })));
    fromDocx = await imported(docx, path.join(work, 'from-docx'));
  }, 180_000);

  for (const format of ['doc', 'odt'] as const) {
    it(`imports a real .${format} to the same data as the DOCX it was saved from`, async () => {
      const file = saved(format);
      expect(existsSync(file)).toBe(true);
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
