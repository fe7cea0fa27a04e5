import { rm } from 'node:fs/promises';
import { it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, UNIT_PROFILE, validTree } from './helpers/data-tree.js';
const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
it('x', async () => {
  const rollup = (units: string) => PERIOD_DOCUMENT.replace(/so_lieu:[\s\S]*$/, '').replace('so: 7\n', `so: 7\ntong_hop: { don_vi: [${units}] }\n`).replace(/\{\{[^}]*\}\}/g, '5');
  const otherUnit = UNIT_PROFILE.replace('PHƯỜNG MẪU', 'PHƯỜNG HAI').replace('phường Mẫu', 'phường Hai');
    const summing = rollup('phuong-hai').replace(
      '          - gach:\n',
      '          - bang:\n              cot:\n                - { ten: Đơn vị }\n                - { ten: Tiếp nhận, kieu: so }\n              tu_tong_hop: [ten_don_vi, ho_so.tiep_nhan]\n          - gach:\n',
    );
  const tree = await validTree({
      [PERIOD]: summing,
      'data/tinh-mau/phuong-hai/don-vi.yaml': otherUnit,
      'data/tinh-mau/phuong-hai/2024-q3.yaml': PERIOD_DOCUMENT.replace(/so_lieu:[\s\S]*$/, '').replace(/\{\{[^}]*\}\}/g, '5'),
    });
  const run = await runCli(['validate', PERIOD], { cwd: tree });
  console.log(run.stderr, run.stdout);
  await rm(tree, { recursive: true, force: true });
});
