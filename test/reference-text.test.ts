/**
 * The samples reproduce the real reports in ../shared/reference word for word, apart from what
 * computed numbering and computed percentages correct. Each correction is listed here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { bodyLines, footnoteLines, squash } from './helpers/model-text.js';
import { shippedTemplates } from './helpers/document-types.js';

const root = path.join(import.meta.dirname, '..');
const reference = (name: string) => readFile(path.join(root, '..', 'shared', 'reference', name), 'utf8');

async function modelOf(file: string) {
  const { documents } = await findDocuments([path.join(root, file)]);
  const prepared = await prepareDocument(documents[0]!, shippedTemplates());
  expect(prepared.diagnostics).toEqual([]);
  return prepared.model!;
}

describe('Thạch Quý quarterly report (reference/bao-cao-cchc-quy-III-2024-phuong-thach-quy.txt)', () => {
  it('has the reference body text and its 12 footnotes', async () => {
    const model = await modelOf('data/ha-tinh/phuong-thach-quy/2024-q3.yaml');
    const lines = (await reference('bao-cao-cchc-quy-III-2024-phuong-thach-quy.txt')).split('\n').map(squash).filter(Boolean);
    const expectedBody = lines
      .filter((l) => !/^\[\d+\] /.test(l))
      .map((l) =>
        l
          // Computed percentages: 239/266 is 89,85%, the original typed 89,84%; no space before %.
          .replace('đạt tỷ lệ 89,84%', 'đạt tỷ lệ 89,85%')
          .replace('76,40 %', '76,40%')
          // Footnote markers follow the word they annotate.
          .replace('537 hồ sơ [7]', '537 hồ sơ[7]')
          // Computed numbering closes every number with a full stop: "6.1" → "6.1.".
          .replace(/^6\.1 /, '6.1. '),
      );
    const actualBody = bodyLines(model).map(squash);
    // The reference text stops before the closing sentence; the sample adds one, ended with ./.
    expect(actualBody.slice(0, -1)).toEqual(expectedBody);
    expect(actualBody.at(-1)).toMatch(/^Trên đây là báo cáo .*\.\/\.$/);
    expect(footnoteLines(model).map(squash)).toEqual(lines.filter((l) => /^\[\d+\] /.test(l)));
    expect(model.footnotes).toHaveLength(12);
  });
});

describe('Phù Liễn yearly plan (reference/ke-hoach-cchc-2024-phuong-phu-lien.txt)', () => {
  it('has the reference text with the numbering corrected', async () => {
    const model = await modelOf('data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml');
    const text = (await reference('ke-hoach-cchc-2024-phuong-phu-lien.txt'))
      // The original breaks one paragraph across a page: join it.
      .replace('Nền tảng ứng dụng\n\ntrên thiết bị', 'Nền tảng ứng dụng trên thiết bị')
      // The issued-with line is wrapped in two.
      .replace('19/QĐ-UBND\nngày', '19/QĐ-UBND ngày');
    const lines = text.split('\n').map(squash).filter(Boolean);
    expect(lines.slice(0, 3)).toEqual(['KẾ HOẠCH', model.title.summary, model.title.issuedWith]);
    const expectedBody = lines.slice(3).map((l) =>
      l
        // The original has no part IV: computed numbering makes V. into IV.
        .replace(/^V\. TỔ CHỨC THỰC HIỆN$/, 'IV. TỔ CHỨC THỰC HIỆN')
        // ***…*** marks bold italic in the reference text; the model carries it as run formatting.
        .replace(/\*\*\*/g, ''),
    );
    // The original skips b) under V.2: c) d) đ) e) become b) c) d) đ).
    const fixed = fixSkippedLetters(expectedBody);
    expect(bodyLines(model).map(squash)).toEqual(fixed);
    const emphasised = model.body.flatMap((b) => b.inlines).find((r) => 'text' in r && r.text.startsWith('báo cáo Quý'));
    expect(emphasised).toMatchObject({ bold: true, italic: true });
  });
});

/** Under "2. Phân công trách nhiệm…" the letters run a) c) d) đ) e): renumber them a) b) c) d) đ). */
function fixSkippedLetters(lines: string[]): string[] {
  const start = lines.findIndex((l) => l.startsWith('2. Phân công trách nhiệm'));
  const letters = ['a', 'b', 'c', 'd', 'đ', 'e', 'g'];
  let next = 0;
  return lines.map((line, i) => {
    if (i <= start) return line;
    const match = /^([a-zđ])\) (.*)$/u.exec(line);
    if (!match) return line;
    return `${letters[next++]}) ${match[2]}`;
  });
}
