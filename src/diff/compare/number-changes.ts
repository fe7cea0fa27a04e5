/**
 * The figures table read from the text ("số liệu thay đổi"): the numbers printed in a changed
 * sentence or table cell that differ between the two sides, old and new as printed, with the
 * difference when both read as numbers. Numbers are read as Vietnamese prints them ("1.052",
 * "99,46%", "07"); dates ("16/9/2024") and document numbers ("45/KH-UBND") are not figures.
 */
import { diffArrays } from 'diff';
import type { Change, FigureSentence, NumberChange } from '../diff-result.js';
import type { WordPart } from './word-diff.js';

/** A date or a fraction-like reference (16/9/2024, 45/KH), read as one piece and set aside. */
const PIECE = /\d+(?:\/[\dA-Za-zĐđ-]+)+|\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|\d+(?:,\d+)?%?/gu;

/** The numbers printed in a text, in order ("1.052", "99,46%"); a digit inside a word ("Cv2") is none. */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  const nfc = text.normalize('NFC');
  for (const match of nfc.matchAll(PIECE)) {
    const token = match[0];
    const before = nfc[match.index - 1] ?? '';
    const after = nfc[match.index + token.length] ?? '';
    if (token.includes('/') || /[\p{L}\d]/u.test(before) || /[\p{L}]/u.test(after)) continue;
    out.push(token);
  }
  return out;
}

/** "1.052" → 1052, "99,46%" → 99.46, "07" → 7. */
export function numberValue(token: string): number | undefined {
  const value = Number(token.replace(/%$/, '').replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** The two texts a word diff joins: old (kept and deleted parts), new (kept and inserted). */
export function sidesOf(words: readonly WordPart[]): { old: string; new: string } {
  let before = '';
  let after = '';
  for (const part of words) {
    if (part.op !== '+') before += part.text;
    if (part.op !== '-') after += part.text;
  }
  return { old: before, new: after };
}

/** The numbers that differ between two texts: aligned in order, a number replaced pairs with its replacement. */
export function changedNumbers(oldText: string, newText: string): { old?: string; new?: string }[] {
  const out: { old?: string; new?: string }[] = [];
  let removed: string[] = [];
  const flush = (added: string[]) => {
    const n = Math.max(removed.length, added.length);
    for (let i = 0; i < n; i++) out.push({ ...(removed[i] !== undefined ? { old: removed[i] } : {}), ...(added[i] !== undefined ? { new: added[i] } : {}) });
    removed = [];
  };
  for (const part of diffArrays(numbersIn(oldText), numbersIn(newText))) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) flush(part.value);
    else flush([]);
  }
  flush([]);
  return out;
}

/** A number's difference, rounded as figures are printed (1.236 − 1,85 is not −0.6139999…). */
export function differenceOf(old: string | undefined, now: string | undefined): number | undefined {
  const a = old === undefined ? undefined : numberValue(old);
  const b = now === undefined ? undefined : numberValue(now);
  if (a === undefined || b === undefined) return undefined;
  return Math.round((b - a) * 1e9) / 1e9;
}

/** A changed sentence, cell or footnote as the place a number is printed, or undefined for other changes. */
export function sentenceOf(change: Change): FigureSentence | undefined {
  switch (change.kind) {
    case 'paragraph-changed':
      return { section: change.section, words: change.words };
    case 'cell-changed':
      return { section: change.section, cell: change.cell, words: change.words };
    case 'footnote-changed':
      return { section: change.section, footnote: change.number, words: change.words };
    default:
      return undefined;
  }
}

/** Every number that changed in the changed sentences, cells (and the totals under them) and footnotes. */
export function numberChanges(changes: readonly Change[]): NumberChange[] {
  const out: NumberChange[] = [];
  for (const change of changes) {
    const sentence = sentenceOf(change);
    if (!sentence) continue;
    const sides = sidesOf(sentence.words);
    for (const pair of changedNumbers(sides.old, sides.new)) {
      const difference = differenceOf(pair.old, pair.new);
      out.push({ ...pair, ...(difference !== undefined ? { difference } : {}), ...sentence });
    }
    if (change.kind !== 'cell-changed') continue;
    for (const total of change.totals ?? []) {
      for (const pair of changedNumbers(total.old, total.new)) {
        const difference = differenceOf(pair.old, pair.new);
        out.push({ ...pair, ...(difference !== undefined ? { difference } : {}), section: change.section, cell: total.cell, words: [{ op: '-', text: total.old }, { op: '+', text: total.new }] });
      }
    }
  }
  return out;
}
