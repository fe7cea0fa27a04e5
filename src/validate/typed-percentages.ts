/**
 * Percentages typed by hand next to a fraction ("752/1.049 hồ sơ, đạt 71,69%") are recomputed at
 * the precision the clerk typed (93% at 0 decimals, 93,7% at 1). Linear in the length of the text:
 * fractions and percentages are found once each and paired in one pass.
 *
 * A percentage is paired with the nearest fraction before it, unless between them there is
 * another percentage, more than MAX_GAP characters, the end of a sentence or a ";", or — in the
 * last clause before it (after the last "(" or ",") — a word that names a target or a change
 * ("chỉ tiêu … giao 50%", "tăng 5%"): those are not the fraction's ratio.
 */
import { formatNumber, MAX_FORMAT_DECIMALS, roundHalfUp } from '../markup/format-vi.js';
import { PERCENT_SOURCE, WRITTEN_NUMBER as NUMBER } from '../markup/typed-percents.js';

export interface PercentMismatch {
  fraction: string;
  typed: string;
  expected: string;
  /** Offset of the typed percentage in the text. */
  index: number;
}

/** "239/266", "2,150 tỷ đồng/2,814 tỷ đồng", "81.889.689.373đ/87.400.000.000đ"; not dates (19/01/2024) nor document numbers (33/2023/NĐ-CP). */
const FRACTION = new RegExp(
  String.raw`(?<![\d/.,])(${NUMBER})((?:[^\s\d/%;:()]+)?(?:\s+[^\s\d/%;:()]+){0,3})\s*\/\s*(${NUMBER})\p{L}*(?![\d/])`,
  'gu',
);
const PERCENT = new RegExp(PERCENT_SOURCE, 'gu');
const MAX_GAP = 80;
/** Words that make a percentage a target or a change rather than the ratio of the fraction. */
const NOT_THE_RATIO = /(?<![\p{L}\p{M}])(chỉ tiêu|mục tiêu|kế hoạch|phấn đấu|yêu cầu|tối thiểu|tối đa|ít nhất|so với|cùng kỳ|tăng|giảm|vượt|giao)(?![\p{L}\p{M}])/iu;

/** A written number read one way, with the decimals it was written with. */
interface Reading {
  value: number;
  decimals: number;
}

/** Vietnamese: "." groups thousands, "," is the decimal mark; numbers pasted from English spreadsheets swap them. */
type Convention = 'vi' | 'en';
const CONVENTIONS: readonly Convention[] = ['vi', 'en'];

/**
 * A written number read by one convention, or undefined when it does not fit it:
 * "1.049" is 1049 (vi) or 1.049 (en); "81.889.689.373" and "2,5" fit only vi; "71.6" only en.
 */
export function readNumber(text: string, convention: Convention): Reading | undefined {
  const [group, point] = convention === 'vi' ? ['.', ','] : [',', '.'];
  const [integer = '', fraction, extra] = text.split(point);
  if (extra !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return undefined;
  const groups = integer.split(group);
  if (groups.length > 1 && !(groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3))) return undefined;
  return { value: Number(`${groups.join('')}${fraction ? `.${fraction}` : ''}`), decimals: fraction?.length ?? 0 };
}

export function typedPercentMismatches(text: string): PercentMismatch[] {
  const mismatches: PercentMismatch[] = [];
  for (const { fraction, percent } of pairedPercents(text)) {
    const mismatch = compare(fraction, percent);
    if (mismatch) mismatches.push({ ...mismatch, index: percent.index });
  }
  return mismatches;
}

/** The typed percentages that follow a fraction they are the ratio of (see the top of this file), with it. */
export function pairedPercents(text: string): { fraction: RegExpExecArray; percent: RegExpExecArray }[] {
  // Most paragraphs have no percentage or no fraction: skip the two Unicode-aware scans then.
  if (!text.includes('%') || !text.includes('/')) return [];
  const fractions = [...text.matchAll(FRACTION)];
  const pairs: { fraction: RegExpExecArray; percent: RegExpExecArray }[] = [];
  let next = 0;
  for (const percent of text.matchAll(PERCENT)) {
    const start = percent.index;
    while (next < fractions.length && fractions[next]!.index + fractions[next]![0].length <= start) next++;
    const fraction = fractions[next - 1];
    if (!fraction) continue;
    const gapStart = fraction.index + fraction[0].length;
    if (start - gapStart > MAX_GAP) continue;
    const gap = text.slice(gapStart, start);
    if (/\d\s?%|;|\.(?:\s|$)/.test(gap)) continue;
    const lastClause = gap.slice(Math.max(gap.lastIndexOf('('), gap.lastIndexOf(',')) + 1);
    if (NOT_THE_RATIO.test(lastClause)) continue;
    pairs.push({ fraction, percent });
  }
  return pairs;
}

/**
 * Undefined when the typed percentage is right under some reading (both sides of the fraction
 * read by one convention, the percentage by either); otherwise the mismatch, suggesting the
 * value nearest to what the clerk typed, at the precision they typed.
 */
function compare(fraction: RegExpExecArray, percent: RegExpExecArray): Omit<PercentMismatch, 'index'> | undefined {
  const typed = CONVENTIONS.map((c) => readNumber(percent[1]!, c)).filter((t) => t !== undefined && t.decimals <= MAX_FORMAT_DECIMALS);
  let closest: { distance: number; expected: string } | undefined;
  for (const convention of CONVENTIONS) {
    const numerator = readNumber(fraction[1]!, convention);
    const denominator = readNumber(fraction[3]!, convention);
    if (!numerator || !denominator || !(denominator.value > 0)) continue;
    const ratio = (numerator.value / denominator.value) * 100;
    if (!Number.isFinite(ratio)) continue;
    for (const t of typed) {
      const rounded = roundHalfUp(ratio, t!.decimals);
      const distance = Math.abs(rounded - t!.value);
      if (distance <= 1e-9 * Math.max(1, Math.abs(t!.value))) return undefined;
      if (!closest || distance < closest.distance) closest = { distance, expected: `${formatNumber(rounded, t!.decimals)}%` };
    }
  }
  return closest && { fraction: fraction[0].trim(), typed: percent[0], expected: closest.expected };
}

/** A whole typed percentage: "97,1%", "97.1 %", "100%". */
const WHOLE_PERCENT = new RegExp(String.raw`^\s*(${NUMBER})\s?%\s*$`, 'u');

/** The number of a cell that is one typed percentage ("97,1%" → "97,1"), or undefined. */
export function wholePercent(text: string): string | undefined {
  return WHOLE_PERCENT.exec(text)?.[1];
}

/**
 * A typed percentage's number ("97,1") against a ratio in percent (97.087…): undefined when it is
 * the ratio rounded to the decimals typed (read either way: "97.1" too); otherwise the ratio at
 * that precision, in the Vietnamese format ("97,1%"), and the decimals typed.
 */
export function percentDisagrees(typed: string, ratio: number): { expected: string; decimals: number } | undefined {
  const readings = CONVENTIONS.map((c) => readNumber(typed, c)).filter((t): t is Reading => t !== undefined && t.decimals <= MAX_FORMAT_DECIMALS);
  if (readings.length === 0) return undefined;
  for (const t of readings) if (Math.abs(roundHalfUp(ratio, t.decimals) - t.value) <= 1e-9 * Math.max(1, Math.abs(t.value))) return undefined;
  const decimals = readings[0]!.decimals;
  return { expected: `${formatNumber(roundHalfUp(ratio, decimals), decimals)}%`, decimals };
}
