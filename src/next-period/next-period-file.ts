/**
 * One period file → the next period's file, as text. The `yaml` Document API edits the parsed
 * document in place, so comments, key order, quoting and blank lines stay as the clerk wrote them:
 *   - `so` is emptied (not yet registered) and `ngay` removed, also in `ban_hanh_kem_theo`;
 *   - words naming the old period are rewritten in every text (period-words.ts);
 *   - every figure of `so_lieu`, and every number typed in a table's columns of figures, keeps its
 *     value and gets the mark `# kỳ trước: 537 — cập nhật`;
 *   - every text with percentages typed by hand ("đạt 96,67%") gets them in one mark
 *     `# kỳ trước: 96,67% — cập nhật` (not `{{ty_le …}}`: computed from the new figures);
 *   - every date in the text that falls in the old period is listed (it cannot know the new one).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from '../load/yaml-library.js';
import type { YAMLMap } from 'yaml';
import type { Period } from '../core/period.js';
import { rewritePeriodWords, type WordChange } from './period-words.js';
import { staleMark, stalePercentsMark } from '../core/stale-mark.js';
import { typedPercents } from '../markup/typed-percents.js';

export interface NextPeriodFile {
  text: string;
  /** Each rewritten period phrase, with the line it is on in the source. */
  words: (WordChange & { line: number })[];
  /** Figures of so_lieu marked for update. */
  figures: number;
  /** Numbers typed in the columns of figures of tables, marked for update, with their lines. */
  cells: { line: number; value: number }[];
  /** Percentages typed in the texts, marked for update, with their lines. */
  percents: { line: number; text: string }[];
  /** Dates in the text that fall in the old period (the new ones cannot be known: listed to check). */
  dates: { line: number; text: string }[];
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
  const cells: NextPeriodFile['cells'] = [];
  const percents: NextPeriodFile['percents'] = [];
  const dates: NextPeriodFile['dates'] = [];
  const lineOf = (node: Node) => (node.range ? lineCounter.linePos(node.range[0]).line : 0);
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== 'bang' || !isMap(pair.value)) return;
      for (const cell of typedFigureCells(pair.value)) {
        cells.push({ line: lineOf(cell), value: cell.value as number });
        const previous = cell.comment ? `; ${cell.comment.trim()}` : '';
        cell.comment = `${staleMark(cell.value as number)}${previous}`;
      }
    },
    Scalar(key, node) {
      if (typeof node.value !== 'string' || key === 'key') return;
      for (const date of datesIn(node.value, from)) dates.push({ line: lineOf(node), text: date });
      const typed = typedPercents(node.value).map((percent) => percent.text);
      if (typed.length === 0) return;
      percents.push(...typed.map((text) => ({ line: lineOf(node), text })));
      const previous = node.comment ? `; ${node.comment.trim()}` : '';
      node.comment = `${stalePercentsMark(typed)}${previous}`;
    },
  });
  return { text: doc.toString(printOptions), words, figures, cells, percents, dates };
}

/**
 * The numbers typed in a table's columns of figures (`kieu: so`), in `dong` and a typed `tong`:
 * last period's counts, to update like so_lieu's. Cells written as "{{…}}" and rows from so_lieu
 * are not typed numbers (their figures are marked in so_lieu).
 */
function typedFigureCells(table: YAMLMap): Scalar[] {
  const columns = table.get('cot', true);
  if (!isSeq(columns)) return [];
  // A row writes no cell for a computed column (tinh): the row's positions are the other columns'.
  const inputs = columns.items.filter((column) => !(isMap(column) && column.has('tinh')));
  const figureAt = inputs.map((column) => isMap(column) && column.get('kieu') === 'so');
  const found: Scalar[] = [];
  const row = (node: unknown) => {
    if (!isSeq(node)) return;
    node.items.forEach((cell, i) => {
      if (figureAt[i] && isScalar(cell) && typeof cell.value === 'number') found.push(cell);
    });
  };
  const rows = table.get('dong', true);
  if (isSeq(rows)) rows.items.forEach(row);
  row(table.get('tong', true));
  return found;
}

/** "05/12/2026", "5-12-2026", "ngày 05 tháng 12 năm 2026" inside a text, when they fall in `period`. */
const DATE_PATTERNS = [/(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?![\d/])/gu, /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu];

function datesIn(text: string, period: Period): string[] {
  const [first, last] = monthsOf(period);
  const found: string[] = [];
  for (const pattern of DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const day = Number(match[1]);
      const month = Number(match[2]);
      const year = Number(match[3]);
      if (day >= 1 && day <= 31 && year === period.year && month >= first && month <= last) found.push(match[0]);
    }
  }
  return found;
}

/** The months a period covers: a quarter its three, 6t January–June, 9t January–September, a year all. */
function monthsOf(period: Period): [number, number] {
  switch (period.kind) {
    case 'quy':
      return [(period.quarter ?? 1) * 3 - 2, (period.quarter ?? 1) * 3];
    case '6t':
      return [1, 6];
    case '9t':
      return [1, 9];
    default:
      return [1, 12];
  }
}
