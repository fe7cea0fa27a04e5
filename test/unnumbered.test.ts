/**
 * `danh_so: khong`: a section that takes no number (a lead-in inside noi_dung, a heading without a
 * label), the numbers of its siblings running on around it — in the model, the DOCX and the PDF.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';
import { openDocx, paragraphs, pdfText, tempDir } from './helpers/docx.js';
import { validTree } from './helpers/data-tree.js';
import { bodyLines } from './helpers/model-text.js';
import { shippedTemplates } from './helpers/document-types.js';

const PERIOD = `so: 7
ngay: "2024-09-05"
noi_dung:
  - danh_so: khong
    doan:
      - Đoạn dẫn nhập nằm trong nội dung, không đánh số.
  - tieu_de: Công tác chỉ đạo
    muc:
      - tieu_de: Khoản một
      - tieu_de: Ghi chú chung của mục
        danh_so: khong
        muc:
          - tieu_de: Điểm con của mục không số
      - tieu_de: Khoản hai
        muc:
          - doan: [Điểm thứ nhất]
          - danh_so: khong
            doan: [Đoạn xen giữa hai điểm]
          - doan: [Điểm thứ hai]
  - tieu_de: Phương hướng
ket_thuc:
  - Trên đây là báo cáo
`;

const EXPECTED = [
  'Đoạn dẫn nhập nằm trong nội dung, không đánh số.',
  'I. CÔNG TÁC CHỈ ĐẠO',
  '1. Khoản một',
  'Ghi chú chung của mục',
  'a) Điểm con của mục không số',
  '2. Khoản hai',
  'a) Điểm thứ nhất',
  'Đoạn xen giữa hai điểm',
  'b) Điểm thứ hai',
  'II. PHƯƠNG HƯỚNG',
  'Trên đây là báo cáo./.',
];

const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

describe('danh_so: khong', () => {
  it('leaves the section unnumbered and numbers its siblings without a gap', async () => {
    const root = await validTree({ [FILE]: PERIOD });
    const { documents } = await findDocuments([path.join(root, FILE)]);
    const { model, diagnostics } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(diagnostics).toEqual([]);
    expect(bodyLines(model!)).toEqual(EXPECTED);
    // an unnumbered section without a title is a plain body paragraph, no label
    expect(model!.body[0]).toMatchObject({ style: 'body', label: '' });
  });

  it('prints the same lines in the DOCX and the PDF', async () => {
    const root = await validTree({ [FILE]: PERIOD });
    const out = tempDir('baocao-unnumbered-');
    try {
      const run = await runCli(['render', path.join(root, FILE), '--format', 'docx,pdf', '--out', out.dir]);
      expect(run.code, run.stderr).toBe(0);
      const base = path.join(out.dir, 'tinh-mau', 'phuong-mau', '2024-q3');
      const docx = openDocx(await readFile(`${base}.docx`));
      const texts = paragraphs(docx.part('word/document.xml')).map((p) => p.text);
      const first = texts.indexOf(EXPECTED[0]!);
      expect(first).toBeGreaterThan(0);
      expect(texts.slice(first, first + EXPECTED.length)).toEqual(EXPECTED);
      const pdf = pdfText(`${base}.pdf`).replace(/\s+/g, ' ');
      let from = 0;
      for (const line of EXPECTED) {
        const at = pdf.indexOf(line, from);
        expect(at, line).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
    } finally {
      out.remove();
    }
  });

  it('is refused with a position when the value is unknown', async () => {
    const root = await validTree({ [FILE]: PERIOD.replace('danh_so: khong', 'danh_so: khongg') });
    const { documents } = await findDocuments([path.join(root, FILE)]);
    const { diagnostics } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(diagnostics[0]).toMatchObject({ line: 4 });
  });
});
