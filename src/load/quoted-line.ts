/**
 * The commonest YAML slip of a clerk: a sentence with ": " in it (`- Quá hạn: không có nhiệm vụ.`),
 * or one wrapped in Word's curly quotes (“…”), which YAML reads as "khóa: giá trị" or cannot read
 * at all. The fix is always the same: put the whole sentence in straight quotes. These helpers
 * say so and write the corrected line for the clerk to copy.
 */

const CURLY_OPEN = /^[“”„‟]/;
const CURLY_CLOSE = /[“”„‟]$/;

/** The text in straight quotes, as YAML reads it back unchanged: "…", or '…' when it holds a `"`. */
export function quotedText(text: string): string {
  if (text.includes('"') && !text.includes("'")) return `'${text}'`;
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The sentence without the curly quotes Word put around it. */
function withoutCurlyQuotes(text: string): { text: string; curly: boolean } {
  const trimmed = text.trim();
  if (CURLY_OPEN.test(trimmed) || CURLY_CLOSE.test(trimmed)) {
    return { text: trimmed.replace(CURLY_OPEN, '').replace(CURLY_CLOSE, '').trim(), curly: true };
  }
  return { text: trimmed, curly: false };
}

/** A line of the file as the clerk wrote it: indentation, `- ` or `khoa: `, then the text. */
const LINE = /^(\s*(?:- +)*(?:[a-z_][a-z0-9_]*: +(?:- +)*)?)(.*)$/;

/**
 * The line corrected, when it is an unquoted sentence YAML misread: it holds ": " (or a `{{` YAML
 * takes for a block) or starts with a curly quote. Undefined for anything else.
 */
export function correctedLine(line: string): { line: string; curly: boolean } | undefined {
  const match = LINE.exec(line.replace(/\s+#(?:\s.*)?$/, ''));
  if (!match) return undefined;
  const [, prefix, rest] = match as unknown as [string, string, string];
  if (rest === '' || /^["'[{|>&*!%@`]/.test(rest)) return undefined;
  const { text, curly } = withoutCurlyQuotes(rest);
  if (!curly && !/:\s|\{\{/.test(text)) return undefined;
  // No letter, no sentence (`tong: 32: 33`): quoting would make a number field a text.
  if (!curly && !/\p{L}/u.test(text)) return undefined;
  return { line: `${prefix}${quotedText(text)}`, curly };
}

/** What the clerk reads: why, and the line to write instead. */
export function quoteAdvice(corrected: { line: string; curly: boolean }): string {
  const why = corrected.curly
    ? 'Câu này nằm trong ngoặc kép “ ” của Word, YAML không hiểu loại ngoặc đó'
    : 'Câu này có dấu ":" nên YAML hiểu thành "khóa: giá trị"';
  return `${why}: hãy đặt cả dòng trong ngoặc kép thẳng "…", viết lại là: ${corrected.line.trim()}`;
}

/**
 * A value YAML read as one "khóa: giá trị" pair although the clerk meant a sentence
 * (`{ "Quá hạn": "không có nhiệm vụ quá hạn." }`): the sentence, and whether Word's quotes wrapped it.
 * Undefined for a real block (a key like `gach`, several keys, a nested block).
 */
export function sentenceReadAsPair(value: unknown): { text: string; curly: boolean } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [key, inner] = entries[0]!;
  if (/^[a-z_][a-z0-9_]*$/.test(key)) return undefined;
  if (inner !== null && typeof inner === 'object') return undefined;
  const { text, curly } = withoutCurlyQuotes(`${key}: ${inner === null ? '' : String(inner)}`);
  return { text, curly };
}
