/**
 * `--templates` is honoured by every command that reads data: validate, render, batch, xem, diff
 * and text check a document against the types of the folder given, not the package's own. The
 * folder here declares a type the package does not know (`thong_bao`, on the báo cáo templates):
 * with the folder each command accepts the document and prints the type's name; without it, the
 * same document is an `unknown-type` error.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type RunningPreview } from '../src/preview/start-preview.js';
import { ROOT, runCli, sharedBrowser } from './helpers/cli.js';
import { openDocx, paragraphs } from './helpers/docx.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';

const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const DECLARATION = 'ten_loai: THÔNG BÁO\nviet_tat: TB\nmau: bao-cao\ntrich_yeu: Kết quả công tác {ky}\n';
let root: string;

beforeAll(async () => {
  root = await validTree({ [FILE]: `loai: thong_bao\n${PERIOD_DOCUMENT}` });
  await cp(path.join(ROOT, 'templates'), path.join(root, 'mau'), { recursive: true });
  await writeFile(path.join(root, 'mau', 'loai', 'thong_bao.yaml'), DECLARATION);
});

const run = (args: string[]) => runCli(args, { cwd: root });
const unknownType = (stderr: string) => expect(stderr).toMatch(/unknown-type|loai/);

describe('--templates with a type only that folder declares', () => {
  it('validate', async () => {
    const own = await run(['validate', 'data', '--templates', 'mau']);
    expect(own.stderr).not.toContain('unknown-type');
    expect(own.code).toBe(0);
    const shipped = await run(['validate', 'data']);
    expect(shipped.code).toBe(1);
    unknownType(shipped.stderr);
  });

  it('render', async () => {
    const own = await run(['render', 'data', '--format', 'docx', '--out', 'out-render', '--templates', 'mau']);
    expect(own.code).toBe(0);
    const docx = await openDocx(await readFile(path.join(root, 'out-render', 'tinh-mau', 'phuong-mau', '2024-q3.docx')));
    expect(paragraphs(docx.part('word/document.xml')).map((p) => p.text)).toContain('THÔNG BÁO');
    const shipped = await run(['render', 'data', '--format', 'docx', '--out', 'out-render-2']);
    expect(shipped.code).toBe(1);
  });

  it('batch', async () => {
    const own = await run(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out-batch', '--templates', 'mau', '--jobs', '1']);
    expect(own.code).toBe(0);
    const docx = await openDocx(await readFile(path.join(root, 'out-batch', 'tinh-mau', 'phuong-mau', '2024-q3.docx')));
    expect(paragraphs(docx.part('word/document.xml')).map((p) => p.text)).toContain('THÔNG BÁO');
    const shipped = await run(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out-batch-2', '--jobs', '1']);
    expect(shipped.code).toBe(1);
  });

  it('text', async () => {
    const own = await run(['text', FILE, '--templates', 'mau']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('THÔNG BÁO');
    const shipped = await run(['text', FILE]);
    expect(shipped.code).not.toBe(0);
    unknownType(shipped.stderr);
  });

  it('diff', async () => {
    const own = await run(['diff', FILE, FILE, '--templates', 'mau']);
    expect(own.stderr).toBe('');
    expect(own.code).toBe(0);
    const shipped = await run(['diff', FILE, FILE]);
    expect(shipped.code).toBe(2);
    unknownType(shipped.stderr);
  });
});

describe('xem --templates', () => {
  let previews: RunningPreview[] = [];
  afterAll(async () => {
    for (const preview of previews) await preview.close();
    previews = [];
  });

  it('builds the document against the folder given', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-xem-templates-'));
    await cp(root, dir, { recursive: true });
    const open = (templatesDir: string) =>
      startPreview({ inputs: [path.join(dir, 'data')], templatesDir, port: 0, browserEnv: process.env, browser: sharedBrowser() }).then((p) => (previews.push(p), p));
    const own = await open(path.join(dir, 'mau'));
    const [document] = [...own.state.documents.values()];
    expect(document?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(document?.model?.type).toBe('thong_bao');
    const shipped = await open(path.join(ROOT, 'templates'));
    const [refused] = [...shipped.state.documents.values()];
    expect(refused?.model).toBeUndefined();
    expect(refused?.diagnostics.map((d) => d.ruleId)).toContain('unknown-type');
  });
});
