/**
 * Every DOCX the tool writes passes the Open XML SDK schema validator (issue 19): every sample of
 * data/ (all document types of templates/loai/ and the roll-up among them), the Word templates
 * themselves, random valid documents of the property generator, and the redline of
 * `baocao diff --docx`. A problem fails the test with its part, XPath and message.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateFileName } from '../src/core/document-types.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../src/diagnostics/report.js';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { loadDocxTemplates, renderDocx } from '../src/render/docx/render-docx.js';
import { runCli, ROOT } from './helpers/cli.js';
import { validTree } from './helpers/data-tree.js';
import { sampleTrees, type SampleTrees } from './helpers/diff-sample.js';
import { shippedTemplates, shippedTypes, TEMPLATES_DIR } from './helpers/document-types.js';
import { expectBytesSchemaValid, expectSchemaValid, formatSchemaProblems, schemaProblems } from './helpers/ooxml-validator.js';
import { periodDocument } from './property/document-arbitrary.js';

let out: string;
let trees: SampleTrees;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baocao-ooxml-samples-'));
  const run = await runCli(['render', 'data', '--format', 'docx', '--out', out]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  trees = await sampleTrees('docx');
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  if (trees) await rm(trees.root, { recursive: true, force: true });
});

async function docxBelow(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((n) => n.endsWith('.docx')).map((n) => path.join(dir, n)).sort();
}

describe('the Open XML SDK validator', () => {
  it('finds the comma in a style name (the check can fail)', async () => {
    const [sample] = await docxBelow(out);
    const zip = new PizZip(await readFile(sample!));
    zip.file('word/styles.xml', zip.file('word/styles.xml')!.asText().replace('Số và ký hiệu', 'Số, ký hiệu'));
    const broken = path.join(out, 'broken.docx');
    await writeFile(broken, zip.generate({ type: 'uint8array' }));
    const problems = await schemaProblems([broken]);
    await rm(broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(formatSchemaProblems(problems)).toMatch(/\/word\/styles\.xml \/w:styles\[1\]\/w:style\[\d+\]\/w:name\[1\] .*Số, ký hiệu/);
  });

  it('passes every sample of data/ rendered to DOCX, every document type and the roll-up among them', async () => {
    const files = await docxBelow(out);
    const { documents } = await findDocuments([path.join(ROOT, 'data')]);
    expect(files.length).toBe(documents.length);
    const types = new Set<string>();
    for (const source of documents) {
      const prepared = await prepareDocument(source, shippedTemplates());
      types.add(prepared.model!.type);
    }
    expect([...types].sort()).toEqual([...shippedTypes().byName.keys()].sort());
    expect(files.some((f) => f.includes('huyen-cam-xuyen'))).toBe(true);
    await expectSchemaValid(files);
  });

  it('passes the Word template of every type of templates/loai/', async () => {
    const files = [...shippedTypes().byName.values()].map((t) => path.join(TEMPLATES_DIR, 'word', templateFileName(t, '.docx')));
    expect(readdirSync(path.join(TEMPLATES_DIR, 'loai')).length).toBe(files.length);
    await expectSchemaValid(files);
  });

  it('passes random valid documents of the property generator', async () => {
    const tree = await validTree();
    const file = path.join(tree, 'data', 'tinh-mau', 'phuong-mau', '2024-q3.yaml');
    const templates = await loadDocxTemplates(path.join(TEMPLATES_DIR, 'word'), shippedTypes());
    const docs: { name: string; bytes: Uint8Array }[] = [];
    for (const [i, { yaml }] of fc.sample(periodDocument, { numRuns: 4, seed: 20241219 }).entries()) {
      await writeFile(file, yaml);
      const { documents } = await findDocuments([file]);
      const prepared = await prepareDocument(documents[0]!, shippedTemplates());
      if (hasErrors(prepared.diagnostics) || !prepared.model) throw new Error(prepared.diagnostics.map(formatDiagnostic).join('\n'));
      docs.push({ name: `generated-${i}`, bytes: renderDocx(prepared.model, templates) });
    }
    await rm(tree, { recursive: true, force: true });
    await expectBytesSchemaValid(docs);
  });

  it('passes the redline of `baocao diff --docx`, from YAML and from DOCX', async () => {
    const files: string[] = [];
    for (const [from, a, b] of [
      ['yaml', trees.oldYaml, trees.newYaml],
      ['docx', trees.oldDocx, trees.newDocx],
    ] as const) {
      const file = path.join(trees.root, `redline-${from}.docx`);
      const run = await runCli(['diff', a, b, '--docx', file]);
      expect(run.code, run.stderr).toBe(1);
      files.push(file);
    }
    await expectSchemaValid(files);
  });
});

describe('diff reads the frame styles by name, as renamed in this version and as earlier versions wrote them', () => {
  const RENAMED: [id: string, name: string, oldName: string][] = [
    ['SoKyHieu', 'Số và ký hiệu', 'Số, ký hiệu'],
    ['DiaDanhNgay', 'Địa danh và ngày tháng', 'Địa danh, ngày tháng'],
    ['QuyenHanChucVu', 'Quyền hạn và chức vụ người ký', 'Quyền hạn, chức vụ người ký'],
  ];
  /** The sample with the three styles' ids changed (as an editor may), named `name(…)`. */
  async function withStyleNames(name: (r: (typeof RENAMED)[number]) => string, file: string): Promise<string> {
    const zip = new PizZip(await readFile(trees.oldDocx));
    let styles = zip.file('word/styles.xml')!.asText();
    let body = zip.file('word/document.xml')!.asText();
    RENAMED.forEach((r, i) => {
      expect(styles).toContain(`w:styleId="${r[0]}"`);
      expect(styles).toContain(`<w:name w:val="${r[1]}"/>`);
      styles = styles.replaceAll(`w:styleId="${r[0]}"`, `w:styleId="Kieu${i}"`).replace(`<w:name w:val="${r[1]}"/>`, `<w:name w:val="${name(r)}"/>`);
      body = body.replaceAll(`<w:pStyle w:val="${r[0]}"/>`, `<w:pStyle w:val="Kieu${i}"/>`);
    });
    zip.file('word/styles.xml', styles);
    zip.file('word/document.xml', body);
    const target = path.join(trees.root, file);
    await writeFile(target, zip.generate({ type: 'uint8array' }));
    return target;
  }

  for (const [label, name] of [
    ['the new names', (r: (typeof RENAMED)[number]) => r[1]],
    ['the old names with a comma', (r: (typeof RENAMED)[number]) => r[2]],
  ] as const) {
    it(`${label}: the number, place/date and signer lines are fields, no difference with the YAML`, async () => {
      const file = await withStyleNames(name, `renamed-${label.length}.docx`);
      const run = await runCli(['diff', trees.oldYaml, file]);
      expect(run.stdout + run.stderr).toContain('Không có khác biệt');
      expect(run.code).toBe(0);
    });
  }
});
