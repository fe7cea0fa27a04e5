/**
 * Rules on the tables of the body (`bang`): each row has one cell per column, a column of figures
 * (`kieu: so`) holds numbers only, a typed total row agrees with the sums of the data, the columns
 * fit the page (landscape when the portrait is too narrow), and a computed total has a text column
 * to put "Tổng cộng" in.
 */
import type { DataPath } from '../core/data-path.js';
import type { AppendixData, DocumentData, SectionData, TableData } from '../core/schema.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { columnSums, fitsWidth, givenWidth, LANDSCAPE_TEXT_WIDTH_CM, TEXT_WIDTH_CM } from '../core/table-facts.js';
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
  forEachTable(data, (table, path, appendix) => diagnostics.push(...checkTable(table, path, at), ...checkWidth(table, path, at, appendix)));
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

function checkTable(table: TableData, path: DataPath, at: PlaceFinder): Diagnostic[] {
  const out: Diagnostic[] = [];
  const columns = table.cot.length;
  const rowShape = (row: readonly unknown[], rowPath: DataPath, what: string) => {
    if (row.length !== columns) {
      out.push(diagnosticAt(at(rowPath), 'table-row-cells', `${what} có ${row.length} ô nhưng bảng có ${columns} cột: mỗi dòng phải đủ một ô cho mỗi cột.`, { expected: String(columns), actual: String(row.length) }));
      return false;
    }
    return true;
  };
  const figures = (row: readonly unknown[], rowPath: DataPath) =>
    row.forEach((value, c) => {
      const column = table.cot[c];
      if (column?.kieu === 'so' && typeof value !== 'number') {
        out.push(diagnosticAt(at([...rowPath, c]), 'table-not-number', `Cột "${column.ten}" là cột số liệu (kieu: so) nhưng ô này không phải là số: "${String(value)}". Gõ số không kèm dấu chấm phân cách (1086, 8.46).`));
      }
    });
  table.dong.forEach((row, r) => {
    if (rowShape(row, [...path, 'dong', r], `Dòng ${r + 1}`)) figures(row, [...path, 'dong', r]);
  });
  const sums = columnSums(table);
  if (Array.isArray(table.tong)) {
    const totalPath = [...path, 'tong'];
    if (rowShape(table.tong, totalPath, 'Dòng tổng')) {
      figures(table.tong, totalPath);
      table.tong.forEach((value, c) => {
        const sum = sums[c];
        if (sum === undefined || typeof value !== 'number' || Math.abs(sum - value) < 1e-9) return;
        out.push(diagnosticAt(at([...totalPath, c]), 'table-total-mismatch', `Dòng tổng ghi ${formatNumber(value)} ở cột "${table.cot[c]!.ten}" nhưng cộng các dòng được ${formatNumber(sum)}. Ghi tong: true để tổng được tính tự động.`, { expected: formatNumber(sum), actual: formatNumber(value) }));
      });
    }
  } else if (table.tong === true && table.cot[0]?.kieu === 'so') {
    out.push(diagnosticAt(at([...path, 'tong']), 'table-total-mismatch', 'Dòng tổng tự động cần cột đầu tiên là cột chữ (nơi ghi "Tổng cộng"), nhưng cột đầu là cột số liệu.'));
  }
  return out;
}
