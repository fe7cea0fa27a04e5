/** The pure parts of a batch, in process: shards, plan, manifest text, the synthetic corpus. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../tools/corpus/corpus.js';
import { MANIFEST_VERSION, serializeManifest, type Manifest } from '../src/batch/manifest.js';
import { planBatch } from '../src/batch/batch-plan.js';
import { parseShard, takeShard } from '../src/batch/shard.js';
import { findDocuments } from '../src/load/find-documents.js';
import { LayerCache, prepareDocument } from '../src/pipeline.js';
import { removeTemporaryFolders, temporaryFolder } from './helpers/batch-tree.js';
import { makeTree, PERIOD_DOCUMENT, UNIT_PROFILE } from './helpers/data-tree.js';
import { shippedTemplates } from './helpers/document-types.js';

afterAll(removeTemporaryFolders);

describe('shards', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2', '']) expect(parseShard(bad), bad).toBeUndefined();
  });

  it('deals the sorted plan out so every report is in exactly one shard and shard sizes differ by at most one', () => {
    const keys = Array.from({ length: 1001 }, (_, i) => `tinh-${i % 7}/don-vi-${String(i).padStart(4, '0')}`).sort();
    for (const count of [1, 2, 3, 8]) {
      const shards = Array.from({ length: count }, (_, i) => takeShard(keys, { index: i + 1, count }));
      expect(shards.flat().sort()).toEqual(keys);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes), `n=${count}`).toBeLessThanOrEqual(1);
    }
    expect(takeShard(keys, { index: 2, count: 3 }).slice(0, 2)).toEqual([keys[1], keys[4]]);
    expect(takeShard(keys, undefined)).toEqual(keys);
  });
});

describe('plan', () => {
  it('lists every unit with the period file and its outputs, sorted, and cuts it to the shard', async () => {
    const root = await temporaryFolder('baocao-plan-');
    await writeCorpus(root, generateCorpus({ units: 9 }));
    const plan = await planBatch({ dataDir: root, period: '2024-q3', formats: ['docx', 'pdf'], outDir: '/o' });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.total).toBe(9);
    expect(plan.reports.map((r) => r.key)).toEqual([...plan.reports.map((r) => r.key)].sort());
    const first = plan.reports[0]!;
    expect(first.outputs.map((o) => o.file)).toEqual([`${first.key}/2024-q3.docx`, `${first.key}/2024-q3.pdf`]);
    expect(first.outputs[0]!.target).toBe(path.join('/o', first.key, '2024-q3.docx'));
    expect(plan.manifest).toBe(path.join('/o', '2024-q3', 'manifest.json'));

    const halves = await Promise.all(
      [1, 2].map((index) => planBatch({ dataDir: root, period: '2024-q3', formats: ['docx'], outDir: '/o', shard: { index, count: 2 } })),
    );
    expect(halves.map((h) => h.total)).toEqual([9, 9]);
    expect(halves[1]!.manifest).toBe(path.join('/o', '2024-q3', 'manifest.shard-2-of-2.json'));
    expect([...halves[0]!.reports, ...halves[1]!.reports].map((r) => r.key).sort()).toEqual(plan.reports.map((r) => r.key));

    const other = await planBatch({ dataDir: root, period: '2024-q4', formats: ['docx'], outDir: '/o' });
    expect(other.diagnostics.map((d) => d.ruleId)).toEqual(['no-input']);
    const bad = await planBatch({ dataDir: root, period: 'quy-3', formats: ['docx'], outDir: '/o' });
    expect(bad.diagnostics.map((d) => d.ruleId)).toEqual(['usage']);
  });

  it('finds outputs that differ only in letter case (one file on Windows and macOS)', async () => {
    const root = await makeTree({
      'data/mac-dinh.yaml': 'luu: [VT]\n',
      'data/tinh-mau/phuong-mau/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/phuong-mau/2024-q3.yaml': PERIOD_DOCUMENT,
      'data/tinh-mau/Phuong-Mau/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/Phuong-Mau/2024-q3.yaml': PERIOD_DOCUMENT,
    });
    const plan = await planBatch({ dataDir: path.join(root, 'data'), period: '2024-q3', formats: ['docx'], outDir: path.join(root, 'out') });
    expect(plan.reports).toEqual([]);
    expect(plan.diagnostics.map((d) => d.ruleId)).toEqual(['output-conflict']);
    expect(plan.diagnostics[0]!.message).toContain('chữ hoa/thường');
  });
});

describe('manifest text', () => {
  it('sorts every key, so equal content is equal bytes', () => {
    const record = (file: string) => ({ file, inputs: 'i', sha256: 's', size: 1 });
    const a: Manifest = {
      manifest: MANIFEST_VERSION,
      ky: '2024-q3',
      tool: 'baocao 0.1.0',
      reports: { 'b/y': { source: 'b/y/2024-q3.yaml', outputs: { pdf: record('b/y/2024-q3.pdf'), docx: record('b/y/2024-q3.docx') } }, 'a/x': { source: 'a/x/2024-q3.yaml', outputs: {} } },
    };
    const b: Manifest = { tool: a.tool, reports: { 'a/x': a.reports['a/x']!, 'b/y': a.reports['b/y']! }, ky: a.ky, manifest: MANIFEST_VERSION };
    const text = serializeManifest(a);
    expect(serializeManifest(b)).toBe(text);
    expect(text.indexOf('"a/x"')).toBeLessThan(text.indexOf('"b/y"'));
    expect(text.indexOf('"docx"')).toBeLessThan(text.indexOf('"pdf"'));
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('synthetic corpus', () => {
  it('is deterministic, and a smaller corpus is part of a larger one', () => {
    const small = generateCorpus({ units: 20, seed: 3 });
    expect(generateCorpus({ units: 20, seed: 3 })).toEqual(small);
    const large = generateCorpus({ units: 30, seed: 3 });
    for (const [file, text] of small) if (!file.endsWith('tinh.yaml')) expect(large.get(file), file).toBe(text);
    expect(generateCorpus({ units: 20, seed: 4 })).not.toEqual(small);
  });

  it('passes validation without a warning, with 5–20 footnotes, statistics and expressions in every report', async () => {
    const root = await temporaryFolder('baocao-corpus-');
    const files = generateCorpus({ units: 40 });
    await writeCorpus(root, files);
    const { documents, diagnostics } = await findDocuments([root]);
    expect(diagnostics).toEqual([]);
    expect(documents).toHaveLength(40);
    expect(new Set(documents.map((d) => d.unitPath.split('/')[0])).size).toBeGreaterThanOrEqual(5);
    const cache = new LayerCache();
    const lengths: number[] = [];
    for (const document of documents) {
      const prepared = await prepareDocument(document, shippedTemplates(), cache);
      expect(prepared.diagnostics, document.file).toEqual([]);
      const model = prepared.model!;
      expect(model.footnotes.length, document.file).toBeGreaterThanOrEqual(5);
      expect(model.footnotes.length, document.file).toBeLessThanOrEqual(20);
      const text = files.get(path.relative(root, document.file).split(path.sep).join('/'))!;
      expect(text).toMatch(/so_lieu:\n {2}nhiem_vu:/);
      expect(text).toContain('{{');
      lengths.push(model.body.length);
    }
    // Varied length: the longest report has well over the blocks of the shortest.
    expect(Math.max(...lengths)).toBeGreaterThan(Math.min(...lengths) * 1.5);
  });
});
