import { describe, expect, it } from 'vitest';
import { parseInline } from '../src/markup/inline.js';

const figures = new Map([
  ['ho_so.tiep_nhan', 1067],
  ['ho_so.dung_han', 1015],
  ['ho_so.da_giai_quyet', 1050],
  ['khac.ke_hoach', 41],
  ['khac.hoan_thanh', 38],
]);

describe('inline markup', () => {
  it('splits bold, italic and bold italic runs', () => {
    const { inlines, problems } = parseInline('a **b** *c* ***d*** e', figures);
    expect(problems).toEqual([]);
    expect(inlines).toEqual([
      { text: 'a ', bold: false, italic: false },
      { text: 'b', bold: true, italic: false },
      { text: ' ', bold: false, italic: false },
      { text: 'c', bold: false, italic: true },
      { text: ' ', bold: false, italic: false },
      { text: 'd', bold: true, italic: true },
      { text: ' e', bold: false, italic: false },
    ]);
  });

  it('takes footnotes with nested brackets and expressions inside', () => {
    const { inlines, problems } = parseInline('CCHC^[Văn bản [số 1] có {{ho_so.tiep_nhan}} hồ sơ]; tiếp', figures);
    expect(problems).toEqual([]);
    expect(inlines[1]).toEqual({ footnote: [{ text: 'Văn bản [số 1] có 1.067 hồ sơ', bold: false, italic: false }] });
    expect(inlines[2]).toEqual({ text: '; tiếp', bold: false, italic: false });
  });

  it('evaluates functions, nested calls and escapes', () => {
    const { inlines } = parseInline(
      '{{ty_le ho_so.dung_han ho_so.da_giai_quyet}}, còn {{hai_so (hieu khac.ke_hoach khac.hoan_thanh)}}, \\*',
      figures,
    );
    expect(inlines).toEqual([{ text: '96,67%, còn 03, *', bold: false, italic: false }]);
  });

  it('keeps a lone "{", a "^" without "[" and a final "\\" as text, each character at its own offset', () => {
    const source = 'a{b ^c {{ho_so.tiep_nhan}} d\\';
    const { inlines, problems, textOffsets } = parseInline(source, figures);
    expect(problems).toEqual([]);
    expect(inlines).toEqual([{ text: 'a{b ^c 1.067 d\\', bold: false, italic: false }]);
    expect(textOffsets).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 26, 27, 28]);
  });

  it('reports an unknown figure with a suggestion and its offset', () => {
    const { problems } = parseInline('Có {{ho_so.tiep_nhn}} hồ sơ', figures);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: 'unknown-figure', offset: 5 });
    expect(problems[0]!.message).toContain('ho_so.tiep_nhan');
  });

  it('reports empty footnotes, unclosed markup, bad calls and division by zero', () => {
    const codes = (text: string) => parseInline(text, new Map([...figures, ['khac.khong', 0]])).problems.map((p) => p.ruleId);
    expect(codes('văn bản^[  ]')).toEqual(['empty-footnote']);
    expect(codes('văn bản^[không đóng')).toEqual(['unclosed-markup']);
    expect(codes('{{ho_so.tiep_nhan')).toEqual(['unclosed-markup']);
    expect(codes('**đậm mãi')).toEqual(['unclosed-markup']);
    expect(codes('{{tyle ho_so.dung_han ho_so.tiep_nhan}}')).toEqual(['unknown-function']);
    expect(codes('{{ty_le ho_so.dung_han}}')).toEqual(['invalid-expression']);
    expect(codes('{{ty_le ho_so.dung_han khac.khong}}')).toEqual(['division-by-zero']);
  });
});
