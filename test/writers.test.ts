/**
 * The writers table (src/render/registry.ts): the json and html writers as a user gets them from
 * render and batch, the JSON golden file of the Thạch Quý sample, and the rule that no code
 * outside src/render/ names a format.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { renderReportJson } from '../src/render/json/report-json.js';
import { openWriter, OUTPUT_FORMATS, WRITERS } from '../src/render/registry.js';
import { SharedBrowser } from '../src/render/pdf/shared-browser.js';
import { ROOT, runCli } from './helpers/cli.js';
import { shippedTemplates } from './helpers/document-types.js';

const SAMPLE = path.join(ROOT, 'data', 'ha-tinh', 'phuong-thach-quy', '2024-q3.yaml');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'phuong-thach-quy-2024-q3.json');
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

async function sampleModel() {
  const { documents } = await findDocuments([SAMPLE]);
  return (await prepareDocument(documents[0]!, shippedTemplates())).model!;
}

/** Every .ts file below `dir`. */
function sourcesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('json writer', () => {
  it('matches the golden file of the Thạch Quý sample (UPDATE=1 rewrites it)', async () => {
    const text = new TextDecoder().decode(renderReportJson(await sampleModel()));
    if (process.env.UPDATE) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('gives the same bytes whatever order the model was built in: keys sorted at every depth', async () => {
    const model = await sampleModel();
    const reversed = JSON.parse(JSON.stringify(model), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(Buffer.from(renderReportJson(reversed)).equals(Buffer.from(renderReportJson(model)))).toBe(true);
    const text = new TextDecoder().decode(renderReportJson(model));
    expect(text.endsWith('}\n')).toBe(true);
    const keys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]!);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('render and batch --format html,json', () => {
  it('render writes the model as JSON and a self-contained HTML, beside the DOCX', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'baocao-writers-'));
    folders.push(dir);
    const run = await runCli(['render', SAMPLE, '--format', 'docx,html,json', '--out', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const base = path.join(dir, 'ha-tinh', 'phuong-thach-quy', '2024-q3');
    expect(existsSync(`${base}.docx`)).toBe(true);
    expect(await readFile(`${base}.json`, 'utf8')).toBe(readFileSync(GOLDEN, 'utf8'));
    const html = await readFile(`${base}.html`, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('@font-face');
    expect(html).toContain('data:font/woff2;base64,');
    // Nothing to fetch or run: no script, no external source or link (the data's own URLs are text).
    expect(html).not.toMatch(/<script|\b(src|href)\s*=\s*["']?(https?:|\/\/|file:)|url\((?!data:)/i);
    expect(html).toContain('Thạch Quý');
  });

  it('batch writes them too, records them in the manifest and skips them when unchanged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'baocao-writers-batch-'));
    folders.push(dir);
    const args = ['batch', path.join(ROOT, 'data'), '--ky', '2024-q3', '--format', 'json,html', '--out', dir, '--jobs', '1'];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, '2024-q3', 'manifest.json'), 'utf8')) as { reports: Record<string, { outputs: Record<string, unknown> }> };
    expect(Object.keys(manifest.reports['ha-tinh/phuong-thach-quy']!.outputs).sort()).toEqual(['html', 'json']);
    expect(await readFile(path.join(dir, 'ha-tinh', 'phuong-thach-quy', '2024-q3.json'), 'utf8')).toBe(readFileSync(GOLDEN, 'utf8'));
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/đã tạo 0 văn bản \(0 tệp\)/);
  });

  it('refuses an unknown format with the list of the writers, as a usage error', async () => {
    const run = await runCli(['render', SAMPLE, '--format', 'odt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(OUTPUT_FORMATS.join(', '));
  });
});

describe('the writers table', () => {
  it('has docx, pdf, html and json, each with its own extension', () => {
    expect(OUTPUT_FORMATS).toEqual(['docx', 'pdf', 'html', 'json']);
    expect(new Set(Object.values(WRITERS).map((w) => w.extension)).size).toBe(OUTPUT_FORMATS.length);
  });

  it('is the only place that names a format: no format literal in src/ outside src/render/ and the CLI defaults', () => {
    const named: string[] = [];
    for (const file of sourcesBelow(path.join(ROOT, 'src'))) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      if (rel.startsWith('src/render/')) continue;
      // diff reads .docx/.pdf/.yaml inputs: kinds of input file, not output formats.
      if (rel.startsWith('src/diff/')) continue;
      // nhap reads Word files (and has LibreOffice convert .doc/.odt to .docx): an input kind too.
      if (rel.startsWith('src/import/')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\*|\/\/)/.test(line)) return; // comments and doc examples
          // The CLI's defaults (`--format docx`) are what the user gets without the option.
          if (rel.startsWith('src/cli/') && /\.default\(|, \['docx'\] as OutputFormat\[\]/.test(line)) return;
          if (/['"`](docx|pdf|html|json)['"`]/.test(line)) named.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(named).toEqual([]);
  });
});

describe('the PDF writer\'s tabs', () => {
  it('opens no more tabs than the run has documents: one PDF, one tab; a batch (count unknown) its default; hands them back, four kept', async () => {
    // A browser of its own: no tab kept by an earlier run of this process.
    const browser = new SharedBrowser({ browserEnv: process.env });
    try {
      const launched = await browser.acquire();
      const pages = async () => (await launched.browser.pages()).length;
      const before = await pages();
      const context = { templatesDir: path.join(ROOT, 'templates'), browser };
      const one = await openWriter('pdf', { ...context, documents: 1 }, shippedTemplates());
      expect(one.capacity).toBe(1);
      expect(await pages()).toBe(before + 1);
      await one.close();
      // Kept for the next run, which takes it and opens two more.
      expect(await pages()).toBe(before + 1);
      const three = await openWriter('pdf', { ...context, documents: 3 }, shippedTemplates());
      expect(three.capacity).toBe(3);
      expect(await pages()).toBe(before + 3);
      await three.close();
      const unknown = await openWriter('pdf', context, shippedTemplates());
      expect(unknown.capacity).toBe(4);
      expect(await pages()).toBe(before + 4);
      // A second run at the same time opens a tab of its own.
      const beside = await openWriter('pdf', { ...context, documents: 1 }, shippedTemplates());
      expect(await pages()).toBe(before + 5);
      await unknown.close();
      await beside.close();
      // A browser keeps four tabs for later runs: the fifth is closed.
      expect(await pages()).toBe(before + 4);
    } finally {
      await browser.close();
    }
  });
});
