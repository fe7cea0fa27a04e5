/**
 * Property (fast-check) of the rule `percent-near-computed` (src/validate/near-computed-percents.ts)
 * over random counts and typed precisions: a typed percentage that is the ratio rounded as typed is
 * never flagged; one a hundredth off (at two decimals), within the 0,05-point window, in a sentence
 * that names one of the counts, is flagged once with the right rounding; the same typed value in a
 * sentence tied to nothing is never flagged. Percentages are written here with an own Vietnamese
 * formatting (integer arithmetic, half up), not with the tool's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearComputedPercents, type ComputedRatio } from '../../src/validate/near-computed-percents.js';

/** 1234567 → "1.234.567". */
const vi = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** numerator/denominator in percent at `decimals`, half up, as hundredths-of-units integer math: "97,09%". */
function percentVi(numerator: number, denominator: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = Math.floor((numerator * 100 * scale * 2 + denominator) / (denominator * 2));
  return percentOfScaled(scaled, decimals);
}

function percentOfScaled(scaled: number, decimals: number): string {
  const scale = 10 ** decimals;
  const whole = Math.floor(scaled / scale);
  const fraction = scaled % scale;
  return decimals === 0 ? `${vi(whole)}%` : `${vi(whole)},${String(fraction).padStart(decimals, '0')}%`;
}

const counts = fc
  .integer({ min: 100, max: 200_000 })
  .chain((denominator) => fc.tuple(fc.integer({ min: 1, max: denominator }), fc.constant(denominator)));

const ratioOf = (numerator: number, denominator: number): ComputedRatio => ({
  percent: (numerator / denominator) * 100,
  numerator,
  denominator,
  what: 'cột "Tỷ lệ", dòng tổng',
  where: { file: 'x.yaml', line: 1, column: 1 },
});

describe('percent-near-computed, for every count and precision', () => {
  it('never flags the ratio typed at its own rounding (0, 1 or 2 decimals)', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 0, max: 2 }), ([numerator, denominator], decimals) => {
        const text = `Tổng ${vi(denominator)} hồ sơ, đúng hạn ${percentVi(numerator, denominator, decimals)}.`;
        expect(nearComputedPercents(text, [ratioOf(numerator, denominator)])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('flags a hundredth off once, with the right rounding, when the sentence names a count; never when it names none', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom(-1, 1), ([numerator, denominator], step) => {
        const right = percentVi(numerator, denominator, 2);
        const scaled = Math.floor((numerator * 100 * 100 * 2 + denominator) / (denominator * 2)) + step;
        const exact = (numerator / denominator) * 100;
        fc.pre(scaled >= 0 && Math.abs(scaled / 100 - exact) <= 0.05 - 1e-9);
        const typed = percentOfScaled(scaled, 2);
        fc.pre(typed !== right);
        const tied = nearComputedPercents(`Tổng ${vi(denominator)} hồ sơ, đúng hạn ${typed}.`, [ratioOf(numerator, denominator)]);
        expect(tied.map((n) => ({ typed: n.typed, expected: n.expected }))).toEqual([{ typed, expected: right }]);
        expect(nearComputedPercents(`Bảo hiểm y tế đạt ${typed}.`, [ratioOf(numerator, denominator)])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
