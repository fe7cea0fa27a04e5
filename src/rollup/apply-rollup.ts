/**
 * The roll-up (`tong_hop`), pure: the validated figures of the units, gathered by the run engine
 * (./gather-rollup.ts) before validate, are summed per key into the report's `so_lieu`, and each
 * `bang` with `tu_tong_hop` gets one row per unit (`dong`). The result is merged data like any
 * other: validate checks it, compute never reads a file.
 *
 * What is summed (docs/huong-dan-soan-thao.md "Tổng hợp số liệu từ các đơn vị"):
 *   - every number of `so_lieu` (counts of nhiem_vu, ho_so; amounts of ngan_sach; khac), by key;
 *   - not `ngan_sach.don_vi` (a text: the units must agree, it is carried over);
 *   - not a `khac` figure whose name says it is a ratio or a mean (ty_le_…, ti_le_…, phan_tram_…,
 *     chi_so_…, diem_…, binh_quan_…, trung_binh_…): a sum of percentages means nothing; the report
 *     recomputes them from the summed counts with {{ty_le …}}.
 *   - each group of figures by row (`linh_vuc: { dat_dai: {…} }`), row by row (`sumRowGroups`).
 * A key that some units have and others lack is not summed (a sum over part of the units would
 * pass for the whole): a warning names the units without it, and any use of it is an error.
 */
import type { DataPath } from '../core/data-path.js';
import { pathKey } from '../core/data-path.js';
import type { Statistics } from '../core/schema.js';
import { ROLLUP_ALL, ROLLUP_ROW_NUMBER, ROLLUP_UNIT_NAME, rowGroups } from '../core/schema.js';
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { formatNumber } from '../markup/format-vi.js';
import { placeOf, type MergedData } from '../merge/merge-layers.js';

/** One unit's validated figures, as the run engine gathered them. */
export interface UnitFigures {
  /** The unit's folder name, as `tong_hop` names it (or as `tat_ca` found it). */
  name: string;
  /** Its `ten_don_vi`: "xã Cẩm Bình". */
  title: string;
  /** Its period file, as the user would write its path. */
  file: string;
  figures: Statistics | undefined;
}

/** What `tong_hop` asks for, with the position of each entry; undefined when it is absent or malformed (the schema says why). */
export type RollupRequest =
  | { kind: 'all'; at: SourcePosition; report: Record<string, unknown> }
  | { kind: 'named'; units: { name: string; at: SourcePosition }[] };

export function rollupRequest(merged: MergedData, documentFile: string): RollupRequest | undefined {
  const spec = merged.value.tong_hop;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  const units = (spec as Record<string, unknown>).don_vi;
  const at = (path: DataPath) => placeOf(merged, path, documentFile);
  if (units === ROLLUP_ALL) return { kind: 'all', at: at(['tong_hop', 'don_vi']), report: merged.value };
  const folderName = (name: unknown) => typeof name === 'string' && name !== '' && !/[/\\]/.test(name) && !name.startsWith('.');
  if (!Array.isArray(units) || units.length === 0 || !units.every(folderName)) return undefined;
  return { kind: 'named', units: (units as string[]).map((name, i) => ({ name, at: at(['tong_hop', 'don_vi', i]) })) };
}

/** `ty_le_hai_long`, `diem_cchc` …: figures that are not amounts and are never summed. */
const NOT_ADDITIVE = /^khac\.(ty_le|ti_le|phan_tram|chi_so|diem|binh_quan|trung_binh)(_|$)/;
const TEXT_FIGURES = new Set(['ngan_sach.don_vi']);

export function isAdditive(key: string): boolean {
  return !NOT_ADDITIVE.test(key) && !TEXT_FIGURES.has(key);
}

/** A unit's `so_lieu` by dotted key: numbers, and the one text figure (ngan_sach.don_vi). */
export function flattenFigures(figures: Statistics | undefined): Map<string, number | string> {
  const flat = new Map<string, number | string>();
  for (const [block, values] of Object.entries(figures ?? {})) {
    for (const [name, value] of Object.entries(values ?? {})) {
      if (typeof value === 'number' || typeof value === 'string') flat.set(`${block}.${name}`, value);
    }
  }
  return flat;
}

export interface RollupSums {
  /** Summed (or agreed) figures by dotted key, in first-seen order. */
  totals: Map<string, number | string>;
  diagnostics: Diagnostic[];
}

/** Sums the units' figures per key; `at` is the `tong_hop` entry every diagnostic points at. */
export function sumFigures(units: readonly UnitFigures[], at: SourcePosition): RollupSums {
  const flats = units.map((unit) => flattenFigures(unit.figures));
  const keys = [...new Set(flats.flatMap((flat) => [...flat.keys()]))];
  const totals = new Map<string, number | string>();
  const diagnostics: Diagnostic[] = [];
  for (const key of keys) {
    const without = units.filter((_, i) => !flats[i]!.has(key)).map((u) => u.name);
    if (without.length > 0) {
      diagnostics.push(
        diagnosticAt(
          at,
          'rollup-partial-figure',
          `Số liệu "${key}" không được cộng: ${without.length}/${units.length} đơn vị không có (${without.join(', ')}). ` +
            'Cộng một phần đơn vị sẽ bị hiểu là tổng của tất cả; hãy bổ sung số liệu đó ở các đơn vị còn thiếu nếu văn bản cần dùng.',
          { severity: 'warning' },
        ),
      );
      continue;
    }
    const values = flats.map((flat) => flat.get(key)!);
    if (TEXT_FIGURES.has(key)) {
      const distinct = [...new Set(values)];
      if (distinct.length === 1) totals.set(key, distinct[0]!);
      else diagnostics.push(diagnosticAt(at, 'rollup-not-additive', `Các đơn vị ghi "${key}" khác nhau (${distinct.join('; ')}): không cộng được số liệu khác đơn vị tính.`));
      continue;
    }
    if (!isAdditive(key)) continue;
    totals.set(key, (values as number[]).reduce((sum, value) => sum + value, 0));
  }
  return { totals, diagnostics };
}

type SummedRows = Record<string, Record<string, number | string>>;

/**
 * The groups of figures by row (`so_lieu.linh_vuc.dat_dai.tiep_nhan`), summed row by row across
 * the units. Every unit must have the group with the same rows: a unit that lacks the group, or
 * whose rows differ from the others', is named (an error: a table summed over part of the rows
 * would pass for the whole). A row's `ten` is the first unit's; a figure of a row is summed when
 * every unit has it as a number.
 */
export function sumRowGroups(units: readonly UnitFigures[], at: SourcePosition): { groups: Map<string, SummedRows>; diagnostics: Diagnostic[] } {
  const perUnit = units.map((unit) => rowGroups(unit.figures));
  const names = [...new Set(perUnit.flatMap((groups) => [...groups.keys()]))];
  const groups = new Map<string, SummedRows>();
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const rowsOf = perUnit.map((g) => g.get(name));
    const allRows = [...new Set(rowsOf.flatMap((rows) => Object.keys(rows ?? {})))];
    const differing = units.flatMap((unit, i) => {
      const rows = rowsOf[i];
      if (!rows) return [`${unit.name} (không có nhóm ${name})`];
      const missing = allRows.filter((row) => !Object.hasOwn(rows, row));
      return missing.length > 0 ? [`${unit.name} (thiếu dòng ${missing.join(', ')})`] : [];
    });
    if (differing.length > 0) {
      diagnostics.push(
        diagnosticAt(
          at,
          'rollup-rows-differ',
          `Nhóm số liệu "${name}" không cộng được từng dòng: các đơn vị không có cùng các dòng — ${differing.join('; ')}. Thêm các dòng còn thiếu (ghi 0 nếu thật sự không có hồ sơ) ở tệp của các đơn vị đó, để dòng nào cũng là tổng của mọi đơn vị.`,
        ),
      );
      continue;
    }
    const summed: SummedRows = {};
    for (const row of allRows) {
      const cells = rowsOf.map((rows) => rows![row]!);
      const fields = [...new Set(cells.flatMap((cell) => Object.keys(cell)))];
      const total: Record<string, number | string> = { ten: cells[0]!.ten };
      for (const field of fields) {
        if (field === 'ten') continue;
        const values = cells.map((cell) => cell[field]);
        if (values.every((v) => typeof v === 'number') && isAdditive(`khac.${field}`)) total[field] = (values as number[]).reduce((sum, v) => sum + v, 0);
      }
      summed[row] = total;
    }
    groups.set(name, summed);
  }
  return { groups, diagnostics };
}

interface RollupTable {
  path: DataPath;
  table: Record<string, unknown>;
}

/** Every `bang` object in the data (body, appendices …) that takes its rows from the roll-up. */
export function rollupTables(value: unknown, path: DataPath = [], found: RollupTable[] = []): RollupTable[] {
  if (Array.isArray(value)) value.forEach((item, i) => rollupTables(item, [...path, i], found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'bang' && child !== null && typeof child === 'object' && !Array.isArray(child) && 'tu_tong_hop' in child) {
        found.push({ path: [...path, key], table: child as Record<string, unknown> });
      } else rollupTables(child, [...path, key], found);
    }
  }
  return found;
}

/**
 * The merged data with the roll-up applied: the sums written into `so_lieu` (a figure the report
 * sets itself as well is an error: two sources for one number), the roll-up tables' rows built.
 * `units` undefined: the report has no `tong_hop`, and a `tu_tong_hop` table is an error.
 */
export function applyRollup(
  merged: MergedData,
  units: readonly UnitFigures[] | undefined,
  documentFile: string,
): { merged: MergedData; diagnostics: Diagnostic[] } {
  const tables = rollupTables(merged.value);
  if (!units && tables.length === 0) return { merged, diagnostics: [] };
  const at = (path: DataPath) => placeOf(merged, path, documentFile);
  const diagnostics: Diagnostic[] = [];
  const value = structuredClone(merged.value);
  const places = new Map(merged.places);
  const placeAll = (path: DataPath, position: SourcePosition, node: unknown) => {
    places.set(pathKey(path), { value: position });
    if (Array.isArray(node)) node.forEach((item, i) => placeAll([...path, i], position, item));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) placeAll([...path, key], position, child);
  };
  if (!units) {
    // A tong_hop the schema refuses says so itself; only a missing one is this table's problem.
    if (merged.value.tong_hop !== undefined) return { merged, diagnostics: [] };
    for (const { path } of tables) {
      diagnostics.push(diagnosticAt(at([...path, 'tu_tong_hop']), 'rollup-no-source', 'Bảng lấy dòng từ tu_tong_hop nhưng văn bản không có tong_hop: hãy khai tong_hop: { don_vi: [...] } hoặc ghi dong.'));
    }
    return { merged, diagnostics };
  }
  const source = at(['tong_hop']);
  const sums = sumFigures(units, source);
  diagnostics.push(...sums.diagnostics);
  const own = value.so_lieu !== null && typeof value.so_lieu === 'object' && !Array.isArray(value.so_lieu) ? (value.so_lieu as Record<string, unknown>) : {};
  for (const [key, total] of sums.totals) {
    const [block, name] = key.split('.') as [string, string];
    const existing = own[block];
    const target = existing !== null && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
    if (name in target) {
      diagnostics.push(
        diagnosticAt(at(['so_lieu', block, name]), 'rollup-own-figure', `so_lieu.${key} được cộng từ các đơn vị (tong_hop) nên không được ghi tay ở đây: xóa dòng này (tổng là ${typeof total === 'number' ? formatNumber(total) : total}).`),
      );
      continue;
    }
    target[name] = total;
    own[block] = target;
    places.set(pathKey(['so_lieu', block, name]), { value: source });
  }
  const rows = sumRowGroups(units, source);
  diagnostics.push(...rows.diagnostics);
  for (const [name, summed] of rows.groups) {
    if (name in own) {
      diagnostics.push(diagnosticAt(at(['so_lieu', name]), 'rollup-own-figure', `so_lieu.${name} được cộng từng dòng từ các đơn vị (tong_hop) nên không được ghi tay ở đây: xóa nhóm này.`));
      continue;
    }
    own[name] = summed;
    placeAll(['so_lieu', name], source, summed);
  }
  value.so_lieu = own;
  for (const { path } of tables) diagnostics.push(...fillTable(value, path, units, at, placeAll));
  return { merged: { ...merged, value, places }, diagnostics };
}

function fillTable(
  value: Record<string, unknown>,
  path: DataPath,
  units: readonly UnitFigures[],
  at: (path: DataPath) => SourcePosition,
  placeAll: (path: DataPath, position: SourcePosition, node: unknown) => void,
): Diagnostic[] {
  const table = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value) as Record<string, unknown>;
  const columns = table.tu_tong_hop;
  // Until its rows are built the table keeps tu_tong_hop: a table refused here still names its
  // source, so the schema does not add a follow-on "bảng cần dong".
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) return []; // the schema says what is wrong
  const here = at([...path, 'tu_tong_hop']);
  if ('dong' in table) {
    delete table.tu_tong_hop; // one problem, said here: not the schema's "chọn một nguồn dòng" as well
    return [diagnosticAt(here, 'rollup-no-source', 'Bảng ghi cả dong lẫn tu_tong_hop: chọn một (tu_tong_hop: mỗi đơn vị một dòng, lấy từ tong_hop).')];
  }
  const diagnostics: Diagnostic[] = [];
  const flats = units.map((unit) => flattenFigures(unit.figures));
  const kinds = Array.isArray(table.cot) ? (table.cot as Array<{ kieu?: unknown }>).map((c) => c?.kieu) : [];
  columns.forEach((column, c) => {
    if (column === ROLLUP_ROW_NUMBER || column === ROLLUP_UNIT_NAME) return;
    const columnAt = at([...path, 'tu_tong_hop', c]);
    const without = units.filter((_, i) => typeof flats[i]!.get(column) !== 'number').map((u) => `${u.name} (${u.file})`);
    if (without.length > 0) diagnostics.push(diagnosticAt(columnAt, 'rollup-partial-figure', `Cột "${column}": đơn vị không có số liệu này: ${without.join(', ')}. Không để trống hay tính là 0 thay cho đơn vị.`));
    if (!isAdditive(column) && kinds[c] === 'so' && table.tong !== undefined) {
      diagnostics.push(diagnosticAt(columnAt, 'rollup-not-additive', `Cột "${column}" là tỷ lệ/chỉ số, không cộng được vào dòng tổng: bỏ kieu: so ở cột này, hoặc tính lại tỷ lệ từ các số đếm.`));
    }
  });
  if (diagnostics.length > 0) return diagnostics;
  delete table.tu_tong_hop;
  table.dong = units.map((unit, r) =>
    columns.map((column) => (column === ROLLUP_ROW_NUMBER ? r + 1 : column === ROLLUP_UNIT_NAME ? unit.title : (flats[r]!.get(column) as number))),
  );
  placeAll([...path, 'dong'], here, table.dong);
  return diagnostics;
}
