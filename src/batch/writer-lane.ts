/**
 * A main-thread writer for a batch (the browser that prints PDF, with its pool of tabs), reopened
 * when a render fails for a reason the writer says is its own (`restartable`: the browser
 * crashed, was killed, hung) rather than the document's. Every report that was rendering on the
 * broken writer is tried once more on the new one.
 */
import type { ReportModel } from '../core/model.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { openWriter, type OpenWriter, type OutputFormat, type WriterOptions } from '../render/registry.js';
import type { Templates } from '../render/open-templates.js';
import type { RunContext } from '../run/context.js';

export interface WriterLaneOptions {
  format: OutputFormat;
  context: RunContext;
  /** The run's opened templates: a restarted writer opens on the same ones. */
  templates: Templates;
  writerOptions?: WriterOptions;
  /** Called when the writer is replaced; `reason` is the failure that caused it. */
  onRestart?: (reason: string) => void;
  /** At most this many restarts per run (default 10); after that failures are final. */
  maxRestarts?: number;
}

function reasonOf(error: unknown): string {
  if (error instanceof DiagnosticError) return error.diagnostics[0]?.message ?? error.message;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

export class WriterLane implements OpenWriter {
  readonly #options: WriterLaneOptions;
  readonly #capacity: number;
  #current: Promise<OpenWriter>;
  #restarts = 0;
  readonly #closing: Promise<void>[] = [];

  private constructor(options: WriterLaneOptions, writer: OpenWriter) {
    this.#options = options;
    this.#capacity = writer.capacity;
    this.#current = Promise.resolve(writer);
  }

  /** Opens the writer; throws as the writer's `open` does (`browser-missing` …). */
  static async open(options: WriterLaneOptions): Promise<WriterLane> {
    return new WriterLane(options, await WriterLane.#start(options));
  }

  static #start(options: WriterLaneOptions): Promise<OpenWriter> {
    return openWriter(options.format, options.context, options.templates, options.writerOptions);
  }

  get capacity(): number {
    return this.#capacity;
  }

  get restarts(): number {
    return this.#restarts;
  }

  async render(model: ReportModel): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      const current = this.#current;
      try {
        return await (await current).render(model);
      } catch (error) {
        // A reopened writer that failed to open is tried again (within the budget), as a crash is.
        const writer = await current.catch(() => undefined);
        const restartable = writer ? writer.restartable?.(error) === true : true;
        if (attempt > 1 || !restartable) throw error;
        // The first report to see this writer fail replaces it; the others just try again.
        if (this.#current === current && !this.#restart(current, error)) throw error;
      }
    }
  }

  /** Replaces the writer; false when the restart budget is spent. */
  #restart(broken: Promise<OpenWriter>, error: unknown): boolean {
    if (this.#restarts >= (this.#options.maxRestarts ?? 10)) return false;
    this.#restarts++;
    this.#options.onRestart?.(reasonOf(error));
    this.#closing.push(broken.then((w) => w.close()).catch(() => undefined));
    this.#current = WriterLane.#start(this.#options);
    // Nobody may be waiting on it yet: keep a failed launch from being an unhandled rejection.
    this.#current.catch(() => undefined);
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#closing, this.#current.then((w) => w.close()).catch(() => undefined)]);
  }
}
