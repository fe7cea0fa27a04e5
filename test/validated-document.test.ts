/**
 * validate parses every inline text once and hands the runs to compute in a ValidatedDocument;
 * compute reads those runs (not the strings of the data) and never changes its input.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../src/compute/compute-report.js';
import { pathKey } from '../src/core/data-path.js';
import type { ValidatedDocument } from '../src/core/validated-document.js';
import { findDocuments, type DocumentSource } from '../src/load/find-documents.js';
import { loadYamlFile } from '../src/load/load-yaml.js';
import { mergeLayers } from '../src/merge/merge-layers.js';
import { validateDocument } from '../src/validate/validate.js';
import { bodyLines } from './helpers/model-text.js';
import { shippedTypes } from './helpers/document-types.js';

const SAMPLE = path.join(import.meta.dirname, '..', 'data', 'ha-tinh', 'phuong-thach-quy', '2024-q3.yaml');

async function validated(): Promise<{ document: ValidatedDocument; source: DocumentSource }> {
  const source = (await findDocuments([SAMPLE])).documents[0]!;
  const merged = mergeLayers(await Promise.all(source.layers.map((file) => loadYamlFile(file))));
  const { document, diagnostics } = validateDocument(merged, source, shippedTypes());
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { document: document!, source };
}

describe('ValidatedDocument', () => {
  it('carries the parsed runs of every inline text, expressions evaluated, and the trích yếu', async () => {
    const { document } = await validated();
    const heading = document.texts.get(pathKey(['noi_dung', 0, 'tieu_de']));
    expect(heading).toEqual([{ text: 'Công tác chỉ đạo, điều hành cải cách hành chính', bold: false, italic: false }]);
    expect(document.summary.length).toBeGreaterThan(0);
    // Every text holds runs or footnotes, never raw markup of an expression.
    for (const runs of document.texts.values()) {
      for (const run of runs) if (!('footnote' in run)) expect(run.text).not.toContain('{{');
    }
  });

  it('is what compute reads: a changed run shows in the model, though the data string is the same', async () => {
    const { document, source } = await validated();
    const texts = new Map(document.texts);
    texts.set(pathKey(['noi_dung', 0, 'tieu_de']), [{ text: 'Tiêu đề đã phân tích', bold: true, italic: false }]);
    const model = computeReport({ ...document, texts }, source);
    expect(model.body[0]!.inlines).toEqual([{ text: 'TIÊU ĐỀ ĐÃ PHÂN TÍCH', bold: true, italic: false }]);
    expect(document.data.noi_dung[0]!.tieu_de).toBe('Công tác chỉ đạo, điều hành cải cách hành chính');
  });

  it('is never changed by compute: the same input gives the same model twice', async () => {
    const { document, source } = await validated();
    const before = structuredClone({ data: document.data, texts: [...document.texts], summary: document.summary });
    const first = computeReport(document, source);
    const second = computeReport(document, source);
    expect(second).toEqual(first);
    expect({ data: document.data, texts: [...document.texts], summary: document.summary }).toEqual(before);
    expect(bodyLines(first).at(-1)).toMatch(/\.\/\.$/);
  });

  it('fails loudly when a text was not parsed by validate', async () => {
    const { document, source } = await validated();
    const texts = new Map(document.texts);
    texts.delete(pathKey(['noi_dung', 0, 'tieu_de']));
    expect(() => computeReport({ ...document, texts }, source)).toThrow(/no parsed text at noi_dung\.0\.tieu_de/);
  });
});
