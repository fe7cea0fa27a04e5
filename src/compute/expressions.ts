/**
 * The expression language of `{{…}}` in text: figures from `so_lieu` and a few functions.
 *   {{ho_so.tiep_nhan}}                      537 → "537", 1067 → "1.067"
 *   {{so ngan_sach.thu 3}}                   "2,150"
 *   {{hai_so nhiem_vu.trong_han}}            "01"
 *   {{ty_le ho_so.dung_han ho_so.da_giai_quyet}}   "96,67%"
 *   {{hieu a b}}, {{tong a b c}}             numbers, nestable: {{hai_so (hieu a b)}}
 */
import type { RuleId } from '../diagnostics/rules.js';
import { formatNumber, formatPercent, formatTwoDigits } from './format-vi.js';

export interface ExpressionProblem {
  ruleId: RuleId;
  message: string;
  /** Offset inside the expression text. */
  offset: number;
}

type Value = { kind: 'number'; value: number } | { kind: 'text'; value: string };

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  usage: string;
  apply(args: number[]): Value | string;
}

export const FUNCTIONS: Record<string, FunctionSpec> = {
  so: {
    minArgs: 1,
    maxArgs: 2,
    usage: '{{so <số liệu> <số chữ số thập phân>}}',
    apply: ([x, decimals]) => ({ kind: 'text', value: formatNumber(x!, decimals) }),
  },
  hai_so: {
    minArgs: 1,
    maxArgs: 1,
    usage: '{{hai_so <số liệu>}}',
    apply: ([x]) => ({ kind: 'text', value: formatTwoDigits(x!) }),
  },
  ty_le: {
    minArgs: 2,
    maxArgs: 3,
    usage: '{{ty_le <tử số> <mẫu số>}}',
    apply: ([a, b, decimals]) =>
      b === 0 ? 'Tỷ lệ có mẫu số bằng 0.' : { kind: 'text', value: formatPercent(a!, b!, decimals ?? 2) },
  },
  hieu: {
    minArgs: 2,
    maxArgs: 2,
    usage: '{{hieu <số bị trừ> <số trừ>}}',
    apply: ([a, b]) => ({ kind: 'number', value: a! - b! }),
  },
  tong: {
    minArgs: 2,
    maxArgs: 20,
    usage: '{{tong <số> <số> …}}',
    apply: (args) => ({ kind: 'number', value: args.reduce((sum, x) => sum + x, 0) }),
  },
};

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
): { text: string } | { problem: ExpressionProblem } {
  const tokens = tokenize(source);
  let position = 0;
  const fail = (ruleId: RuleId, message: string, offset: number): never => {
    throw new ExpressionError({ ruleId, message, offset });
  };

  const parseCallOrAtom = (): Value => {
    const head = tokens[position];
    if (!head) return fail('invalid-expression', 'Biểu thức {{ }} đang trống.', source.length);
    if (FUNCTIONS[head.text]) return parseCall();
    if (/^[a-z_]+$/.test(head.text) && tokens.length - position > 1 && tokens[position + 1]!.text !== ')') {
      const hint = suggest(head.text, Object.keys(FUNCTIONS));
      return fail(
        'unknown-function',
        `Không có hàm "${head.text}".${hint ? ` Có phải ý bạn là "${hint}"?` : ''} Các hàm: ${Object.keys(FUNCTIONS).join(', ')}.`,
        head.offset,
      );
    }
    return parseAtom();
  };

  const parseCall = (): Value => {
    const head = tokens[position++]!;
    const spec = FUNCTIONS[head.text]!;
    const args: number[] = [];
    while (position < tokens.length && tokens[position]!.text !== ')') {
      const argToken = tokens[position]!;
      const value = parseAtom();
      if (value.kind !== 'number') {
        fail('invalid-expression', `Hàm "${head.text}" cần một số ở đây, không phải văn bản.`, argToken.offset);
      }
      args.push((value as { value: number }).value);
    }
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      fail('invalid-expression', `Hàm "${head.text}" nhận ${describeArity(spec)}; cách viết: ${spec.usage}.`, head.offset);
    }
    const result = spec.apply(args);
    if (typeof result === 'string') return fail('division-by-zero', result, head.offset);
    return result;
  };

  const parseAtom = (): Value => {
    const token = tokens[position];
    if (!token) return fail('invalid-expression', 'Biểu thức kết thúc sớm: thiếu tham số.', source.length);
    position++;
    if (token.text === '(') {
      const inner = parseCall();
      if (tokens[position]?.text !== ')') fail('invalid-expression', 'Thiếu dấu ")" đóng.', token.offset);
      position++;
      return inner;
    }
    if (/^-?\d+(\.\d+)?$/.test(token.text)) return { kind: 'number', value: Number(token.text) };
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
      return { kind: 'number', value: figure };
    }
    return fail('invalid-expression', `Không hiểu "${token.text}" trong biểu thức.`, token.offset);
  };

  try {
    const value = parseCallOrAtom();
    if (position < tokens.length) {
      fail('invalid-expression', `Thừa "${tokens[position]!.text}" ở cuối biểu thức.`, tokens[position]!.offset);
    }
    return { text: value.kind === 'number' ? formatNumber(value.value) : value.value };
  } catch (error) {
    if (error instanceof ExpressionError) return { problem: error.problem };
    throw error;
  }
}

function describeArity(spec: FunctionSpec): string {
  if (spec.minArgs === spec.maxArgs) return `đúng ${spec.minArgs} tham số`;
  if (spec.maxArgs >= 20) return `từ ${spec.minArgs} tham số trở lên`;
  return `từ ${spec.minArgs} đến ${spec.maxArgs} tham số`;
}
