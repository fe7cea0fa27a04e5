/**
 * The roll-up stage's reads (`tong_hop`): which units a report sums, and their validated figures.
 *
 * Units are folders beside the report's own unit, in the same province folder
 * (data/<tinh>/<don-vi>): `don_vi: [xa-cam-binh, xa-cam-quan]` names them; `tat_ca` takes every
 * unit of the level directly below — a huyện's xã (those whose co_quan.chu_quan names the huyện),
 * a tỉnh's huyện before 01/7/2025 and its xã from then on (two-level local government). Each
 * unit's period file of the same period runs load → merge → rollup → issuing → validate → compute itself
 * (so a unit may be a roll-up too); a unit whose file is missing or has errors is an error at the
 * `tong_hop` entry naming it, never a zero. Self-reference and cycles are errors.
 * The sums themselves are pure (./apply-rollup.ts); compute never reads a file.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Period } from '../core/period.js';
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { compareCodePoints, describeDocument, type DocumentSource } from '../load/find-documents.js';
import type { MergedData } from '../merge/merge-layers.js';
import { applyRollup, rollupRequest, type UnitFigures } from './apply-rollup.js';
import type { ValidatedDocument } from '../core/validated-document.js';

/** What the roll-up needs of a unit's run: its problems, and its validated data when it has none. */
export interface UnitRun {
  diagnostics: Diagnostic[];
  document?: ValidatedDocument;
}

/** The report being gathered: the run engine's job record (src/run/job.ts) has these fields. */
export interface RollupJob {
  source: DocumentSource;
  merged?: MergedData;
  diagnostics: Diagnostic[];
}

/** The stages the roll-up runs on other files, wired by src/run/stages.ts. */
export interface RollupRunner {
  /** The run's folder: the paths of sources (as the user writes them) are read against it. */
  readonly cwd: string;
  /** load → merge of a source's layers (a unit's profile, a report for its inputs hash); undefined on a load error. */
  merge(source: DocumentSource): Promise<MergedData | undefined>;
  /** load → … → compute of a unit's period file, with the unit paths of the roll-ups above it. */
  unit(source: DocumentSource, chain: readonly string[]): Promise<UnitRun>;
}

export interface RollupUnit {
  name: string;
  /** The `tong_hop` entry that names it (for `tat_ca`, the `tat_ca` itself). */
  at: SourcePosition;
  /** Its period file, as the user would write its path. */
  file: string;
}

export interface ResolvedUnits {
  units: (RollupUnit & { source: DocumentSource })[];
  diagnostics: Diagnostic[];
  /** Every file the resolution looked at or for: part of the report's inputs hash (src/batch). */
  consulted: string[];
}

const PROFILE = 'don-vi.yaml';
const LEVEL_NAMES: Record<string, string> = { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã' };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isFile = (cwd: string, file: string) => stat(path.resolve(cwd, file)).then((s) => s.isFile(), () => false);

/** The units `tong_hop` names, or undefined when the data has no (well-formed) `tong_hop`. */
export async function resolveRollupUnits(source: DocumentSource, merged: MergedData, runner: RollupRunner): Promise<ResolvedUnits | undefined> {
  const request = rollupRequest(merged, source.file);
  if (!request) return undefined;
  const provinceDir = path.dirname(path.dirname(source.file));
  const self = path.basename(path.dirname(path.resolve(runner.cwd, source.file)));
  const result: ResolvedUnits = { units: [], diagnostics: [], consulted: [] };
  const named =
    request.kind === 'all'
      ? (await unitsBelow(source, request.report, provinceDir, self, runner, result, request.at)).map((name) => ({ name, at: request.at }))
      : request.units;
  const seen = new Set<string>();
  for (const { name, at: here } of named) {
    const file = path.join(provinceDir, name, `${source.period}.yaml`);
    if (name === self) {
      result.diagnostics.push(diagnosticAt(here, 'rollup-cycle', `Đơn vị "${name}" là chính văn bản này: một văn bản không tổng hợp chính nó.`));
      continue;
    }
    if (seen.has(name)) {
      result.diagnostics.push(diagnosticAt(here, 'rollup-unit-missing', `Đơn vị "${name}" được kê hai lần: số liệu của nó sẽ bị cộng hai lần. Xóa một dòng.`));
      continue;
    }
    seen.add(name);
    const profile = path.join(provinceDir, name, PROFILE);
    result.consulted.push(profile, file);
    if (!(await isFile(runner.cwd, profile))) {
      result.diagnostics.push(
        diagnosticAt(here, 'rollup-unit-missing', `Không có đơn vị "${name}": cần thư mục "${path.dirname(profile)}" có tệp ${PROFILE}, cùng thư mục tỉnh với văn bản này.`),
      );
    } else if (!(await isFile(runner.cwd, file))) {
      result.diagnostics.push(
        diagnosticAt(here, 'rollup-unit-missing', `Đơn vị "${name}" chưa có tệp kỳ ${source.period}: không tìm thấy "${file}". Không tổng hợp thiếu đơn vị (không tính là 0).`),
      );
    } else {
      result.units.push({ name, at: here, file, source: await describeDocument(file, { cwd: runner.cwd }) });
    }
  }
  return result;
}

/** `tat_ca`: the folder names of the units of the level directly below, in code-point order. */
async function unitsBelow(
  source: DocumentSource,
  report: Record<string, unknown>,
  provinceDir: string,
  self: string,
  runner: RollupRunner,
  result: ResolvedUnits,
  here: SourcePosition,
): Promise<string[]> {
  const level = lowerLevel(report, source.name?.period);
  if (!level) {
    result.diagnostics.push(diagnosticAt(here, 'rollup-unit-missing', `Đơn vị cấp "${String(report.cap)}" không có cấp dưới để tổng hợp tat_ca: hãy kê tên các đơn vị (don_vi: [xa-a, xa-b]).`));
    return [];
  }
  const entries = (await readdir(path.resolve(runner.cwd, provinceDir), { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== self && e.name !== 'node_modules');
  const names: string[] = [];
  for (const entry of entries.sort((a, b) => compareCodePoints(a.name, b.name))) {
    const profile = path.join(provinceDir, entry.name, PROFILE);
    if (!(await isFile(runner.cwd, profile))) continue;
    const unit = await describeDocument(path.join(provinceDir, entry.name, `${source.period}.yaml`), { cwd: runner.cwd });
    const profileLayers = unit.layers.slice(0, -1);
    result.consulted.push(...profileLayers);
    const profileData = (await runner.merge({ ...unit, layers: profileLayers }))?.value;
    if (!profileData) {
      result.diagnostics.push(diagnosticAt(here, 'rollup-unit-invalid', `Không đọc được hồ sơ đơn vị "${entry.name}" (${profile}) để biết nó có thuộc tat_ca không: chạy baocao validate để xem lỗi.`));
      continue;
    }
    if (profileData.cap === level.cap && level.belongs(profileData)) names.push(entry.name);
  }
  if (names.length === 0) {
    result.diagnostics.push(diagnosticAt(here, 'rollup-unit-missing', `tat_ca: không có đơn vị cấp ${LEVEL_NAMES[level.cap]} nào thuộc đơn vị này trong "${provinceDir}".`));
  }
  return names;
}

/** 01/7/2025: huyện are abolished, a tỉnh's units are its xã. A period ending after it counts as after. */
function afterReform(p: Period | undefined): boolean {
  if (!p) return false;
  if (p.year !== 2025) return p.year > 2025;
  return p.kind === 'quy' ? (p.quarter ?? 1) >= 3 : p.kind === '9t' || p.kind === 'nam';
}

const upper = (text: unknown) => (typeof text === 'string' ? text.normalize('NFC').toLocaleUpperCase('vi').trim() : '');

/** The level `tat_ca` takes, and which of its units belong to `report` (a huyện: the xã whose chu_quan names it). */
function lowerLevel(report: Record<string, unknown>, period: Period | undefined): { cap: string; belongs: (unit: Record<string, unknown>) => boolean } | undefined {
  if (report.cap === 'tinh') return { cap: afterReform(period) ? 'xa' : 'huyen', belongs: () => true };
  if (report.cap !== 'huyen') return undefined;
  const name = upper(report.ten_don_vi);
  return { cap: 'xa', belongs: (unit) => name !== '' && isObject(unit.co_quan) && upper(unit.co_quan.chu_quan).endsWith(name) };
}

const firstProblem = (problems: readonly Diagnostic[]) => {
  const d = problems[0]!;
  return `${d.file}:${d.line}:${d.column} ${d.message}${problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác)` : ''}`;
};

/**
 * The rollup stage: resolve the units, run each, sum their figures into the report's merged data.
 * `chain`: the unit paths of the roll-ups being gathered above this one (a cycle's witness).
 */
export async function gatherRollup(job: RollupJob, chain: readonly string[], runner: RollupRunner): Promise<void> {
  const merged = job.merged!;
  const resolved = await resolveRollupUnits(job.source, merged, runner);
  let figures: UnitFigures[] | undefined;
  if (resolved) {
    job.diagnostics.push(...resolved.diagnostics);
    const above = [...chain, job.source.unitPath];
    const runs = await Promise.all(
      resolved.units.map(async (unit) => {
        if (above.includes(unit.source.unitPath)) {
          job.diagnostics.push(diagnosticAt(unit.at, 'rollup-cycle', `Tổng hợp vòng tròn: ${[...above, unit.source.unitPath].join(' → ')}. Một đơn vị không thể vừa tổng hợp vừa được tổng hợp từ chính nó.`));
          return undefined;
        }
        return { unit, run: await runner.unit(unit.source, above) };
      }),
    );
    figures = [];
    for (const entry of runs) {
      if (!entry) continue;
      const { unit, run } = entry;
      const errors = run.diagnostics.filter((d) => d.severity === 'error');
      // The unit is invalid because it sums this very document back (A sums B, B sums A): a cycle here.
      const back = errors.find((d) => d.ruleId === 'rollup-cycle' && d.message.includes(` → ${job.source.unitPath}. `));
      if (back) {
        job.diagnostics.push(diagnosticAt(unit.at, 'rollup-cycle', back.message));
        continue;
      }
      if (!run.document || errors.length > 0) {
        job.diagnostics.push(
          diagnosticAt(unit.at, 'rollup-unit-invalid', `Đơn vị "${unit.name}": tệp "${unit.file}" có lỗi nên không tổng hợp được (không tính là 0): ${errors.length > 0 ? firstProblem(errors) : 'không kiểm tra được.'}`),
        );
        continue;
      }
      figures.push({ name: unit.name, title: run.document.data.ten_don_vi, file: unit.file, figures: run.document.data.so_lieu });
    }
  }
  const applied = applyRollup(merged, figures, job.source.file);
  job.merged = applied.merged;
  job.diagnostics.push(...applied.diagnostics);
}

/**
 * Every file a report's roll-up reads, transitively (its units' layers, the profiles `tat_ca`
 * consulted, the period files looked for): what the batch adds to the report's inputs hash.
 */
export async function rollupInputFiles(source: DocumentSource, runner: RollupRunner, seen: Set<string> = new Set()): Promise<string[]> {
  seen.add(source.unitPath);
  const merged = await runner.merge(source);
  const resolved = merged && (await resolveRollupUnits(source, merged, runner));
  if (!resolved) return [];
  const files = [...resolved.consulted];
  for (const unit of resolved.units) {
    files.push(...unit.source.layers);
    if (!seen.has(unit.source.unitPath)) files.push(...(await rollupInputFiles(unit.source, runner, seen)));
  }
  return [...new Set(files.map((f) => path.normalize(f)))].sort(compareCodePoints);
}
