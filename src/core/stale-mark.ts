/**
 * The mark `baocao ky-moi` puts on every figure it carries over: a YAML comment
 * `# kỳ trước: 537 — cập nhật`. `validate` warns (stale-figure) while a figure still has the mark
 * and still equals the number in it.
 *
 * A text with percentages typed by hand gets the percentages as typed:
 * `# kỳ trước: 96,67%; 12% — cập nhật`; `validate` warns for each of them the text still holds.
 */
import { PERCENT_SOURCE } from '../markup/typed-percents.js';

const MARK_PATTERN = /^\s*kỳ trước:\s*(-?\d+(?:\.\d+)?)\s*—\s*cập nhật/u;
const PERCENTS_MARK_PATTERN = new RegExp(String.raw`^\s*kỳ trước:\s*(${PERCENT_SOURCE}(?:;\s*${PERCENT_SOURCE})*)\s*—\s*cập nhật`, 'u');

/** The comment text (without the leading `#`) for a figure whose previous value was `value`. */
export function staleMark(value: number): string {
  return ` kỳ trước: ${String(value)} — cập nhật`;
}

/** The comment text for a text whose typed percentages were `percents` ("96,67%"), in order. */
export function stalePercentsMark(percents: readonly string[]): string {
  return ` kỳ trước: ${percents.join('; ')} — cập nhật`;
}

/** The previous value a comment names, or undefined when the comment is not our mark. */
export function markedValue(comment: string | null | undefined): number | undefined {
  const match = comment ? MARK_PATTERN.exec(comment.normalize('NFC')) : null;
  return match ? Number(match[1]) : undefined;
}

/** The percentages a text's mark names, as typed, or undefined when the comment is not such a mark. */
export function markedPercents(comment: string | null | undefined): string[] | undefined {
  const match = comment ? PERCENTS_MARK_PATTERN.exec(comment.normalize('NFC')) : null;
  return match ? match[1]!.split(/;\s*/) : undefined;
}
