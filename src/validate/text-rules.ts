/**
 * Rules on running text: markup that opens and never closes, empty footnotes, expressions that
 * name a missing figure, and percentages typed by hand that disagree with the counts beside them.
 */
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../load/data-path.js';
import { collectFigures } from '../compute/expressions.js';
import { parseInline, plainText } from '../compute/inline.js';
import { typedPercentMismatches } from './typed-percentages.js';
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
    const { inlines, problems, textOffsets, footnoteOffsets } = parseInline(text, figures);
    for (const problem of problems) diagnostics.push(diagnosticAt(at(path, problem.offset), problem.ruleId, problem.message));
    const checkPercentages = (plain: string, offsets: readonly number[], where: string) => {
      for (const mismatch of typedPercentMismatches(plain)) {
        diagnostics.push(
          diagnosticAt(
            at(path, offsets[mismatch.index] ?? 0),
            'percent-mismatch',
            `Tỷ lệ gõ tay ${mismatch.typed}${where} không khớp với ${mismatch.fraction}: đúng là ${mismatch.expected}. Hãy dùng {{ty_le …}} để tỷ lệ được tính tự động.`,
            { expected: mismatch.expected, actual: mismatch.typed },
          ),
        );
      }
    };
    checkPercentages(plainText(inlines), textOffsets, '');
    let footnote = 0;
    for (const inline of inlines) {
      if ('footnote' in inline) checkPercentages(plainText(inline.footnote), footnoteOffsets[footnote++] ?? [], ' trong chú thích');
    }
  });
  return diagnostics;
}
