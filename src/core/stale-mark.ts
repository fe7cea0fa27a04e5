/**
 * The mark `baocao ky-moi` puts on every figure it carries over: a YAML comment
 * `# kỳ trước: 537 — cập nhật`. `validate` warns (stale-figure) while a figure still has the mark
 * and still equals the number in it.
 */
const MARK_PATTERN = /^\s*kỳ trước:\s*(-?\d+(?:\.\d+)?)\s*—\s*cập nhật/u;

/** The comment text (without the leading `#`) for a figure whose previous value was `value`. */
export function staleMark(value: number): string {
  return ` kỳ trước: ${String(value)} — cập nhật`;
}

/** The previous value a comment names, or undefined when the comment is not our mark. */
export function markedValue(comment: string | null | undefined): number | undefined {
  const match = comment ? MARK_PATTERN.exec(comment.normalize('NFC')) : null;
  return match ? Number(match[1]) : undefined;
}
