/**
 * `baocao ky-moi`: next period's file beside this one, for one file or for every unit of a folder.
 * Never overwrites an existing file unless asked; a source with errors is that unit's diagnostic.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDocumentName, parsePeriod, periodOfDocument, type Period } from '../core/period.js';
import { diagnosticAt, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findDocuments } from '../load/find-documents.js';
import { decodeText, loadYamlFile } from '../load/load-yaml.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { writeFailure } from '../diagnostics/system-errors.js';
import { nextPeriodFile, type NextPeriodFile } from './next-period-file.js';
import { nextPeriodProblem } from './period-order.js';

export interface NextPeriodOptions {
  /** The new period, e.g. 2024-q4. */
  to: string;
  /** Overwrite an existing file of the new period (--ghi-de). */
  overwrite?: boolean;
  /** The folder paths are read against (the CLI's `cwd`); messages name them as given. The process's by default. */
  cwd?: string;
}

export interface WrittenFile extends Omit<NextPeriodFile, 'text'> {
  from: string;
  file: string;
}

export interface NextPeriodResult {
  written: WrittenFile[];
  /** Units skipped in a folder run because the new period's file is already there. */
  existing: string[];
  diagnostics: Diagnostic[];
}

const usage = (message: string): Diagnostic => diagnosticAt({ file: 'baocao', line: 0, column: 0 }, 'usage', message);

function periodsOrUsage(fromId: string, toId: string): { from: Period; to: Period } | Diagnostic {
  const from = parsePeriod(fromId);
  const to = parsePeriod(toId);
  if (!from) return usage(`"${fromId}" không phải tên kỳ (2024-q3, 2024-6t, 2024-9t, 2024-nam, 2024-ke-hoach).`);
  if (!to) return usage(`--ky ${toId}: không phải tên kỳ (ví dụ 2024-q4, 2024-9t, 2025-nam, 2025-ke-hoach).`);
  const problem = nextPeriodProblem(from, to);
  return problem ? usage(problem) : { from, to };
}

const exists = (cwd: string, file: string): Promise<boolean> => stat(path.resolve(cwd, file)).then(() => true, () => false);

/** The next period's file beside a document: `2024-q3.yaml` → `2024-q4.yaml`, `2024-q3.to-trinh.yaml` → `2024-q4.to-trinh.yaml`. */
function targetOf(source: string, to: Period): string {
  const variant = parseDocumentName(path.basename(source, '.yaml'))?.variant;
  return path.join(path.dirname(source), `${to.id}${variant ? `.${variant}` : ''}.yaml`);
}

/** One source file → its next period's file; the result holds what was written or why not. */
async function makeOne(source: string, periods: { from: Period; to: Period }, { overwrite = false, cwd = '.' }: NextPeriodOptions): Promise<WrittenFile | Diagnostic[]> {
  const target = targetOf(source, periods.to);
  if (!overwrite && (await exists(cwd, target))) {
    return [diagnosticAt({ file: target, line: 0, column: 0 }, 'file-exists', `Đã có tệp ${target}: không ghi đè. Thêm --ghi-de nếu muốn làm lại từ ${path.basename(source)}.`)];
  }
  const loaded = await loadYamlFile(source, cwd);
  if (hasErrors(loaded.diagnostics)) return loaded.diagnostics;
  try {
    // Read as the loader reads it (a UTF-8 or UTF-16 byte-order mark); the new file is UTF-8.
    const made = nextPeriodFile(decodeText(await readFile(path.resolve(cwd, source))).text, periods.from, periods.to);
    await writeFileAtomic(target, new TextEncoder().encode(made.text), undefined, cwd);
    return { from: source, file: target, words: made.words, figures: made.figures, cells: made.cells, percents: made.percents, dates: made.dates };
  } catch (error) {
    return [writeFailure(error, target, 'tệp kỳ mới')];
  }
}

function collect(result: NextPeriodResult, made: WrittenFile | Diagnostic[]): void {
  if (Array.isArray(made)) result.diagnostics.push(...made);
  else result.written.push(made);
}

/** `baocao ky-moi data/…/2024-q3.yaml --ky 2024-q4`. */
export async function nextPeriodForFile(source: string, options: NextPeriodOptions): Promise<NextPeriodResult> {
  const result: NextPeriodResult = { written: [], existing: [], diagnostics: [] };
  const stem = path.basename(source, '.yaml');
  const periods = periodsOrUsage(periodOfDocument(stem) ?? stem, options.to);
  if ('ruleId' in periods) return { ...result, diagnostics: [periods] };
  collect(result, await makeOne(source, periods, options));
  return result;
}

/** `baocao ky-moi data --tu 2024-q3 --ky 2024-q4`: every unit with a 2024-q3 file and no 2024-q4 file yet. */
export async function nextPeriodForFolder(folder: string, fromId: string, options: NextPeriodOptions): Promise<NextPeriodResult> {
  const result: NextPeriodResult = { written: [], existing: [], diagnostics: [] };
  const periods = periodsOrUsage(fromId, options.to);
  if ('ruleId' in periods) return { ...result, diagnostics: [periods] };
  const found = await findDocuments([folder], { cwd: options.cwd ?? '.' });
  result.diagnostics.push(...found.diagnostics);
  // The period's own file and its siblings (2024-q3.to-trinh.yaml …) go on together.
  const sources = found.documents.filter((d) => d.name?.period.id === fromId);
  if (sources.length === 0 && found.diagnostics.length === 0) {
    result.diagnostics.push(diagnosticAt({ file: folder, line: 0, column: 0 }, 'no-input', `Không có đơn vị nào có tệp ${fromId}.yaml trong ${folder}.`));
  }
  for (const source of sources) {
    // A period file or layer refused at discovery (a symlink out of the data tree) is never read.
    if (source.refused) {
      result.diagnostics.push(...source.refused);
      continue;
    }
    const target = targetOf(source.file, periods.to);
    if (!options.overwrite && (await exists(options.cwd ?? '.', target))) result.existing.push(target);
    else collect(result, await makeOne(source.file, periods, options));
  }
  return result;
}
