/**
 * Property-based tests (fast-check): the expression language and the number formatter face any
 * text a clerk — or an attacker — can type, so examples alone cannot cover them. A fixed seed keeps
 * `npm test` deterministic; BAOCAO_PROPERTY_RUNS=10000 runs longer locally. fast-check shrinks a
 * failing case to a small one: keep it as an example test in expressions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInline } from '../src/markup/inline.js';
import { formatNumber } from '../src/markup/format-vi.js';
import { typedPercentMismatches } from '../src/validate/typed-percentages.js';

const runs = Number(process.env.BAOCAO_PROPERTY_RUNS ?? 300);
const options = { seed: 20241001, numRuns: runs };
const figures = new Map([
  ['x', 5],
  ['y', 0],
  ['ho_so.tiep_nhan', 1067],
  ['khac.lon', 1e308],
]);

/** Text built from the pieces of the language, so that calls, brackets and numbers meet often. */
const expressionText = fc
  .array(
    fc.oneof(
      fc.constantFrom('so', 'hai_so', 'ty_le', 'hieu', 'tong', 'x', 'y', 'ho_so.tiep_nhan', 'khac.lon', '(', ')', '__proto__', 'constructor', 'toString'),
      fc.integer({ min: -200, max: 200 }).map(String),
      fc.double({ noNaN: true }).map((n) => String(n)),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

describe('properties', () => {
  it('any text inside {{ }} gives text or problems at offsets inside the paragraph, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(expressionText, fc.string({ maxLength: 40 })).filter((inner) => !inner.includes('}')), (inner) => {
        const source = `Có {{${inner}}} hồ sơ`;
        const { inlines, problems, textOffsets } = parseInline(source, figures);
        for (const problem of problems) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(source.length);
          // Messages quote what the clerk wrote; anything else like "undefined" is our leak.
          if (!/undefined|NaN|Infinity|object/.test(inner)) expect(problem.message).not.toMatch(/undefined|NaN|Infinity|\[object/);
        }
        const text = inlines.map((i) => ('footnote' in i ? '' : i.text)).join('');
        // With a problem the expression stays as written; without one, its value is a clean number.
        if (problems.length === 0) expect(text).not.toMatch(/undefined|NaN|Infinity|\[object|\de[+-]?\d/);
        else expect(text).toBe(source);
        expect(textOffsets).toHaveLength(text.length);
      }),
      options,
    );
  });

  it('formatNumber never prints an exponent, noise beyond the decimals asked, or a wrong value', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), (value, decimals) => {
        const text = formatNumber(value, decimals);
        expect(text).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d+)?$/);
        const fraction = text.split(',')[1] ?? '';
        if (decimals === undefined) expect(fraction.length).toBeLessThanOrEqual(2);
        else expect(fraction.length).toBe(decimals);
        const readBack = Number(text.replace(/\./g, '').replace(',', '.'));
        expect(Math.abs(readBack - value)).toBeLessThanOrEqual(Math.max(10 ** -(decimals ?? 2), Math.abs(value) * 1e-15));
      }),
      options,
    );
  });

  it('the typed-percentage check never throws and points inside the text', () => {
    const piece = fc.oneof(fc.constantFrom('/', '%', ' ', ',', '.', 'đ', '(', 'chỉ tiêu', ';'), fc.nat(2000).map(String), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        for (const mismatch of typedPercentMismatches(text)) {
          expect(text.startsWith(mismatch.typed, mismatch.index)).toBe(true);
          expect(mismatch.expected).toMatch(/^\d{1,3}(\.\d{3})*(,\d+)?%$/);
        }
      }),
      options,
    );
  });

  it('a percentage typed from its own fraction at any precision is never flagged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 4 }), (a, b, decimals) => {
        const typed = formatNumber(Math.round(((a / b) * 100 + Number.EPSILON) * 10 ** decimals) / 10 ** decimals, decimals);
        const sentence = `Giải quyết ${formatNumber(a)}/${formatNumber(b)} hồ sơ, đạt ${typed}%.`;
        expect(typedPercentMismatches(sentence)).toEqual([]);
      }),
      options,
    );
  });
});
