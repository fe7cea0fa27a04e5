/**
 * Rules on the tables of the body (`bang`) as pages: the columns fit the page (landscape when the
 * portrait is too narrow). Their figures — cells, computed columns, totals — are table-figures.ts.
 */
import type { DataPath } from '../core/data-path.js';
import type { AppendixData, DocumentData, SectionData, TableData } from '../core/schema.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { fitsWidth, givenWidth, LANDSCAPE_TEXT_WIDTH_CM, TEXT_WIDTH_CM } from '../core/table-facts.js';
import { formatNumber } from '../markup/format-vi.js';
import type { PlaceFinder } from './document-rules.js';

/**
 * Every table of the document with its data path (…, 'doan', i, 'bang'); a phụ lục's tables come
 * last, with their phụ lục.
 */
export function forEachTable(data: DocumentData, visit: (table: TableData, path: DataPath, appendix?: AppendixData) => void): void {
  const entries = (list: SectionData['doan'], path: DataPath, appendix?: AppendixData) =>
    (list ?? []).forEach((entry, i) => typeof entry === 'object' && 'bang' in entry && visit(entry.bang, [...path, i, 'bang'], appendix));
  entries(data.mo_dau, ['mo_dau']);
  const sections = (list: readonly SectionData[], path: DataPath) =>
    list.forEach((section, i) => {
      entries(section.doan, [...path, i, 'doan']);
      if (section.muc) sections(section.muc, [...path, i, 'muc']);
    });
  sections(data.noi_dung, ['noi_dung']);
  (data.phu_luc ?? []).forEach((appendix, i) => entries(appendix.doan, ['phu_luc', i, 'doan'], appendix));
}

export function tableDiagnostics(data: DocumentData, at: PlaceFinder): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  forEachTable(data, (table, path, appendix) => diagnostics.push(...checkWidth(table, path, at, appendix)));
  return diagnostics;
}

/**
 * A table wider than the portrait text prints on landscape pages (a body table on pages of its
 * own, a phụ lục whole); one wider than the landscape text, or than the portrait text in a phụ lục
 * that asks for `huong: doc`, cannot be printed: an error, nothing is written.
 */
function checkWidth(table: TableData, path: DataPath, at: PlaceFinder, appendix?: AppendixData): Diagnostic[] {
  const portraitOnly = appendix?.huong === 'doc';
  const limit = portraitOnly ? TEXT_WIDTH_CM : LANDSCAPE_TEXT_WIDTH_CM;
  if (fitsWidth(table.cot, limit)) return [];
  const free = table.cot.some((c) => c.rong === undefined);
  const page = portraitOnly ? `trang dọc (${formatNumber(TEXT_WIDTH_CM)} cm) mà phụ lục ghi huong: doc — bỏ huong: doc để in trang ngang, hoặc thu hẹp các cột` : `cả trang ngang (${formatNumber(LANDSCAPE_TEXT_WIDTH_CM)} cm) — hãy thu hẹp các cột (rong) hoặc tách thành hai bảng`;
  return [
    diagnosticAt(
      at([...path, 'cot']),
      'table-too-wide',
      `Các cột rộng tổng cộng ${formatNumber(givenWidth(table.cot))} cm${free ? ' và không còn chỗ cho các cột không ghi rong' : ''}, vượt bề rộng ${page}.`,
      { expected: `≤ ${formatNumber(limit)} cm`, actual: `${formatNumber(givenWidth(table.cot))} cm` },
    ),
  ];
}
