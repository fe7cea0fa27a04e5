/**
 * `baocao nhap` round trip over every shipped sample (every document type): render to DOCX →
 * nhap → render again gives a DOCX that `baocao diff` finds identical in text and structure;
 * and the same after LibreOffice has re-saved the DOCX (new style ids, its own XML).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from './helpers/cli.js';
import { libreOfficeJobs } from './helpers/libreoffice-macro.js';

const work = mkdtempSync(path.join(tmpdir(), 'baocao-nhap-rt-'));
const rendered = path.join(work, 'out');
let samples: string[] = [];

function docxFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.docx'))
    .sort();
}

/** nhap every Word file of `from` into a fresh data tree, render it, return the output folder. */
async function importAndRender(from: string, name: string): Promise<string> {
  const data = path.join(work, `${name}-data`);
  mkdirSync(data, { recursive: true });
  copyFileSync(path.join(ROOT, 'data', 'mac-dinh.yaml'), path.join(data, 'mac-dinh.yaml'));
  const imported = await runCli(['nhap', from, '--vao', path.join(data, 'nhap')]);
  expect(imported.stderr).not.toContain('lỗi');
  expect(imported.code).toBe(0);
  const out = path.join(work, `${name}-out`);
  const render = await runCli(['render', data, '--format', 'docx', '--out', out]);
  expect(render.code, render.stderr).toBe(0);
  return path.join(out, 'nhap');
}

/** The re-rendered file of a sample: its unit folder and file name are kept by the import. */
function counterpart(outUnits: string, sample: string): string {
  const [, unit, file] = sample.split(path.sep);
  return path.join(outUnits, unit!, file!);
}

beforeAll(async () => {
  const run = await runCli(['render', path.join(ROOT, 'data'), '--format', 'docx', '--out', rendered]);
  expect(run.code, run.stderr).toBe(0);
  samples = docxFiles(rendered);
});

describe('nhap: render → nhap → render', () => {
  it('gives back every sample, every document type, unchanged', async () => {
    expect(samples.length).toBeGreaterThanOrEqual(14);
    const types = new Set(samples.map((s) => path.basename(s, '.docx').split('.')[1] ?? 'bao-cao'));
    expect(types).toEqual(new Set(['bao-cao', 'to-trinh', 'cong-van', 'bai-tham-luan', 'quyet-dinh']));
    const outUnits = await importAndRender(rendered, 'plain');
    for (const sample of samples) {
      const diff = await runCli(['diff', path.join(rendered, sample), counterpart(outUnits, sample), '--no-color']);
      expect(diff.code, `${sample}\n${diff.stdout}${diff.stderr}`).toBe(0);
    }
  }, 600_000);

  it('writes YAML with the schema modeline, block style and guess comments, valid for validate', () => {
    const unit = path.join(work, 'plain-data', 'nhap', 'phuong-bac-ha');
    const period = readFileSync(path.join(unit, '2024-q3.yaml'), 'utf8');
    expect(period.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/baocao\.schema\.json$/);
    expect(period).toContain('ngay: "2024-09-17"');
    expect(period).not.toMatch(/^\s*\{|: \{ tieu_de/m);
    const profile = readFileSync(path.join(unit, 'don-vi.yaml'), 'utf8');
    expect(profile).toMatch(/cap: xa # đoán/);
    const data = parse(period) as Record<string, unknown>;
    expect(data.so).toBe(63);
    expect(JSON.stringify(data)).not.toContain('Như trên');
  });

  it('gives back every sample after LibreOffice re-saved it', async () => {
    const copies = path.join(work, 'copies');
    const resaved = path.join(work, 'resaved');
    mkdirSync(copies, { recursive: true });
    for (const sample of samples) copyFileSync(path.join(rendered, sample), path.join(copies, sample.split(path.sep).join('__')));
    mkdirSync(resaved, { recursive: true });
    await libreOfficeJobs(readdirSync(copies).map((f) => ({ file: path.join(copies, f), out: path.join(resaved, f), filter: 'MS Word 2007 XML' })));
    expect(readdirSync(resaved).filter((f) => f.endsWith('.docx')).length).toBe(samples.length);
    const outUnits = await importAndRender(resaved, 'resaved');
    for (const sample of samples) {
      const diff = await runCli(['diff', path.join(rendered, sample), counterpart(outUnits, sample), '--no-color']);
      expect(diff.code, `${sample}\n${diff.stdout}${diff.stderr}`).toBe(0);
    }
  }, 900_000);
});
