/**
 * `--so-lieu`: a typed "a/b … đạt x%" becomes figures in `so_lieu.khac` and expressions, so the
 * imported document is checked from then on: "{{khac.so_1}}/{{khac.so_2}} hồ sơ, đạt
 * {{ty_le khac.so_1 khac.so_2}}". Only where the expressions print exactly the typed text; a
 * typed percentage that does not match its fraction is reported, never corrected silently.
 */
import { formatNumber, formatPercent } from '../markup/format-vi.js';
import type { Note } from './body.js';
import { viNumber } from './table.js';

const FRACTION_PERCENT = /(?<![\d.,])(\d{1,3}(?:\.\d{3})*)\/(\d{1,3}(?:\.\d{3})*)(?![\d.,]\d)([^;%{}^*]{0,60}?(?<!\p{L})đạt\s+(?:t[ỷỉ] lệ\s+)?)(\d{1,3}(?:,\d{1,6})?)%/gu;

export interface TypedFigures {
  figures: Record<string, number>;
}

export function figuresFromText(value: unknown, found: TypedFigures, notes: Note[]): unknown {
  if (typeof value === 'string') return convert(value, found, notes);
  if (Array.isArray(value)) return value.map((v) => figuresFromText(v, found, notes));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = key === 'bang' ? v : figuresFromText(v, found, notes);
    return out;
  }
  return value;
}

function convert(text: string, found: TypedFigures, notes: Note[]): string {
  return text.replace(FRACTION_PERCENT, (whole, a: string, b: string, between: string, typed: string) => {
    const numerator = viNumber(a);
    const denominator = viNumber(b);
    if (numerator === undefined || denominator === undefined || denominator === 0) return whole;
    const decimals = typed.includes(',') ? typed.split(',')[1]!.length : 0;
    const computed = formatPercent(numerator, denominator, decimals);
    if (computed !== `${typed}%`) {
      notes.push({ position: 0, message: `tỷ lệ gõ tay ${typed}% không khớp với ${a}/${b} (đúng là ${computed}): giữ nguyên chữ, hãy sửa`, warning: true });
      return whole;
    }
    if (formatNumber(numerator) !== a || formatNumber(denominator) !== b) return whole;
    const name = (n: number) => {
      const existing = Object.entries(found.figures).find(([, v]) => v === n)?.[0];
      if (existing) return existing;
      const key = `so_${Object.keys(found.figures).length + 1}`;
      found.figures[key] = n;
      return key;
    };
    const top = name(numerator);
    const bottom = name(denominator);
    const digits = decimals === 2 ? '' : ` ${decimals}`;
    return `{{khac.${top}}}/{{khac.${bottom}}}${between}{{ty_le khac.${top} khac.${bottom}${digits}}}`;
  });
}
