/**
 * Word-level differences inside a paragraph. Vietnamese words are space-separated syllables, so a
 * token is a run of letters, marks and digits, a run of spaces, or one other character; text is
 * compared in NFC, so "hoàn thành" and "hoàn thanh" differ and a decomposed "à" equals a composed one.
 */
import { diffArrays } from 'diff';

export interface WordPart {
  /** `=` unchanged, `+` inserted, `-` deleted. */
  op: '=' | '+' | '-';
  text: string;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokens(text: string): string[] {
  return text.normalize('NFC').match(TOKEN) ?? [];
}

/** Differences between two token lists, merged into parts (a deletion before its insertion). */
export function diffTokens(oldTokens: readonly string[], newTokens: readonly string[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const change of diffArrays(oldTokens as string[], newTokens as string[])) {
    const op = change.added ? '+' : change.removed ? '-' : '=';
    const text = change.value.join('');
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  }
  return joinPhrases(parts);
}

/**
 * "chỉ đạo quyết liệt," → "chỉ đạo sát sao,": changes separated only by spaces read as one
 * phrase replaced ([-quyết liệt-]{+sát sao+}), not as word salad.
 */
function joinPhrases(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  let i = 0;
  while (i < parts.length) {
    if (parts[i]!.op === '=') {
      out.push(parts[i++]!);
      continue;
    }
    let removed = '';
    let added = '';
    let j = i;
    while (j < parts.length) {
      const p = parts[j]!;
      if (p.op === '-') removed += p.text;
      else if (p.op === '+') added += p.text;
      else if (/^\s+$/.test(p.text) && j + 1 < parts.length && parts[j + 1]!.op !== '=') {
        removed += p.text;
        added += p.text;
      } else break;
      j++;
    }
    if (removed !== '') out.push({ op: '-', text: removed });
    if (added !== '') out.push({ op: '+', text: added });
    i = j;
  }
  return out;
}

/** What a reviewer reads: runs of spaces count as one space (a PDF does not keep them). */
export function diffWordsVi(oldText: string, newText: string): WordPart[] {
  const words = (text: string) => tokens(text).map((t) => (/^\s+$/.test(t) && t !== '\n' ? ' ' : t));
  return diffTokens(words(oldText), words(newText));
}

/** Whether anything differs. */
export function hasChanges(parts: readonly WordPart[]): boolean {
  return parts.some((p) => p.op !== '=');
}

/** Similarity of two texts by their word tokens (Dice coefficient over multisets), 0 … 1. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const words = (t: readonly string[]) => t.filter((x) => !/^\s+$/.test(x));
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 && wb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}
