/**
 * `<out>/<ky>/manifest.json`: for every report, per output, the hash of everything that made it
 * (`inputs`) and the sha256 and size of the file written. A later run skips an output whose
 * inputs hash is unchanged and whose file still has that sha256.
 *
 * Paths are relative (sources to the data folder, outputs to `<out>`, always with `/`) and keys
 * are sorted, so the same outputs give the same bytes on every machine: shards rendered on n
 * machines merge into exactly the manifest one machine would have written.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { escapeForTerminal } from '../diagnostics/report.js';
import { systemErrorCode, systemErrorText } from '../diagnostics/system-errors.js';
import { compareCodePoints } from '../load/find-documents.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/registry.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { shardLabel, type Shard } from './shard.js';

export const MANIFEST_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const SHARD_MANIFEST = /^manifest\.shard-(\d+)-of-(\d+)\.json$/;

export interface OutputRecord {
  /** The file relative to `<out>`, with `/`. */
  file: string;
  /** sha256 of the inputs: YAML layers, templates, fonts, tool version, options. */
  inputs: string;
  sha256: string;
  size: number;
}

export interface ReportRecord {
  /** The period file relative to the data folder. */
  source: string;
  outputs: Partial<Record<OutputFormat, OutputRecord>>;
  /** The last run could not make this report (bad data), or its unit is gone from the data. */
  failed?: true;
  /** Files (relative to `<out>`) still on disk from an earlier run that no longer match the data. */
  stale?: string[];
}

export interface Manifest {
  manifest: typeof MANIFEST_VERSION;
  /** The period, `2024-q3`. */
  ky: string;
  /** `baocao 0.1.0` */
  tool: string;
  /** Present in a shard's manifest only. */
  shard?: Shard;
  /** By unit path (`ha-tinh/phuong-thach-quy`). */
  reports: Record<string, ReportRecord>;
}

export function manifestDir(outDir: string, period: string): string {
  return path.join(outDir, period);
}

export function manifestFile(outDir: string, period: string, shard?: Shard): string {
  return path.join(manifestDir(outDir, period), shard ? `manifest.shard-${shardLabel(shard)}.json` : MANIFEST_NAME);
}

/** JSON with every object's keys in code-point order, two-space indent, final newline. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(sortKeys(manifest), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

export async function writeManifest(file: string, manifest: Manifest, cwd = '.'): Promise<void> {
  await writeFileAtomic(file, new TextEncoder().encode(serializeManifest(manifest)), undefined, cwd);
}

/**
 * Reads a manifest; a missing file is `undefined` without a problem, a damaged one — or, given
 * `tool`, one another version of the tool wrote — is `undefined` with a `manifest-invalid`
 * diagnostic (a run then renders everything again).
 */
export async function readManifest(file: string, tool?: string, cwd = '.'): Promise<{ manifest?: Manifest; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { diagnostics: [] };
    return { diagnostics: [diagnosticAt({ file, line: 0, column: 0 }, 'manifest-invalid', `Không đọc được tệp kê khai "${file}": ${systemErrorText(systemErrorCode(error))}.`)] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isManifest(value)) {
    return {
      diagnostics: [
        diagnosticAt({ file, line: 0, column: 0 }, 'manifest-invalid', `Tệp kê khai "${file}" bị hỏng hoặc của phiên bản khác: bỏ qua, mọi báo cáo được tạo lại.`, {
          severity: 'warning',
        }),
      ],
    };
  }
  if (tool !== undefined && value.tool !== tool) {
    const other = escapeForTerminal(value.tool);
    return {
      diagnostics: [
        diagnosticAt({ file, line: 0, column: 0 }, 'manifest-invalid', `Tệp kê khai "${file}" do phiên bản khác ghi (${other}, đang chạy ${tool}): bỏ qua, mọi báo cáo được tạo lại.`, {
          severity: 'warning',
        }),
      ],
    };
  }
  return { manifest: value, diagnostics: [] };
}

function isManifest(value: unknown): value is Manifest {
  if (!isRecord(value) || value.manifest !== MANIFEST_VERSION || typeof value.ky !== 'string' || typeof value.tool !== 'string') return false;
  if (!isRecord(value.reports)) return false;
  return Object.values(value.reports).every(
    (report) =>
      isRecord(report) &&
      typeof report.source === 'string' &&
      isRecord(report.outputs) &&
      Object.entries(report.outputs).every(
        ([format, output]) =>
          (OUTPUT_FORMATS as readonly string[]).includes(format) &&
          isRecord(output) &&
          typeof output.file === 'string' &&
          typeof output.inputs === 'string' &&
          typeof output.sha256 === 'string' &&
          typeof output.size === 'number',
      ),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface MergeResult {
  /** The manifest written, when the shards were complete and consistent. */
  manifest?: Manifest;
  file: string;
  shards: number;
  diagnostics: Diagnostic[];
}

/**
 * `baocao manifest merge <out>/<ky>`: joins `manifest.shard-i-of-n.json` (all n of them, same
 * period and tool version, no report twice) into `manifest.json`. Writes nothing on a problem.
 * `dir` is read against `cwd` (the run's folder) and named in messages as given.
 */
export async function mergeShardManifests(dir: string, cwd = '.'): Promise<MergeResult> {
  const file = path.join(dir, MANIFEST_NAME);
  const fail = (diagnostics: Diagnostic[], shards = 0): MergeResult => ({ file, shards, diagnostics });
  const names = await readdir(path.resolve(cwd, dir)).catch(() => undefined);
  if (!names) return fail([diagnosticAt({ file: dir, line: 0, column: 0 }, 'file-unreadable', `Không đọc được thư mục "${dir}".`)]);
  const shardFiles = names
    .map((name) => ({ name, match: SHARD_MANIFEST.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ name, index: Number(match[1]), count: Number(match[2]) }))
    .sort((a, b) => a.count - b.count || a.index - b.index);
  if (shardFiles.length === 0) {
    return fail([diagnosticAt({ file: dir, line: 0, column: 0 }, 'no-input', `Không có tệp kê khai của phần nào (manifest.shard-i-of-n.json) trong "${dir}".`)]);
  }
  const counts = [...new Set(shardFiles.map((s) => s.count))];
  if (counts.length > 1) {
    return fail([
      diagnosticAt(
        { file: dir, line: 0, column: 0 },
        'manifest-conflict',
        `Có tệp kê khai của nhiều cách chia khác nhau (${counts.map((n) => `${n} phần`).join(', ')}): hãy xóa các tệp của lần chạy cũ rồi gộp lại.`,
      ),
    ]);
  }
  const count = counts[0]!;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !shardFiles.some((s) => s.index === i));
  if (missing.length > 0) {
    return fail([
      diagnosticAt(
        { file: dir, line: 0, column: 0 },
        'manifest-conflict',
        `Thiếu tệp kê khai của phần ${missing.map((i) => `${i}/${count}`).join(', ')}: chưa chạy xong mọi phần.`,
      ),
    ]);
  }

  const diagnostics: Diagnostic[] = [];
  const reports: Record<string, ReportRecord> = {};
  const owner = new Map<string, string>();
  let first: Manifest | undefined;
  for (const shard of shardFiles) {
    const shardPath = path.join(dir, shard.name);
    const read = await readManifest(shardPath, undefined, cwd);
    if (!read.manifest) {
      diagnostics.push(
        ...(read.diagnostics.length > 0 ? read.diagnostics : [diagnosticAt({ file: shardPath, line: 0, column: 0 }, 'manifest-invalid', `Không đọc được "${shardPath}".`)]).map(
          (d) => ({ ...d, severity: 'error' as const }),
        ),
      );
      continue;
    }
    const manifest = read.manifest;
    first ??= manifest;
    if (manifest.ky !== first.ky || manifest.tool !== first.tool) {
      diagnostics.push(
        diagnosticAt(
          { file: shardPath, line: 0, column: 0 },
          'manifest-conflict',
          `"${shard.name}" là của kỳ ${manifest.ky} (${manifest.tool}), các phần khác của kỳ ${first.ky} (${first.tool}).`,
        ),
      );
      continue;
    }
    for (const [key, record] of Object.entries(manifest.reports)) {
      const previous = owner.get(key);
      if (previous) {
        diagnostics.push(
          diagnosticAt({ file: shardPath, line: 0, column: 0 }, 'manifest-conflict', `Báo cáo "${key}" có trong cả "${previous}" và "${shard.name}".`),
        );
        continue;
      }
      owner.set(key, shard.name);
      reports[key] = record;
    }
  }
  if (diagnostics.length > 0 || !first) return fail(diagnostics, shardFiles.length);
  const manifest: Manifest = { manifest: MANIFEST_VERSION, ky: first.ky, tool: first.tool, reports };
  await writeManifest(file, manifest, cwd);
  return { manifest, file, shards: shardFiles.length, diagnostics };
}
