/**
 * `baocao diff` as a library call: two paths (files or folders) → the comparison, the redline
 * bytes when asked, and every problem as a diagnostic. Reads files; writes nothing, prints nothing.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compareSides } from './compare/compare-sides.js';
import { compareFolders, type FolderDiff } from './compare/compare-folders.js';
import { newLayerCache, openTemplatesFolder } from './read/pipeline-adapter.js';
import { readSide } from './read/read-input.js';
import type { DocumentDiff } from './diff-result.js';

export interface DiffOptions {
  oldPath: string;
  newPath: string;
  /** Make the new document with tracked changes (pairs of files only). */
  redline?: boolean;
  /** SOURCE_DATE_EPOCH as the CLI read it: the redline's revision date and package date. */
  sourceDateEpoch?: number;
  templatesDir?: string;
  /** The folder both paths are read against (the CLI's `cwd`); messages name them as given. The process's by default. */
  cwd?: string;
}

export type DiffOutcome =
  | { kind: 'pair'; diff?: DocumentDiff; redline?: Uint8Array; diagnostics: Diagnostic[] }
  | { kind: 'folder'; folder?: FolderDiff; diagnostics: Diagnostic[] };

export function outcomeDiffers(outcome: DiffOutcome): boolean {
  if (outcome.kind === 'pair') return (outcome.diff?.changes.length ?? 0) > 0;
  const f = outcome.folder;
  return f !== undefined && (f.added.length > 0 || f.removed.length > 0 || f.changed.length > 0);
}

export async function runDiff(options: DiffOptions): Promise<DiffOutcome> {
  const cwd = options.cwd ?? '.';
  const [a, b] = await Promise.all([stat(path.resolve(cwd, options.oldPath)).catch(() => undefined), stat(path.resolve(cwd, options.newPath)).catch(() => undefined)]);
  if (a?.isDirectory() || b?.isDirectory()) {
    if (!a?.isDirectory() || !b?.isDirectory()) {
      const missing = !a ? options.oldPath : !b ? options.newPath : undefined;
      const message = missing
        ? `Không tìm thấy "${missing}".`
        : `Không so sánh được một thư mục với một tệp: "${a?.isDirectory() ? options.oldPath : options.newPath}" là thư mục, phía kia là tệp.`;
      return { kind: 'folder', diagnostics: [diagnosticAt({ file: missing ?? options.newPath, line: 0, column: 0 }, missing ? 'file-unreadable' : 'diff-mismatch', message)] };
    }
    if (options.redline) {
      return { kind: 'folder', diagnostics: [diagnosticAt({ file: options.newPath, line: 0, column: 0 }, 'usage', 'Tùy chọn --docx chỉ dùng khi so sánh hai tệp, không dùng cho hai thư mục.')] };
    }
    return compareFolders(options.oldPath, options.newPath, openTemplatesFolder(options.templatesDir, cwd), cwd);
  }
  const templates = openTemplatesFolder(options.templatesDir, cwd);
  const cache = newLayerCache(templates, cwd);
  const [before, after] = await Promise.all([readSide(options.oldPath, cache), readSide(options.newPath, cache)]);
  const diagnostics = [...before.diagnostics, ...after.diagnostics];
  if (!before.side || !after.side) return { kind: 'pair', diagnostics };
  const compared = compareSides(before.side, after.side);
  diagnostics.push(...compared.diagnostics);
  if (!compared.diff) return { kind: 'pair', diagnostics };
  if (!options.redline) return { kind: 'pair', diff: compared.diff, diagnostics };
  // Loaded here: the redline's ZIP and Word writing only for --docx.
  const { buildRedline } = await import('./redline/redline.js');
  const redline = await buildRedline(before.side, after.side, { sourceDateEpoch: options.sourceDateEpoch, templates });
  if ('diagnostics' in redline) return { kind: 'pair', diff: compared.diff, diagnostics: [...diagnostics, ...redline.diagnostics] };
  return { kind: 'pair', diff: compared.diff, redline: redline.bytes, diagnostics };
}
