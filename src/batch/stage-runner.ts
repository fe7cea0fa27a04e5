/**
 * The stages load → … → render of one report, rendering the formats whose writers run beside the
 * pipeline (`runsOn: 'worker'`, src/render/registry.ts): what each of the batch's worker threads
 * runs (./stage-worker.ts), and what a one-thread batch (`--jobs 1`) runs on its main thread.
 * Its writers are opened once, on the first report that needs them (or at once, `preload`).
 */
import path from 'node:path';
import type { ReportModel } from '../core/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentSource } from '../load/find-documents.js';
import { loadYamlFile } from '../load/load-yaml.js';
import type { Templates } from '../render/open-templates.js';
import { openWriter, type OpenWriter, type OutputFormat } from '../render/registry.js';
import type { RunContext } from '../run/context.js';
import { diagnosticsOf } from '../run/failures.js';
import { newJob, type RenderedOutput } from '../run/job.js';
import { LayerCache } from '../run/layer-cache.js';
import { runStages } from '../run/stages.js';

export interface WorkerTask {
  source: DocumentSource;
  /** The worker-thread formats to render. */
  formats: OutputFormat[];
  /** Send the model back (for the main thread's formats). */
  model: boolean;
}

/** Open these formats' writers (templates loaded, checked) and return what failed. */
export interface OpenTask {
  formats: OutputFormat[];
}

export interface WorkerResult {
  diagnostics: Diagnostic[];
  outputs: RenderedOutput[];
  model?: ReportModel;
}

/**
 * Caches only the layers many reports share (mac-dinh.yaml, tinh.yaml): a unit's own files are read
 * once anyway, and keeping them would grow the memory with every report.
 */
class SharedLayerCache extends LayerCache {
  override load(file: string) {
    return SHARED_LAYERS.has(path.basename(file)) ? super.load(file) : loadYamlFile(file, this.cwd);
  }
}

const SHARED_LAYERS = new Set(['mac-dinh.yaml', 'tinh.yaml']);

export class StageRunner {
  readonly #layers: SharedLayerCache;
  readonly #writers = new Map<OutputFormat, Promise<OpenWriter>>();

  constructor(
    private readonly context: RunContext,
    /** The run's templates folder, opened (a worker thread opens its own: threads share no objects). */
    private readonly templates: Templates,
    preload: readonly OutputFormat[] = [],
  ) {
    this.#layers = new SharedLayerCache(context.cwd);
    // A failure here is reported by the first task that needs the writer.
    for (const format of preload) this.#writerFor(format).catch(() => undefined);
  }

  #writerFor(format: OutputFormat): Promise<OpenWriter> {
    let writer = this.#writers.get(format);
    if (!writer) {
      writer = openWriter(format, this.context, this.templates);
      this.#writers.set(format, writer);
    }
    return writer;
  }

  /** The diagnostics of every writer of `task.formats` that fails to open (a broken template …), for the whole run. */
  async openWriters(task: OpenTask): Promise<Diagnostic[]> {
    const outcomes = await Promise.allSettled(task.formats.map((format) => this.#writerFor(format)));
    return outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? diagnosticsOf(outcome.reason, this.context.templatesDir).map(this.templates.shown) : []));
  }

  async prepareAndRender(task: WorkerTask): Promise<WorkerResult> {
    const { templates } = this;
    const layers = this.#layers;
    const job = newJob(task.source);
    await runStages(job, { templates, layers }, 'load', 'compute');
    const result: WorkerResult = { diagnostics: job.diagnostics, outputs: [] };
    if (!job.model) return result;
    if (task.model) result.model = job.model;
    if (task.formats.length === 0) return result;
    const open = new Map<OutputFormat, OpenWriter>();
    for (const format of task.formats) {
      try {
        open.set(format, await this.#writerFor(format));
      } catch (error) {
        result.diagnostics.push(...diagnosticsOf(error, task.source.file).map(templates.shown));
      }
    }
    await runStages(job, { templates, layers, writers: open }, 'render', 'render');
    result.outputs = job.rendered;
    return result;
  }

  /** Closes the writers it opened. */
  async close(): Promise<void> {
    const writers = [...this.#writers.values()];
    this.#writers.clear();
    for (const writer of writers) await (await writer.catch(() => undefined))?.close().catch(() => undefined);
  }
}
