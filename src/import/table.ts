/**
 * A Word table as a `bang`: header rows (w:tblHeader, else the first row, two when its cells are
 * merged) give `cot` with `nhom` for a cell spanning columns; widths from the table grid; a
 * column whose every cell is a number printed the Vietnamese way and aligned right is `kieu: so`;
 * a last row starting "Tổng cộng" whose numbers are the column sums is `tong: true`, else typed.
 */
import type { TableCellData, TableData } from '../core/schema.js';
import { formatNumber } from '../markup/format-vi.js';
import type { Cell, Table } from './read-docx.js';
import { markupOf } from './paragraph-text.js';

const TWIPS_PER_CM = 1440 / 2.54;
const TOTAL = /^(tổng cộng|tổng số|tổng|cộng)$/iu;

interface GridCell {
  text: string;
  markup: string;
  span: number;
  merge?: 'restart' | 'continue';
  align?: string;
}

function gridRow(cells: Cell[]): GridCell[] {
  return cells.map((cell) => {
    const grid: GridCell = {
      text: cell.paragraphs.map((p) => p.pieces.map((x) => ('text' in x ? x.text : '')).join('')).join(' ').replace(/\s+/g, ' ').trim(),
      markup: cell.paragraphs.map((p) => markupOf(p.pieces)).filter((t) => t !== '').join(' '),
      span: cell.span,
    };
    if (cell.merge) grid.merge = cell.merge;
    const align = cell.paragraphs.find((p) => p.align)?.align;
    if (align) grid.align = align;
    return grid;
  });
}

/** A number exactly as baocao prints it ("1.086", "8,46"), or undefined. */
export function viNumber(text: string): number | undefined {
  if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(text)) return undefined;
  const value = Number(text.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(value) && formatNumber(value) === text ? value : undefined;
}

export function importTable(table: Table): { bang: TableData; notes: string[]; merged: string[] } {
  const notes: string[] = [];
  const rows = table.rows.map(gridRow);
  const columns = Math.max(table.grid.length, ...rows.map((r) => r.reduce((n, c) => n + c.span, 0)));
  const firstHasMerge = (rows[0] ?? []).some((c) => c.span > 1 || c.merge === 'restart');
  const headerCount = table.headerRows > 0 ? table.headerRows : rows.length > 1 && firstHasMerge ? 2 : 1;
  const names: string[] = new Array<string>(columns).fill('');
  const groups: (string | undefined)[] = new Array<string | undefined>(columns).fill(undefined);
  for (let r = 0; r < headerCount && r < rows.length; r++) {
    let col = 0;
    for (const cell of rows[r]!) {
      if (cell.merge === 'continue') {
        col += cell.span;
        continue;
      }
      if (cell.span > 1 && r < headerCount - 1) for (let k = 0; k < cell.span; k++) groups[col + k] = cell.text;
      else for (let k = 0; k < cell.span; k++) names[col + k] = cell.text;
      col += cell.span;
    }
  }
  const body = rows.slice(headerCount);
  let totalRow: GridCell[] | undefined;
  const last = body[body.length - 1];
  if (last && TOTAL.test(last[0]?.text ?? '')) {
    totalRow = last;
    body.pop();
  }
  const merged = mergedCells(body, headerCount, totalRow);
  const data: TableCellData[][] = body.map((row) => {
    const cells: TableCellData[] = [];
    for (const cell of row) {
      cells.push(cell.markup);
      for (let k = 1; k < cell.span; k++) cells.push('');
    }
    while (cells.length < columns) cells.push('');
    return cells.slice(0, columns);
  });
  const aligns = (col: number) => body.map((row) => cellAt(row, col)?.align).filter((a): a is string => a !== undefined);
  const cot: TableData['cot'] = [];
  for (let col = 0; col < columns; col++) {
    const values = data.map((row) => row[col]);
    const align = majority(aligns(col));
    const numeric = col > 0 && values.length > 0 && values.every((v) => typeof v === 'string' && viNumber(v) !== undefined) && align === 'right';
    if (numeric) data.forEach((row) => (row[col] = viNumber(row[col] as string)!));
    else data.forEach((row) => {
      const v = row[col] as string;
      const n = viNumber(v);
      // A number cell keeps its value (printed the same); a text cell stays text.
      if (n !== undefined && /^\d+$/.test(v)) row[col] = n;
    });
    const column: TableData['cot'][number] = { ten: names[col] || `Cột ${col + 1}` };
    if (!names[col]) notes.push(`cột ${col + 1} của bảng không có tiêu đề: đặt tạm "Cột ${col + 1}"`);
    if (groups[col] && groups[col] !== names[col]) column.nhom = groups[col]!;
    if (numeric) column.kieu = 'so';
    const can = align === 'center' ? 'giua' : align === 'right' ? 'phai' : 'trai';
    if (can !== (numeric ? 'phai' : 'trai')) column.can = can;
    const width = table.grid[col];
    if (width) column.rong = Math.floor((width / TWIPS_PER_CM) * 100) / 100;
    cot.push(column);
  }
  const bang: TableData = { cot, dong: data };
  if (totalRow) {
    const typed: TableCellData[] = [];
    for (const cell of totalRow) {
      const n = viNumber(cell.text);
      typed.push(n ?? cell.markup.replace(/\*\*/g, ''));
      for (let k = 1; k < cell.span; k++) typed.push('');
    }
    while (typed.length < columns) typed.push('');
    const sums = cot.map((c, col) => (c.kieu === 'so' ? data.reduce((s, row) => s + (row[col] as number), 0) : undefined));
    const computed = cot.every((c, col) => (c.kieu === 'so' ? typed[col] === sums[col] : col === 0 || typed[col] === '')) && cot.some((c) => c.kieu === 'so');
    bang.tong = computed ? true : typed.slice(0, columns);
  }
  return { bang, notes, merged };
}

const quote = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * The merged cells of the data rows (and of the total row but its label, which baocao spans
 * itself): `bang` has no merged data cell, so each is said, with its row, column and text, which
 * stays in its first cell — the cells it covered are left empty, so no figure is counted twice.
 */
function mergedCells(body: GridCell[][], headerCount: number, totalRow: GridCell[] | undefined): string[] {
  const out: string[] = [];
  const rows = totalRow ? [...body, totalRow] : body;
  rows.forEach((row, r) => {
    const rowNumber = headerCount + r + 1;
    let col = 0;
    for (const cell of row) {
      if (cell.span > 1 && !(row === totalRow && col === 0)) {
        out.push(`ô gộp ${cell.span} cột ở dòng ${rowNumber}, cột ${col + 1} của bảng ("${quote(cell.text)}"): bảng của baocao chưa có ô gộp trong dòng số liệu, chữ được giữ ở ô đầu, ${cell.span - 1} ô sau để trống`);
      }
      if (cell.merge === 'restart') {
        let below = 0;
        while (r + below + 1 < rows.length && cellAt(rows[r + below + 1]!, col)?.merge === 'continue') below++;
        if (below > 0) {
          out.push(`ô gộp ${below + 1} dòng (dòng ${rowNumber}–${rowNumber + below}, cột ${col + 1}) của bảng ("${quote(cell.text)}"): bảng của baocao chưa có ô gộp trong dòng số liệu, chữ được giữ ở dòng đầu, ${below} dòng dưới để trống ô này`);
        }
      }
      col += cell.span;
    }
  });
  return out;
}

function cellAt(row: GridCell[], col: number): GridCell | undefined {
  let at = 0;
  for (const cell of row) {
    if (col >= at && col < at + cell.span) return cell;
    at += cell.span;
  }
  return undefined;
}

function majority(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best === 'both' || best === 'start' ? 'left' : best === 'end' ? 'right' : best;
}
