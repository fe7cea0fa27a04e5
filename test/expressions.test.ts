import { describe, expect, it } from 'vitest';
import { MAX_DECIMALS, MAX_NESTING } from '../src/markup/expressions.js';
import { parseInline, plainText } from '../src/markup/inline.js';

const figures = new Map([
  ['x', 5],
  ['ngan_sach.thu', 2.15],
  ['khac.lon', 1e308],
]);

/** The one problem of a paragraph "A {{expression}} B.", with its offset in the paragraph. */
function problemOf(expression: string) {
  const source = `A {{${expression}}} B.`;
  const { problems, inlines } = parseInline(source, figures);
  expect(problems).toHaveLength(1);
  // The paragraph keeps the expression as written: nothing like "A undefined B." is produced.
  expect(plainText(inlines)).toBe(source);
  return problems[0]!;
}

describe('expressions: every mistake is a problem at its place, never an exception', () => {
  it.each([
    ['so ngan_sach.thu 101', 'invalid-expression', 'so ngan_sach.thu '.length],
    ['so x -1', 'invalid-expression', 'so x '.length],
    ['so x 1.5', 'invalid-expression', 'so x '.length],
    ['ty_le 1 3 150', 'invalid-expression', 'ty_le 1 3 '.length],
    ['ty_le 1 3 -1', 'invalid-expression', 'ty_le 1 3 '.length],
    ['(', 'invalid-expression', 1],
    ['tong ()', 'invalid-expression', 'tong ('.length],
    ['tong 1 2)', 'invalid-expression', 'tong 1 2'.length],
    ['__proto__ 1', 'unknown-function', 0],
    ['constructor 1 2', 'unknown-function', 0],
    ['hasOwnProperty x', 'unknown-function', 0],
    ['toString', 'invalid-expression', 0],
    ['constructor', 'unknown-figure', 0],
  ])('{{%s}} → %s', (expression, ruleId, offset) => {
    const problem = problemOf(expression);
    expect(problem.ruleId).toBe(ruleId);
    expect(problem.offset).toBe('A {{'.length + offset);
    expect(problem.message).toMatch(/[À-ỹ]/u);
  });

  it('says the range of decimals', () => {
    expect(problemOf('so x 101').message).toBe(`Số chữ số thập phân của "so" phải là số nguyên từ 0 đến ${MAX_DECIMALS}, không phải 101.`);
    expect(parseInline(`{{so x ${MAX_DECIMALS}}}`, figures).inlines).toEqual([{ text: '5,000000', bold: false, italic: false }]);
    expect(parseInline('{{ty_le 1 3 0}} {{ty_le 1 3 4}}', figures).inlines).toEqual([{ text: '33% 33,3333%', bold: false, italic: false }]);
  });

  it('limits nesting instead of overflowing the stack (20,000 parentheses)', () => {
    const deep = `${'('.repeat(20_000)}x${')'.repeat(20_000)}`;
    const problem = problemOf(deep);
    expect(problem).toMatchObject({ ruleId: 'invalid-expression', offset: 'A {{'.length + MAX_NESTING });
    expect(problem.message).toContain(`${MAX_NESTING} tầng`);
    const allowed = `hai_so ${'(tong 1 '.repeat(MAX_NESTING - 1)}(hieu 3 1)${' 0)'.repeat(MAX_NESTING - 1)}`;
    expect(parseInline(`{{${allowed}}}`, figures)).toMatchObject({ problems: [], inlines: [{ text: `${MAX_NESTING + 1}` }] });
  });

  it('reports results too large to print as invalid-value', () => {
    expect(problemOf('tong khac.lon khac.lon')).toMatchObject({ ruleId: 'invalid-value', offset: 4 });
    expect(problemOf(`so ${'9'.repeat(400)}`)).toMatchObject({ ruleId: 'invalid-value', offset: 7 });
    expect(problemOf('ty_le khac.lon 0.5')).toMatchObject({ ruleId: 'invalid-value' });
  });

  it('says that tong adds at most 20 numbers', () => {
    const problem = problemOf(`tong ${Array.from({ length: 21 }, () => '1').join(' ')}`);
    expect(problem.message).toContain('từ 2 đến 20 tham số');
    expect(problem.message).toContain('tối đa 20 số');
  });
});

describe('markup limits', () => {
  it('parses deeply nested footnotes and long runs of ** without crashing, in linear time', () => {
    const nested = `${'^['.repeat(50_000)}x${']'.repeat(50_000)}`;
    const footnotes = parseInline(nested, figures);
    expect(footnotes.problems.map((p) => p.ruleId)).toEqual(['invalid-value']);
    const stars = parseInline(`${'**'.repeat(100_001)}chữ`, figures);
    expect(stars.problems.map((p) => p.ruleId)).toEqual(['unclosed-markup']);
    const open = parseInline('^['.repeat(100_000), figures);
    expect(open.problems.map((p) => p.ruleId)).toEqual(['unclosed-markup']);
  });
});
