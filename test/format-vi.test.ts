import { describe, expect, it } from 'vitest';
import {
  formatDateLine,
  formatNumber,
  formatPercent,
  formatTwoDigits,
  parseIsoDate,
  toRoman,
  toVietnameseLetter,
} from '../src/markup/format-vi.js';

describe('Vietnamese formats', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatNumber(1067)).toBe('1.067');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(2.15, 3)).toBe('2,150');
    expect(formatNumber(2.5)).toBe('2,5');
    expect(formatNumber(0)).toBe('0');
  });

  it('computes percentages, dropping ",00" only for whole numbers', () => {
    expect(formatPercent(1015, 1050)).toBe('96,67%');
    expect(formatPercent(437, 437)).toBe('100%');
    expect(formatPercent(2.15, 2.814)).toBe('76,40%');
    expect(formatPercent(239, 266)).toBe('89,85%');
    expect(formatPercent(17, 71)).toBe('23,94%');
  });

  it('writes counts below ten with two digits', () => {
    expect(formatTwoDigits(3)).toBe('03');
    expect(formatTwoDigits(0)).toBe('0');
    expect(formatTwoDigits(21)).toBe('21');
  });

  it('follows the decree zero rules in the date line', () => {
    expect(formatDateLine('Hà Nội', parseIsoDate('2020-01-05')!)).toBe('Hà Nội, ngày 05 tháng 01 năm 2020');
    expect(formatDateLine('Hà Nội', parseIsoDate('2019-06-29')!)).toBe('Hà Nội, ngày 29 tháng 6 năm 2019');
    expect(formatDateLine('Thạch Quý', parseIsoDate('2024-10-15')!)).toBe('Thạch Quý, ngày 15 tháng 10 năm 2024');
    expect(formatDateLine('X', parseIsoDate('2024-02-09')!)).toBe('X, ngày 09 tháng 02 năm 2024');
  });

  it('rejects impossible dates', () => {
    expect(parseIsoDate('2024-02-31')).toBeUndefined();
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('16/09/2024')).toBeUndefined();
  });

  it('numbers mục in Roman and điểm in the Vietnamese alphabet', () => {
    expect([1, 4, 9, 14].map(toRoman)).toEqual(['I', 'IV', 'IX', 'XIV']);
    expect([1, 2, 3, 4, 5, 6, 7].map(toVietnameseLetter)).toEqual(['a', 'b', 'c', 'd', 'đ', 'e', 'g']);
    expect(toVietnameseLetter(10)).toBe('k');
  });
});

describe('numbers are printed in full, never in exponent notation or with binary noise', () => {
  it('prints very large and very small numbers as plain digits', () => {
    expect(formatNumber(1.2345678901234566e29)).toBe('123.456.789.012.345.660.000.000.000.000');
    expect(formatNumber(1e21, 1)).toBe('1.000.000.000.000.000.000.000,0');
    expect(formatNumber(-2.5e22)).toBe('-25.000.000.000.000.000.000.000');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(1e-7, 6)).toBe('0,000000');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(0.1, 20)).toBe('0,10000000000000000000');
    expect(formatNumber(Number.MAX_VALUE)).toMatch(/^179\.769\.313\.486\.231\.570(\.000)+$/);
  });

  it('refuses non-finite values and impossible decimals (callers report them as diagnostics)', () => {
    expect(() => formatNumber(Infinity)).toThrow(RangeError);
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(1, -1)).toThrow(RangeError);
    expect(() => formatNumber(1, 101)).toThrow(RangeError);
  });
});
