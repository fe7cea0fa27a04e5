/**
 * `baocao text` as git's textconv: a real repository, `.gitattributes` with `*.docx diff=baocao`,
 * `git config diff.baocao.textconv`, and `git diff` / `git log -p` show the changed sentences.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from './helpers/cli.js';
import { sampleTrees, type SampleTrees } from './helpers/diff-sample.js';
import { exec } from './helpers/tools.js';

let trees: SampleTrees;
let repo: string;

beforeAll(async () => {
  trees = await sampleTrees('docx');
  repo = await mkdtemp(path.join(os.tmpdir(), 'baocao-git-'));
});

afterAll(async () => {
  await rm(trees.root, { recursive: true, force: true });
  await rm(repo, { recursive: true, force: true });
});

const git = async (...args: string[]) => (await exec('git', args, { cwd: repo, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } })).stdout;

describe('baocao text', () => {
  it('prints header fields, numbered sections and each footnote after its paragraph, the same for DOCX and YAML', async () => {
    const fromDocx = await runCli(['text', trees.oldDocx]);
    const fromYaml = await runCli(['text', trees.oldYaml]);
    expect(fromDocx.code).toBe(0);
    expect(fromDocx.stdout).toBe(fromYaml.stdout);
    expect(fromDocx.stdout).toContain('[Số, ký hiệu]\nSố: 84/BC-UBND\n');
    expect(fromDocx.stdout).toContain('\nI. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH\n1. Công tác xây dựng, ban hành các văn bản chỉ đạo\n');
    expect(fromDocx.stdout).toMatch(/thực hiện tốt công tác CCHC; Trong các cuộc hội nghị.*\n {4}\[chú thích: Cụ thể đã ban hành các văn bản sau:/);
  });

  it('makes a real git diff of two .docx versions readable', async () => {
    await git('init', '-q');
    await git('config', 'user.email', 'test@example.vn');
    await git('config', 'user.name', 'Kiểm thử');
    await writeFile(path.join(repo, '.gitattributes'), '*.docx diff=baocao\n*.pdf diff=baocao\n');
    await git('config', 'diff.baocao.textconv', `"${process.execPath}" "${CLI}" text`);
    await copyFile(trees.oldDocx, path.join(repo, 'bao-cao.docx'));
    await git('add', '.');
    await git('commit', '-qm', 'bản 1');
    await copyFile(trees.newDocx, path.join(repo, 'bao-cao.docx'));
    const diff = await git('diff', '--', 'bao-cao.docx');
    expect(diff).not.toContain('Binary files');
    expect(diff).toMatch(/^-.*chỉ đạo quyết liệt, coi đây/m);
    expect(diff).toMatch(/^\+.*chỉ đạo sát sao, coi đây/m);
    expect(diff).toMatch(/^\+ {4}\[chú thích: Kế hoạch kiểm tra số 45\/KH-UBND ngày 01\/7\/2024\.\]$/m);
    expect(diff).toMatch(/^\+3\. Công tác dân vận chính quyền$/m);
    expect(diff).toMatch(/^-- Số nhiệm vụ trong hạn: 01 nhiệm vụ;$/m);
    // Footnotes sit under their paragraph, not numbered: an inserted note does not touch later ones.
    expect(diff).not.toMatch(/^[-+] {4}\[chú thích: Kế hoạch số 23\/KH-UBND/m);
    await git('commit', '-qam', 'bản 2');
    const log = await git('log', '-p', '--', 'bao-cao.docx');
    expect(log).toMatch(/^\+.*chỉ đạo sát sao/m);
  });
});
