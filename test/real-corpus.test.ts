/** The real-size corpus (tools/corpus/real-corpus.ts): copies of the Thạch Quý sample for the bench. */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeCorpus } from '../tools/corpus/corpus.js';
import { generateRealCorpus, REAL_SAMPLE_UNIT } from '../tools/corpus/real-corpus.js';
import { findDocuments } from '../src/load/find-documents.js';
import { LayerCache, prepareDocument } from '../src/pipeline.js';
import { removeTemporaryFolders, requireBuiltCli, ROOT, runCli, temporaryFolder } from './helpers/batch-tree.js';
import { shippedTemplates } from './helpers/document-types.js';

afterAll(removeTemporaryFolders);

const SAMPLE = path.join(ROOT, 'data', REAL_SAMPLE_UNIT, '2024-q3.yaml');
const periodFiles = (files: Map<string, string>) => [...files.keys()].filter((f) => f.endsWith('/2024-q3.yaml')).sort();

describe('real-size corpus', () => {
  it('is deterministic, and a smaller corpus is part of a larger one', async () => {
    const small = await generateRealCorpus({ units: 5, seed: 3 });
    expect(await generateRealCorpus({ units: 5, seed: 3 })).toEqual(small);
    const large = await generateRealCorpus({ units: 9, seed: 3 });
    for (const [file, text] of small) expect(large.get(file), file).toBe(text);
    expect(await generateRealCorpus({ units: 5, seed: 4 })).not.toEqual(small);
  });

  it('keeps every word of the sample: only so, ngay and figures of so_lieu change, and so differs in every copy', async () => {
    const sampleText = await readFile(SAMPLE, 'utf8');
    const sample = parse(sampleText) as Record<string, unknown>;
    const files = await generateRealCorpus({ units: 12 });
    const periods = periodFiles(files);
    expect(periods).toHaveLength(12);
    const numbers = new Set<unknown>();
    for (const file of periods) {
      const text = files.get(file)!;
      const copy = parse(text) as Record<string, unknown>;
      const { so, ngay, so_lieu, ...rest } = copy;
      const { so: _so, ngay: _ngay, so_lieu: sampleFigures, ...sampleRest } = sample;
      expect(rest, file).toEqual(sampleRest);
      expect(Object.keys(so_lieu as object)).toEqual(Object.keys(sampleFigures as object));
      expect(so_lieu, file).not.toEqual(sampleFigures);
      expect(ngay).toMatch(/^2024-09-\d\d$/);
      numbers.add(so);
      // Real size: the sample's text and comments, bar a few changed numbers.
      expect(Math.abs(text.length - sampleText.length), file).toBeLessThan(400);
    }
    expect(numbers.size).toBe(12);
  });

  it('passes validation without a diagnostic, each copy a 12-footnote report with its own number and figures; the CLI agrees', async () => {
    const root = await temporaryFolder('baocao-real-corpus-');
    const files = await generateRealCorpus({ units: 20 });
    await writeCorpus(root, files);
    const { documents, diagnostics } = await findDocuments([root]);
    expect(diagnostics).toEqual([]);
    expect(documents).toHaveLength(20);
    const cache = new LayerCache();
    const texts = new Set<string>();
    const numberLines = new Set<string>();
    for (const document of documents) {
      const prepared = await prepareDocument(document, shippedTemplates(), cache);
      expect(prepared.diagnostics, document.file).toEqual([]);
      expect(prepared.model!.footnotes, document.file).toHaveLength(12);
      // The figures reach the text: no two copies print the same body and footnotes.
      texts.add(JSON.stringify([prepared.model!.body, prepared.model!.footnotes]));
      numberLines.add(prepared.model!.header.numberLine!);
    }
    expect(texts.size).toBe(20);
    expect(numberLines.size).toBe(20);

    requireBuiltCli();
    const run = await runCli(['validate', root], root);
    expect(run.stderr.trim()).toBe('✔ Không có lỗi.'); // no warning either
    expect(run.stdout).toContain('20/20 văn bản hợp lệ.');
    expect(run.code).toBe(0);
  });

  it('refuses a sample that no longer has a figure it changes, rather than giving copies that do not differ', async () => {
    const data = await temporaryFolder('baocao-real-sample-');
    await cp(path.join(ROOT, 'data'), data, { recursive: true });
    const file = path.join(data, REAL_SAMPLE_UNIT, '2024-q3.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('    may_tinh: 27\n', '    may_tinh_de_ban: 27\n'));
    await expect(generateRealCorpus({ units: 2, dataDir: data })).rejects.toThrow(/không có so_lieu\.khac\.may_tinh/);
  });
});
