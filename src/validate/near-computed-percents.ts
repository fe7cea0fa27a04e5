/**
 * `percent-near-computed`: a percentage typed in a text that is *almost* a ratio the document
 * computes elsewhere — a table's `tinh: ty_le` column, in a row or in its total — from the same
 * counts: a typed "96,67%" where the table prints 96,68%. Usually a figure copied from an earlier
 * draft or rounded by hand. A warning naming both places.
 *
 * Only when both hold, so that a percentage that merely looks alike is never flagged:
 *   - the typed value is within NEAR (0,05 percentage points) of the computed ratio, but is not
 *     the ratio rounded to the decimals typed (at 0 decimals that never happens: 97% is 96,5–97,49…);
 *   - its sentence names the same thing: the row's name ("Đất đai"), or a count of the ratio
 *     (its numerator or denominator, as printed: "2.101") of at least MIN_TIED_COUNT.
 * A percentage that follows its own fraction ("2.101/2.111, đạt 99,53%") is checked against that
 * fraction (percent-mismatch), not here.
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import { formatNumber } from '../markup/format-vi.js';
import { typedPercents } from '../markup/typed-percents.js';
import { pairedPercents, percentDisagrees, readNumber } from './typed-percentages.js';

/** A ratio a table computes: its exact value in percent, its counts, and where and what it is. */
export interface ComputedRatio {
  percent: number;
  numerator: number;
  denominator: number;
  /** The row's name, when the row has one ("Đất đai"); none for a total. */
  label?: string;
  /** How the message names it: `cột "Tỷ lệ đúng hạn", dòng Đất đai`. */
  what: string;
  where: SourcePosition;
}

export interface NearComputedPercent {
  typed: string;
  /** Offset of the typed percentage in the text. */
  index: number;
  ratio: ComputedRatio;
  /** The ratio at the precision typed ("96,68%"). */
  expected: string;
}

const NEAR = 0.05;
const MIN_TIED_COUNT = 100;
const SENTENCE_END = /[.;!?…](?=\s|$)/gu;

export function nearComputedPercents(text: string, ratios: readonly ComputedRatio[]): NearComputedPercent[] {
  if (ratios.length === 0 || !text.includes('%')) return [];
  const paired = new Set(pairedPercents(text).map(({ percent }) => percent.index));
  const found: NearComputedPercent[] = [];
  for (const percent of typedPercents(text)) {
    if (paired.has(percent.index)) continue;
    const number = /^[\d.,]+/.exec(percent.text)![0];
    const sentence = sentenceAround(text, percent.index).toLocaleLowerCase('vi');
    let best: NearComputedPercent | undefined;
    let bestDistance = Infinity;
    for (const ratio of ratios) {
      const wrong = percentDisagrees(number, ratio.percent);
      if (!wrong) continue;
      const typedValue = (readNumber(number, 'vi') ?? readNumber(number, 'en'))?.value ?? NaN;
      const distance = Math.abs(typedValue - ratio.percent);
      if (!(distance <= NEAR) || distance >= bestDistance || !tied(sentence, ratio)) continue;
      best = { typed: percent.text, index: percent.index, ratio, expected: wrong.expected };
      bestDistance = distance;
    }
    if (best) found.push(best);
  }
  return found;
}

function sentenceAround(text: string, index: number): string {
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match.index < index) start = match.index + 1;
    else {
      end = match.index;
      break;
    }
  }
  return text.slice(start, end);
}

function tied(sentence: string, ratio: ComputedRatio): boolean {
  if (ratio.label && ratio.label.trim().length >= 3 && sentence.includes(ratio.label.trim().toLocaleLowerCase('vi'))) return true;
  return [ratio.numerator, ratio.denominator].some((count) => count >= MIN_TIED_COUNT && new RegExp(`(?<![\\d.,])${escape(formatNumber(count))}(?![\\d]|[.,]\\d)`, 'u').test(sentence));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A `{{ty_le a b}}` of a text: the ratio it computes, from figures or numbers, and its offset there. */
export interface TextRatio {
  percent: number;
  numerator: number;
  denominator: number;
  /** `{{ty_le ho_so.dung_han ho_so.tiep_nhan}}` as written. */
  source: string;
  offset: number;
}

const RATIO_EXPRESSION = /\{\{\s*ty_le\s+([^\s{}()]+)\s+([^\s{}()]+)(?:\s+\d+)?\s*\}\}/gu;

/**
 * The ratios a text computes with `{{ty_le a b}}` whose two arguments are figures (or plain
 * numbers): another text's typed percentage almost equal to one of them is the same case as one
 * almost equal to a table's ratio. Expressions nested in others are left to their own check.
 */
export function ratiosInText(text: string, figures: ReadonlyMap<string, number>): TextRatio[] {
  if (!text.includes('ty_le')) return [];
  const value = (arg: string) => figures.get(arg) ?? (/^\d+$/.test(arg) ? Number(arg) : undefined);
  const found: TextRatio[] = [];
  for (const match of text.matchAll(RATIO_EXPRESSION)) {
    const numerator = value(match[1]!);
    const denominator = value(match[2]!);
    if (numerator === undefined || denominator === undefined || denominator === 0) continue;
    found.push({ percent: (numerator / denominator) * 100, numerator, denominator, source: match[0], offset: match.index });
  }
  return found;
}
