/**
 * Done-when of the core issue, as a user would check it: the CLI renders the real samples to
 * DOCX; pandoc reads the text and the real footnotes; LibreOffice opens and converts them.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';
import { bodyLines, footnoteLines, squash } from './helpers/model-text.js';
import { libreOfficeToPdf, pandoc, pdfText } from './helpers/tools.js';
import { shippedTemplates } from './helpers/document-types.js';

const SAMPLES = {
  thachQuy: { data: 'data/ha-tinh/phuong-thach-quy/2024-q3.yaml', out: 'ha-tinh/phuong-thach-quy/2024-q3' },
  phuLien: { data: 'data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml', out: 'hai-phong/phuong-phu-lien/2024-ke-hoach' },
};

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'baocao-samples-'));
  const result = await runCli(['render', SAMPLES.thachQuy.data, SAMPLES.phuLien.data, '--out', outDir]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  await libreOfficeToPdf(
    Object.values(SAMPLES).map((s) => path.join(outDir, `${s.out}.docx`)),
    outDir,
  );
});

async function modelOf(file: string) {
  const { documents } = await findDocuments([file]);
  return (await prepareDocument(documents[0]!, shippedTemplates())).model!;
}

/** pandoc's plain text as squashed non-empty lines; footnote bodies come last as "[n] text". */
async function docxLines(docx: string): Promise<string[]> {
  return (await pandoc(docx, 'plain')).split('\n').map(squash).filter(Boolean);
}

describe.each(Object.entries(SAMPLES))('sample %s', (_name, sample) => {
  it('pandoc reads the model text, in order, with every footnote as a real note', async () => {
    const docx = path.join(outDir, `${sample.out}.docx`);
    const model = await modelOf(sample.data);
    const lines = await docxLines(docx);
    let cursor = 0;
    for (const expected of bodyLines(model).map(squash)) {
      const found = lines.indexOf(expected, cursor);
      expect(found, `"${expected.slice(0, 60)}…" in pandoc's text`).toBeGreaterThanOrEqual(cursor);
      cursor = found + 1;
    }
    expect(lines.slice(lines.length - model.footnotes.length)).toEqual(footnoteLines(model).map(squash));
    const json = JSON.parse(await pandoc(docx, 'json')) as unknown;
    expect(JSON.stringify(json).match(/"t":"Note"/g)?.length ?? 0).toBe(model.footnotes.length);
  });

  it('LibreOffice converts it; the PDF has the header, number, date line and signer', async () => {
    const pdf = path.join(outDir, `${path.basename(sample.out)}.pdf`);
    expect(existsSync(pdf)).toBe(true);
    const model = await modelOf(sample.data);
    const text = squash(await pdfText(pdf));
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      model.header.numberLine!,
      model.header.placeDate!,
      model.title.typeName!,
      model.signature.name,
      'Nơi nhận:',
      model.recipients.at(-1)!,
    ]) {
      expect(text).toContain(squash(expected));
    }
  });
});

it('the Thạch Quý report has its 12 footnotes', async () => {
  const model = await modelOf(SAMPLES.thachQuy.data);
  expect(model.footnotes).toHaveLength(12);
  const json = await pandoc(path.join(outDir, `${SAMPLES.thachQuy.out}.docx`), 'json');
  expect(json.match(/"t":"Note"/g)).toHaveLength(12);
});
