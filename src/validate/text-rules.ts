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
import { formatNumber } from '../markup/format-vi.js';
import { typedPercentMismatches } from './typed-percentages.js';
import { nearComputedPercents, ratiosInText, type ComputedRatio } from './near-computed-percents.js';
import { defaultSummaryText, type DocumentTypeInfo } from '../core/document-types.js';
import { periodPhrase, type Period } from '../core/period.js';
import { ROW_KEY, rowGroups, type DocumentData } from '../core/schema.js';
import { inputColumns, isFigureColumn, type TableColumn } from '../core/table-facts.js';

export type TextPlaceFinder = (path: DataPath, offset: number) => SourcePosition;

/**
 * Every inline text of the document with its data path. It walks the raw value as well as the
 * validated one: where the schema found a problem elsewhere, the texts of the well-formed parts
 * are still checked (a clerk fixes all of a file's problems in one run). Anything not of the
 * expected shape is passed over: the schema reports it.
 */
export function forEachInlineText(data: DocumentData | Record<string, unknown>, visit: (text: string, path: DataPath) => void): void {
  const root = data as Record<string, unknown>;
  const each = (value: unknown, path: DataPath, visitItem: (item: unknown, path: DataPath) => void) => {
    if (Array.isArray(value)) value.forEach((item, i) => visitItem(item, [...path, i]));
  };
  const text = (value: unknown, path: DataPath) => {
    if (typeof value === 'string') visit(value, path);
  };
  const visitEntries = (entries: unknown, path: DataPath) =>
    each(entries, path, (entry, at) => {
      if (typeof entry === 'string') return visit(entry, at);
      if (!isRecord(entry)) return;
      if ('bang' in entry) {
        const table = entry.bang;
        if (!isRecord(table)) return;
        // Cells of a column of figures are figures, resolved by table-figures.ts; the others are text.
        const columns = Array.isArray(table.cot) ? (table.cot.filter(isRecord) as TableColumn[]) : [];
        const inputs = inputColumns(columns);
        const textCell = (cell: unknown, cellAt: DataPath) => {
          const column = columns[inputs[Number(cellAt[cellAt.length - 1])] ?? -1];
          if (column === undefined || !isFigureColumn(column)) text(cell, cellAt);
        };
        each(table.dong, [...at, 'bang', 'dong'], (row, rowAt) => each(row, rowAt, textCell));
        each(table.tong, [...at, 'bang', 'tong'], textCell);
      } else {
        each(entry.gach, [...at, 'gach'], text);
        each(entry.cong, [...at, 'cong'], text);
      }
    });
  text(root.trich_yeu, ['trich_yeu']);
  // The notes of the rows of so_lieu's groups (`ghi_chu: "trễ hạn {{…}} hồ sơ"`), printed in tables; a row's `ten` is a plain name.
  if (isRecord(root.so_lieu)) {
    for (const [name, rows] of rowGroups(root.so_lieu as DocumentData['so_lieu'])) {
      if (!isRecord(rows) && !Array.isArray(rows)) continue; // not a group: the schema says so
      for (const [row, fields] of Object.entries(rows)) {
        if (!isRecord(fields)) continue;
        // (A row of a group's list form, not yet read as the map form, names itself with ma: not a text.)
        const named = Array.isArray(rows) ? [ROW_KEY, 'ten'] : ['ten'];
        for (const [field, value] of Object.entries(fields)) if (!named.includes(field) && typeof value === 'string') visit(value, ['so_lieu', name, row, field]);
      }
    }
  }
  visitEntries(root.mo_dau, ['mo_dau']);
  const visitSections = (sections: unknown, path: DataPath) =>
    each(sections, path, (section, at) => {
      if (!isRecord(section)) return;
      text(section.tieu_de, [...at, 'tieu_de']);
      visitEntries(section.doan, [...at, 'doan']);
      visitSections(section.muc, [...at, 'muc']);
    });
  visitSections(root.noi_dung, ['noi_dung']);
  each(root.ket_thuc, ['ket_thuc'], text);
  each(root.phu_luc, ['phu_luc'], (appendix, at) => {
    if (!isRecord(appendix)) return;
    text(appendix.ten, [...at, 'ten']);
    visitEntries(appendix.doan, [...at, 'doan']);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface ParsedTexts {
  diagnostics: Diagnostic[];
  /** The runs of each inline text, by the `pathKey` of its data path. */
  texts: Map<string, ParsedInline[]>;
}

/** `figures`: those of so_lieu and the named totals of the tables (table-figures.ts). */
/** `ratios`: those the tables compute, for the typed percentages almost equal to one (near-computed-percents.ts). */
export function parseTexts(
  data: DocumentData,
  at: TextPlaceFinder,
  figures: ReadonlyMap<string, number> = collectFigures(data.so_lieu),
  ratios: readonly ComputedRatio[] = [],
): ParsedTexts {
  return parseEveryText(data, at, { figuresValid: true, figures, ratios });
}

/**
 * The text problems of a document the schema refused: those of its well-formed texts, except
 * what may only be a consequence of the schema's own findings — a text the schema refused, a
 * figure missing or a hand-typed percentage wrong while `so_lieu` itself is refused.
 */
export function unvalidatedTextDiagnostics(
  raw: Record<string, unknown>,
  at: TextPlaceFinder,
  refused: ReadonlySet<string>,
  figuresValid: boolean,
  figures?: ReadonlyMap<string, number>,
): Diagnostic[] {
  return parseEveryText(raw, at, { figuresValid, refused, ...(figures ? { figures } : {}) }).diagnostics;
}

/** Expression problems that may come from a refused `so_lieu` rather than from the text. */
const FIGURE_RULES: ReadonlySet<string> = new Set(['unknown-figure', 'division-by-zero']);

function parseEveryText(
  data: DocumentData | Record<string, unknown>,
  at: TextPlaceFinder,
  options: { figuresValid: boolean; refused?: ReadonlySet<string>; figures?: ReadonlyMap<string, number>; ratios?: readonly ComputedRatio[] },
): ParsedTexts {
  const figures = options.figures ?? collectFigures(data.so_lieu);
  const context = { appendices: Array.isArray(data.phu_luc) ? data.phu_luc.length : 0 };
  const diagnostics: Diagnostic[] = [];
  // The ratios computed elsewhere: the tables' and every text's {{ty_le a b}}.
  const ratios = [...(options.ratios ?? [])];
  if (options.ratios) {
    forEachInlineText(data, (text, path) => {
      if (options.refused?.has(pathKey(path))) return;
      for (const ratio of ratiosInText(text, figures)) ratios.push({ ...ratio, what: ratio.source, where: at(path, ratio.offset) });
    });
  }
  const texts = new Map<string, ParsedInline[]>();
  forEachInlineText(data, (text, path) => {
    const key = pathKey(path);
    if (options.refused?.has(key)) return;
    const { inlines, problems, textOffsets, footnoteOffsets } = parseInline(text, figures, context);
    texts.set(key, inlines);
    for (const problem of problems) {
      if (!options.figuresValid && FIGURE_RULES.has(problem.ruleId)) continue;
      diagnostics.push(diagnosticAt(at(path, problem.offset), problem.ruleId, problem.message, problem.severity ? { severity: problem.severity } : {}));
    }
    if (!options.figuresValid) return;
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
      for (const near of nearComputedPercents(plain, ratios)) {
        // a percentage an expression of this text prints is computed, not typed
        if (text.startsWith('{{', offsets[near.index] ?? -1)) continue;
        const here = at(path, offsets[near.index] ?? 0);
        const there = near.ratio.where;
        diagnostics.push(
          diagnosticAt(
            here,
            'percent-near-computed',
            `Tỷ lệ gõ tay ${near.typed}${where} (${here.file}:${here.line}:${here.column}) gần bằng nhưng khác tỷ lệ văn bản tính ở ${there.file}:${there.line}:${there.column} (${near.ratio.what}: ${formatNumber(near.ratio.numerator)}/${formatNumber(near.ratio.denominator)} = ${near.expected}, làm tròn như đã gõ). Nếu cùng là một tỷ lệ, sửa thành ${near.expected} hoặc dùng {{ty_le …}} để hai chỗ luôn khớp.`,
            { severity: 'warning', expected: near.expected, actual: near.typed },
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
export function summaryRuns(data: DocumentData, period: Period, type: DocumentTypeInfo, texts: ReadonlyMap<string, ParsedInline[]>): ParsedInline[] {
  const given = texts.get(pathKey(['trich_yeu']));
  if (given) return given;
  return parseInline(defaultSummaryText(type, periodPhrase(period), data.ten_don_vi), collectFigures(data.so_lieu)).inlines;
}
