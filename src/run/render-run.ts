/**
 * One render run: plan every document and output, refuse conflicting outputs, prepare each
 * document (load → merge → validate → compute), render the clean ones, write atomically.
 * A document with errors writes nothing; the others go on. Formats are independent outputs: a
 * format whose renderer cannot start (no browser) or that fails for one document (a PDF that
 * times out) is a diagnostic, and the document's other formats are still written.
 */
import path from 'node:path';
import { diagnosticAt, DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findInputDocuments, stopsRun, type DocumentSource } from '../load/find-documents.js';
import { LayerCache, prepareDocument } from '../pipeline.js';
import { openRenderer, type FormatRenderer, type OutputFormat, type RendererOptions } from '../render/registry.js';
import { checkOutputFolder, errnoText } from '../write/check-output-folder.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { outputConflicts } from './output-conflicts.js';
import { staleOutputs } from './stale-outputs.js';

export interface RenderRunOptions {
  inputs: readonly string[];
  formats: readonly OutputFormat[];
  outDir: string;
  templatesDir: string;
  /** Seconds since 1970 to date every output with (SOURCE_DATE_EPOCH, read by the CLI). */
  sourceDateEpoch?: number;
  /** Milliseconds one document may take to print as PDF (default: grows with its size). */
  pdfTimeoutFor?: RendererOptions['pdfTimeoutFor'];
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
  const rendererOptions: RendererOptions = {
    templatesDir: options.templatesDir,
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
    ...(options.pdfTimeoutFor ? { pdfTimeoutFor: options.pdfTimeoutFor } : {}),
  };
  try {
    if (prepared.some((p) => p.model)) {
      // Each format on its own: no browser still leaves the DOCX, broken Word templates the PDF.
      const opened = await Promise.allSettled(options.formats.map((format) => openRenderer(format, rendererOptions)));
      for (const outcome of opened) {
        if (outcome.status === 'fulfilled') renderers.push(outcome.value);
        else diagnostics.push(...diagnosticsOf(outcome.reason, options.inputs.join(' ')));
      }
    }
    await Promise.all(
      prepared.map(async ({ source, model, diagnostics: documentDiagnostics }) => {
        const result: DocumentResult = { source, outputs: [], diagnostics: [...documentDiagnostics] };
        if (model) {
          await Promise.all(
            renderers.map(async (renderer) => {
              try {
                const bytes = await renderer.render(model);
                const target = outputPath(options.outDir, source, renderer.format);
                await writeFileAtomic(target, bytes);
                result.outputs.push(target);
              } catch (error) {
                // A renderer knows the model, not the file: say which file the failed output is of.
                const failed = diagnosticsOf(error, source.file);
                result.diagnostics.push(...failed.map((d) => (d.ruleId === 'render-failed' ? { ...d, file: source.file } : d)));
              }
            }),
          );
          result.outputs.sort();
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
