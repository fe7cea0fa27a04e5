/**
 * Output formats as a table of writers (as Pandoc's writers): each reads only the model and
 * declares everything the engine needs to know about it — its file extension, where it runs (a
 * worker thread, or the main thread when it drives something of its own, as the browser that
 * prints PDF), what besides the data goes into its bytes (the fingerprint incremental runs key
 * on), how it opens and closes, and its own options. No code outside `src/render/` names a format:
 * adding one is a row here and its renderer.
 *
 * Every writer loads lazily: `validate` and DOCX-only runs never load the browser driver.
 */
import type { ReportModel } from '../core/model.js';
import type { Templates } from './open-templates.js';
import type { PdfRendererOptions } from './pdf/pdf-renderer.js';
import type { SharedBrowser } from './pdf/shared-browser.js';

/** What every writer is opened with: the run context the CLI builds once (see src/run/context.ts). */
export interface WriterContext {
  /**
   * The folder the run's relative paths (inputs, `--out`, `--templates`) are read against: the
   * CLI's `cwd`. Paths stay as given (what messages show); only reads and writes resolve them.
   * Without it, the process's folder. Nothing below the CLI reads or changes the process's folder.
   */
  cwd?: string;
  /** The project's templates folder (`word/`, `html/` inside); a run opens it once (`openTemplates`) and passes the result down. */
  templatesDir: string;
  /** Seconds since 1970 (SOURCE_DATE_EPOCH, checked by the CLI) to date every output with. */
  sourceDateEpoch?: number;
  /** Where to look for the browser: BAOCAO_BROWSER and the folders of the standard install places. */
  browserEnv?: Readonly<Record<string, string | undefined>>;
  /** Worker threads of the run (a writer may size its own parallelism from it). */
  jobs?: number;
  /**
   * How many documents the run renders, when known before its writers open (`render` knows; a
   * batch does not): a writer opens no more parallel capacity than that (one PDF, one tab).
   */
  documents?: number;
  /** Milliseconds a browser has to start and answer (default `launchTimeoutMs`, 30 s); tests pass less. */
  browserLaunchMs?: number;
  /**
   * A browser the caller keeps running across runs (a server, a test process): PDF is printed in
   * tabs opened there, and the browser is left running. Without it, a run starts and stops its own.
   */
  browser?: SharedBrowser;
}

/** An open writer: model → bytes, as many times as needed, then closed once. */
export interface OpenWriter {
  render(model: ReportModel): Promise<Uint8Array>;
  close(): Promise<void>;
  /** Documents it works on at once (the browser's tabs); 1 when it works synchronously. */
  readonly capacity: number;
  /**
   * True when a failure may be the writer's own (a crashed browser) rather than the document's:
   * a main-thread lane then reopens the writer and tries once more.
   */
  restartable?(error: unknown): boolean;
}

export interface Writer<Own = Record<never, never>> {
  /** `<ky>.<extension>` beside the other outputs. */
  readonly extension: string;
  /** The file's media type, for a server that hands it out (baocao xem's downloads). */
  readonly mediaType: string;
  /** `worker`: pure and fast, runs beside load…compute on the worker threads; `main`: the main thread. */
  readonly runsOn: 'worker' | 'main';
  /** Lines that, besides the data, the tool version and the templates, decide the bytes. */
  fingerprint(templates: Templates): Promise<string[]>;
  /**
   * Opens the writer on the run's opened templates. It does not open while a declaration has a
   * problem (`templates.checkedTypes()` throws: nothing is written from a broken templates folder).
   */
  open(context: WriterContext, templates: Templates, own?: Own): Promise<OpenWriter>;
}

/** PDF's own options: not in the shared context, since no other writer has tabs or deadlines. */
export interface PdfWriterOptions {
  /** Browser tabs printing at once; default: twice `jobs`, at least 4 (Chromium lays out one tab while it prints another). */
  pages?: number;
  /** Milliseconds one document may take to print; default grows with the document's size. */
  timeoutFor?: PdfRendererOptions['timeoutFor'];
}

const epochOf = (context: WriterContext) => (context.sourceDateEpoch !== undefined ? { sourceDateEpoch: context.sourceDateEpoch } : {});
const fontsFingerprint = async (templates: Templates) => {
  const [fonts, { createHash }] = await Promise.all([templates.fonts(), import('node:crypto')]);
  return [`fonts=${createHash('sha256').update(fonts.css).digest('hex')}`];
};
const synchronous = (render: (model: ReportModel) => Uint8Array): OpenWriter => ({
  render: async (model) => render(model),
  close: async () => {},
  capacity: 1,
});

const docx: Writer = {
  extension: 'docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  runsOn: 'worker',
  fingerprint: async () => [],
  async open(context, templates) {
    templates.checkedTypes();
    const [{ renderDocx }, frames] = await Promise.all([import('./docx/render-docx.js'), templates.docx()]);
    return synchronous((model) => renderDocx(model, frames, epochOf(context)));
  },
};

const pdf: Writer<PdfWriterOptions> = {
  extension: 'pdf',
  mediaType: 'application/pdf',
  runsOn: 'main',
  fingerprint: fontsFingerprint,
  async open(context, templates, own = {}) {
    templates.checkedTypes();
    const { PdfRenderer, isBrowserFailure } = await import('./pdf/pdf-renderer.js');
    const wanted = own.pages ?? (context.jobs !== undefined ? Math.max(4, context.jobs * 2) : 4);
    const pages = Math.max(1, Math.min(wanted, context.documents ?? Number.POSITIVE_INFINITY));
    const renderer = await PdfRenderer.open({
      templates,
      pages,
      browserEnv: context.browserEnv ?? {},
      ...(context.browserLaunchMs !== undefined ? { launchTimeoutMs: context.browserLaunchMs } : {}),
      ...(context.browser ? { browser: context.browser } : {}),
      ...epochOf(context),
      ...(own.timeoutFor ? { timeoutFor: own.timeoutFor } : {}),
    });
    return { render: (model) => renderer.render(model), close: () => renderer.close(), capacity: pages, restartable: isBrowserFailure };
  },
};

/**
 * The print HTML, not paginated: one self-contained file (style sheet and Tinos embedded, no
 * scripts, nothing fetched), footnotes gathered at the end as the page templates write them. It is
 * the HTML the PDF is printed from before the page layout, so a browser shows the same text and look.
 */
const html: Writer = {
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  runsOn: 'worker',
  fingerprint: fontsFingerprint,
  async open(_context, templates) {
    templates.checkedTypes();
    const [{ renderReportHtml }, fonts] = await Promise.all([import('./html/report-html.js'), templates.fonts()]);
    const encoder = new TextEncoder();
    // Compiled on the first document, as before: a broken template is each document's problem.
    return {
      render: async (model) => encoder.encode(renderReportHtml(model, await templates.html(), fonts)),
      close: async () => {},
      capacity: 1,
    };
  },
};

/** The report model itself, keys sorted, deterministic bytes (golden tests, diffs, other tools). */
const json: Writer = {
  extension: 'json',
  mediaType: 'application/json; charset=utf-8',
  runsOn: 'worker',
  fingerprint: async () => [],
  async open(_context, templates) {
    templates.checkedTypes();
    const { renderReportJson } = await import('./json/report-json.js');
    return synchronous(renderReportJson);
  },
};

export const WRITERS = { docx, pdf, html, json } as const;
export type OutputFormat = keyof typeof WRITERS;
export const OUTPUT_FORMATS = Object.keys(WRITERS) as OutputFormat[];

/** Each format's own options, by format name (`{ pdf: { pages: 8 } }`). */
export type WriterOptions = { [F in OutputFormat]?: (typeof WRITERS)[F] extends Writer<infer Own> ? Own : never };

export function writerOf(format: OutputFormat): Writer<unknown> {
  return WRITERS[format] as Writer<unknown>;
}

/** The format whose files end in `.<extension>`, if any. */
export function formatOfExtension(extension: string): OutputFormat | undefined {
  return OUTPUT_FORMATS.find((format) => WRITERS[format].extension === extension);
}

export function openWriter(format: OutputFormat, context: WriterContext, templates: Templates, options: WriterOptions = {}): Promise<OpenWriter> {
  return writerOf(format).open(context, templates, options[format]);
}

export function parseFormats(text: string): OutputFormat[] | undefined {
  const formats = text.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (formats.length === 0 || !formats.every((f): f is OutputFormat => Object.hasOwn(WRITERS, f))) return undefined;
  return [...new Set(formats)];
}

/** `docx, pdf, html, json`: for help texts and messages. */
export const FORMAT_LIST = OUTPUT_FORMATS.join(', ');
