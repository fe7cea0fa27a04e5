/**
 * Percentages typed by hand in a text ("đạt 96,67%", "0,093 %"): not those an expression computes
 * (`{{ty_le …}}` is replaced by its value when the text is printed, never typed). Shared by the
 * check against their fraction (src/validate/typed-percentages.ts), ky-moi's marks and the
 * stale-figure check that reads them back.
 */

/** A number as written: "1.049", "81.889.689.373", "2,150", "71.6", "1,049" (English grouping). */
export const WRITTEN_NUMBER = String.raw`\d+(?:[.,]\d+)*`;
/** A typed percentage: the number (group 1) and "%", with or without a space. */
export const PERCENT_SOURCE = String.raw`(?<![\d.,])(${WRITTEN_NUMBER})\s?%`;

export interface TypedPercent {
  /** As typed: "96,67%", "0,093 %". */
  text: string;
  /** Offset in the text. */
  index: number;
}

/** The typed percentages of a text, outside its `{{…}}` expressions. */
export function typedPercents(text: string): TypedPercent[] {
  if (!text.includes('%')) return [];
  // Blank the expressions out (same length, so offsets hold): a number in one is not typed.
  const typed = text.replace(/\{\{[\s\S]*?\}\}/g, (expression) => ' '.repeat(expression.length));
  return [...typed.matchAll(new RegExp(PERCENT_SOURCE, 'gu'))].map((match) => ({ text: match[0], index: match.index }));
}
