/**
 * PDF printing for a batch: one browser with its pool of tabs (the PDF renderer), restarted when
 * printing fails for a reason other than the templates — the browser crashed, was killed, hung.
 * Every report that was printing on the broken browser is tried once more on the new one.
 */
import type { ReportModel } from '../core/model.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { openRenderer, type FormatRenderer } from '../render/registry.js';

export interface PdfLaneOptions {
  templatesDir: string;
  pages: number;
  /** Seconds since 1970 to date every PDF with (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  /** Called when the browser is replaced; `reason` is the failure that caused it. */
  onRestart?: (reason: string) => void;
  /** At most this many restarts per run (default 10); after that failures are final. */
  maxRestarts?: number;
}

/** A failure the templates cause: printing it again cannot help, and the browser is fine. */
function isTemplateFailure(error: unknown): boolean {
  return error instanceof DiagnosticError && error.diagnostics.some((d) => d.ruleId === 'template-error');
}

function reasonOf(error: unknown): string {
  if (error instanceof DiagnosticError) return error.diagnostics[0]?.message ?? error.message;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

export class PdfLane {
  /** The browser in use; replaced (never mutated) on a restart. */
  #current: Promise<FormatRenderer>;
  #restarts = 0;
  readonly #options: PdfLaneOptions;
  readonly #closing: Promise<void>[] = [];

  private constructor(options: PdfLaneOptions, renderer: FormatRenderer) {
    this.#options = options;
    this.#current = Promise.resolve(renderer);
  }

  /** Starts the browser; throws `DiagnosticError` (`browser-missing`) when it cannot. */
  static async open(options: PdfLaneOptions): Promise<PdfLane> {
    return new PdfLane(options, await PdfLane.#start(options));
  }

  static #start(options: PdfLaneOptions): Promise<FormatRenderer> {
    const epoch = options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {};
    return openRenderer('pdf', { templatesDir: options.templatesDir, pdfPages: options.pages, ...epoch });
  }

  get pages(): number {
    return this.#options.pages;
  }

  get restarts(): number {
    return this.#restarts;
  }

  async render(model: ReportModel): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      const browser = this.#current;
      try {
        return await (await browser).render(model);
      } catch (error) {
        if (attempt > 1 || isTemplateFailure(error)) throw error;
        // The first report to see this browser fail replaces it; the others just try again.
        if (this.#current === browser && !this.#restart(browser, error)) throw error;
      }
    }
  }

  /** Replaces the browser; false when the restart budget is spent. */
  #restart(broken: Promise<FormatRenderer>, error: unknown): boolean {
    if (this.#restarts >= (this.#options.maxRestarts ?? 10)) return false;
    this.#restarts++;
    this.#options.onRestart?.(reasonOf(error));
    this.#closing.push(broken.then((r) => r.close()).catch(() => undefined));
    this.#current = PdfLane.#start(this.#options);
    // Nobody may be waiting on it yet: keep a failed launch from being an unhandled rejection.
    this.#current.catch(() => undefined);
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#closing, this.#current.then((r) => r.close()).catch(() => undefined)]);
  }
}
