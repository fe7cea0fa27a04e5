/**
 * Numbering typed as text at the start of a paragraph (or shown by Word's automatic numbering):
 * "I." (la-ma), "1." (so), "2.1." (so-long), "a)" (chu), "-" (gach), "+" (cong), "Điều 1." (an
 * article). The kinds are baocao's numbering styles, so a recognised level maps to `danh_so`.
 */
import type { NumberingStyle } from '../core/schema.js';

export type LabelKind = NumberingStyle | 'dieu';

export interface TypedLabel {
  kind: LabelKind;
  /** The label as printed ("II.", "2.1.", "đ)"). */
  label: string;
  /** Characters of the text it takes, with the space after it. */
  length: number;
}

const ROMAN = /^(M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3}))\.[\s\u00a0]+/;
const ARTICLE = /^(Điều\s+\d+)\.[\s\u00a0]*/u;
const LONG = /^(\d{1,2}(\.\d{1,2})+)\.?[\s\u00a0]+/;
const NUMBER = /^(\d{1,2})[.)][\s\u00a0]+/;
const LETTER = /^([a-zđ])\)[\s\u00a0]+/u;
const DASH = /^[-–—•·][\s\u00a0]+/u;
const PLUS = /^\+[\s\u00a0]+/;

export function typedLabel(text: string): TypedLabel | undefined {
  const roman = ROMAN.exec(text);
  if (roman && roman[1] !== '') return { kind: 'la-ma', label: `${roman[1]}.`, length: roman[0].length };
  const article = ARTICLE.exec(text);
  if (article) return { kind: 'dieu', label: `${article[1]!.replace(/\s+/g, ' ')}.`, length: article[0].length };
  const long = LONG.exec(text);
  if (long) return { kind: 'so-long', label: `${long[1]}.`, length: long[0].length };
  const number = NUMBER.exec(text);
  if (number) return { kind: 'so', label: `${number[1]}.`, length: number[0].length };
  const letter = LETTER.exec(text);
  if (letter) return { kind: 'chu', label: `${letter[1]})`, length: letter[0].length };
  const dash = DASH.exec(text);
  if (dash) return { kind: 'gach', label: '-', length: dash[0].length };
  const plus = PLUS.exec(text);
  if (plus) return { kind: 'cong', label: '+', length: plus[0].length };
  return undefined;
}

/** The kind of a label Word's numbering shows ("II.", "a)", "-"), read like a typed one. */
export function autoLabelKind(label: string): TypedLabel | undefined {
  const found = typedLabel(`${label} `);
  if (found) return { ...found, length: 0 };
  // Word's lowerLetter runs a, b, c … f: a letter outside the Vietnamese alphabet is still a point.
  const letter = /^([a-z])[.)]$/.exec(label);
  return letter ? { kind: 'chu', label: `${letter[1]})`, length: 0 } : undefined;
}
