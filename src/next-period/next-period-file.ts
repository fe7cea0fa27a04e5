/**
 * One period file → the next period's file, as text. The `yaml` Document API edits the parsed
 * document in place, so comments, key order, quoting and blank lines stay as the clerk wrote them:
 *   - `so` is emptied (not yet registered) and `ngay` removed, also in `ban_hanh_kem_theo`;
 *   - words naming the old period are rewritten in every text (period-words.ts);
 *   - every figure of `so_lieu` keeps its value and gets the mark `# kỳ trước: 537 — cập nhật`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from '../load/yaml-library.js';
import type { Period } from '../core/period.js';
import { rewritePeriodWords, type WordChange } from './period-words.js';
import { staleMark } from '../core/stale-mark.js';

export interface NextPeriodFile {
  text: string;
  /** Each rewritten period phrase, with the line it is on in the source. */
  words: (WordChange & { line: number })[];
  /** Figures of so_lieu marked for update. */
  figures: number;
}

const notRegistered = ' chưa vào sổ: điền số khi ban hành';

/** Empties `so` and removes `ngay` of one map (the document, or its ban_hanh_kem_theo). */
function clearRegistration(map: unknown): void {
  if (!isMap(map)) return;
  if (map.has('so')) {
    const empty = new Scalar(null);
    empty.comment = notRegistered;
    map.set('so', empty);
  }
  map.delete('ngay');
}

function markFigures(node: Node | null | undefined): number {
  if (isScalar(node)) {
    if (typeof node.value !== 'number') return 0;
    const previous = node.comment ? `; ${node.comment.trim()}` : '';
    node.comment = `${staleMark(node.value)}${previous}`;
    return 1;
  }
  let count = 0;
  if (isMap(node)) for (const pair of node.items) count += isPair(pair) ? markFigures(pair.value as Node | null) : 0;
  if (isSeq(node)) for (const item of node.items) count += markFigures(item as Node | null);
  return count;
}

/** Null prints as nothing (`so:`), the way a clerk leaves a field blank. */
const printOptions = { lineWidth: 0, nullStr: '' } as const;

export function nextPeriodFile(text: string, from: Period, to: Period): NextPeriodFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { version: '1.2', keepSourceTokens: false, lineCounter });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  const words: NextPeriodFile['words'] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const rewritten = rewritePeriodWords(node.value, from, to);
      if (rewritten.changes.length === 0) return;
      const line = node.range ? lineCounter.linePos(node.range[0]).line : 0;
      words.push(...rewritten.changes.map((change) => ({ ...change, line })));
      node.value = rewritten.text;
    },
  });
  clearRegistration(doc.contents);
  if (isMap(doc.contents)) clearRegistration(doc.contents.get('ban_hanh_kem_theo', true));
  const figures = isMap(doc.contents) ? markFigures(doc.contents.get('so_lieu', true) as Node | undefined) : 0;
  return { text: doc.toString(printOptions), words, figures };
}
