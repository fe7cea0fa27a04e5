/**
 * Property (fast-check): a random table over random figures — rows from a so_lieu group, a
 * computed difference and ratio per row, the totals named and cited by a sentence — renders, in
 * the DOCX and in the PDF, exactly the arithmetic: each row's numbers, difference and ratio, the
 * column totals and the ratio of the totals. The expected texts are worked out here with plain
 * integer arithmetic and an own Vietnamese formatting, not with the tool's. Few runs: PDF is slow.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validTree } from '../helpers/data-tree.js';
import { openDocx, paragraphs, pdfText } from '../helpers/docx.js';

const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

/** 1234567 → "1.234.567" (negative with "-"). */
function vi(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${digits}` : digits;
}

/** a/b as a percentage rounded half up to one decimal, Vietnamese: "97,1%", "100%". */
function percent(a: number, b: number): string {
  const tenths = Math.floor((a * 1000) / b + 0.5 + 1e-9); // a*1000/b tenths of a percent, integer inputs
  const whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  return rest === 0 ? `${vi(whole)}%` : `${vi(whole)},${rest}%`;
}

interface Row {
  name: string;
  received: number;
  onTime: number;
}

const rowsArb = fc
  .array(
    fc.record({ received: fc.integer({ min: 1, max: 50_000 }), share: fc.integer({ min: 0, max: 1000 }) }),
    { minLength: 1, maxLength: 6 },
  )
  .map((list) => list.map(({ received, share }, i): Row => ({ name: `Lĩnh vực số ${i + 1}`, received, onTime: Math.floor((received * share) / 1000) })));

function document(rows: readonly Row[]): string {
  const group = rows.map((r, i) => `    r${i + 1}: { ten: ${r.name}, tiep_nhan: ${r.received}, dung_han: ${r.onTime} }`).join('\n');
  return `so: 7
ngay: "2024-09-05"
noi_dung:
  - tieu_de: Số liệu
    doan:
      - "Tổng tiếp nhận {{bang_x.tong.tiep_nhan}} hồ sơ, còn lại {{bang_x.tong.con_lai}} hồ sơ."
      - bang:
          tu_so_lieu: linh_vuc
          ten_so_lieu: bang_x
          cot:
            - { ten: STT, ma: stt, rong: 1.2 }
            - { ten: Lĩnh vực, ma: ten }
            - { ten: Tiếp nhận, ma: tiep_nhan, kieu: so, rong: 2.4 }
            - { ten: Đúng hạn, ma: dung_han, kieu: so, rong: 2.4 }
            - { ten: Còn lại, ma: con_lai, tinh: hieu tiep_nhan dung_han, rong: 2.4 }
            - { ten: Tỷ lệ, tinh: ty_le dung_han tiep_nhan, so_le: 1, rong: 2.4 }
          tong: true
so_lieu:
  linh_vuc:
${group}
`;
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('a random table over random figures', () => {
  it('renders each row, difference, ratio and total as the arithmetic says, in DOCX and PDF', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, async (rows) => {
        const root = await validTree({ [FILE]: document(rows) });
        const run = await runCli(['render', FILE, '--format', 'docx,pdf', '--out', 'out'], { cwd: root });
        expect(run.code, run.stderr).toBe(0);
        const docx = path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.docx');
        const docxText = squash(paragraphs(openDocx(await readFile(docx)).part('word/document.xml')).map((p) => p.text).join(' | '));
        const pdf = squash(pdfText(docx.replace(/\.docx$/, '.pdf')));
        const received = rows.reduce((s, r) => s + r.received, 0);
        const onTime = rows.reduce((s, r) => s + r.onTime, 0);
        const expectedRows = rows.map((r, i) => [String(i + 1), r.name, vi(r.received), vi(r.onTime), vi(r.received - r.onTime), percent(r.onTime, r.received)]);
        const total = ['Tổng cộng', vi(received), vi(onTime), vi(received - onTime), percent(onTime, received)];
        const cells = [...expectedRows.flat(), ...total].join(' | ');
        expect(docxText).toContain(cells);
        expect(pdf).toContain(cells.replaceAll(' | ', ' '));
        const sentence = `Tổng tiếp nhận ${vi(received)} hồ sơ, còn lại ${vi(received - onTime)} hồ sơ.`;
        expect(docxText).toContain(sentence);
        expect(pdf).toContain(sentence);
      }),
      { numRuns: 3, seed: 21 },
    );
  }, 600_000);
});
