/**
 * Output formats as a registry of renderers (as Pandoc's writers): each reads only the model.
 * PDF is HTML printed by Chromium; opening it starts one browser for the whole run.
 */
import path from 'node:path';
import type { ReportModel } from '../core/model.js';
import type { PdfRendererOptions } from './pdf/pdf-renderer.js';

export const OUTPUT_FORMATS = ['docx', 'pdf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatRenderer {
  readonly format: OutputFormat;
  render(model: ReportModel): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface RendererOptions {
  templatesDir: string;
  /** Browser pages printing at once (PDF). */
  pdfPages?: number;
  /** Seconds since 1970 (SOURCE_DATE_EPOCH, checked by the CLI) to date every output with. */
  sourceDateEpoch?: number;
  /** Milliseconds one document may take to print (PDF); default grows with the document's size. */
  pdfTimeoutFor?: PdfRendererOptions['timeoutFor'];
}

/** Renderers load lazily: `validate` and DOCX-only runs never load the browser driver. */
export async function openRenderer(format: OutputFormat, options: RendererOptions): Promise<FormatRenderer> {
  switch (format) {
    case 'docx': {
      const { loadDocxTemplates, renderDocx } = await import('./docx/render-docx.js');
      const templates = await loadDocxTemplates(path.join(options.templatesDir, 'word'));
      const docxOptions = options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {};
      return { format, render: async (model) => renderDocx(model, templates, docxOptions), close: async () => {} };
    }
    case 'pdf': {
      const { PdfRenderer } = await import('./pdf/pdf-renderer.js');
      const pdf = await PdfRenderer.open({
        templatesDir: options.templatesDir,
        ...(options.pdfPages ? { pages: options.pdfPages } : {}),
        ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
        ...(options.pdfTimeoutFor ? { timeoutFor: options.pdfTimeoutFor } : {}),
      });
      return { format, render: (model) => pdf.render(model), close: () => pdf.close() };
    }
  }
}

export function parseFormats(text: string): OutputFormat[] | undefined {
  const formats = text.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (formats.length === 0 || !formats.every((f): f is OutputFormat => (OUTPUT_FORMATS as readonly string[]).includes(f))) return undefined;
  return [...new Set(formats)];
}
