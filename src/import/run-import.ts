/**
 * Runs `baocao nhap` over a Word file or a folder of them: each document is read, imported and
 * written as <vao>/<đơn-vị>/don-vi.yaml and <vao>/<đơn-vị>/<kỳ>.yaml — each file atomically,
 * nothing when the document has an error; an existing period file is never overwritten and an
 * existing, different don-vi.yaml never replaced without `ghiDe` (the differing keys then go in
 * the period file, which the layers let override the profile, and the differences are reported).
 * Old formats (.doc, .odt, .rtf) are converted by LibreOffice first, when it is installed, all of a
 * run in one start of it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import type { DocumentTypes } from '../core/document-types.js';
import { documentData } from '../core/schema.js';
import { diagnosticAt, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { ConvertProblem, convertOldFormats, isOldWordFormat, OLD_WORD_EXTENSIONS, type Conversion } from './convert-old-formats.js';
import { importWordDocument, type Data, type ImportedDocument } from './import-document.js';
import { yamlText } from './yaml-text.js';

/** A Word file larger than this is not a report (its images would be dropped anyway). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const WORD_EXTENSIONS = ['.docx', '.docm', ...OLD_WORD_EXTENSIONS];

export interface ImportRunOptions {
  /** Folder of the province (data/<tinh>): units are written below it. */
  into: string;
  period?: string;
  /** --so-lieu */
  figures?: boolean;
  overwrite: boolean;
  types: DocumentTypes;
  /** The package's schema file, for the modeline. */
  schemaFile: string;
  /** Shown in messages instead of absolute paths. */
  display: (file: string) => string;
  /** The environment LibreOffice runs in (its PATH is where `soffice` is looked for): the CLI's. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ImportRunResult {
  written: string[];
  diagnostics: Diagnostic[];
}

export async function runImport(input: string, options: ImportRunOptions): Promise<ImportRunResult> {
  const result: ImportRunResult = { written: [], diagnostics: [] };
  let files: string[];
  try {
    const info = await stat(input);
    files = info.isDirectory() ? await wordFilesIn(input) : [input];
  } catch {
    result.diagnostics.push(diagnosticAt({ file: options.display(input), line: 0, column: 0 }, 'file-unreadable', 'Không đọc được tệp hoặc thư mục này (không tồn tại hoặc không có quyền).'));
    return result;
  }
  // Sizes first: a file too large is neither converted nor read. Then every old-format file, in one
  // start of LibreOffice.
  const sizes = await Promise.all(files.map((file) => stat(file).then((info) => info.size, (error: Error) => error)));
  const convertible = files.filter((file, index) => isOldWordFormat(file) && typeof sizes[index] === 'number' && sizes[index] <= MAX_INPUT_BYTES);
  const converted = await convertOldFormats(convertible, options.env);
  // All read first, then written: a document that names its agency (a report) writes the unit's
  // profile before one that only guesses it (a speech without the header), whatever the file order.
  const read: ReadFile[] = [];
  for (const [index, file] of files.entries()) read.push(await readAndImport(file, sizes[index]!, converted.get(file), options));
  const order = [...read].sort((a, b) => Number(a.imported?.unitWhenNew !== undefined) - Number(b.imported?.unitWhenNew !== undefined));
  for (const one of order) {
    result.diagnostics.push(...one.diagnostics);
    if (!one.imported) continue;
    const written = await writeImported(one.file, one.imported, options);
    result.written.push(...written.written);
    result.diagnostics.push(...written.diagnostics);
  }
  return result;
}

interface ReadFile {
  file: string;
  diagnostics: Diagnostic[];
  /** The document, when it has no error. */
  imported?: ImportedDocument;
}

async function wordFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && WORD_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !e.name.startsWith('~$') && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function readAndImport(file: string, size: number | Error, conversion: Conversion | undefined, options: ImportRunOptions): Promise<ReadFile> {
  const shown = options.display(file);
  const at = { file: shown, line: 0, column: 0 };
  const out: ReadFile = { file, diagnostics: [] };
  if (typeof size === 'number' && size > MAX_INPUT_BYTES) {
    out.diagnostics.push(diagnosticAt(at, 'import-too-large', `Tệp lớn ${Math.round(size / 1048576)} MiB, quá giới hạn ${MAX_INPUT_BYTES / 1048576} MiB của một văn bản.`));
    return out;
  }
  let bytes: Uint8Array;
  try {
    if (size instanceof Error) throw size;
    if (conversion instanceof Error) throw conversion;
    bytes = conversion ?? (await readFile(file));
  } catch (error) {
    const message = error instanceof ConvertProblem ? error.message : 'Không đọc được tệp (không tồn tại hoặc không có quyền).';
    out.diagnostics.push(diagnosticAt(at, error instanceof ConvertProblem ? 'import-convert' : 'file-unreadable', message));
    return out;
  }
  const imported = importWordDocument(bytes, { file: shown, types: options.types, ...(options.period ? { period: options.period } : {}), figures: options.figures === true });
  out.diagnostics.push(...imported.diagnostics);
  if (imported.document && !hasErrors(imported.diagnostics)) out.imported = imported.document;
  return out;
}

async function writeImported(file: string, document: ImportedDocument, options: ImportRunOptions): Promise<ImportRunResult> {
  const shown = options.display(file);
  const at = { file: shown, line: 0, column: 0 };
  const out: ImportRunResult = { written: [], diagnostics: [] };
  const unitDir = path.join(options.into, document.unitFolder);
  const profileFile = path.join(unitDir, 'don-vi.yaml');
  const periodFile = path.join(unitDir, `${document.documentName}.yaml`);
  if (!options.overwrite && (await exists(periodFile))) {
    out.diagnostics.push(diagnosticAt({ file: options.display(periodFile), line: 0, column: 0 }, 'import-exists', `Tệp kỳ báo cáo đã có (nhập từ ${shown}): không ghi đè. Thêm --ghi-de để thay, hoặc đổi --ky.`));
    return out;
  }
  const period: Data = { ...document.period };
  let writeProfile = true;
  const existing = await readExistingProfile(profileFile);
  // A document that only guesses some keys never drops or replaces them in an existing profile (even with --ghi-de).
  const unit: Data = existing ? (document.unitWhenNew ? { ...existing, ...document.unit } : document.unit) : { ...document.unitWhenNew, ...document.unit };
  if (existing) {
    const differing = Object.keys(document.unit).filter((key) => !isDeepStrictEqual(existing[key], document.unit[key]));
    if (differing.length === 0) writeProfile = false;
    else if (!options.overwrite) {
      writeProfile = false;
      const lines = differing.map((key) => `${key}: đang có ${brief(existing[key])}, văn bản ghi ${brief(document.unit[key])}`);
      out.diagnostics.push(
        diagnosticAt({ file: options.display(profileFile), line: 0, column: 0 }, 'import-profile-differs', `don-vi.yaml khác văn bản ${shown} (không ghi đè; các khóa này được ghi vào ${path.basename(periodFile)}; --ghi-de để thay don-vi.yaml): ${lines.join('; ')}.`, { severity: 'warning' }),
      );
      // The period layer overrides the profile: the document renders as it was.
      const ordered: Data = {};
      for (const key of differing) ordered[key] = document.unit[key];
      Object.assign(period, { ...ordered, ...period });
    }
  }
  const merged = { luu: ['VT'], ...(existing && !writeProfile ? existing : {}), ...(writeProfile ? unit : {}), ...period };
  const checked = documentData.safeParse(merged);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    out.diagnostics.push(diagnosticAt(at, 'invalid-value', `Dữ liệu nhập được không hợp lệ tại ${issue.path.join('.')}: ${issue.message}. Không ghi tệp nào; xin báo lại kèm tệp Word.`));
    return out;
  }
  const source = `Nhập từ ${path.basename(file)} bằng "baocao nhap". Chú thích "# đoán" đánh dấu điều cần kiểm tra lại; xem bằng: baocao xem ${options.display(periodFile)}`;
  const remarksOf = (profile: boolean) => document.remarks.filter((r) => (r.path[0] === 'don-vi') === profile).map((r) => ({ ...r, path: profile ? r.path.slice(1) : r.path }));
  const guessesOf = (profile: boolean) => document.guesses.filter((r) => (r.path[0] === 'don-vi') === profile).map((r) => ({ ...r, path: profile ? r.path.slice(1) : r.path }));
  try {
    if (writeProfile) {
      const text = yamlText(unit, [modeline(profileFile, options.schemaFile), '', 'Hồ sơ đơn vị. ' + source], remarksOf(true), guessesOf(true));
      await writeFileAtomic(profileFile, Buffer.from(text, 'utf8'));
      out.written.push(profileFile);
    }
    const text = yamlText(period, [modeline(periodFile, options.schemaFile), '', source], remarksOf(false), guessesOf(false));
    await writeFileAtomic(periodFile, Buffer.from(text, 'utf8'));
    out.written.push(periodFile);
  } catch (error) {
    out.diagnostics.push(diagnosticAt(at, 'render-failed', `Không ghi được tệp: ${(error as Error).message}.`));
  }
  return out;
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? '(không có)';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function modeline(file: string, schemaFile: string): string {
  const relative = path.relative(path.dirname(path.resolve(file)), schemaFile).split(path.sep).join('/');
  return `yaml-language-server: $schema=${relative}`;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function readExistingProfile(file: string): Promise<Data | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value = parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Data) : {};
  } catch {
    return {};
  }
}
