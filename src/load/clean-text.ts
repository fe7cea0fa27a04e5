/**
 * Text as the rest of the tool sees it: NFC, without characters no document should carry.
 * Removed at load, with a warning, so that no renderer ever sees them and the DOCX and the PDF
 * show the same text:
 * - control characters (C0 and C1, DEL) other than tab and line break, and what XML 1.0 forbids
 *   (U+FFFE, U+FFFF, lone surrogates): invisible, printed as boxes, or a corrupt DOCX;
 * - bidirectional controls (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C): Vietnamese never
 *   needs them, and they make displayed text differ from what is stored (U+202E reverses it).
 */

export type RemovedKind = 'control' | 'bidi';

export interface RemovedCharacter {
  /** Index in the text before cleaning (UTF-16 code units). */
  index: number;
  codePoint: number;
  kind: RemovedKind;
}

export interface CleanText {
  text: string;
  removed: RemovedCharacter[];
  /** An offset in `text` → the offset in the text before cleaning. */
  toRaw: (offset: number) => number;
}

export function removedKind(codePoint: number): RemovedKind | undefined {
  if (codePoint === 0x09 || codePoint === 0x0a) return undefined;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'control';
  if (codePoint === 0xfffe || codePoint === 0xffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return 'control';
  if (codePoint === 0x200e || codePoint === 0x200f || codePoint === 0x061c) return 'bidi';
  if ((codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069)) return 'bidi';
  return undefined;
}

// Tab, line break and printable ASCII: nothing to remove, nothing to normalise (most keys, codes, dates).
const PLAIN_ASCII = /^[\t\n\u0020-\u007e]*$/;
// A quick test before the per-character walk; lone surrogates are found by isWellFormed below.
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;

const unchanged = (offset: number): number => offset;

/** True when cleaning would return `raw` itself; the cheapest tests first, each one pass. */
function isClean(raw: string): boolean {
  if (PLAIN_ASCII.test(raw)) return true;
  return !SUSPECT.test(raw) && raw.isWellFormed() && raw.normalize('NFC') === raw;
}

export function cleanText(raw: string): CleanText {
  if (isClean(raw)) return { text: raw, removed: [], toRaw: unchanged };
  const removed: RemovedCharacter[] = [];
  // Each segment is a character and the marks that follow it; NFC never joins across them for
  // the scripts a report uses, so its offsets map back segment by segment.
  const segments: Array<{ raw: number; text: string }> = [];
  let kept = '';
  let segmentStart = -1;
  const flush = (end: number) => {
    if (segmentStart >= 0) segments.push({ raw: segmentStart, text: raw.slice(segmentStart, end) });
    segmentStart = -1;
  };
  for (let i = 0; i < raw.length; ) {
    const code = raw.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const kind = removedKind(code);
    if (kind) {
      flush(i);
      removed.push({ index: i, codePoint: code, kind });
    } else {
      const isMark = /\p{M}/u.test(String.fromCodePoint(code));
      if (!isMark || segmentStart < 0) {
        flush(i);
        segmentStart = i;
      }
    }
    i += width;
  }
  flush(raw.length);
  const starts: number[] = [];
  const rawStarts: number[] = [];
  const rawLengths: number[] = [];
  for (const segment of segments) {
    starts.push(kept.length);
    rawStarts.push(segment.raw);
    rawLengths.push(segment.text.length);
    kept += segment.text.normalize('NFC');
  }
  const text = kept.normalize('NFC');
  const exact = text === kept;
  const toRaw = (offset: number): number => {
    if (!exact) return Math.min(offset, raw.length);
    // The last segment starting at or before offset.
    let low = 0;
    let high = starts.length - 1;
    if (high < 0 || offset >= text.length) return raw.length;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return rawStarts[low]! + Math.min(offset - starts[low]!, rawLengths[low]! - 1);
  };
  return { text, removed, toRaw };
}
