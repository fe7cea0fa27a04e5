/**
 * `baocao nhap` keeps a line break inside a paragraph (`<w:br/>`, Shift+Enter) as the model's line
 * break: the paragraph comes back as a `|` block, one line of the block per line of the paragraph,
 * and renders again to the same DOCX. Before, the break became a space and the lines ran together.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './helpers/cli.js';
import { expectRendersBackTheSame } from './helpers/foreign-import.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';

const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const ADDRESS = '  - |\n    Địa chỉ: Thôn Trung, xã Cẩm Bình\n    Điện thoại: **0239 3861 234**\n';
const BULLET = '          - gach:\n              - |\n                Dòng một của ý gạch;\n                dòng hai của ý gạch.\n';

describe('nhap: line breaks inside a paragraph', () => {
  let root: string;
  beforeAll(async () => {
    const period = PERIOD_DOCUMENT.replace('ket_thuc:\n  - Trên đây là báo cáo của UBND phường Mẫu.\n', `ket_thuc:\n  - Trên đây là báo cáo của UBND phường Mẫu.\n${ADDRESS}`).replace(
      '      - "Tiếp tục **đẩy mạnh** *chuyển đổi số*."\n',
      `      - "Tiếp tục **đẩy mạnh** *chuyển đổi số*."\n${BULLET.replace(/^ {4}/gm, '')}`,
    );
    root = await validTree({ [PERIOD]: period });
    const rendered = await runCli(['render', PERIOD, '--format', 'docx', '--out', 'out'], { cwd: root });
    expect(rendered.code, rendered.stderr).toBe(0);
    const imported = await runCli(['nhap', 'out/tinh-mau/phuong-mau/2024-q3.docx', '--vao', 'back/nhap'], { cwd: root });
    expect(imported.code, imported.stderr).toBe(0);
  }, 180_000);

  it('writes the paragraph as a | block with its lines', async () => {
    const text = await readFile(path.join(root, 'back/nhap/phuong-mau/2024-q3.yaml'), 'utf8');
    expect(text).toContain('  - |-\n    Địa chỉ: Thôn Trung, xã Cẩm Bình\n    Điện thoại: **0239 3861 234**\n');
    const data = parse(text) as { ket_thuc: string[]; noi_dung: { doan?: unknown[] }[] };
    expect(data.ket_thuc).toContain('Địa chỉ: Thôn Trung, xã Cẩm Bình\nĐiện thoại: **0239 3861 234**');
    expect(JSON.stringify(data.noi_dung)).toContain('Dòng một của ý gạch;\\ndòng hai của ý gạch.');
  });

  it('renders again to the same document', async () => {
    await expectRendersBackTheSame(root, '2024-q3.docx');
  });
});
