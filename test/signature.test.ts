/**
 * The signature block (Phụ lục I, mục 7): quyền hạn as one line or a list of lines, chức vụ,
 * chức vụ khác above the name, the name — the same lines in the DOCX and the PDF; bad quyền hạn
 * lines are refused at their file:line:col.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';
import { UNIT_PROFILE, validTree } from './helpers/data-tree.js';
import { openDocx, paragraphs, pdfText, tempDir } from './helpers/docx.js';
import { shippedTemplates } from './helpers/document-types.js';

const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const PROFILE = 'data/tinh-mau/phuong-mau/don-vi.yaml';

function profileWithSigner(signer: string): string {
  return UNIT_PROFILE.replace(/nguoi_ky:\n(?: {2}.*\n)+/, `nguoi_ky:\n${signer}`);
}

async function prepared(signer: string) {
  const root = await validTree({ [PROFILE]: profileWithSigner(signer) });
  const { documents } = await findDocuments([path.join(root, FILE)]);
  return { root, ...(await prepareDocument(documents[0]!, shippedTemplates())) };
}

const TWO_LINES = `  quyen_han:
    - TM. Ủy ban nhân dân
    - KT. CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  chuc_vu_khac: Trưởng Ban Chỉ đạo
  ho_ten: Lê Văn Cường
`;

const SIGNATURE_LINES = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'TRƯỞNG BAN CHỈ ĐẠO', 'Lê Văn Cường'];

describe('signature block', () => {
  it('prints every quyền hạn line, the chức vụ, chức vụ khác and name, the same in DOCX and PDF', async () => {
    const { root, model, diagnostics } = await prepared(TWO_LINES);
    expect(diagnostics).toEqual([]);
    expect(model!.signature).toEqual({
      authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
      position: 'PHÓ CHỦ TỊCH',
      otherPosition: 'TRƯỞNG BAN CHỈ ĐẠO',
      name: 'Lê Văn Cường',
    });
    const out = tempDir('baocao-signature-');
    try {
      const run = await runCli(['render', path.join(root, FILE), '--format', 'docx,pdf', '--out', out.dir]);
      expect(run.code, run.stderr).toBe(0);
      const base = path.join(out.dir, 'tinh-mau', 'phuong-mau', '2024-q3');
      const docx = paragraphs(openDocx(await readFile(`${base}.docx`)).part('word/document.xml'));
      // one paragraph per quyền hạn line, in the template's style; chức vụ khác on the name's paragraph
      const authority = docx.filter((p) => p.style === 'QuyenHanChucVu').map((p) => p.text);
      expect(authority).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
      expect(docx.filter((p) => p.style === 'HoTenNguoiKy').map((p) => p.text)).toEqual(['TRƯỞNG BAN CHỈ ĐẠO\nLê Văn Cường']);
      const docxLines = docx.flatMap((p) => (p.style === 'QuyenHanChucVu' || p.style === 'HoTenNguoiKy' ? p.text.split('\n') : []));
      expect(docxLines).toEqual(SIGNATURE_LINES);
      // the PDF: the same lines, each on its own line, in order (the right column of the layout)
      const pdfLines = pdfText(`${base}.pdf`).split('\n').map((l) => l.trim());
      let from = 0;
      for (const line of SIGNATURE_LINES) {
        const at = pdfLines.findIndex((l, i) => i >= from && l.endsWith(line));
        expect(at, line).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    } finally {
      out.remove();
    }
  });

  it('keeps the one-line form', async () => {
    const { model, diagnostics } = await prepared('  quyen_han: KT. CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n  ho_ten: A\n');
    expect(diagnostics).toEqual([]);
    expect(model!.signature).toEqual({ authority: ['KT. CHỦ TỊCH'], position: 'PHÓ CHỦ TỊCH', name: 'A' });
  });

  it.each([
    ['a line break inside one string', '  quyen_han: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH"\n', 10, 14, /danh sách/],
    ['TM. not on the first line', '  quyen_han: [KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN]\n', 10, 29, /TM\./],
    ['a line without TM./KT./Q./TL./TUQ.', '  quyen_han:\n    - TM. ỦY BAN NHÂN DÂN\n    - Chủ tịch\n', 12, 7, /TM\., KT\./],
    ['the same line twice', '  quyen_han: [KT. CHỦ TỊCH, KT. CHỦ TỊCH]\n', 10, 29, /lặp/],
  ])('refuses %s at its position', async (_, quyenHan, line, column, message) => {
    const { diagnostics, model } = await prepared(`${quyenHan}  chuc_vu: PHÓ CHỦ TỊCH\n  ho_ten: A\n`);
    expect(model).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line, column });
    expect(path.basename(diagnostics[0]!.file)).toBe('don-vi.yaml');
    expect(diagnostics[0]!.message).toMatch(message);
  });
});
