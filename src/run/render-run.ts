/**
 * One render run: plan every document and output, refuse conflicting outputs, prepare each
 * document (load → merge → validate → compute), render the clean ones, write atomically.
 * A document with errors writes nothing; the others go on.
 */
import path from 'node:path';
import { diagnosticAt, DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findInputDocuments, stopsRun, type DocumentSource } from '../load/find-documents.js';
import { LayerCache, prepareDocument } from '../pipeline.js';
import { openRenderer, type FormatRenderer, type OutputFormat } from '../render/registry.js';
import { checkOutputFolder, errnoText } from '../write/check-output-folder.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { outputConflicts } from './output-conflicts.js';
import { staleOutputs } from './stale-outputs.js';

export interface RenderRunOptions {
  inputs: readonly string[];
  formats: readonly OutputFormat[];
  outDir: string;
  templatesDir: string;
  /** Called as each document finishes, for progress output. */
  onDocument?: (result: DocumentResult) => void;
}

export interface DocumentResult {
  source: DocumentSource;
  outputs: string[];
  diagnostics: Diagnostic[];
}

export interface RenderRunResult {
  documents: DocumentResult[];
  /** Problems not tied to one document (no input, a conflict, a missing browser). */
  diagnostics: Diagnostic[];
}

export function outputPath(outDir: string, source: DocumentSource, format: OutputFormat): string {
  return path.join(outDir, ...source.unitPath.split('/'), `${source.period}.${format}`);
}

export async function renderRun(options: RenderRunOptions): Promise<RenderRunResult> {
  const { documents: sources, diagnostics } = await findInputDocuments(options.inputs);
  diagnostics.push(
    ...outputConflicts(
      sources.flatMap((source) =>
        options.formats.map((format) => {
          const target = outputPath(options.outDir, source, format);
          return { source: source.file, target, file: path.relative(options.outDir, target).split(path.sep).join('/') };
        }),
      ),
    ),
  );
  if (stopsRun(diagnostics)) return { documents: [], diagnostics };
  // A file for --out, or a folder that cannot be written: say so before rendering anything.
  diagnostics.push(...(await checkOutputFolder(options.outDir)));
  if (stopsRun(diagnostics)) return { documents: [], diagnostics };

  const cache = new LayerCache();
  const prepared = await Promise.all(sources.map((source) => prepareDocument(source, cache)));
  const renderers: FormatRenderer[] = [];
  const documents: DocumentResult[] = [];
  try {
    if (prepared.some((p) => p.model)) {
      for (const format of options.formats) renderers.push(await openRenderer(format, { templatesDir: options.templatesDir }));
    }
    await Promise.all(
      prepared.map(async ({ source, model, diagnostics: documentDiagnostics }) => {
        const result: DocumentResult = { source, outputs: [], diagnostics: [...documentDiagnostics] };
        if (model) {
          try {
            const rendered = await Promise.all(renderers.map(async (r) => ({ format: r.format, bytes: await r.render(model) })));
            for (const { format, bytes } of rendered) {
              const target = outputPath(options.outDir, source, format);
              await writeFileAtomic(target, bytes);
              result.outputs.push(target);
            }
          } catch (error) {
            result.diagnostics.push(...diagnosticsOf(error, source.file));
          }
        }
        if (hasErrors(result.diagnostics)) {
          const left = options.formats
            .map((format) => outputPath(options.outDir, source, format))
            .filter((target) => !result.outputs.includes(target))
            .map((target) => ({ target, file: target }));
          result.diagnostics.push(...(await staleOutputs(left, 'lỗi')).diagnostics);
        }
        documents.push(result);
        options.onDocument?.(result);
      }),
    );
  } catch (error) {
    diagnostics.push(...diagnosticsOf(error, options.inputs.join(' ')));
  } finally {
    await Promise.all(renderers.map((r) => r.close()));
  }
  documents.sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0));
  return { documents, diagnostics };
}

export function diagnosticsOf(error: unknown, file: string): Diagnostic[] {
  if (error instanceof DiagnosticError) return error.diagnostics;
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
    // A failed write or read: say what and why in words, never the raw English errno.
    const where = typeof errno.path === 'string' ? ` "${errno.path}"` : '';
    return [diagnosticAt({ file, line: 0, column: 0 }, 'render-failed', `Không ghi được tệp đầu ra${where}: ${errnoText(errno.code)} (${errno.code}).`)];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [diagnosticAt({ file, line: 0, column: 0 }, 'render-failed', `Không tạo được tệp đầu ra: ${message}`)];
}
