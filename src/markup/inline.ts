/**
 * Inline markup of a paragraph: **đậm**, *nghiêng*, ***đậm nghiêng***, ^[chú thích],
 * {{biểu thức}}, and `\` to write any of those characters literally.
 * Pure: returns the runs and every problem found, with its offset in the source text, and where
 * each character of the plain text came from (for checks that read the sentence as a whole).
 * Linear in the length of the text; nesting cannot exhaust the stack (a footnote holds no footnote,
 * an expression limits its own nesting).
 */
import type { TextRun } from '../core/model.js';
import { evaluateExpression, type ExpressionContext, type ExpressionProblem, type Figures } from './expressions.js';
import { closestName } from './suggest.js';

export interface InlineFootnote {
  footnote: TextRun[];
}

export type ParsedInline = TextRun | InlineFootnote;

export interface InlineProblem extends ExpressionProblem {
  /** Markup the tool does not know is printed as written, with a warning; every other problem is an error. */
  severity?: 'warning';
}

export interface InlineResult {
  inlines: ParsedInline[];
  problems: InlineProblem[];
  /** For each UTF-16 unit of `plainText(inlines)`, its offset in the source (an expression's result: the "{{"). */
  textOffsets: number[];
  /** The same for each footnote's plain text, in order. */
  footnoteOffsets: number[][];
}

export function parseInline(text: string, figures: Figures, context?: ExpressionContext): InlineResult {
  // A `|` block ends in a line break that ends nothing: the paragraph ends there anyway.
  const source = text.replace(/\s+$/u, '');
  const problems: InlineProblem[] = [];
  const textOffsets: number[] = [];
  const footnoteOffsets: number[][] = [];
  const inlines = parseRuns(source, 0, figures, problems, { offsets: textOffsets, footnotes: footnoteOffsets }, context);
  return { inlines, problems, textOffsets, footnoteOffsets };
}

interface OffsetSink {
  offsets: number[];
  /** Absent inside a footnote, where footnotes are not allowed. */
  footnotes?: number[][];
}

function parseRuns(
  source: string,
  base: number,
  figures: Figures,
  problems: InlineProblem[],
  sink: OffsetSink,
  context: ExpressionContext | undefined,
): ParsedInline[] {
  const result: ParsedInline[] = [];
  let bold = false;
  let italic = false;
  let boldOpenedAt = -1;
  let italicOpenedAt = -1;
  let buffer = '';
  /** Appends text that starts at source offset `at`; `each` when every unit has its own offset. */
  const append = (text: string, at: number, each: boolean) => {
    buffer += text;
    for (let k = 0; k < text.length; k++) sink.offsets.push(base + at + (each ? k : 0));
  };
  const flush = () => {
    if (buffer === '') return;
    const last = result[result.length - 1];
    if (last && !('footnote' in last) && last.bold === bold && last.italic === italic) last.text += buffer;
    else result.push({ text: buffer, bold, italic });
    buffer = '';
  };
  let closers: Int32Array | undefined;
  let unclosedFootnoteSaid = false;
  let i = 0;
  while (i < source.length) {
    const plainEnd = nextMarkupCandidate(source, i);
    if (plainEnd > i) {
      append(source.slice(i, plainEnd), i, true);
      i = plainEnd;
      continue;
    }
    const char = source[i]!;
    if (char === '\\' && i + 1 < source.length) {
      append(source[i + 1]!, i + 1, true);
      i += 2;
      continue;
    }
    if (char === '^' && source[i + 1] === '[') {
      closers ??= matchingBrackets(source);
      const end = closers[i + 1]!;
      if (end < 0) {
        // Said once; the rest of the text is still read, so its own problems come in the same run.
        if (!unclosedFootnoteSaid) {
          problems.push({ ruleId: 'unclosed-markup', message: 'Chú thích "^[" chưa có dấu "]" đóng: thêm "]" ở cuối chú thích.', offset: base + i });
        }
        unclosedFootnoteSaid = true;
        append('^[', i, true);
        i += 2;
        continue;
      }
      const content = source.slice(i + 2, end);
      if (!sink.footnotes) {
        problems.push({ ruleId: 'invalid-value', message: 'Không đặt chú thích bên trong chú thích.', offset: base + i });
      } else if (content.trim() === '') {
        problems.push({ ruleId: 'empty-footnote', message: 'Chú thích "^[ ]" không có nội dung.', offset: base + i });
      } else {
        flush();
        const offsets: number[] = [];
        sink.footnotes.push(offsets);
        const runs = parseRuns(content.trim(), base + i + 2 + (content.length - content.trimStart().length), figures, problems, { offsets }, context);
        result.push({ footnote: runs.filter((r): r is TextRun => !('footnote' in r)) });
      }
      i = end + 1;
      continue;
    }
    if (char === '{' && source[i + 1] === '{') {
      const end = source.indexOf('}}', i + 2);
      if (end < 0) {
        problems.push({ ruleId: 'unclosed-markup', message: 'Biểu thức "{{" chưa có "}}" đóng.', offset: base + i });
        append(source.slice(i), i, true);
        break;
      }
      const expression = source.slice(i + 2, end);
      const evaluated = evaluateExpression(expression, figures, closestName, context);
      if ('problem' in evaluated) {
        problems.push({ ...evaluated.problem, offset: base + i + 2 + evaluated.problem.offset });
        append(source.slice(i, end + 2), i, true);
      } else {
        append(evaluated.text, i, false);
      }
      i = end + 2;
      continue;
    }
    if (char === '<' || char === '_') {
      const foreign = foreignMarkupAt(source, i);
      if (foreign) {
        problems.push({ ruleId: 'unknown-markup', message: foreign.message, offset: base + i, severity: 'warning' });
        append(source.slice(i, i + foreign.length), i, true);
        i += foreign.length;
        continue;
      }
    }
    if (char === '*') {
      const stars = source.startsWith('***', i) ? 3 : source.startsWith('**', i) ? 2 : 1;
      flush();
      if (stars !== 1) {
        bold = !bold;
        boldOpenedAt = bold ? base + i : -1;
      }
      if (stars !== 2) {
        italic = !italic;
        italicOpenedAt = italic ? base + i : -1;
      }
      i += stars;
      continue;
    }
    append(char, i, true);
    i++;
  }
  flush();
  if (bold) problems.push({ ruleId: 'unclosed-markup', message: 'Chữ đậm "**" mở mà không đóng.', offset: boldOpenedAt });
  if (italic) problems.push({ ruleId: 'unclosed-markup', message: 'Chữ nghiêng "*" mở mà không đóng (viết \\* nếu muốn in dấu *).', offset: italicOpenedAt });
  return result;
}

/** Characters that may start markup; the text between them is plain and appended in one piece. */
const MARKUP_CANDIDATE = /[\\^{*<_]/g;

/** The index of the next character at or after `from` that may start markup (source.length when none). */
function nextMarkupCandidate(source: string, from: number): number {
  MARKUP_CANDIDATE.lastIndex = from;
  return MARKUP_CANDIDATE.test(source) ? MARKUP_CANDIDATE.lastIndex - 1 : source.length;
}

const LINE_BREAK_FIX = 'muốn xuống dòng trong một đoạn, viết đoạn đó bằng khối "|" (mỗi dòng của khối là một dòng trong văn bản)';
const NO_UNDERLINE = 'văn bản hành chính không gạch chân (Nghị định 30): dùng **đậm** hoặc *nghiêng*';

/** HTML tags a clerk may bring from the web or from Markdown, and what to write instead. */
const FOREIGN_TAGS: Readonly<Record<string, string>> = {
  br: LINE_BREAK_FIX,
  u: NO_UNDERLINE,
  ins: NO_UNDERLINE,
  b: 'chữ đậm viết **đậm**',
  strong: 'chữ đậm viết **đậm**',
  i: 'chữ nghiêng viết *nghiêng*',
  em: 'chữ nghiêng viết *nghiêng*',
  p: 'mỗi đoạn văn là một dòng "- " riêng trong doan',
  sup: 'chú thích viết ^[nội dung chú thích]',
};
const FOREIGN_TAG = /<\/?([a-z]+)\s*\/?>/iy;

/**
 * Markup of HTML or of other Markdown flavours the tool does not know, at `i`: it is printed as
 * written, so say so and what to write instead. `__chữ__` (underline in some editors, bold in
 * Markdown) needs a closing `__`; an identifier like `so_lieu` is plain text.
 */
function foreignMarkupAt(source: string, i: number): { length: number; message: string } | undefined {
  if (source[i] === '<') {
    FOREIGN_TAG.lastIndex = i;
    const tag = FOREIGN_TAG.exec(source);
    const fix = tag ? FOREIGN_TAGS[tag[1]!.toLowerCase()] : undefined;
    // A closing tag is the same mistake as its opening one: said once, there.
    if (!tag || !fix || tag[0].startsWith('</')) return undefined;
    return { length: tag[0].length, message: `Thẻ ${tag[0]} không phải định dạng của baocao và sẽ in nguyên chữ: ${fix}.` };
  }
  if (!source.startsWith('__', i) || source[i + 2] === '_' || /\s/.test(source[i + 2] ?? ' ')) return undefined;
  const close = source.indexOf('__', i + 2);
  if (close < 0) return undefined;
  return { length: 2, message: `Dấu "__" không phải định dạng của baocao và sẽ in nguyên chữ: ${NO_UNDERLINE}; muốn in đúng dấu _, viết \\_.` };
}

/**
 * For each "[" of the source, the index of the "]" closing it, counting nested brackets and skipping
 * escaped characters; -1 when none (and for every other character). One pass, so a text of many
 * unclosed "^[" stays linear.
 */
function matchingBrackets(source: string): Int32Array {
  const closers = new Int32Array(source.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source[i] === '[') open.push(i);
    else if (source[i] === ']' && open.length > 0) closers[open.pop()!] = i;
  }
  return closers;
}

/** The plain text of runs, for checks that read the sentence as a whole. */
export function plainText(inlines: readonly ParsedInline[]): string {
  return inlines.map((inline) => ('footnote' in inline ? '' : inline.text)).join('');
}
