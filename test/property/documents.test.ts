/**
 * Property-based tests (fast-check) of the whole path data → model → DOCX and PDF, on random
 * valid documents (document-arbitrary.ts). For every generated document:
 *   - it validates and computes without an error (the generator writes only valid data);
 *   - every word of the model's body, in order, is in the DOCX text (word/document.xml) and in the
 *     PDF text (poppler's pdftotext); every footnote word, in order, in word/footnotes.xml and the PDF;
 *   - every XML part of the DOCX is well-formed (expat);
 *   - rendering the same model again gives the same bytes, DOCX and PDF.
 *
 * `npm test` runs a fixed seed and a small count (one browser for all cases). Longer local runs:
 *   npm run property -- --runs 500 [--seed 42]
 * (or BAOCAO_PROPERTY_RUNS / BAOCAO_PROPERTY_SEED). A failure prints the seed and the shrunk
 * counterexample's path; keep the shrunk YAML as a named case in regressions/<name>.yaml.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/core/model.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/report.js';
import { findDocuments } from '../../src/load/find-documents.js';
import { prepareDocument } from '../../src/pipeline.js';
import { loadDocxTemplates, renderDocx, type DocxTemplates } from '../../src/render/docx/render-docx.js';
import { PdfRenderer } from '../../src/render/pdf/pdf-renderer.js';
import { ROOT, sharedBrowser } from '../helpers/cli.js';
import { validTree } from '../helpers/data-tree.js';
import { openDocx, paragraphs } from '../helpers/docx.js';
import { openPdf } from '../helpers/pdf-tools.js';
import { docxXmlProblems } from '../helpers/xml-check.js';
import { periodDocument } from './document-arbitrary.js';
import { firstMissing, modelWords } from './model-words.js';
import { shippedTypes, shippedTemplates } from '../helpers/document-types.js';
import { openTemplates } from '../../src/render/open-templates.js';

const RUNS = Number(process.env['BAOCAO_PROPERTY_RUNS'] ?? 6);
const SEED = Number(process.env['BAOCAO_PROPERTY_SEED'] ?? 20241201);
/** Generating and shrinking stop after this long (a found failure is still reported, shrunk so far). */
const TIME_LIMIT_MS = Number(process.env['BAOCAO_PROPERTY_TIME_LIMIT_S'] ?? 45) * 1000;
const templatesDir = path.join(ROOT, 'templates');

let docxTemplates: DocxTemplates;
let pdf: PdfRenderer;
let tree: string;
beforeAll(async () => {
  docxTemplates = await loadDocxTemplates(path.join(templatesDir, 'word'), shippedTypes());
  pdf = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages: 1, browser: sharedBrowser() });
  tree = await validTree();
});
afterAll(async () => {
  await pdf?.close();
});

const periodFile = () => path.join(tree, 'data', 'tinh-mau', 'phuong-mau', '2024-q3.yaml');

/** The period file through load → merge → validate → compute; fails on any error diagnostic. */
async function modelOf(yaml: string): Promise<ReportModel> {
  await writeFile(periodFile(), yaml);
  const { documents } = await findDocuments([periodFile()]);
  const [source] = documents;
  if (!source) throw new Error('the period file was not found');
  const prepared = await prepareDocument(source, shippedTemplates());
  if (hasErrors(prepared.diagnostics) || !prepared.model) {
    throw new Error(`a generated document does not validate:\n${prepared.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  return prepared.model;
}

const text = (xml: string) => paragraphs(xml).map((p) => p.text).join('\n');

/** Every property for one period file; throws (with what is missing where) when one fails. */
async function checkDocument(yaml: string): Promise<void> {
  const model = await modelOf(yaml);
  const words = modelWords(model);

  const docxBytes = renderDocx(model, docxTemplates);
  expect(docxXmlProblems(docxBytes), 'every DOCX part is well-formed XML').toEqual([]);
  const docx = openDocx(docxBytes);
  expect(firstMissing(words.body, text(docx.part('word/document.xml'))), 'body words in the DOCX').toBeUndefined();
  expect(firstMissing(words.footnotes, text(docx.part('word/footnotes.xml'))), 'footnote words in the DOCX').toBeUndefined();
  expect(Buffer.from(renderDocx(model, docxTemplates)).equals(Buffer.from(docxBytes)), 'same DOCX bytes twice').toBe(true);

  const pdfBytes = await pdf.render(model);
  const file = openPdf(pdfBytes);
  try {
    const pdfText = file.rawText();
    expect(firstMissing(words.body, pdfText), 'body words in the PDF').toBeUndefined();
    expect(firstMissing(words.footnotes, pdfText), 'footnote words in the PDF').toBeUndefined();
  } finally {
    file.dispose();
  }
  expect(Buffer.from(await pdf.render(model)).equals(Buffer.from(pdfBytes)), 'same PDF bytes twice').toBe(true);
}

/** On failure: the usual report, and the shrunk period file written where it can be copied into `regressions`. */
function reportShrunk(details: fc.RunDetails<[{ yaml: string }]>): void {
  if (!details.failed) return;
  const example = details.counterexample?.[0]?.yaml;
  if (example !== undefined) {
    const file = path.join(os.tmpdir(), `baocao-property-${SEED}.yaml`);
    writeFileSync(file, example);
    console.error(`shrunk counterexample (${details.numShrinks} shrinks): ${file}`);
  }
  throw new Error(fc.defaultReportMessage(details));
}

/** Shrunk counterexamples found by the property, kept by name: regressions/<name>.yaml. */
const regressionsDir = path.join(import.meta.dirname, 'regressions');
const regressions: Record<string, string> = Object.fromEntries(
  readdirSync(regressionsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => [name.replace(/\.yaml$/, ''), readFileSync(path.join(regressionsDir, name), 'utf8')]),
);

describe('random valid documents: nothing lost, nothing corrupt, same bytes', () => {
  it(`holds for ${RUNS} generated documents (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(periodDocument, async ({ yaml }) => {
        await checkDocument(yaml);
      }),
      {
        numRuns: RUNS,
        seed: SEED,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        endOnFailure: process.env['BAOCAO_PROPERTY_SHRINK'] === '0',
        reporter: reportShrunk,
      },
    );
  }, TIME_LIMIT_MS + 90_000);

  for (const [name, yaml] of Object.entries(regressions)) {
    it(`regression: ${name}`, async () => {
      await checkDocument(yaml);
    });
  }
});
