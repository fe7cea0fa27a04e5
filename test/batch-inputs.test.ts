/**
 * Which files a run reads, through the built CLI: symlinks out of the data tree are refused and
 * never echoed, nothing is left out without a warning, and outputs that no longer match their
 * data are flagged in the summary and the manifest.
 */
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch } from '../src/batch/batch-plan.js';
import { corpusTree, outputsOf, periodFiles, removeTemporaryFolders, requireBuiltCli, runCli, snapshot, temporaryFolder } from './helpers/batch-tree.js';
import { makeTree, PERIOD_DOCUMENT, UNIT_PROFILE } from './helpers/data-tree.js';

/** One worker thread (a worker costs ~0.9 CPU-s to start): these tests are about the inputs, not threads. */
const DOCX = ['--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'];
const SECRET = 'root:*:19000:0:99999:7:::\nmat-khau-bi-mat: 12345\n';

beforeAll(() => requireBuiltCli());
afterAll(removeTemporaryFolders);

async function unitTree(): Promise<string> {
  return makeTree({
    'data/mac-dinh.yaml': 'luu: [VT]\n',
    'data/tinh-mau/phuong-mau/don-vi.yaml': UNIT_PROFILE,
    'data/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT,
    'data/tinh-mau/phuong-hai/don-vi.yaml': UNIT_PROFILE,
    'data/tinh-mau/phuong-hai/2024-q3.yaml': PERIOD_DOCUMENT,
    'ngoai/bi-mat.yaml': SECRET,
    'ngoai/phuong-ngoai/don-vi.yaml': UNIT_PROFILE,
    'ngoai/phuong-ngoai/2024-q3.yaml': PERIOD_DOCUMENT,
  });
}

describe('symlinks', () => {
  it('refuses a layer, a period file or a unit folder that links out of the data tree, and never prints its content', async () => {
    const root = await unitTree();
    const unit = path.join(root, 'data/tinh-mau/phuong-mau');
    await rm(path.join(unit, 'don-vi.yaml'));
    await symlink(path.join(root, 'ngoai/bi-mat.yaml'), path.join(unit, 'don-vi.yaml'));
    await mkdir(path.join(root, 'data/tinh-mau/phuong-ba'));
    await writeFile(path.join(root, 'data/tinh-mau/phuong-ba/don-vi.yaml'), UNIT_PROFILE);
    await symlink(path.join(root, 'ngoai/bi-mat.yaml'), path.join(root, 'data/tinh-mau/phuong-ba/2024-q3.yaml'));
    await symlink(path.join(root, 'ngoai/phuong-ngoai'), path.join(root, 'data/tinh-mau/phuong-ngoai'));

    for (const args of [['validate', 'data'], ['render', 'data', '--out', 'out'], ['batch', 'data', ...DOCX]]) {
      const run = await runCli(args, root);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr, args[0]).not.toContain('root:*');
      expect(run.stderr, args[0]).not.toContain('mat-khau');
      const refused = run.stderr.split('\n').filter((l) => l.includes('[symlink-outside]'));
      expect(refused.map((l) => l.split('  ')[0]).sort(), args[0]).toEqual(
        ['data/tinh-mau/phuong-ba/2024-q3.yaml', 'data/tinh-mau/phuong-mau/don-vi.yaml', 'data/tinh-mau/phuong-ngoai'].map((f) => path.normalize(f)),
      );
    }
    // The unit whose files are its own is still made.
    expect(outputsOf(await snapshot(path.join(root, 'out')), 'docx')).toEqual(['tinh-mau/phuong-hai/2024-q3.docx']);
  });

  it('follows a symlink that stays inside the data tree, for a unit folder and a layer alike', async () => {
    const root = await unitTree();
    await symlink(path.join(root, 'data/tinh-mau/phuong-mau'), path.join(root, 'data/tinh-mau/phuong-ban-sao'));
    await rm(path.join(root, 'data/tinh-mau/phuong-hai/don-vi.yaml'));
    await symlink('../phuong-mau/don-vi.yaml', path.join(root, 'data/tinh-mau/phuong-hai/don-vi.yaml'));
    const run = await runCli(['validate', 'data'], root);
    expect(run.stderr).not.toContain('[symlink-outside]');
    expect(run.stdout).toContain('3/3 văn bản hợp lệ');
    expect(run.code).toBe(0);
  });
});

describe('nothing left out silently', () => {
  it('warns, in validate and batch, for .yml/.YAML, wrong-case periods, hidden folders and period files in a subfolder of a unit', async () => {
    const root = await unitTree();
    const files: Record<string, string> = {
      'data/tinh-mau/phuong-yml/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/phuong-yml/2024-q3.yml': PERIOD_DOCUMENT,
      'data/tinh-mau/phuong-hoa/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/phuong-hoa/2024-q3.YAML': PERIOD_DOCUMENT,
      'data/tinh-mau/phuong-in/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/phuong-in/2024-Q3.yaml': PERIOD_DOCUMENT,
      'data/tinh-mau/.phuong-an/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/.phuong-an/2024-q3.yaml': PERIOD_DOCUMENT,
      'data/tinh-mau/phuong-mau/luu-tru/2024-q3.yaml': PERIOD_DOCUMENT,
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    const warned = (stderr: string) =>
      stderr
        .split('\n')
        .filter((l) => l.includes('[input-skipped]'))
        .map((l) => l.split('  ')[0]!)
        .sort();
    const expected = [
      'data/tinh-mau/.phuong-an',
      'data/tinh-mau/phuong-hoa/2024-q3.YAML',
      'data/tinh-mau/phuong-in/2024-Q3.yaml',
      'data/tinh-mau/phuong-mau/luu-tru/2024-q3.yaml',
      'data/tinh-mau/phuong-yml/2024-q3.yml',
    ].map((f) => path.normalize(f));

    const batch = await runCli(['batch', 'data', ...DOCX], root);
    expect(batch.code).toBe(0);
    expect(warned(batch.stderr)).toEqual(expected);
    for (const name of ['2024-q3.yml', '2024-q3.YAML', '2024-Q3.yaml']) {
      expect(batch.stderr).toMatch(new RegExp(`"${name.replace('.', '\\.')}".*Có phải ý bạn là "2024-q3\\.yaml"\\?`));
    }
    expect(batch.stdout).toMatch(/^⚠ Kỳ 2024-q3 \(2 văn bản của 2 đơn vị\).*Cảnh báo: 5 tệp\/thư mục dữ liệu bị bỏ qua/m);
    expect(outputsOf(await snapshot(path.join(root, 'out')), 'docx')).toEqual(['tinh-mau/phuong-hai/2024-q3.docx', 'tinh-mau/phuong-mau/2024-q3.docx']);

    // validate reads 2024-Q3.yaml as a document with a wrong period name (an error); the rest are warnings.
    const validate = await runCli(['validate', 'data'], root);
    expect(warned(validate.stderr)).toEqual(expected.filter((f) => !f.endsWith('2024-Q3.yaml')));
    expect(validate.stderr).toMatch(/phuong-in.2024-Q3\.yaml.*\[unknown-period\]/);

    // Named on the command line, a period file in a unit's subfolder is refused, not given the parent's profile.
    const named = await runCli(['render', 'data/tinh-mau/phuong-mau/luu-tru/2024-q3.yaml', '--out', 'out2'], root);
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/thư mục con của đơn vị .*\[input-skipped\]/);
  });
});

describe('outputs that no longer match their data', () => {
  it('flags the old file of a unit whose data turned invalid or whose folder was deleted, in the summary and the manifest', async () => {
    const { root, files } = await corpusTree(4);
    expect((await runCli(['batch', 'data', ...DOCX], root)).code).toBe(0);
    const [broken, deleted] = periodFiles(files);
    await writeFile(path.join(root, 'data', broken!), files.get(broken!)!.replace(/^ngay: .*$/m, 'ngay: 2024-02-30'));
    await rm(path.join(root, 'data', path.dirname(deleted!)), { recursive: true });

    const run = await runCli(['batch', 'data', ...DOCX], root);
    expect(run.code).toBe(1);
    const stale = run.stderr.split('\n').filter((l) => l.includes('[stale-output]'));
    expect(stale.map((l) => l.split('  ')[0]).sort()).toEqual([broken!, deleted!].map((f) => path.join('out', f.replace(/\.yaml$/, '.docx'))).sort());
    expect(run.stdout).toContain('2 tệp cũ không khớp dữ liệu');
    const manifest = JSON.parse(await readFile(path.join(root, 'out', '2024-q3', 'manifest.json'), 'utf8'));
    expect(manifest.reports[path.dirname(broken!)]).toMatchObject({ failed: true, outputs: {}, stale: [broken!.replace(/\.yaml$/, '.docx')] });
    expect(manifest.reports[path.dirname(deleted!)]).toMatchObject({ failed: true, outputs: {}, stale: [deleted!.replace(/\.yaml$/, '.docx')] });

    // Still said on the next run while the old files are there; gone once they are removed.
    const again = await runCli(['batch', 'data', ...DOCX], root);
    expect(again.stderr.split('\n').filter((l) => l.includes('[stale-output]'))).toHaveLength(2);
    await rm(path.join(root, 'out', deleted!.replace(/\.yaml$/, '.docx')));
    const cleaned = await runCli(['batch', 'data', ...DOCX], root);
    expect(cleaned.stderr.split('\n').filter((l) => l.includes('[stale-output]'))).toHaveLength(1);
    const after = JSON.parse(await readFile(path.join(root, 'out', '2024-q3', 'manifest.json'), 'utf8'));
    expect(after.reports[path.dirname(deleted!)]).toBeUndefined();
  });

  it('render says the same for a document that fails while its old file is in out/', async () => {
    const { root, files } = await corpusTree(1);
    const [only] = periodFiles(files);
    expect((await runCli(['render', 'data', '--out', 'out'], root)).code).toBe(0);
    await writeFile(path.join(root, 'data', only!), files.get(only!)!.replace(/^ngay: .*$/m, 'ngay: 2024-02-30'));
    const run = await runCli(['render', 'data', '--out', 'out'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/2024-q3\.docx.*lần tạo trước.*\[stale-output\]/);
  });
});

describe('output conflicts', () => {
  it('calls NFC/NFD look-alike folder names a Unicode normalisation look-alike, not a case difference', async () => {
    const root = await temporaryFolder('baocao-nfc-');
    for (const name of ['phường-mẫu'.normalize('NFC'), 'phường-mẫu'.normalize('NFD')]) {
      await mkdir(path.join(root, 'tinh-mau', name), { recursive: true });
      await writeFile(path.join(root, 'tinh-mau', name, 'don-vi.yaml'), UNIT_PROFILE);
      await writeFile(path.join(root, 'tinh-mau', name, '2024-q3.yaml'), PERIOD_DOCUMENT);
    }
    await writeFile(path.join(root, 'mac-dinh.yaml'), 'luu: [VT]\n');
    const plan = await planBatch({ dataDir: root, period: '2024-q3', formats: ['docx'], outDir: path.join(root, 'out') });
    expect(plan.diagnostics.map((d) => d.ruleId)).toEqual(['output-conflict']);
    expect(plan.diagnostics[0]!.message).toContain('Unicode');
    expect(plan.diagnostics[0]!.message).not.toContain('chữ hoa/thường');
  });
});
