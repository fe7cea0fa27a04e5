/**
 * The expression language of `{{…}}` in text: figures from `so_lieu` and a few functions.
 *   {{ho_so.tiep_nhan}}                      537 → "537", 1067 → "1.067"
 *   {{so ngan_sach.thu 3}}                   "2,150"
 *   {{hai_so nhiem_vu.trong_han}}            "01"
 *   {{ty_le ho_so.dung_han ho_so.da_giai_quyet}}   "96,67%"; {{ty_le a b 0}} "97%"
 *   {{hieu a b}}, {{tong a b c}}             numbers, nestable: {{hai_so (hieu a b)}}
 *   {{tich a b}}                             a × b: {{tich kinh_phi.tong.thanh_tien 1000000}} "185.000.000"
 *   {{phu_luc 2}}                            "Phụ lục II" (the document's 2nd phụ lục; "Phụ lục" when it has one)
 * Every mistake in an expression is a problem at its offset, never an exception: decimals are
 * whole numbers 0..MAX_DECIMALS, nesting is at most MAX_NESTING levels, every result is finite,
 * and functions are looked up as own properties of a table without a prototype.
 */
import type { RuleId } from '../diagnostics/rules.js';
import { appendixLabel } from './appendix-label.js';
import { formatNumber, formatPercent, formatTwoDigits } from './format-vi.js';
import { withoutDiacritics } from './suggest.js';

export interface ExpressionProblem {
  ruleId: RuleId;
  message: string;
  /** Offset inside the expression text. */
  offset: number;
}

/** Most decimals `so` and `ty_le` may print. */
export const MAX_DECIMALS = 6;
/** Most levels of "( … )" inside one expression. */
export const MAX_NESTING = 20;
/** Most numbers `tong` adds. */
export const MAX_SUM_TERMS = 20;

type Value = { kind: 'number'; value: number } | { kind: 'text'; value: string };
type Outcome = Value | { ruleId: RuleId; message: string };

/** What an expression may name besides the figures: how many phụ lục the document has. */
export interface ExpressionContext {
  appendices: number;
}

const NO_CONTEXT: ExpressionContext = { appendices: 0 };

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  usage: string;
  /** Position of the argument that is a number of decimals, if any. */
  decimalsArg?: number;
  apply(args: number[], context: ExpressionContext): Outcome;
}

const text = (value: string): Value => ({ kind: 'text', value });
const number = (value: number): Value => ({ kind: 'number', value });

const FUNCTION_TABLE: Readonly<Record<string, FunctionSpec>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, FunctionSpec>, {
    so: {
      minArgs: 1,
      maxArgs: 2,
      usage: '{{so <số liệu> <số chữ số thập phân>}}',
      decimalsArg: 1,
      apply: ([x, decimals]) => text(formatNumber(x!, decimals)),
    },
    hai_so: {
      minArgs: 1,
      maxArgs: 1,
      usage: '{{hai_so <số liệu>}}',
      apply: ([x]) => text(formatTwoDigits(x!)),
    },
    ty_le: {
      minArgs: 2,
      maxArgs: 3,
      usage: '{{ty_le <tử số> <mẫu số> <số chữ số thập phân, mặc định 2>}}',
      decimalsArg: 2,
      apply: ([a, b, decimals]) => {
        if (b === 0) return { ruleId: 'division-by-zero', message: 'Tỷ lệ có mẫu số bằng 0.' };
        if (!Number.isFinite((a! / b!) * 100)) return tooLarge('Tỷ lệ');
        return text(formatPercent(a!, b!, decimals ?? 2));
      },
    },
    hieu: {
      minArgs: 2,
      maxArgs: 2,
      usage: '{{hieu <số bị trừ> <số trừ>}}',
      apply: ([a, b]) => number(a! - b!),
    },
    tong: {
      minArgs: 2,
      maxArgs: MAX_SUM_TERMS,
      usage: `{{tong <số> <số> …}} (tối đa ${MAX_SUM_TERMS} số)`,
      apply: (args) => number(args.reduce((sum, x) => sum + x, 0)),
    },
    tich: {
      minArgs: 2,
      maxArgs: 2,
      usage: '{{tich <số> <số>}}, ví dụ {{tich kinh_phi.tong.thanh_tien 1000000}} (triệu đồng → đồng)',
      apply: ([a, b]) => number(a! * b!),
    },
    phu_luc: {
      minArgs: 1,
      maxArgs: 1,
      usage: '{{phu_luc <số thứ tự của phụ lục, từ 1>}}',
      apply: ([n], { appendices }) => {
        if (Number.isInteger(n) && n! >= 1 && n! <= appendices) return text(appendixLabel(n!, appendices));
        const has = appendices === 0 ? 'văn bản không có phụ lục nào (thêm phu_luc: …)' : `văn bản chỉ có ${appendices} phụ lục (phu_luc 1${appendices > 1 ? ` đến ${appendices}` : ''})`;
        return { ruleId: 'appendix-missing', message: `Không có phụ lục thứ ${formatNumber(n!)}: ${has}.` };
      },
    },
  } satisfies Record<string, FunctionSpec>),
);

/** The names of the functions, for messages and the README. */
export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTION_TABLE);

/** The function called `name`, looked up as an own property only ("constructor" is not one). */
export function functionNamed(name: string): FunctionSpec | undefined {
  return Object.hasOwn(FUNCTION_TABLE, name) ? FUNCTION_TABLE[name] : undefined;
}

function tooLarge(what: string): { ruleId: RuleId; message: string } {
  return { ruleId: 'invalid-value', message: `${what} quá lớn để tính và in ra (vượt giới hạn số của máy).` };
}

/** Figures by dotted path: "ho_so.tiep_nhan" → 537. */
export type Figures = ReadonlyMap<string, number>;

export function collectFigures(statistics: unknown): Map<string, number> {
  const figures = new Map<string, number>();
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'number') figures.set(prefix, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(statistics, '');
  return figures;
}

type Token = { text: string; offset: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(\(|\)|[^\s()]+)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) {
    tokens.push({ text: match[1]!, offset: match.index + match[0].length - match[1]!.length });
    if (pattern.lastIndex >= source.length) break;
  }
  return tokens;
}

class ExpressionError extends Error {
  constructor(readonly problem: ExpressionProblem) {
    super(problem.message);
  }
}

export function evaluateExpression(
  source: string,
  figures: Figures,
  suggest: (name: string, candidates: readonly string[]) => string | undefined,
  context: ExpressionContext = NO_CONTEXT,
): { text: string } | { problem: ExpressionProblem } {
  const result = evaluateValue(source, figures, suggest, context);
  if ('problem' in result) return result;
  return { text: result.kind === 'number' ? formatNumber(result.value) : result.value };
}

/**
 * An expression that must give a number (a cell of a column of figures: `ho_so.tiep_nhan`,
 * `tong a b c`, `hieu a b`); `so`, `hai_so`, `ty_le` print text and are refused here.
 */
export function evaluateNumber(
  source: string,
  figures: Figures,
  suggest: (name: string, candidates: readonly string[]) => string | undefined,
): { value: number } | { problem: ExpressionProblem } {
  const result = evaluateValue(source, figures, suggest, NO_CONTEXT);
  if ('problem' in result) return result;
  if (result.kind === 'number') return { value: result.value };
  return {
    problem: {
      ruleId: 'table-not-number',
      message: `Ô của cột số liệu cần một số, nhưng "${source.trim()}" cho ra chữ (${result.value}): ghi tên số liệu, hoặc tong/hieu; bỏ so, hai_so, ty_le (cột tỷ lệ: dùng tinh: ty_le … trên cột).`,
      offset: 0,
    },
  };
}

function evaluateValue(
  source: string,
  figures: Figures,
  suggest: (name: string, candidates: readonly string[]) => string | undefined,
  context: ExpressionContext,
): Value | { problem: ExpressionProblem } {
  const tokens = tokenize(source);
  let position = 0;
  let depth = 0;
  const fail = (ruleId: RuleId, message: string, offset: number): never => {
    throw new ExpressionError({ ruleId, message, offset });
  };

  /** A call ("ty_le a b") or a single value, up to the end or a ")". */
  const parseExpression = (): Value => {
    const head = tokens[position];
    if (!head) return fail('invalid-expression', depth ? 'Biểu thức kết thúc sớm: thiếu nội dung trong ngoặc.' : 'Biểu thức {{ }} đang trống.', source.length);
    if (head.text === ')') return fail('invalid-expression', 'Trong cặp ngoặc "( )" phải có một phép tính, ví dụ (hieu a b).', head.offset);
    const spec = functionNamed(head.text);
    if (spec) return parseCall(head, spec);
    const next = tokens[position + 1];
    if (/^[a-z_][a-z0-9_]*$/i.test(head.text) && next && next.text !== ')') {
      const hint = suggest(head.text, FUNCTION_NAMES);
      return fail(
        'unknown-function',
        `Không có hàm "${head.text}".${hint ? ` Có phải ý bạn là "${hint}"?` : ''} Các hàm: ${FUNCTION_NAMES.join(', ')}.`,
        head.offset,
      );
    }
    return parseAtom();
  };

  const parseCall = (head: Token, spec: FunctionSpec): Value => {
    position++;
    const args: number[] = [];
    const argTokens: Token[] = [];
    while (position < tokens.length && tokens[position]!.text !== ')') {
      const argToken = tokens[position]!;
      const value = parseAtom();
      if (value.kind !== 'number') {
        fail('invalid-expression', `Hàm "${head.text}" cần một số ở đây, không phải văn bản.`, argToken.offset);
      }
      args.push(value.value as number);
      argTokens.push(argToken);
    }
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      fail('invalid-expression', `Hàm "${head.text}" nhận ${describeArity(spec)}; cách viết: ${spec.usage}.`, head.offset);
    }
    const decimals = spec.decimalsArg === undefined ? undefined : args[spec.decimalsArg];
    if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS)) {
      fail(
        'invalid-expression',
        `Số chữ số thập phân của "${head.text}" phải là số nguyên từ 0 đến ${MAX_DECIMALS}, không phải ${argTokens[spec.decimalsArg!]!.text}.`,
        argTokens[spec.decimalsArg!]!.offset,
      );
    }
    const result = spec.apply(args, context);
    if (!('kind' in result)) return fail(result.ruleId, result.message, head.offset);
    if (result.kind === 'number' && !Number.isFinite(result.value)) {
      const problem = tooLarge(`Kết quả của "${head.text}"`);
      return fail(problem.ruleId, problem.message, head.offset);
    }
    return result;
  };

  const parseAtom = (): Value => {
    const token = tokens[position];
    if (!token) return fail('invalid-expression', 'Biểu thức kết thúc sớm: thiếu tham số.', source.length);
    position++;
    if (token.text === '(') {
      if (++depth > MAX_NESTING) fail('invalid-expression', `Biểu thức lồng quá ${MAX_NESTING} tầng ngoặc "( )".`, token.offset);
      const inner = parseExpression();
      if (tokens[position]?.text !== ')') fail('invalid-expression', 'Thiếu dấu ")" đóng.', token.offset);
      position++;
      depth--;
      return inner;
    }
    if (/^-?\d+(\.\d+)?$/.test(token.text)) {
      const value = Number(token.text);
      if (!Number.isFinite(value)) {
        const problem = tooLarge(`Số ${token.text.length > 20 ? `${token.text.slice(0, 20)}…` : token.text}`);
        fail(problem.ruleId, problem.message, token.offset);
      }
      return number(value);
    }
    if (/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(token.text)) {
      const figure = figures.get(token.text);
      if (figure === undefined) {
        const hint = suggest(token.text, [...figures.keys()]);
        return fail(
          'unknown-figure',
          `Không có số liệu "${token.text}" trong so_lieu.${hint ? ` Có phải ý bạn là "${hint}"?` : ''}`,
          token.offset,
        );
      }
      if (!Number.isFinite(figure)) fail('invalid-value', `Số liệu "${token.text}" không phải là một số hữu hạn.`, token.offset);
      return number(figure);
    }
    const plain = withoutDiacritics(token.text);
    if (plain !== token.text && /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(plain)) {
      const hint = figures.has(plain) ? undefined : suggest(plain, [...figures.keys()]);
      const missing = figures.has(plain) ? '' : ` Trong so_lieu chưa có "${plain}"${hint ? `; có phải ý bạn là "${hint}"?` : '.'}`;
      return fail('invalid-expression', `Tên số liệu viết không dấu: "${plain}" thay cho "${token.text}".${missing}`, token.offset);
    }
    return fail('invalid-expression', `Không hiểu "${token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text}" trong biểu thức.`, token.offset);
  };

  try {
    const value = parseExpression();
    if (position < tokens.length) {
      const extra = tokens[position]!;
      fail('invalid-expression', extra.text === ')' ? 'Thừa dấu ")" không có "(" mở.' : `Thừa "${extra.text}" ở cuối biểu thức.`, extra.offset);
    }
    return value;
  } catch (error) {
    if (error instanceof ExpressionError) return { problem: error.problem };
    throw error;
  }
}

function describeArity(spec: FunctionSpec): string {
  if (spec.minArgs === spec.maxArgs) return `đúng ${spec.minArgs} tham số`;
  return `từ ${spec.minArgs} đến ${spec.maxArgs} tham số`;
}
