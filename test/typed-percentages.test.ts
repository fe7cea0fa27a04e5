import { describe, expect, it } from 'vitest';
import { parseInline, plainText } from '../src/markup/inline.js';
import { readNumber, typedPercentMismatches } from '../src/validate/typed-percentages.js';

const expectedOf = (text: string) => typedPercentMismatches(text).map((m) => m.expected);

describe('typed percentages', () => {
  it('checks a fraction whose numbers carry a glued unit, at the precision typed', () => {
    expect(typedPercentMismatches('Thu 81.889.689.373đ/87.400.000.000đ, đạt 93%.')).toEqual([
      { fraction: '81.889.689.373đ/87.400.000.000đ', typed: '93%', expected: '94%', index: 41 },
    ]);
    expect(expectedOf('Thu 81.889.689.373đ/87.400.000.000đ, đạt 94%.')).toEqual([]);
    expect(expectedOf('Thu 81.889.689.373đ/87.400.000.000đ, đạt 93,6%.')).toEqual(['93,7%']);
    expect(expectedOf('239/266, đạt 89,84%')).toEqual(['89,85%']);
    expect(expectedOf('18/20 chỉ tiêu, đạt 80%')).toEqual(['90%']);
  });

  it('does not pair a target or a change with the fraction before it', () => {
    expect(expectedOf('Giải quyết 752/1.049 hồ sơ (chỉ tiêu thành phố giao 50 %).')).toEqual([]);
    expect(expectedOf('Giải quyết 752/1.049 hồ sơ, tăng 5% so với quý II.')).toEqual([]);
    expect(expectedOf('Giải quyết 752/1.049 hồ sơ; tỷ lệ đúng hạn 95%.')).toEqual([]);
    expect(expectedOf('Giải quyết 752/1.049 hồ sơ. Tỷ lệ đúng hạn 95%.')).toEqual([]);
    // …but the ratio after a target in an earlier clause still is.
    expect(expectedOf('Hoàn thành 38/41 nhiệm vụ theo kế hoạch, đạt 90%.')).toEqual(['93%']);
  });

  it('reads English grouping and decimal points too, and suggests the nearest reading', () => {
    expect(expectedOf('Giải quyết 752/1,049 hồ sơ, đạt 71,69%.')).toEqual([]);
    expect(expectedOf('Giải quyết 752/1,049 hồ sơ, đạt 71,6%.')).toEqual(['71,7%']);
    expect(expectedOf('Giải quyết 752/1.049 hồ sơ, đạt 71.6 %.')).toEqual(['71,7%']);
    expect(expectedOf('Giải quyết 752/1.049 hồ sơ, đạt 71.7 %.')).toEqual([]);
    expect(expectedOf('Thu 2,150 tỷ đồng/2,814 tỷ đồng, đạt 76,40%.')).toEqual([]);
    expect(expectedOf('Thu 2,150 tỷ đồng/2,814 tỷ đồng, đạt 76,50%.')).toEqual(['76,40%']);
  });

  it('leaves dates and document numbers alone', () => {
    expect(expectedOf('ngày 19/01/2024 đạt 50%')).toEqual([]);
    expect(expectedOf('Nghị định 30/2020/NĐ-CP đạt 50%')).toEqual([]);
  });

  it('reads numbers by each convention', () => {
    expect(readNumber('1.049', 'vi')).toEqual({ value: 1049, decimals: 0 });
    expect(readNumber('1.049', 'en')).toEqual({ value: 1.049, decimals: 3 });
    expect(readNumber('81.889.689.373', 'en')).toBeUndefined();
    expect(readNumber('1.234.567,89', 'vi')).toEqual({ value: 1234567.89, decimals: 2 });
    expect(readNumber('71.6', 'vi')).toBeUndefined();
    expect(readNumber('1.2,3.4', 'vi')).toBeUndefined();
  });

  it('is linear: 120,000 fractions and percentages in one paragraph', () => {
    const right = '1/2 50% '.repeat(120_000);
    expect(typedPercentMismatches(right)).toEqual([]);
    const wrong = typedPercentMismatches('1/2 40% '.repeat(120_000));
    expect(wrong).toHaveLength(120_000);
    expect(wrong[119_999]).toEqual({ fraction: '1/2', typed: '40%', expected: '50%', index: 119_999 * 8 + 4 });
  }, 20_000);

  it('maps each character of the plain text back to the source', () => {
    const source = '**Đạt** {{so x}}; 1/2 \\*hồ sơ\\*^[chú thích 1/4, 20%], đạt 40%';
    const { inlines, textOffsets, footnoteOffsets } = parseInline(source, new Map([['x', 1234]]));
    const text = plainText(inlines);
    expect(text).toBe('Đạt 1.234; 1/2 *hồ sơ*, đạt 40%');
    expect(source[textOffsets[text.indexOf('40%')]!]).toBe('4');
    expect(source.slice(textOffsets[text.indexOf('1.234')]!, textOffsets[text.indexOf('1.234')]! + 2)).toBe('{{');
    expect(source[textOffsets[text.indexOf('hồ')]!]).toBe('h');
    const footnote = typedPercentMismatches('chú thích 1/4, 20%')[0]!;
    expect(source.slice(footnoteOffsets[0]![footnote.index]!)).toMatch(/^20%\]/);
  });
});
