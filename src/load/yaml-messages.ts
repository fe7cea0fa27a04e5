/** Vietnamese wording for the YAML parser's error codes. */
import type { SourcePosition } from '../diagnostics/diagnostic.js';

/** What the messages need of a parser error (YAMLError, or one we raise ourselves). */
export interface YamlProblem {
  code: string;
  message?: string;
  pos?: [number, number];
}

const messages: Record<string, string> = {
  DUPLICATE_KEY: 'Khóa này đã xuất hiện ở trên trong cùng khối: mỗi khóa chỉ được viết một lần.',
  BAD_INDENT: 'Thụt lề không đúng: các dòng cùng cấp phải thẳng hàng, dùng dấu cách (không dùng Tab).',
  TAB_AS_INDENT: 'Không dùng phím Tab để thụt lề: hãy dùng dấu cách.',
  MISSING_CHAR: 'Thiếu ký tự đóng (dấu ngoặc kép, ngoặc vuông hoặc ngoặc nhọn).',
  MULTILINE_IMPLICIT_KEY: 'Khóa không được kéo dài nhiều dòng: có thể thiếu dấu ":" hoặc thụt lề sai ở dòng trên.',
  BLOCK_AS_IMPLICIT_KEY: 'Dòng này bị hiểu thành khóa: có thể thiếu dấu cách sau ":" hoặc thụt lề sai.',
  UNEXPECTED_TOKEN: 'Ký tự không mong đợi ở đây: kiểm tra dấu ":", "-" và thụt lề.',
  BAD_SCALAR_START: 'Giá trị bắt đầu bằng ký tự đặc biệt: hãy đặt cả giá trị trong dấu ngoặc kép "…".',
  BAD_DQ_ESCAPE: 'Chuỗi trong ngoặc kép có ký tự thoát "\\" không hợp lệ.',
  MULTIPLE_DOCS: 'Mỗi tệp chỉ chứa một văn bản: bỏ dòng "---" thứ hai.',
  MULTIPLE_ANCHORS: 'Một giá trị có nhiều neo (&).',
  MULTIPLE_TAGS: 'Một giá trị có nhiều thẻ (!).',
  TAG_RESOLVE_FAILED: 'Không hiểu thẻ kiểu (!) của giá trị này.',
  ALIAS_PROPS: 'Tham chiếu (*) không được có neo hay thẻ.',
  KEY_OVER_1024_CHARS: 'Khóa dài quá 1024 ký tự.',
  BAD_ALIAS: 'Tham chiếu (*) không hợp lệ.',
  BAD_DIRECTIVE: 'Chỉ thị % không hợp lệ.',
  IMPOSSIBLE: 'Cấu trúc YAML không thể phân tích.',
  UNEXPECTED_FLOW_MAP: 'Dấu "{" không mong đợi: nếu là văn bản, hãy đặt giá trị trong dấu ngoặc kép.',
  RESOURCE_EXHAUSTION: 'Dữ liệu lồng nhau quá sâu.',
  BLOCK_IN_FLOW: 'Trong [ … ] hoặc { … } không được xuống dòng thành khối: viết trên một dòng, hoặc dùng các dòng "- ".',
  NON_STRING_KEY: 'Khóa phải là một chữ đơn giản, ví dụ tieu_de.',
};

/** Where the problem is: the parser's offset, -1 when it has none. */
export function yamlErrorPosition(problem: YamlProblem): number {
  return Math.max(0, problem.pos?.[0] ?? 0);
}

export function yamlErrorMessage(problem: YamlProblem, source = '', place?: (offset: number) => SourcePosition): string {
  const unclosed = unclosedCollection(problem, source, place);
  if (unclosed) return unclosed;
  const quote = /closing (["'])quote/.exec(problem.message ?? '');
  if (problem.code === 'MISSING_CHAR' && quote) {
    return `Thiếu dấu ${quote[1] === '"' ? 'ngoặc kép "' : "nháy đơn '"} đóng: chuỗi mở ở trên chưa được đóng trước chỗ này.`;
  }
  const known = messages[problem.code];
  if (known) return known;
  if (/multiple documents/i.test(problem.message ?? '')) return messages.MULTIPLE_DOCS!;
  return `Lỗi cú pháp YAML (${problem.code}).`;
}

/**
 * `[VT, VP` without `]`: the parser reports it as an indentation problem on the next line
 * (BAD_INDENT) or, at the top level, as a missing character. Say which bracket is missing and
 * where the list opened.
 */
function unclosedCollection(problem: YamlProblem, source: string, place?: (offset: number) => SourcePosition): string | undefined {
  const match = /end with an? ([\]}])/.exec(problem.message ?? '');
  if (!match || (problem.code !== 'BAD_INDENT' && problem.code !== 'MISSING_CHAR')) return undefined;
  const close = match[1]!;
  const open = close === ']' ? '[' : '{';
  const what = close === ']' ? 'danh sách' : 'khối';
  const opened = openingBefore(source, yamlErrorPosition(problem), open, close);
  const where = opened !== undefined && place ? ` mở ở dòng ${place(opened).line}, cột ${place(opened).column}` : '';
  return `Thiếu dấu "${close}" đóng ${what} "${open} … ${close}"${where}: thêm "${close}" ở cuối ${what}.`;
}

/** The unmatched opening bracket before `offset`, skipping quoted text on the way. */
function openingBefore(source: string, offset: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, source.length) - 1; i >= 0; i--) {
    const c = source[i];
    if (c === '"' || c === "'") {
      const start = source.lastIndexOf(c, i - 1);
      if (start >= 0 && !source.slice(start, i).includes('\n')) i = start;
      continue;
    }
    if (c === close) depth++;
    else if (c === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}
