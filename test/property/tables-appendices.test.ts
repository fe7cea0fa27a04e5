/**
 * Property (fast-check) for the table and phụ lục rules of issue 11, through the real pipeline
 * (files on disk → load → … → compute): for random tables of figures with a typed total row and
 * random sets of phụ lục referred to by `{{phu_luc k}}`,
 *   - a total row equal to the column sums gives no `table-total-mismatch`; a total cell off by
 *     any non-zero amount gives exactly one, at that cell;
 *   - a reference to an existing phụ lục prints its label ("Phụ lục" alone, else "Phụ lục II" …)
 *     and the headings are those labels in order; a reference past the last gives `appendix-missing`
 *     and no model.
 */
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { findDocuments } from '../../src/load/find-documents.js';
import { prepareDocument } from '../../src/pipeline.js';
import { validTree } from '../helpers/data-tree.js';
import { shippedTemplates } from '../helpers/document-types.js';

/** The decree's naming, written out here rather than taken from the code under test. */
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];
const label = (position: number, count: number): string => (count === 1 ? 'Phụ lục' : `Phụ lục ${ROMAN[position - 1]}`);

const RUNS = Number(process.env.BAOCAO_PROPERTY_RUNS ?? 40);
const FILE = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

interface Case {
  rows: number[][];
  /** [column, amount]: the total cell of that column is off by `amount`; none when undefined. */
  wrongTotal?: [number, number];
  appendices: number;
  reference: number;
}

const tableCase: fc.Arbitrary<Case> = fc
  .record({ columns: fc.integer({ min: 1, max: 4 }), rowCount: fc.integer({ min: 1, max: 6 }), appendices: fc.integer({ min: 1, max: 4 }) })
  .chain(({ columns, rowCount, appendices }) =>
    fc.record({
      rows: fc.array(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: columns, maxLength: columns }), { minLength: rowCount, maxLength: rowCount }),
      // half the cases (freq 2: nil one time in two) have a wrong total cell, often off by one (the usual slip of a hand sum)
      wrongTotal: fc.option(fc.tuple(fc.integer({ min: 0, max: columns - 1 }), fc.oneof(fc.constantFrom(-1, 1), fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0))), { nil: undefined, freq: 2 }),
      appendices: fc.constant(appendices),
      // one past the last phụ lục at most: a missing one in about a third of the cases
      reference: fc.integer({ min: 1, max: appendices + 1 }),
    }),
  );

/** Every phụ lục is referred to (no appendix-unreferenced noise), and so is `reference`. */
function references(c: Case): number[] {
  return [...new Set([...Array.from({ length: c.appendices }, (_, i) => i + 1), c.reference])];
}

/** The period file: one section with the table, then the phụ lục. */
function periodFile(c: Case): string {
  const columns = c.rows[0]!.length;
  const sums = Array.from({ length: columns }, (_, k) => c.rows.reduce((sum, row) => sum + row[k]!, 0));
  if (c.wrongTotal) sums[c.wrongTotal[0]] = sums[c.wrongTotal[0]]! + c.wrongTotal[1];
  const table = [
    '          - bang:',
    '              cot:',
    '                - { ten: Đơn vị }',
    ...Array.from({ length: columns }, (_, k) => `                - { ten: Cột ${k + 1}, kieu: so }`),
    '              dong:',
    ...c.rows.map((row, r) => `                - [Xã ${r + 1}, ${row.join(', ')}]`),
    `              tong: [Tổng cộng, ${sums.join(', ')}]`,
  ];
  const appendices = Array.from({ length: c.appendices }, (_, i) => [`  - ten: Phụ lục số ${i + 1}`, '    doan:', `      - Nội dung phụ lục ${i + 1}.`]).flat();
  return [
    'so: 7',
    'ngay: "2024-09-05"',
    'noi_dung:',
    '  - tieu_de: Kết quả',
    '    doan:',
    `      - "Chi tiết tại ${references(c).map((k) => `{{phu_luc ${k}}}`).join(', ')}."`,
    ...table.map((line) => line.slice(4)),
    'phu_luc:',
    ...appendices,
    '',
  ].join('\n');
}

describe('tables and phụ lục, for random data', () => {
  it('reports exactly the wrong total cell and exactly the missing phụ lục; labels follow the count', async () => {
    await fc.assert(
      fc.asyncProperty(tableCase, async (c) => {
        const text = periodFile(c);
        const root = await validTree({ [FILE]: text });
        roots.push(root);
        const { documents } = await findDocuments([path.join(root, FILE)]);
        const { diagnostics, model } = await prepareDocument(documents[0]!, shippedTemplates());
        const lines = text.split('\n');
        const mismatches = diagnostics.filter((d) => d.ruleId === 'table-total-mismatch');
        if (c.wrongTotal) {
          expect(mismatches).toHaveLength(1);
          expect(lines[mismatches[0]!.line - 1]).toMatch(/^ +tong: \[Tổng cộng/);
        } else expect(mismatches).toEqual([]);
        const missing = diagnostics.filter((d) => d.ruleId === 'appendix-missing');
        if (c.reference > c.appendices) {
          expect(missing.length).toBeGreaterThan(0);
          expect(model).toBeUndefined();
          return;
        }
        expect(missing).toEqual([]);
        if (c.wrongTotal) {
          expect(model).toBeUndefined();
          return;
        }
        expect(model).toBeDefined();
        const headings = (model!.appendices ?? []).map((a) => a.heading);
        expect(headings).toEqual(Array.from({ length: c.appendices }, (_, i) => label(i + 1, c.appendices)));
        const bodyText = JSON.stringify(model!.body);
        expect(bodyText).toContain(label(c.reference, c.appendices));
      }),
      { numRuns: RUNS, seed: 20241201 },
    );
  }, 120_000);
});
