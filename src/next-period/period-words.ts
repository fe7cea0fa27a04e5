/**
 * Period words in the text: "quý III năm 2024" → "quý IV năm 2024", keeping the case of the
 * original ("Quý III…", "QUÝ III…"). Only words that name exactly the old period change: "6 tháng
 * đầu năm 2024" stays in a quarter-III → quarter-IV file, and so does "quý III năm 2023".
 */
import { toRoman } from '../markup/format-vi.js';
import { periodPhrase, type Period } from '../core/period.js';
import { followingPeriod, parsePeriod } from './period-order.js';

interface Rewrite {
  pattern: RegExp;
  replacement: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const notWordBefore = '(?<![\\p{L}\\p{N}])';
const notWordAfter = '(?![\\p{L}\\p{N}])';

const phrase = (period: Period): Rewrite['pattern'] => new RegExp(`${notWordBefore}${escape(periodPhrase(period))}${notWordAfter}`, 'giu');

function rewrites(from: Period, to: Period): Rewrite[] {
  const list: Rewrite[] = [{ pattern: phrase(from), replacement: periodPhrase(to) }];
  // "Nhiệm vụ trọng tâm quý I năm 2027" in the Q4 2026 file names the period after it: in the Q1
  // 2027 file it is the period after that, "quý II năm 2027" (same kind of period only).
  const afterFrom = parsePeriod(followingPeriod(from));
  const afterTo = parsePeriod(followingPeriod(to));
  if (from.kind === to.kind && afterFrom && afterTo && afterFrom.id !== from.id) list.push({ pattern: phrase(afterFrom), replacement: periodPhrase(afterTo) });
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
  const list = rewrites(from, to);
  // One pass over the text: a phrase already rewritten ("quý IV năm 2026" → "quý I năm 2027") is
  // never rewritten again by the rule for the period after ("quý I năm 2027" → "quý II năm 2027").
  const combined = new RegExp(list.map((r) => `(${r.pattern.source})`).join('|'), 'giu');
  const result = text.normalize('NFC').replace(combined, (match: string, ...groups: unknown[]) => {
    const which = list.findIndex((_, i) => groups[i] !== undefined);
    const after = inCaseOf(match, list[which]!.replacement);
    changes.push({ before: match, after });
    return after;
  });
  return { text: result, changes };
}
