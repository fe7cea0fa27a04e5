/**
 * `baocao nhap` on the ward's yearly plan as an office types it: the reference kế hoạch of phường
 * Phù Liễn (../shared/reference/) built into Word here by pandoc, not by baocao — the header as a
 * borderless table, "(Ban hành kèm theo Quyết định …)" under the trích yếu, the numbers typed
 * (I., 1., a), -), real footnotes, one table, the signature in a table. Imported and rendered again,
 * its lines come back verbatim, its footnotes at their place, its headings at their level.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { parse } from 'yaml';
import type { SectionData } from '../src/core/schema.js';
import { runCli } from './helpers/cli.js';
import { openDocx, paragraphs } from './helpers/docx.js';
import { buildOfficeDocx, type OfficeReport } from './helpers/office-document.js';
import { allStrings, expectHeadingsAtTheirLevel, importAndRender, keptShare } from './helpers/foreign-import.js';

const work = mkdtempSync(path.join(tmpdir(), 'baocao-nhap-ke-hoach-'));
const reference = readFileSync('/work/shared/reference/ke-hoach-cchc-2024-phuong-phu-lien.txt', 'utf8').split('\n').map((l) => l.trim());
// The plan's text starts after its "(Ban hành kèm theo … Phù Liễn)" line, two lines in the reference.
const bodyStart = reference.findIndex((l) => l.endsWith('phường Phù Liễn)')) + 1;
const ISSUED_WITH = '(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của Ủy ban nhân dân phường Phù Liễn)';
// The reference has no footnote; the office puts two where a clerk would (after a cited text).
const NOTES: readonly (readonly [string, string])[] = [
  ['của Thủ tướng Chính phủ', 'Quyết định số 468/QĐ-TTg ngày 27/3/2021 phê duyệt Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.'],
  ['giai đoạn 2023-2025', 'Nghị quyết số 117/NQ-CP ngày 30/7/2023 của Chính phủ.'],
];
const footnotes = new Map(NOTES.map(([, text], i) => [String(i + 1), text]));
const typed = reference.slice(bodyStart).filter((l) => l !== '');
const withMarkers = typed.map((line) => NOTES.reduce((l, [after], i) => (l.includes(after) ? l.replace(after, `${after}[${i + 1}]`) : l), line));
// What the reader sees: the bold italic span of the reference ("***…***") is formatting, not text.
const seen = (line: string) => line.replace(/\*\*\*/g, '');
const TABLE_AFTER = typed.findIndex((l) => l.startsWith('5. Tỷ lệ hồ sơ thủ tục hành chính'));

function plan(): OfficeReport {
  return {
    chuQuan: 'UBND QUẬN KIẾN AN',
    ten: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG PHÙ LIỄN'],
    so: 'Số: 12/KH-UBND',
    placeDate: 'Phù Liễn, ngày 24 tháng 01 năm 2024',
    typeName: 'KẾ HOẠCH',
    summary: 'Cải cách hành chính phường Phù Liễn năm 2024',
    issuedWith: ISSUED_WITH,
    lines: withMarkers,
    footnotes,
    table: { after: TABLE_AFTER, rows: [['STT', 'Chỉ tiêu', 'Tỷ lệ (%)'], ['1', 'Hồ sơ giải quyết trước và đúng hạn', '95'], ['2', 'Mức độ hài lòng của người dân', '90']] },
    noiNhan: ['UBND quận Kiến An;', 'Phòng Nội vụ quận;', 'Các bộ phận chuyên môn, công chức;', 'Lưu: VT, VP.'],
    signer: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Vũ Văn Nam'],
    // Headings are bold; a numbered sentence ("1. Tập trung … 2030.") is not.
    isHeading: (line) => line.length < 150 && !/[.;:]$/u.test(line),
  };
}

describe('nhap: the ward plan typed in Word by an office', () => {
  let period: Record<string, unknown>;
  let rendered: string[];
  let profile: Record<string, any>;

  beforeAll(async () => {
    const docx = buildOfficeDocx(plan(), work, 'phu-lien');
    ({ period, rendered } = await importAndRender(docx, work, { data: 'data', out: 'out', unit: 'phuong-phu-lien', period: '2024-ke-hoach' }));
    profile = parse(readFileSync(path.join(work, 'data', 'ha-tinh', 'phuong-phu-lien', 'don-vi.yaml'), 'utf8')) as Record<string, any>;
  }, 120_000);

  it('keeps at least 98% of its lines verbatim in the re-rendered document', () => {
    const { share, missing } = keptShare(typed.map(seen), rendered);
    expect(share, missing.join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it('reads the header, the plan\'s decision line and the signature', () => {
    expect(period).toMatchObject({ so: 12, ngay: '2024-01-24', trich_yeu: 'Cải cách hành chính phường Phù Liễn năm 2024', ban_hanh_kem_theo: { so: '19/QĐ-UBND', ngay: '2024-01-24' } });
    expect(rendered).toContain(ISSUED_WITH);
    expect(profile.co_quan).toMatchObject({ chu_quan: 'UBND QUẬN KIẾN AN', ten: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG PHÙ LIỄN'], ten_day_du: 'Ủy ban nhân dân phường Phù Liễn', viet_tat: 'UBND' });
    expect(profile.nguoi_ky).toEqual({ quyen_han: 'TM. ỦY BAN NHÂN DÂN', chuc_vu: 'CHỦ TỊCH', ho_ten: 'Vũ Văn Nam' });
    expect(profile.noi_nhan).toEqual(['UBND quận Kiến An', 'Phòng Nội vụ quận', 'Các bộ phận chuyên môn, công chức']);
    expect(profile.luu).toEqual(['VT', 'VP']);
  });

  it('puts every footnote at its place', () => {
    const strings = allStrings(period.noi_dung);
    for (const [after, note] of NOTES) expect(strings.some((s) => s.includes(`${after}^[${note}]`)), after).toBe(true);
  });

  it('puts every numbered heading at its level', () => {
    expectHeadingsAtTheirLevel(typed.map(seen), period.noi_dung as SectionData[]);
    // The office's "V." after "III." (it skipped IV.) is the fourth part, printed IV. by baocao.
    expect((period.noi_dung as SectionData[]).map((s) => s.tieu_de)).toEqual(['MỤC ĐÍCH, YÊU CẦU', 'CHỈ TIÊU CHỦ YẾU', 'NHIỆM VỤ, GIẢI PHÁP', 'TỔ CHỨC THỰC HIỆN']);
  });

  it('keeps the bold italic span and the table', () => {
    expect(allStrings(period.noi_dung).some((s) => s.includes('(***báo cáo Quý, báo cáo 6 tháng gửi trước ngày 05 tháng cuối của quý, báo cáo năm gửi trước ngày 05/12/2024***)'))).toBe(true);
    expect(JSON.stringify(period.noi_dung)).toContain('[1,"Hồ sơ giải quyết trước và đúng hạn",95]');
  });
});

describe('nhap: headings an office types without a number', () => {
  const LEAD = 'ĐẶC ĐIỂM TÌNH HÌNH';
  const BOLD = 'Chỉ tiêu cụ thể theo từng lĩnh vực';
  const STYLED = 'Nhiệm vụ trọng tâm của quý I';
  let period: Record<string, unknown>;
  let rendered: string[];
  let yaml: string;

  beforeAll(async () => {
    const lines = [...typed];
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    // A heading in Word's "Heading 3" style (an outline level, no number) between III.1.d) and III.2.
    lines.splice(at('2. Cải cách thể chế'), 0, `### ${STYLED}`, 'Rà soát các nhiệm vụ còn chậm tiến độ.');
    // A bold line of its own between II.5. and III.
    lines.splice(at('III. NHIỆM VỤ, GIẢI PHÁP'), 0, `**${BOLD}**`, 'Các chỉ tiêu được giao cho từng bộ phận chuyên môn.');
    // A part in capitals before I.
    lines.unshift(`**${LEAD}**`, 'Năm 2023, công tác cải cách hành chính của phường đạt nhiều kết quả.');
    const docx = buildOfficeDocx({ ...plan(), lines, table: undefined }, work, 'khong-so');
    ({ period, rendered } = await importAndRender(docx, work, { data: 'khong-so-data', out: 'khong-so-out', unit: 'phuong-phu-lien', period: '2024-ke-hoach' }));
    yaml = readFileSync(path.join(work, 'khong-so-data', 'ha-tinh', 'phuong-phu-lien', '2024-ke-hoach.yaml'), 'utf8');
  }, 120_000);

  it('writes each as danh_so: khong at its level, with its paragraph', () => {
    const sections = period.noi_dung as SectionData[];
    expect(sections[0]).toEqual({ tieu_de: LEAD, danh_so: 'khong', doan: ['Năm 2023, công tác cải cách hành chính của phường đạt nhiều kết quả.'] });
    expect(sections.map((s) => s.tieu_de)).toEqual([LEAD, 'MỤC ĐÍCH, YÊU CẦU', 'CHỈ TIÊU CHỦ YẾU', 'NHIỆM VỤ, GIẢI PHÁP', 'TỔ CHỨC THỰC HIỆN']);
    // Beside II.1.–5., not inside II.5.
    expect(sections[2]!.muc!.map((s) => s.danh_so)).toEqual([undefined, undefined, undefined, undefined, undefined, 'khong']);
    expect(sections[2]!.muc![5]).toEqual({ tieu_de: BOLD, danh_so: 'khong', doan: ['Các chỉ tiêu được giao cho từng bộ phận chuyên môn.'] });
    // Level 3 (Heading 3) under III.1., after its points a)–d); III.2. stays the second khoản.
    const first = sections[3]!.muc![0]!;
    expect(first.muc![4]).toEqual({ tieu_de: STYLED, danh_so: 'khong', doan: ['Rà soát các nhiệm vụ còn chậm tiến độ.'] });
    expect(sections[3]!.muc!.map((s) => s.tieu_de)).toEqual(['Công tác chỉ đạo, điều hành', 'Cải cách thể chế', 'Cải cách thủ tục hành chính', 'Cải cách tổ chức bộ máy', 'Cải cách chế độ công vụ', 'Cải cách tài chính công', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số']);
    expect(yaml.match(/danh_so: khong/g)).toHaveLength(3);
  });

  it('renders them as headings without a number, the numbered parts keeping theirs', () => {
    for (const line of [LEAD, BOLD, STYLED, 'I. MỤC ĐÍCH, YÊU CẦU', 'III. NHIỆM VỤ, GIẢI PHÁP', '2. Cải cách thể chế']) expect(rendered, line).toContain(line);
    const docx = openDocx(readFileSync(path.join(work, 'khong-so-out', 'ha-tinh', 'phuong-phu-lien', '2024-ke-hoach.docx')));
    const styleOf = (text: string) => paragraphs(docx.part('word/document.xml')).find((p) => p.text === text)?.style;
    expect([styleOf(LEAD), styleOf(BOLD), styleOf(STYLED)]).toEqual(['Heading1', 'Heading2', 'Heading3']);
  });
});

describe('nhap: Nơi nhận and the signature typed as paragraphs, not in a table', () => {
  for (const order of ['signature-first', 'recipients-first'] as const) {
    it(`reads the signer, Nơi nhận and Lưu (${order})`, async () => {
      const docx = buildOfficeDocx({ ...plan(), table: undefined, closingAsParagraphs: order }, work, `ky-${order}`);
      const into = path.join(work, `ky-${order}`);
      const run = await runCli(['nhap', docx, '--vao', into]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('không thấy khối chữ ký');
      const profile = parse(readFileSync(path.join(into, 'phuong-phu-lien', 'don-vi.yaml'), 'utf8')) as Record<string, any>;
      expect(profile.nguoi_ky).toEqual({ quyen_han: 'TM. ỦY BAN NHÂN DÂN', chuc_vu: 'CHỦ TỊCH', ho_ten: 'Vũ Văn Nam' });
      expect(profile.noi_nhan).toEqual(['UBND quận Kiến An', 'Phòng Nội vụ quận', 'Các bộ phận chuyên môn, công chức']);
      expect(profile.luu).toEqual(['VT', 'VP']);
      // The text ends with its last paragraph: no signature line, no recipient left in the body.
      const period = parse(readFileSync(path.join(into, 'phuong-phu-lien', '2024-ke-hoach.yaml'), 'utf8')) as Record<string, any>;
      expect(period.ket_thuc).toEqual([seen(typed[typed.length - 1]!).replace(/\.\/\.$/, '')]);
      const strings = allStrings(period);
      for (const line of ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Vũ Văn Nam', 'Nơi nhận:', 'UBND quận Kiến An;']) expect(strings.some((s) => s.includes(line)), line).toBe(false);
    });
  }
});

describe('nhap: the same plan numbered by Word (automatic numbering)', () => {
  it('keeps at least 98% of its lines and every heading at its level', async () => {
    const docx = buildOfficeDocx(plan(), work, 'phu-lien-auto', 'auto');
    const xml = new PizZip(readFileSync(docx)).file('word/document.xml')!.asText();
    expect(xml).toContain('<w:numPr>');
    expect(xml).not.toContain('>I. MỤC ĐÍCH');
    const { period, rendered } = await importAndRender(docx, work, { data: 'auto-data', out: 'auto-out', unit: 'phuong-phu-lien', period: '2024-ke-hoach' });
    const { share, missing } = keptShare(typed.map(seen), rendered);
    expect(share, missing.join('\n')).toBeGreaterThanOrEqual(0.98);
    expectHeadingsAtTheirLevel(typed.map(seen), period.noi_dung as SectionData[]);
    const strings = allStrings(period.noi_dung);
    for (const [after, note] of NOTES) expect(strings.some((s) => s.includes(`${after}^[${note}]`)), after).toBe(true);
  }, 120_000);
});
