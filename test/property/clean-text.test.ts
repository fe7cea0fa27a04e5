/**
 * Text cleaning at load (src/load/clean-text.ts) answers "nothing to change" for plain texts
 * without walking them. Property (fast-check) over random texts mixing Vietnamese with combining
 * marks, decomposed letters, singletons, controls, bidirectional controls and lone surrogates: a
 * text comes back unchanged, with nothing removed, exactly when it is well formed, NFC and holds
 * no character cleaning removes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, removedKind } from '../../src/load/clean-text.js';

/** What cleaning must leave alone: well formed, NFC, and no character it removes. */
function unchangedByCleaning(text: string): boolean {
  return text.isWellFormed() && text.normalize('NFC') === text && [...text].every((c) => removedKind(c.codePointAt(0)!) === undefined);
}

describe('clean text', () => {
  it('gives a text back unchanged exactly when cleaning has nothing to do (random texts)', () => {
    const tricky = [
      'a', 'e', 'o', 'u', 'Đ', 'đ', 'ơ', 'ư', 'ạ', 'ế', 'ữ', 'Ỹ', ' ', '\t', '\n', '–', '…', '“', '”', '%', '₫', ',', '.',
      '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u031b', // combining marks: "e\u0301" is not NFC
      '\u0340', '\u0341', '\u0343', '\u0374', '\u037e', '\u0387', '\u2000', '\u2001', '\u2126', '\u212a', '\u212b', '\u2329', '\uf900', // singletons
      '\u1100', '\u1161', '\u11a8', '\u0b47', '\u0bbe', // Hangul jamo and a vowel that compose with what precedes
      '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ufffe', '\uffff', // controls
      '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u061c', // bidirectional controls
      '\ud800', '\udc00', '\ud83d\ude00', // lone surrogates, and an emoji
      '\u2028', '\u202f', '\u00a0', '\u02ff', '\u1e00', '\u1eff', '\u2010', '\u2027', '\u2030', '\u205e', '\u205f', // edges of the Latin, Vietnamese and punctuation blocks
    ];
    const text = fc.array(fc.constantFrom(...tricky), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (raw) => {
        const cleaned = cleanText(raw);
        const untouched = cleaned.text === raw && cleaned.removed.length === 0;
        expect(untouched, JSON.stringify(raw)).toBe(unchangedByCleaning(raw));
      }),
      { numRuns: 3000, seed: 20261207 },
    );
  });
});
