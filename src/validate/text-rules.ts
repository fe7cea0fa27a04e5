/**
 * Rules on running text: markup that opens and never closes, empty footnotes, expressions that
 * name a missing figure, and percentages typed by hand that disagree with the counts beside them.
 * Every inline text is parsed here, once; the runs go on to compute with the validated data.
 */
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../core/data-path.js';
import { pathKey } from '../core/data-path.js';
import { collectFigures } from '../markup/expressions.js';
import { parseInline, plainText, type ParsedInline } from '../markup/inline.js';
import { typedPercentMismatches } from './typed-percentages.js';
import { defaultSummaryText, type DocumentTypeInfo } from '../core/document-types.js';
import { parseDocumentName, periodPhrase } from '../core/period.js';
import { rowGroups, type DocumentData, type SectionData } from '../core/schema.js';
import { inputColumns, isFigureColumn } from '../core/table.js';

export type TextPlaceFinder = (path: DataPath, offset: number) => SourcePosition;

/** Every inline text of the document with its data path. */
export function forEachInlineText(data: DocumentData, visit: (text: string, path: DataPath) => void): void {
  if (data.trich_yeu !== undefined) visit(data.trich_yeu, ['trich_yeu']);
  const visitEntries = (entries: SectionData['doan'], path: DataPath) => {
    (entries ?? []).forEach((entry, i) => {
      if (typeof entry === 'string') visit(entry, [...path, i]);
      else if ('bang' in entry) {
        const table = entry.bang;
        // Cells of a column of figures are figures, resolved by table-figures.ts; the others are text.
        const inputs = inputColumns(table.cot);
        const textCell = (cell: unknown, index: number) => {
          const column = table.cot[inputs[index] ?? -1];
          return typeof cell === 'string' && column !== undefined && !isFigureColumn(column);
        };
        (table.dong ?? []).forEach((row, r) => row.forEach((cell, c) => textCell(cell, c) && visit(cell as string, [...path, i, 'bang', 'dong', r, c])));
        if (Array.isArray(table.tong)) table.tong.forEach((cell, c) => textCell(cell, c) && visit(cell as string, [...path, i, 'bang', 'tong', c]));
      } else {
        (entry.gach ?? []).forEach((text, j) => visit(text, [...path, i, 'gach', j]));
        (entry.cong ?? []).forEach((text, j) => visit(text, [...path, i, 'cong', j]));
      }
    });
  };
  // The notes of the rows of so_lieu's groups (`ghi_chu: "trễ hạn {{…}} hồ sơ"`), printed in tables; a row's `ten` is a plain name.
  for (const [name, rows] of rowGroups(data.so_lieu)) {
    for (const [row, fields] of Object.entries(rows)) {
      for (const [field, value] of Object.entries(fields)) if (field !== 'ten' && typeof value === 'string') visit(value, ['so_lieu', name, row, field]);
    }
  }
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
  (data.phu_luc ?? []).forEach((appendix, i) => {
    visit(appendix.ten, ['phu_luc', i, 'ten']);
    visitEntries(appendix.doan, ['phu_luc', i, 'doan']);
  });
}

export interface ParsedTexts {
  diagnostics: Diagnostic[];
  /** The runs of each inline text, by the `pathKey` of its data path. */
  texts: Map<string, ParsedInline[]>;
}

/** `figures`: those of so_lieu and the named totals of the tables (table-figures.ts). */
export function parseTexts(data: DocumentData, at: TextPlaceFinder, figures: ReadonlyMap<string, number> = collectFigures(data.so_lieu)): ParsedTexts {
  const context = { appendices: data.phu_luc?.length ?? 0 };
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, ParsedInline[]>();
  forEachInlineText(data, (text, path) => {
    const { inlines, problems, textOffsets, footnoteOffsets } = parseInline(text, figures, context);
    texts.set(pathKey(path), inlines);
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
  return { diagnostics, texts };
}

/**
 * The trích yếu's runs: the parsed `trich_yeu`, or the default one for the type and period, parsed
 * like any text (the unit's name in it may hold markup characters; as before, not a diagnostic).
 */
export function summaryRuns(data: DocumentData, periodId: string, type: DocumentTypeInfo, texts: ReadonlyMap<string, ParsedInline[]>): ParsedInline[] {
  const given = texts.get(pathKey(['trich_yeu']));
  if (given) return given;
  const period = parseDocumentName(periodId)?.period;
  if (!period) throw new Error(`summaryRuns needs a valid period, got ${periodId}`);
  return parseInline(defaultSummaryText(type, periodPhrase(period), data.ten_don_vi), collectFigures(data.so_lieu)).inlines;
}
