/**
 * The figures of the tables (`bang`): every number a table prints has one source, and it is
 * resolved and checked here, once, before the texts are parsed (so a sentence can cite a table's
 * total):
 *   - a cell of a column of figures is a number or a figure expression ("{{ho_so.tiep_nhan}}",
 *     "{{tong a b c}}");
 *   - a table may take its rows from a group of figures by row (`tu_so_lieu: linh_vuc`), each
 *     column its figure of the row by `ma`;
 *   - a computed column (`tinh: ty_le dung_han tiep_nhan`, `hieu a b`, `tong a b c`) is worked out
 *     per row from the row's other columns, its total from the columns' totals;
 *   - the totals are computed (`tong: true`) or typed and checked (a typed total may be a figure:
 *     "{{ho_so.tiep_nhan}}" — then the rows must add up to it);
 *   - `ten_so_lieu: linh_vuc` makes the totals figures the text can cite: `{{linh_vuc.tong.tiep_nhan}}`;
 *   - a column of typed percentages (`ty_le_cua: [dung_han, tiep_nhan]`) is checked against the
 *     ratio of its row's pair, at the precision typed.
 * The result (`ResolvedTable`) is what compute prints: it never adds or formats a figure itself.
 */
import type { DataPath } from '../core/data-path.js';
import { pathKey } from '../core/data-path.js';
import { rowGroups, ROW_GROUP_TOTAL, type DocumentData, type FigureRows, type TableData } from '../core/schema.js';
import { columnFormula, inputColumns, isFigureColumn, TOTAL_LABEL, type ResolvedCell, type ResolvedTable, type TableColumn } from '../core/table-facts.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { evaluateNumber } from '../markup/expressions.js';
import { formatNumber, formatPercent } from '../markup/format-vi.js';
import { closestName } from '../markup/suggest.js';
import { percentDisagrees, wholePercent } from './typed-percentages.js';
import type { ComputedRatio } from './near-computed-percents.js';
import type { PlaceFinder } from './document-rules.js';
import { forEachTable } from './table-rules.js';
import type { TextPlaceFinder } from './text-rules.js';

export interface TableFigures {
  /** Each table resolved, by the `pathKey` of its `bang`. */
  tables: Map<string, ResolvedTable>;
  /** The figures of so_lieu and the named totals of the tables (`linh_vuc.tong.tiep_nhan`). */
  figures: Map<string, number>;
  /** Every ratio the tables compute (`tinh: ty_le`), per row and total: a typed percentage in the text is compared with them. */
  ratios: ComputedRatio[];
  diagnostics: Diagnostic[];
}

/** "{{ … }}" as a whole cell: the expression and its offset in the cell's text. */
const WHOLE_EXPRESSION = /^\s*\{\{([\s\S]*)\}\}\s*$/;

/** Row names of `tu_so_lieu` tables: the row number and the row's `ten`. */
const ROW_NUMBER = 'stt';
const ROW_NAME = 'ten';

type Value = number | undefined;

export function resolveTables(data: DocumentData, baseFigures: ReadonlyMap<string, number>, at: PlaceFinder, atText: TextPlaceFinder): TableFigures {
  const result: TableFigures = { tables: new Map(), figures: new Map(baseFigures), ratios: [], diagnostics: [] };
  const groups = rowGroups(data.so_lieu);
  forEachTable(data, (table, path) => {
    const resolver = new TableResolver(table, path, result.figures, groups, at, atText);
    const resolved = resolver.resolve();
    result.diagnostics.push(...resolved.diagnostics);
    result.ratios.push(...resolver.ratios);
    if (resolved.table) result.tables.set(pathKey(path), resolved.table);
    if (table.ten_so_lieu !== undefined) nameTotals(table, path, resolved.sums ?? [], result, at);
  });
  return result;
}

/** `ten_so_lieu: linh_vuc` → `linh_vuc.tong.<ma>` for each column of figures with a `ma` (not a ratio). */
function nameTotals(table: TableData, path: DataPath, sums: readonly Value[], result: TableFigures, at: PlaceFinder): void {
  table.cot.forEach((column, c) => {
    if (column.ma === undefined || !isFigureColumn(column) || columnFormula(column)?.fn === 'ty_le') return;
    // A column whose cells did not resolve is already an error that stops the document; its name
    // still stands (1, never printed) so the sentences citing it are not reported a second time.
    const sum = sums[c] ?? 1;
    const name = `${table.ten_so_lieu}.${ROW_GROUP_TOTAL}.${column.ma}`;
    if (result.figures.has(name)) {
      result.diagnostics.push(
        diagnosticAt(at([...path, 'ten_so_lieu']), 'table-figure-name', `Số liệu "${name}" đã có (trong so_lieu hoặc một bảng trước): đặt ten_so_lieu khác cho bảng này.`),
      );
      return;
    }
    result.figures.set(name, sum);
  });
}

class TableResolver {
  readonly diagnostics: Diagnostic[] = [];
  readonly ratios: ComputedRatio[] = [];
  private readonly inputs: number[];

  constructor(
    private readonly table: TableData,
    private readonly path: DataPath,
    private readonly figures: ReadonlyMap<string, number>,
    private readonly groups: ReadonlyMap<string, FigureRows>,
    private readonly at: PlaceFinder,
    private readonly atText: TextPlaceFinder,
  ) {
    this.inputs = inputColumns(table.cot);
  }

  resolve(): { table?: ResolvedTable; sums?: Value[]; diagnostics: Diagnostic[] } {
    const formulasOk = this.checkFormulas();
    const rows = this.table.tu_so_lieu !== undefined ? this.rowsFromFigures(this.table.tu_so_lieu) : this.typedRows();
    if (!rows || !formulasOk) return { diagnostics: this.diagnostics };
    rows.forEach((row) => this.computeRow(row));
    // A column (or figure) with a cell that did not resolve has no total (no ratio over a made-up zero).
    // (A short row's missing cells are already its own problem: the column still adds up its other rows.)
    const sumOf = (lookup: (row: Row) => Value): Value =>
      rows.every((row) => lookup(row) !== undefined || row.short) ? rows.reduce((sum, row) => sum + (lookup(row) ?? 0), 0) : undefined;
    const sums: Value[] = this.table.cot.map((column, c) => (column.kieu === 'so' ? sumOf((row) => row.values[c]) : undefined));
    this.table.cot.forEach((column, c) => {
      const formula = columnFormula(column);
      // A ratio's total is the ratio of the totals; a sum's or difference's the same as the sum of its rows.
      if (formula) sums[c] = this.apply(formula, (name) => sumOf((row) => this.lookup(row, name)), () => this.at([...this.path, 'cot', c, 'tinh']), 'dòng tổng');
      if (formula?.fn === 'ty_le' && sums[c] !== undefined && this.table.tong !== undefined) {
        this.noteRatio(sums[c], formula.args, (name) => sumOf((row) => this.lookup(row, name)), `cột "${column.ten}", dòng tổng`, [...this.path, 'tong']);
      }
    });
    this.checkTypedRatios(rows, sums);
    const total = this.totalRow(sums);
    // With problems, the totals are still named (the text citing them is not a second problem).
    if (this.diagnostics.length > 0) return { sums, diagnostics: this.diagnostics };
    return { table: { rows: rows.map((row) => row.cells), ...(total ? { total } : {}) }, sums, diagnostics: this.diagnostics };
  }

  private column(c: number): TableColumn {
    return this.table.cot[c]!;
  }

  /** Every `tinh` names columns that exist (by `ma`), hold figures, and come before it when computed. */
  private checkFormulas(): boolean {
    const byName = new Map<string, number>();
    let ok = true;
    this.table.cot.forEach((column, c) => {
      if (column.ma === undefined) return;
      if (byName.has(column.ma)) {
        this.diagnostics.push(diagnosticAt(this.at([...this.path, 'cot', c, 'ma']), 'table-column-unknown', `Hai cột cùng ma "${column.ma}": mỗi cột một tên riêng.`));
        ok = false;
      } else byName.set(column.ma, c);
    });
    this.table.cot.forEach((column, c) => {
      const formula = columnFormula(column);
      if (!formula) {
        if (!this.checkTypedRatioColumn(c, byName)) ok = false;
        return;
      }
      if ((formula.fn === 'ty_le' || formula.fn === 'hieu') && formula.args.length !== 2) {
        this.diagnostics.push(diagnosticAt(this.at([...this.path, 'cot', c, 'tinh']), 'invalid-expression', `"${formula.fn}" tính từ đúng 2 cột, ví dụ tinh: ${formula.fn} dung_han tiep_nhan.`));
        ok = false;
      }
      for (const name of formula.args) {
        const source = byName.get(name);
        const named = [...byName.keys()];
        // Rows from so_lieu: a formula may also name a figure of the rows (checked per row).
        if (source === undefined && this.table.tu_so_lieu !== undefined && this.rowFigureNames().has(name)) continue;
        const problem =
          source === undefined
            ? `Cột "${column.ten}" tính từ cột "${name}" nhưng bảng không có cột nào ghi ma: ${name}.${hint(name, named)} ${named.length > 0 ? `Các cột có ma: ${named.join(', ')}.` : 'Ghi ma cho các cột số liệu, ví dụ { ten: Tiếp nhận, kieu: so, ma: tiep_nhan }.'}`
            : !isFigureColumn(this.column(source))
              ? `Cột "${column.ten}" tính từ cột "${this.column(source).ten}" (ma: ${name}) nhưng cột đó không phải cột số liệu: ghi kieu: so cho nó.`
              : source >= c && this.column(source).tinh !== undefined
                ? `Cột "${column.ten}" tính từ cột tính "${this.column(source).ten}" đứng sau nó: đặt cột được dùng lên trước.`
                : undefined;
        if (problem) {
          this.diagnostics.push(diagnosticAt(this.at([...this.path, 'cot', c, 'tinh']), 'table-column-unknown', problem));
          ok = false;
        }
      }
    });
    return ok;
  }

  private noteRatio(percent: number, args: readonly string[], valueOf: (name: string) => Value, what: string, place: DataPath, label?: string): void {
    const [numerator, denominator] = args.map(valueOf);
    if (numerator === undefined || denominator === undefined) return;
    this.ratios.push({ percent, numerator, denominator, what: `${what} của bảng`, where: this.at(place), ...(label ? { label } : {}) });
  }

  /** `ty_le_cua: [a, b]` names two columns of figures (by ma), or figures of the rows of so_lieu. */
  private checkTypedRatioColumn(c: number, byName: ReadonlyMap<string, number>): boolean {
    const pair = this.column(c).ty_le_cua;
    if (pair === undefined) return true;
    let ok = true;
    pair.forEach((name, i) => {
      const source = byName.get(name);
      if (source === undefined && this.table.tu_so_lieu !== undefined && this.rowFigureNames().has(name)) return;
      const named = [...byName.keys()];
      const problem =
        source === undefined
          ? `Cột "${this.column(c).ten}" là tỷ lệ của cột "${name}" nhưng bảng không có cột nào ghi ma: ${name}.${hint(name, named)}${named.length > 0 ? ` Các cột có ma: ${named.join(', ')}.` : ''}`
          : !isFigureColumn(this.column(source))
            ? `Cột "${this.column(c).ten}" là tỷ lệ của cột "${this.column(source).ten}" (ma: ${name}) nhưng cột đó không phải cột số liệu: ghi kieu: so cho nó.`
            : undefined;
      if (problem) {
        this.diagnostics.push(diagnosticAt(this.at([...this.path, 'cot', c, 'ty_le_cua', i]), 'table-column-unknown', problem));
        ok = false;
      }
    });
    return ok;
  }

  /**
   * The typed percentages of a `ty_le_cua` column, each against the ratio of its row's pair (the
   * typed total's against the ratio of the totals), at the precision typed: a mismatch is an error
   * at the cell with both values.
   */
  private checkTypedRatios(rows: readonly Row[], sums: readonly Value[]): void {
    this.table.cot.forEach((column, c) => {
      const pair = column.ty_le_cua;
      if (pair === undefined) return;
      const formula = { fn: 'ty_le' as const, args: [...pair] };
      const check = (typed: string | undefined, place: DataPath | undefined, valueOf: (name: string) => Value, placeOf: (name: string) => ReturnType<PlaceFinder>, where: string) => {
        if (typed === undefined || typed.trim() === '' || place === undefined) return;
        const number = wholePercent(typed);
        if (number === undefined) {
          this.diagnostics.push(
            diagnosticAt(this.at(place), 'table-not-number', `Cột "${column.ten}" ghi tỷ lệ gõ tay (ty_le_cua) nhưng ô ở ${where} không phải một tỷ lệ: "${typed}". Ghi như 97,1% (hoặc để trống "").`),
          );
          return;
        }
        const ratio = this.apply(formula, valueOf, placeOf, where);
        if (ratio === undefined) return;
        const wrong = percentDisagrees(number, ratio);
        if (!wrong) return;
        const [numerator, denominator] = pair.map((name) => formatNumber(valueOf(name)!)) as [string, string];
        this.diagnostics.push(
          diagnosticAt(
            this.at(place),
            'percent-mismatch',
            `Ô "${typed.trim()}" ở cột "${column.ten}", ${where}: ${pair[0]}/${pair[1]} là ${numerator}/${denominator} = ${wrong.expected} (làm tròn ${wrong.decimals} chữ số như đã gõ). Sửa ô, hoặc thay ty_le_cua bằng tinh: ty_le ${pair.join(' ')} để tỷ lệ được tính tự động.`,
            { expected: wrong.expected, actual: typed.trim() },
          ),
        );
      };
      for (const row of rows) check(row.typed[c], row.places[c], (name) => this.lookup(row, name), (name) => this.placeIn(row, name, [...this.path, 'cot', c, 'ty_le_cua']), row.label);
      const { tong } = this.table;
      if (Array.isArray(tong)) {
        const i = this.inputs.indexOf(c);
        const cell = tong[i];
        const sumOf = (name: string): Value => {
          const source = this.table.cot.findIndex((col) => col.ma === name);
          return source >= 0 ? sums[source] : rows.every((row) => this.lookup(row, name) !== undefined) ? rows.reduce((sum, row) => sum + this.lookup(row, name)!, 0) : undefined;
        };
        if (i >= 0 && cell !== undefined) check(String(cell), [...this.path, 'tong', i], sumOf, () => this.at([...this.path, 'tong']), 'dòng tổng');
      }
    });
  }

  /** The names of the figures that every row of the `tu_so_lieu` group has. */
  private rowFigureNames(): Set<string> {
    const rows = Object.values(this.groups.get(this.table.tu_so_lieu ?? '') ?? {});
    const names = new Set(rows.flatMap((row) => Object.keys(row).filter((key) => typeof row[key] === 'number')));
    return new Set([...names].filter((name) => rows.every((row) => typeof row[name] === 'number')));
  }

  /** The rows of `dong`: one cell per column that is not computed; a figure cell a number or "{{…}}". */
  private typedRows(): Row[] | undefined {
    const dong = this.table.dong ?? [];
    const rows: Row[] = [];
    dong.forEach((cells, r) => {
      const rowPath = [...this.path, 'dong', r];
      // A row of the wrong length is reported, and its cells still read by position (all problems at once).
      const row: Row = { ...emptyRow(this.table.cot.length, `dòng ${r + 1}`), short: !this.checkShape(cells, rowPath, `Dòng ${r + 1}`) };
      cells.slice(0, this.inputs.length).forEach((value, i) => {
        const c = this.inputs[i]!;
        const cellPath = [...rowPath, i];
        row.places[c] = cellPath;
        if (isFigureColumn(this.column(c))) {
          const figure = this.figureCell(value, cellPath, c);
          row.values[c] = figure;
          row.cells[c] = { text: figure === undefined ? '' : this.format(figure, c) };
        } else {
          row.cells[c] = typeof value === 'number' ? { text: formatNumber(value) } : { path: cellPath };
          row.typed[c] = String(value);
        }
      });
      // The row's name: its first text cell that is not a number (the STT column is one).
      const name = row.typed.find((text) => text !== undefined && /\p{L}/u.test(text));
      if (name !== undefined) row.name = name;
      rows.push(row);
    });
    return rows;
  }

  private checkShape(cells: readonly unknown[], rowPath: DataPath, what: string): boolean {
    const expected = this.inputs.length;
    if (cells.length === expected) return true;
    const computed = this.table.cot.filter((c) => c.tinh !== undefined).map((c) => `"${c.ten}"`);
    const because = computed.length > 0 ? ` (${this.table.cot.length} cột, trừ ${computed.length} cột được tính: ${computed.join(', ')})` : '';
    this.diagnostics.push(
      diagnosticAt(this.at(rowPath), 'table-row-cells', `${what} có ${cells.length} ô nhưng bảng cần ${expected} ô${because}: mỗi dòng đủ một ô cho mỗi cột.`, {
        expected: String(expected),
        actual: String(cells.length),
      }),
    );
    return false;
  }

  /** A cell of a column of figures: a number, or one "{{…}}" whose value is a number. */
  private figureCell(value: string | number, cellPath: DataPath, c: number): Value {
    if (typeof value === 'number') return value;
    const whole = WHOLE_EXPRESSION.exec(value);
    if (!whole) {
      this.diagnostics.push(
        diagnosticAt(
          this.at(cellPath),
          'table-not-number',
          `Cột "${this.column(c).ten}" là cột số liệu (kieu: so) nhưng ô này không phải là số: "${value}". Gõ số không kèm dấu chấm phân cách (1086, 8.46), hoặc lấy từ so_lieu: "{{ho_so.tiep_nhan}}".`,
        ),
      );
      return undefined;
    }
    const offset = value.indexOf('{{') + 2;
    const evaluated = evaluateNumber(whole[1]!, this.figures, closestName);
    if ('problem' in evaluated) {
      this.diagnostics.push(diagnosticAt(this.atText(cellPath, offset + evaluated.problem.offset), evaluated.problem.ruleId, evaluated.problem.message));
      return undefined;
    }
    return evaluated.value;
  }

  /** `tu_so_lieu: linh_vuc`: one row per entry of so_lieu.linh_vuc, each column the row's figure named by its `ma`. */
  private rowsFromFigures(name: string): Row[] | undefined {
    const group = this.groups.get(name);
    if (!group) {
      const names = [...this.groups.keys()];
      this.diagnostics.push(
        diagnosticAt(
          this.at([...this.path, 'tu_so_lieu']),
          'unknown-figure',
          `Không có nhóm số liệu "${name}" trong so_lieu.${hint(name, names)} Khai trong so_lieu: ${name}: { dat_dai: { ten: Đất đai, tiep_nhan: 402 }, … } (mỗi dòng một khóa).`,
        ),
      );
      return undefined;
    }
    for (const c of this.inputs) {
      if (this.column(c).ma === undefined) {
        this.diagnostics.push(
          diagnosticAt(
            this.at([...this.path, 'cot', c]),
            'table-column-unknown',
            `Bảng lấy dòng từ so_lieu.${name} nên cột "${this.column(c).ten}" cần ma: tên số liệu của mỗi dòng (ví dụ ma: tiep_nhan), stt (số thứ tự) hoặc ten (tên dòng).`,
          ),
        );
      }
    }
    if (this.diagnostics.length > 0) return undefined;
    return Object.entries(group).map(([rowName, figures], r) => {
      const row: Row = { ...emptyRow(this.table.cot.length, `dòng ${rowName} (${figures.ten})`), name: figures.ten, figures, figurePath: ['so_lieu', name, rowName] };
      for (const c of this.inputs) {
        const ma = this.column(c).ma!;
        const place = ['so_lieu', name, rowName, ma];
        row.places[c] = place;
        const figure = ma === ROW_NUMBER ? r + 1 : ma === ROW_NAME ? figures.ten : figures[ma];
        // A note (a text column) a row does not have is an empty cell; a figure is never left out.
        if (figure === undefined && !isFigureColumn(this.column(c))) continue;
        if (figure === undefined) {
          const known = Object.keys(figures);
          this.diagnostics.push(
            diagnosticAt(
              this.at(['so_lieu', name, rowName]),
              'unknown-figure',
              `Dòng "${rowName}" (${figures.ten}) của so_lieu.${name} không có số liệu "${ma}" cho cột "${this.column(c).ten}".${hint(ma, known)} Thêm ${ma}: … vào dòng này (không để trống hay tính là 0).`,
            ),
          );
        } else if (isFigureColumn(this.column(c))) {
          if (typeof figure !== 'number') {
            this.diagnostics.push(diagnosticAt(this.at(place), 'table-not-number', `so_lieu.${name}.${rowName}.${ma} là "${figure}" nhưng cột "${this.column(c).ten}" là cột số liệu: ghi một số.`));
          } else {
            row.values[c] = figure;
            row.cells[c] = { text: this.format(figure, c) };
          }
        } else if (ma === ROW_NAME || typeof figure === 'number') row.cells[c] = { text: typeof figure === 'number' ? formatNumber(figure) : figure };
        else if (this.column(c).ty_le_cua !== undefined) {
          // A typed percentage of the row ("97,1%"): printed as typed, checked against the row's pair.
          row.cells[c] = { path: place };
          row.typed[c] = figure;
        }
        // A note of the row is inline text, parsed with the others (text-rules.ts): it may cite a figure.
        else row.cells[c] = { path: place };
      }
      return row;
    });
  }

  /** A name in a formula, in a row: the column with that `ma`, else (rows from so_lieu) the row's figure. */
  private lookup(row: Row, name: string): Value {
    const c = this.table.cot.findIndex((column) => column.ma === name);
    if (c >= 0) return row.values[c];
    const figure = row.figures?.[name];
    return typeof figure === 'number' ? figure : undefined;
  }

  /** Where a name of a formula was written in a row: its cell, or its figure in so_lieu. */
  private placeIn(row: Row, name: string, fallback: DataPath): ReturnType<PlaceFinder> {
    const c = this.table.cot.findIndex((column) => column.ma === name);
    const place = c >= 0 ? row.places[c] : row.figurePath ? [...row.figurePath, name] : undefined;
    return this.at(place ?? fallback);
  }

  /** The computed columns of one row, in order (a computed column may use one before it). */
  private computeRow(row: Row): void {
    this.table.cot.forEach((column, c) => {
      const formula = columnFormula(column);
      if (!formula) return;
      const value = this.apply(formula, (name) => this.lookup(row, name), (name) => this.placeIn(row, name, [...this.path, 'cot', c, 'tinh']), row.label);
      row.values[c] = value;
      if (formula.fn === 'ty_le' && value !== undefined) {
        const place = row.figurePath ?? row.places.find((p) => p !== undefined) ?? [...this.path, 'cot', c, 'tinh'];
        this.noteRatio(value, formula.args, (name) => this.lookup(row, name), `cột "${column.ten}", ${row.name ? `dòng ${row.name}` : row.label}`, place, row.name);
      }
      row.cells[c] = { text: value === undefined ? '' : this.formatComputed(formula.fn, value, c) };
    });
  }

  /**
   * A formula over values by column: the value, or undefined (a ratio over zero is a diagnostic at
   * the denominator's cell). A ratio is kept as its percentage.
   */
  private apply(formula: NonNullable<ReturnType<typeof columnFormula>>, valueOf: (name: string) => Value, placeOf: (name: string) => ReturnType<PlaceFinder>, where: string): Value {
    const args = formula.args.map(valueOf);
    if (args.some((a) => a === undefined)) return undefined;
    const numbers = args as number[];
    if (formula.fn === 'tong') return numbers.reduce((sum, x) => sum + x, 0);
    if (formula.fn === 'hieu') return numbers[0]! - numbers[1]!;
    if (numbers[1] === 0) {
      const [numerator, denominator] = formula.args as [string, string];
      const column = this.table.cot.find((c) => c.tinh !== undefined && columnFormula(c)?.args.join(' ') === formula.args.join(' '));
      const named = this.table.cot.find((c) => c.ma === denominator)?.ten;
      this.diagnostics.push(
        diagnosticAt(
          placeOf(denominator),
          'division-by-zero',
          `Cột "${column?.ten ?? `${numerator}/${denominator}`}" ở ${where}: tỷ lệ ${numerator}/${denominator} có mẫu số (${named ? `cột "${named}"` : denominator}) bằng 0. Kiểm tra lại số liệu; nếu đúng là 0, bỏ dòng này khỏi bảng hoặc bỏ cột tỷ lệ.`,
        ),
      );
      return undefined;
    }
    return (numbers[0]! / numbers[1]!) * 100;
  }

  private format(value: number, c: number): string {
    return formatNumber(value, this.column(c).so_le);
  }

  private formatComputed(fn: string, value: number, c: number): string {
    // A percentage through formatPercent: the same rounding and "100%" as {{ty_le …}}.
    return fn === 'ty_le' ? formatPercent(value, 100, this.column(c).so_le ?? 2) : this.format(value, c);
  }

  /** `tong: true` → the sums; a typed total row → each figure checked against the sum of its column. */
  private totalRow(sums: readonly Value[]): ResolvedCell[] | undefined {
    const { tong } = this.table;
    if (tong === undefined) return undefined;
    const printed = (c: number): ResolvedCell => {
      const sum = sums[c];
      if (sum === undefined) return { text: '' };
      const formula = columnFormula(this.column(c));
      return { text: formula ? this.formatComputed(formula.fn, sum, c) : this.format(sum, c) };
    };
    if (tong === true) {
      if (isFigureColumn(this.column(0))) {
        this.diagnostics.push(diagnosticAt(this.at([...this.path, 'tong']), 'table-total-mismatch', 'Dòng tổng tự động cần cột đầu tiên là cột chữ (nơi ghi "Tổng cộng"), nhưng cột đầu là cột số liệu.'));
        return undefined;
      }
      // "Tổng cộng" spans the text columns before the first column of figures.
      const firstFigure = this.table.cot.findIndex(isFigureColumn);
      const span = firstFigure <= 0 ? 1 : firstFigure;
      const cells: ResolvedCell[] = [{ text: TOTAL_LABEL, colSpan: span }];
      for (let c = span; c < this.table.cot.length; c++) cells.push(printed(c));
      return cells;
    }
    const totalPath = [...this.path, 'tong'];
    this.checkShape(tong, totalPath, 'Dòng tổng');
    const cells: ResolvedCell[] = this.table.cot.map((_, c) => printed(c));
    tong.slice(0, this.inputs.length).forEach((value, i) => {
      const c = this.inputs[i]!;
      const cellPath = [...totalPath, i];
      if (!isFigureColumn(this.column(c))) {
        cells[c] = typeof value === 'number' ? { text: formatNumber(value) } : { path: cellPath };
        return;
      }
      const typed = this.figureCell(value, cellPath, c);
      const sum = sums[c];
      if (typed === undefined || sum === undefined || Math.abs(sum - typed) < 1e-9) return;
      const written = typeof value === 'number' ? formatNumber(typed) : `${String(value).trim()} (= ${formatNumber(typed)})`;
      this.diagnostics.push(
        diagnosticAt(
          this.at(cellPath),
          'table-total-mismatch',
          `Dòng tổng ghi ${written} ở cột "${this.column(c).ten}" nhưng cộng các dòng được ${formatNumber(sum)}. Sửa số ở các dòng hoặc ở so_lieu cho khớp, hoặc ghi tong: true để tổng được tính tự động.`,
          { expected: formatNumber(sum), actual: formatNumber(typed) },
        ),
      );
    });
    return cells;
  }
}

interface Row {
  /** Each column's figure (undefined for text columns and unresolved cells). */
  values: Value[];
  cells: ResolvedCell[];
  /** Where each column's value was written (a cell of dong, a figure of so_lieu). */
  places: (DataPath | undefined)[];
  /** How messages name the row. */
  label: string;
  /** The row's own name, as printed ("Đất đai"): a sentence naming it speaks of this row. */
  name?: string;
  /** The text typed in each text column (a `ty_le_cua` cell is checked against it). */
  typed: (string | undefined)[];
  /** A typed row with fewer or more cells than the table needs (reported; its cells read by position). */
  short?: boolean;
  /** A row from so_lieu: its figures (a formula may name them) and where they are. */
  figures?: Readonly<Record<string, number | string>>;
  figurePath?: DataPath;
}

function emptyRow(columns: number, label: string): Row {
  return {
    values: new Array<Value>(columns).fill(undefined),
    cells: Array.from({ length: columns }, () => ({ text: '' })),
    places: new Array(columns).fill(undefined),
    typed: new Array(columns).fill(undefined),
    label,
  };
}

function hint(name: string, candidates: readonly string[]): string {
  const close = closestName(name, candidates);
  return close ? ` Có phải ý bạn là "${close}"?` : '';
}
