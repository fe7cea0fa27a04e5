/**
 * main() runs in the folder it is given (`cwd`) without changing the process's folder: every path
 * of the command line is read against that `cwd` and shown as the user typed it. So two in-process
 * runs in different folders can go at the same time, each with its own data, outputs and messages.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { ROOT, runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';
import { openDocx } from './helpers/docx.js';

const PERIOD = path.join('data', 'tinh-mau', 'phuong-mau', '2024-q3.yaml');
const DOCX = path.join('out', 'tinh-mau', 'phuong-mau', '2024-q3.docx');

/** The text of the document's body, for telling two outputs apart. */
async function bodyOf(root: string, file: string): Promise<string> {
  return openDocx(await readFile(path.join(root, file))).part('word/document.xml').replace(/<[^>]+>/g, '');
}

describe('the working folder', () => {
  it('two runs in different folders at the same time each read, write and name their own files', async () => {
    const [one, two] = await Promise.all([
      validTree({ [PERIOD]: PERIOD_DOCUMENT.replace('tiep_nhan: 1067', 'tiep_nhan: 1111') }),
      validTree({ [PERIOD]: PERIOD_DOCUMENT.replace('tiep_nhan: 1067', 'tiep_nhan: 2222') }),
    ]);
    const broken = await validTree({ [PERIOD]: PERIOD_DOCUMENT.replace('ket_thuc:', 'ket_thuch:') });
    const before = process.cwd();
    const [renderOne, renderTwo, batchTwo, validateBroken] = await Promise.all([
      runCli(['render', 'data', '--out', 'out'], { cwd: one }),
      runCli(['render', PERIOD, '--out', 'out'], { cwd: two }),
      runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out-batch', '--jobs', '1'], { cwd: two }),
      runCli(['validate', 'data'], { cwd: broken }),
    ]);
    expect(process.cwd()).toBe(before);

    // Each run wrote into its own folder, from its own data; paths printed as typed, relative.
    for (const [run, root, figure] of [[renderOne, one, '1111'], [renderTwo, two, '2222']] as const) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`✔ ${DOCX}\n`);
      expect(await bodyOf(root, DOCX)).toContain(`Tiếp nhận ${figure.replace(/(\d)(\d{3})$/, '$1.$2')} hồ sơ`);
    }
    expect(batchTwo.code, batchTwo.stderr).toBe(0);
    expect(batchTwo.stdout).toContain(`Kê khai: ${path.join('out-batch', '2024-q3', 'manifest.json')}`);
    expect(await bodyOf(two, path.join('out-batch', 'tinh-mau', 'phuong-mau', '2024-q3.docx'))).toContain('Tiếp nhận 2.222 hồ sơ');
    // Nothing landed in the process's own folder.
    expect(existsSync(path.join(before, 'out-batch'))).toBe(false);

    // The broken tree's problem names its file as the user would type it, from that folder.
    expect(validateBroken.code).toBe(1);
    expect(validateBroken.stderr).toContain(`${PERIOD}:16:1  lỗi  Khóa "ket_thuch"`);
    expect(validateBroken.stdout).toContain('0/1 văn bản hợp lệ.');
  });

  it('a path that does not exist in the run\'s folder is not found there, even when the process\'s folder has it', async () => {
    const empty = await validTree();
    // The repository (this process's folder) has data/ha-tinh; the temporary tree does not.
    const run = await runCli(['validate', 'data/ha-tinh'], { cwd: empty });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Không tìm thấy "data/ha-tinh".');
  });

  it('a templates folder given relative to the run\'s folder is read there and named as typed, at open and at render time', async () => {
    const root = await validTree();
    cpSync(path.join(ROOT, 'templates'), path.join(root, 'mau'), { recursive: true });
    const word = path.join(root, 'mau', 'word', 'bao-cao.docx');
    const zip = new PizZip(readFileSync(word));
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml).toContain('{chuc_vu}');
    zip.file('word/document.xml', xml.replace('{chuc_vu}', '{chuc_vu'));
    writeFileSync(word, zip.generate({ type: 'uint8array', compression: 'DEFLATE' }));
    const run = await runCli(['render', 'data', '--out', 'out', '--templates', 'mau'], { cwd: root });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.includes('[template-error]'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.startsWith(path.join('mau', 'word', 'bao-cao.docx'))).toBe(true);
    expect(run.stderr).not.toContain(root);
  });
});
