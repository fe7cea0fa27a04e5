/**
 * Period words in the text: "quý III năm 2024" → "quý IV năm 2024", keeping the case of the
 * original ("Quý III…", "QUÝ III…"). Only words that name exactly the old period change: "6 tháng
 * đầu năm 2024" stays in a quarter-III → quarter-IV file, and so does "quý III năm 2023".
 */
import { toRoman } from '../markup/format-vi.js';
import { periodPhrase, type Period } from '../core/period.js';

interface Rewrite {
  pattern: RegExp;
  replacement: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const notWordBefore = '(?<![\\p{L}\\p{N}])';
const notWordAfter = '(?![\\p{L}\\p{N}])';

function rewrites(from: Period, to: Period): Rewrite[] {
  const list: Rewrite[] = [
    { pattern: new RegExp(`${notWordBefore}${escape(periodPhrase(from))}${notWordAfter}`, 'giu'), replacement: periodPhrase(to) },
  ];
  // "Trong quý III UBND phường …": a quarter named without its year is this file's quarter.
  if (from.kind === 'quy' && to.kind === 'quy') {
    list.push({
      pattern: new RegExp(`${notWordBefore}quý ${toRoman(from.quarter ?? 1)}${notWordAfter}(?! năm \\d)`, 'giu'),
      replacement: `quý ${toRoman(to.quarter ?? 1)}`,
    });
  }
  return list;
}

/** "quý IV" in the case of `original`: all capitals, a capital first letter, or as is. */
function inCaseOf(original: string, replacement: string): string {
  if (original === original.toUpperCase() && original !== original.toLowerCase()) return replacement.toUpperCase();
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

export interface WordChange {
  before: string;
  after: string;
}

/** The text with the old period's words replaced, and each replacement made. */
export function rewritePeriodWords(text: string, from: Period, to: Period): { text: string; changes: WordChange[] } {
  const changes: WordChange[] = [];
  let result = text.normalize('NFC');
  for (const { pattern, replacement } of rewrites(from, to)) {
    result = result.replace(pattern, (match) => {
      const after = inCaseOf(match, replacement);
      changes.push({ before: match, after });
      return after;
    });
  }
  return { text: result, changes };
}
