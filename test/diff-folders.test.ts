/**
 * `baocao diff <thư mục> <thư mục>`: two output trees and two data trees, paired by relative path;
 * identical files are skipped without being parsed (a corrupt but identical file is not an error).
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { useSampleTrees, SAMPLE } from './helpers/diff-sample.js';

const trees = useSampleTrees('docx');

describe('baocao diff on folders', () => {
  it('two output trees: added, removed, changed, unchanged; identical files are not parsed', async () => {
    const a = path.join(trees.root, 'run-a');
    const b = path.join(trees.root, 'run-b');
    for (const dir of [a, b]) {
      await mkdir(path.join(dir, 'ha-tinh', 'phuong-thach-quy'), { recursive: true });
      // The same unreadable bytes on both sides: skipped by hash, never read as a document.
      await writeFile(path.join(dir, 'ha-tinh', 'hong-nhu-nhau.docx'), 'PK\u0003\u0004 hỏng');
    }
    await cp(trees.oldDocx, path.join(a, `${SAMPLE}.docx`));
    await cp(trees.newDocx, path.join(b, `${SAMPLE}.docx`));
    await cp(trees.oldDocx, path.join(a, 'ha-tinh', 'chi-ben-cu.docx'));
    await cp(trees.oldDocx, path.join(b, 'ha-tinh', 'chi-ben-moi.docx'));
    const run = await runCli(['diff', a, b, '--json']);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      kind: 'folder',
      added: ['ha-tinh/chi-ben-moi.docx'],
      removed: ['ha-tinh/chi-ben-cu.docx'],
      unchanged: ['ha-tinh/hong-nhu-nhau.docx'],
      failed: [],
    });
    expect(json.changed.map((c: { path: string }) => c.path)).toEqual([`${SAMPLE}.docx`]);
    expect(json.changed[0].changes).toHaveLength(6);
    const text = await runCli(['diff', a, b]);
    expect(text.stdout.split('\n')[0]).toBe('4 báo cáo: 1 thay đổi, 1 thêm, 1 bỏ, 1 không đổi.');
    expect(text.stdout).toContain(`═══ ${SAMPLE}.docx\n6 thay đổi:`);
  });

  it('two data trees: a period file is unchanged only when every layer it merges is', async () => {
    const a = path.join(trees.root, 'data-a');
    const b = path.join(trees.root, 'data-b');
    await cp(path.join(ROOT, 'data', 'ha-tinh'), path.join(a, 'ha-tinh'), { recursive: true });
    await cp(path.join(ROOT, 'data', 'mac-dinh.yaml'), path.join(a, 'mac-dinh.yaml'));
    await cp(a, b, { recursive: true });
    await cp(trees.newYaml, path.join(b, `${SAMPLE}.yaml`));
    const same = await runCli(['diff', a, a]);
    expect(same.code).toBe(0);
    const run = await runCli(['diff', a, b, '--json']);
    const json = JSON.parse(run.stdout);
    expect(json.changed.map((c: { path: string }) => c.path)).toEqual([`${SAMPLE}.yaml`]);
    expect(json.changed[0].changes.map((c: { kind: string }) => c.kind)).toContain('figure-changed');
    expect(json.added).toEqual([]);
    expect(json.removed).toEqual([]);
  });
});
