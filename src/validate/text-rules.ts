/**
 * Rules on running text: markup that opens and never closes, empty footnotes, expressions that
 * name a missing figure, and percentages typed by hand that disagree with the counts beside them.
 */
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../load/data-path.js';
import { collectFigures } from '../compute/expressions.js';
import { formatPercent, parseVietnameseNumber, roundHalfUp } from '../compute/format-vi.js';
import { parseInline, plainText, type ParsedInline } from '../compute/inline.js';
import type { DocumentData, SectionData } from './schema.js';

export type TextPlaceFinder = (path: DataPath, offset: number) => SourcePosition;

/** Every inline text of the document with its data path. */
export function forEachInlineText(data: DocumentData, visit: (text: string, path: DataPath) => void): void {
  if (data.trich_yeu !== undefined) visit(data.trich_yeu, ['trich_yeu']);
  const visitEntries = (entries: SectionData['doan'], path: DataPath) => {
    (entries ?? []).forEach((entry, i) => {
      if (typeof entry === 'string') visit(entry, [...path, i]);
      else {
        (entry.gach ?? []).forEach((text, j) => visit(text, [...path, i, 'gach', j]));
        (entry.cong ?? []).forEach((text, j) => visit(text, [...path, i, 'cong', j]));
      }
    });
  };
  visitEntries(data.mo_dau, ['mo_dau']);
  const visitSections = (sections: readonly SectionData[], path: DataPath) => {
    sections.forEach((section, i) => {
      if (section.tieu_de !== undefined) visit(section.tieu_de, [...path, i, 'tieu_de']);
      visitEntries(section.doan, [...path, i, 'doan']);
      if (section.muc) visitSections(section.muc, [...path, i, 'muc']);
    });
  };
  visitSections(data.noi_dung, ['noi_dung']);
  (data.ket_thuc ?? []).forEach((text, i) => visit(text, ['ket_thuc', i]));
}

export function textDiagnostics(data: DocumentData, at: TextPlaceFinder): Diagnostic[] {
  const figures = collectFigures(data.so_lieu);
  const diagnostics: Diagnostic[] = [];
  forEachInlineText(data, (text, path) => {
    const { inlines, problems } = parseInline(text, figures);
    for (const problem of problems) diagnostics.push(diagnosticAt(at(path, problem.offset), problem.ruleId, problem.message));
    for (const mismatch of typedPercentMismatches(inlines)) {
      const offset = text.indexOf(mismatch.typed);
      diagnostics.push(
        diagnosticAt(
          at(path, Math.max(0, offset)),
          'percent-mismatch',
          `Tỷ lệ gõ tay ${mismatch.typed} không khớp với ${mismatch.fraction}: đúng là ${mismatch.expected}. Hãy dùng {{ty_le …}} để tỷ lệ được tính tự động.`,
          { expected: mismatch.expected, actual: mismatch.typed },
        ),
      );
    }
    for (const inline of inlines) {
      if ('footnote' in inline) {
        for (const mismatch of typedPercentMismatches(inline.footnote)) {
          diagnostics.push(
            diagnosticAt(
              at(path, Math.max(0, text.indexOf(mismatch.typed))),
              'percent-mismatch',
              `Tỷ lệ gõ tay ${mismatch.typed} trong chú thích không khớp với ${mismatch.fraction}: đúng là ${mismatch.expected}.`,
              { expected: mismatch.expected, actual: mismatch.typed },
            ),
          );
        }
      }
    }
  });
  return diagnostics;
}

const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
/** "239/266", "2,150 tỷ đồng/2,814 tỷ đồng"; not dates (19/01/2024) nor document numbers (33/2023/NĐ-CP). */
const FRACTION = new RegExp(
  String.raw`(?<![\d/.,])(${NUMBER})((?:\s+[^\s\d/%;:]+){0,3})\s*\/\s*(${NUMBER})(?![\d/])`,
  'gu',
);
const PERCENT = new RegExp(String.raw`(?<![\d.,])(\d+(?:,\d+)?)\s?%`, 'gu');
const MAX_GAP = 80;

export interface PercentMismatch {
  fraction: string;
  typed: string;
  expected: string;
}

export function typedPercentMismatches(inlines: readonly ParsedInline[]): PercentMismatch[] {
  const text = plainText(inlines);
  const fractions = [...text.matchAll(FRACTION)];
  const mismatches: PercentMismatch[] = [];
  for (const percent of text.matchAll(PERCENT)) {
    const start = percent.index;
    const before = fractions.filter((f) => f.index + f[0].length <= start);
    const fraction = before[before.length - 1];
    if (!fraction) continue;
    const gapText = text.slice(fraction.index + fraction[0].length, start);
    if (gapText.length > MAX_GAP || /\d\s?%/.test(gapText)) continue;
    const numerator = parseVietnameseNumber(fraction[1]!);
    const denominator = parseVietnameseNumber(fraction[3]!);
    if (!(denominator > 0)) continue;
    const typedText = percent[1]!;
    const decimals = typedText.includes(',') ? typedText.split(',')[1]!.length : 0;
    const typedValue = parseVietnameseNumber(typedText);
    const actual = roundHalfUp((numerator / denominator) * 100, decimals);
    if (Math.abs(actual - typedValue) > 1e-9) {
      mismatches.push({
        fraction: fraction[0].trim(),
        typed: percent[0],
        expected: formatPercent(numerator, denominator, Math.max(decimals, 2)),
      });
    }
  }
  return mismatches;
}
