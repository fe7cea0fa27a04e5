/**
 * Vietnamese number and date formats. Pure functions, no locale data from the machine, so the
 * output is the same everywhere: thousands with ".", decimals with "," (1.067; 96,67%; 2,150).
 */

/** Most decimals the formatter prints (the expression language allows fewer, see MAX_DECIMALS). */
export const MAX_FORMAT_DECIMALS = 20;

/**
 * 1067 → "1.067"; 2.15 with 3 decimals → "2,150"; without decimals given, at most 2, trailing zeros
 * dropped. Never exponent notation nor binary noise: 1.2345678901234566e+29 → "123.456.789.012.345.660.000.000.000.000".
 * A non-finite value or a bad number of decimals is a programming error (callers check first).
 */
export function formatNumber(value: number, decimals?: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatNumber: ${String(value)} is not a finite number`);
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_FORMAT_DECIMALS)) {
    throw new RangeError(`formatNumber: ${String(decimals)} decimals is outside 0..${MAX_FORMAT_DECIMALS}`);
  }
  const places = decimals ?? 2;
  const rounded = roundHalfUp(value, places);
  const [whole = '0', rawFraction = ''] = plainDecimal(Math.abs(rounded)).split('.');
  const kept = rawFraction.slice(0, places);
  const fraction = decimals === undefined ? kept.replace(/0+$/, '') : kept.padEnd(places, '0');
  const negative = rounded < 0 && /[1-9]/.test(whole + kept);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** 437/437 → "100%"; 2,150/2,814 → "76,40%"; 239/266 → "89,85%". */
export function formatPercent(numerator: number, denominator: number, decimals = 2): string {
  const percent = (numerator / denominator) * 100;
  const rounded = roundHalfUp(percent, decimals);
  const text = Number.isInteger(rounded) ? formatNumber(rounded, 0) : formatNumber(rounded, decimals);
  return `${text}%`;
}

/** Administrative counts below 10 are written with two digits: 3 → "03"; 0 stays "0". */
export function formatTwoDigits(value: number): string {
  if (Number.isInteger(value) && value > 0 && value < 10) return `0${value}`;
  return formatNumber(value);
}

export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  // Beyond 2^53 every double is a whole number already (and scaling could overflow).
  if (!Number.isFinite(scaled) || Math.abs(scaled) >= 2 ** 53) return value;
  // The epsilon absorbs binary representation error (e.g. 76.405 stored as 76.40499…).
  return Math.round(scaled + Math.sign(value) * 1e-9) / factor;
}

/** The shortest decimal that reads back as `value` (≥ 0), without exponent: 1e21 → "1000000000000000000000". */
function plainDecimal(value: number): string {
  const shortest = String(value);
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const digits = match[1]! + (match[2] ?? '');
  const point = 1 + Number(match[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** "2024-02-31" → undefined; "2024-09-16" → { 2024, 9, 16 }. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : undefined;
}

/** The decree's date line: day < 10 and months 1–2 get a leading zero: "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019". */
export function formatDateLine(place: string, date: CalendarDate): string {
  return `${place}, ${formatLongDate(date)}`;
}

/** "ngày 05 tháng 01 năm 2020", "ngày 20 tháng 9 năm 2024": the date line without its place. */
export function formatLongDate(date: CalendarDate): string {
  const day = String(date.day).padStart(2, '0');
  const month = date.month <= 2 ? String(date.month).padStart(2, '0') : String(date.month);
  return `ngày ${day} tháng ${month} năm ${date.year}`;
}

/** "24/01/2024", the short form used inside text. */
export function formatShortDate(date: CalendarDate): string {
  return `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`;
}

const romanDigits: Array<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(value: number): string {
  let rest = value;
  let result = '';
  for (const [amount, letters] of romanDigits) {
    while (rest >= amount) {
      result += letters;
      rest -= amount;
    }
  }
  return result;
}

/** The Vietnamese alphabet for điểm: đ after d, no f, j, w, z. */
export const VIETNAMESE_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

/** 1 → "a", 5 → "đ", 24 → "aa" (beyond y, letters double). */
export function toVietnameseLetter(position: number): string {
  const count = VIETNAMESE_LETTERS.length;
  const index = position - 1;
  const letter = VIETNAMESE_LETTERS[index % count]!;
  return letter.repeat(Math.floor(index / count) + 1);
}
