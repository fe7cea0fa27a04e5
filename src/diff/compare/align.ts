/**
 * Aligns two sequences (paragraphs of a zone, or footnotes) by content: equal items by a longest
 * common subsequence of their keys (first of the anchors, section headings, then of the items between two
 * equal anchors, so a paragraph moved across a heading is the move, never the heading), then, between two equal anchors, removed and added items
 * paired when their words are alike (a changed paragraph), then an unpaired removed item whose key
 * equals an unpaired added one anywhere else is a move. The result is in the new document's
 * order, with removed items (and the old place of moved ones) where they stood.
 */
import { diffArrays } from 'diff';
import { similarity } from './word-diff.js';

export type Pairing =
  | { op: 'same'; old: number; new: number }
  | { op: 'changed'; old: number; new: number }
  | { op: 'added'; new: number }
  | { op: 'removed'; old: number }
  | { op: 'moved-from'; old: number; new: number }
  | { op: 'moved-to'; old: number; new: number };

export interface AlignInput {
  keys: readonly string[];
  /** Items that keep their place when an equal-length alternative would move them (section headings). */
  anchor?(i: number): boolean;
  /** Word tokens of item i, asked only for items left unmatched (so computed lazily). */
  tokens(i: number): readonly string[];
}

/** Memoized tokens over a list of texts. */
export function lazyTokens(texts: readonly string[], tokenize: (text: string) => string[]): (i: number) => readonly string[] {
  const cache = new Map<number, string[]>();
  return (i) => {
    let t = cache.get(i);
    if (!t) {
      t = tokenize(texts[i] ?? '');
      cache.set(i, t);
    }
    return t;
  };
}

/** Words in common needed to call two items one changed item. */
const PAIR_THRESHOLD = 0.5;

export function align(
  before: AlignInput,
  after: AlignInput,
  canPair: (oldIndex: number, newIndex: number) => boolean = () => true,
  /** Two items at the same place (a table cell by its row and column): a changed item whatever their words. */
  samePlace: (oldIndex: number, newIndex: number) => boolean = () => false,
): Pairing[] {
  const out: Pairing[] = [];
  let oi = 0;
  let ni = 0;
  const pendingRemoved: number[] = [];
  const pendingAdded: number[] = [];
  const gapPairs: Pairing[][] = [];
  const flush = () => {
    if (pendingRemoved.length === 0 && pendingAdded.length === 0) return;
    const gap = pairGap([...pendingRemoved], [...pendingAdded], before, after, canPair, samePlace);
    gapPairs.push(gap);
    out.push(...gap);
    pendingRemoved.length = 0;
    pendingAdded.length = 0;
  };
  for (const change of anchoredDiff(before, after)) {
    const n = change.count;
    if (change.op === 'removed') for (let k = 0; k < n; k++) pendingRemoved.push(oi++);
    else if (change.op === 'added') for (let k = 0; k < n; k++) pendingAdded.push(ni++);
    else {
      flush();
      for (let k = 0; k < n; k++) out.push({ op: 'same', old: oi++, new: ni++ });
    }
  }
  flush();
  return findMoves(out, before, after);
}

interface Run {
  op: 'same' | 'removed' | 'added';
  count: number;
}

function lcsRuns(before: readonly string[], after: readonly string[]): Run[] {
  return diffArrays(before as string[], after as string[]).map((c) => ({ op: c.removed ? 'removed' : c.added ? 'added' : 'same', count: c.value.length }));
}

/** The longest common subsequence of the anchors first, then of the items between two equal anchors. */
function anchoredDiff(before: AlignInput, after: AlignInput): Run[] {
  const anchors = (side: AlignInput) => side.keys.map((_, i) => i).filter((i) => side.anchor?.(i) === true);
  const oldAnchors = anchors(before);
  const newAnchors = anchors(after);
  if (oldAnchors.length === 0 || newAnchors.length === 0) return lcsRuns(before.keys, after.keys);
  const out: Run[] = [];
  let oi = 0;
  let ni = 0;
  let a = 0;
  let b = 0;
  const upTo = (o: number, n: number) => {
    out.push(...lcsRuns(before.keys.slice(oi, o), after.keys.slice(ni, n)));
    oi = o;
    ni = n;
  };
  for (const run of lcsRuns(oldAnchors.map((i) => before.keys[i]!), newAnchors.map((i) => after.keys[i]!))) {
    if (run.op === 'removed') a += run.count;
    else if (run.op === 'added') b += run.count;
    else
      for (let k = 0; k < run.count; k++, a++, b++) {
        upTo(oldAnchors[a]!, newAnchors[b]!);
        out.push({ op: 'same', count: 1 });
        oi++;
        ni++;
      }
  }
  upTo(before.keys.length, after.keys.length);
  return out;
}

/** Pairs removed with added items of one gap, in order (no crossings), best match first. */
function pairGap(
  removed: number[],
  added: number[],
  before: AlignInput,
  after: AlignInput,
  canPair: (o: number, n: number) => boolean,
  samePlace: (o: number, n: number) => boolean,
): Pairing[] {
  const pairs = new Map<number, number>(); // new → old
  let from = 0;
  for (const o of removed) {
    let best = -1;
    let bestScore = PAIR_THRESHOLD;
    for (let k = from; k < added.length; k++) {
      const n = added[k]!;
      if (!canPair(o, n)) continue;
      const score = samePlace(o, n) ? 2 : similarity(before.tokens(o), after.tokens(n));
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = k;
        bestScore = score;
      }
    }
    if (best >= 0) {
      pairs.set(added[best]!, o);
      from = best + 1;
    }
  }
  const out: Pairing[] = [];
  const pairedOld = new Set(pairs.values());
  let r = 0;
  for (const n of added) {
    const o = pairs.get(n);
    if (o !== undefined) {
      while (r < removed.length && removed[r]! < o) {
        if (!pairedOld.has(removed[r]!)) out.push({ op: 'removed', old: removed[r]! });
        r++;
      }
      if (removed[r] === o) r++;
      out.push({ op: 'changed', old: o, new: n });
    } else out.push({ op: 'added', new: n });
  }
  for (; r < removed.length; r++) if (!pairedOld.has(removed[r]!)) out.push({ op: 'removed', old: removed[r]! });
  return out;
}

function findMoves(pairings: Pairing[], before: AlignInput, after: AlignInput): Pairing[] {
  const addedByKey = new Map<string, number[]>();
  pairings.forEach((p, i) => {
    if (p.op !== 'added') return;
    const key = after.keys[p.new]!;
    if (key.trim() === '') return;
    addedByKey.set(key, [...(addedByKey.get(key) ?? []), i]);
  });
  const moves = new Map<number, number>(); // index of removed pairing → index of added pairing
  pairings.forEach((p, i) => {
    if (p.op !== 'removed') return;
    const candidates = addedByKey.get(before.keys[p.old]!);
    const target = candidates?.shift();
    if (target !== undefined) moves.set(i, target);
  });
  if (moves.size === 0) return pairings;
  const targetOf = new Map<number, number>();
  for (const [from, to] of moves) targetOf.set(to, from);
  return pairings.map((p, i) => {
    const to = moves.get(i);
    if (to !== undefined && p.op === 'removed') return { op: 'moved-from', old: p.old, new: (pairings[to] as { new: number }).new };
    const from = targetOf.get(i);
    if (from !== undefined && p.op === 'added') return { op: 'moved-to', old: (pairings[from] as { old: number }).old, new: p.new };
    return p;
  });
}
