/**
 * What renders a batch, placed by each writer's `runsOn` (src/render/registry.ts): the worker
 * threads (piscina), each running load → … → render for the worker formats (DOCX, HTML, JSON),
 * and on the main thread one lane per main-thread writer (PDF: one browser, a pool of tabs).
 * One thread (`--jobs 1`) is the main thread itself: the same `StageRunner` a worker runs, on the
 * run's opened templates, with no thread to start (a thread loads the pipeline and opens the
 * templates again: ~0.5–0.9 s of CPU, more than a small batch's own work).
 * Starting them takes about a second (threads load the pipeline and the templates, Chromium
 * launches), so a run starts them while it is still planning or hashing its inputs whenever it
 * expects to render. piscina itself is loaded only when engines start: a batch with nothing to
 * render (the unchanged re-run) never loads it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { PACKAGE_ROOT } from '../paths.js';
import { writerOf, type OutputFormat, type WriterOptions } from '../render/registry.js';
import type { Templates } from '../render/open-templates.js';
import type { RunContext } from '../run/context.js';
import { diagnosticsOf } from '../run/failures.js';
import type { OpenTask, WorkerResult, WorkerTask } from './stage-runner.js';
import type { WorkerData } from './stage-worker.js';
import { WriterLane } from './writer-lane.js';

export interface EngineOptions {
  formats: readonly OutputFormat[];
  /** The run context; `jobs` is the number of worker threads. */
  context: RunContext & { jobs: number };
  /** The main thread's opened templates (the worker threads open `context.templatesDir` themselves, once each). */
  templates: Templates;
  writerOptions?: WriterOptions;
  onRestart?: (reason: string) => void;
}

export interface Engines {
  /** Runs load → … → render of one report on a worker thread. */
  prepare(task: WorkerTask): Promise<WorkerResult>;
  /** How many worker threads there are. */
  threads: number;
  /** The formats the worker threads render. */
  workerFormats: OutputFormat[];
  /** Problems that stop every report (broken templates, no browser); empty when ready. */
  ready: Promise<Diagnostic[]>;
  /** The main-thread writers, once `ready` resolved. */
  lanes: Map<OutputFormat, WriterLane>;
  /** The formats whose writers could not open (their problems are in `ready`), once `ready` resolved. */
  unavailable: Set<OutputFormat>;
  /** Stops the threads and the lanes; returns how many times a lane's writer was restarted. */
  close(): Promise<number>;
}

/** The worker module next to this one; from the TypeScript sources (tests), the built one. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.join(PACKAGE_ROOT, 'dist', 'batch', 'stage-worker.js') : path.join(path.dirname(here), 'stage-worker.js');
}

/**
 * The worker threads' young generation, in MB (their default: 48). Measured on 500 real-size DOCX
 * reports, 2 threads (issue 12): as many scavenges either way (~95 per thread, ~14 MB freed
 * each), but each pauses about half as long (median 1.0–1.3 ms instead of 1.7–2.5; 48 set
 * explicitly behaves as the default), the other threads (V8's helpers) use 0.5–0.8 ms less CPU
 * per report and the whole process ~0.6 ms less. 192 did no better.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

export function startEngines(options: EngineOptions): Engines {
  const workerFormats = options.formats.filter((format) => writerOf(format).runsOn === 'worker');
  const mainFormats = options.formats.filter((format) => writerOf(format).runsOn === 'main');
  if (options.context.jobs === 1) {
    // Loaded with the engines (as piscina is): a batch with nothing to render never loads the pipeline.
    const runner = import('./stage-runner.js').then(({ StageRunner }) => new StageRunner(options.context, options.templates, workerFormats));
    runner.catch(() => undefined);
    return startEnginesOf(options, workerFormats, mainFormats, {
      prepareAndRender: async (task) => (await runner).prepareAndRender(task),
      openWriters: async (task) => (await runner).openWriters(task),
      close: async () => (await runner).close(),
    });
  }
  const workerData: WorkerData = { context: options.context, preload: workerFormats };
  const pool = import('piscina').then(
    ({ Piscina }) =>
      new Piscina({
        filename: workerFile(),
        name: 'prepareAndRender',
        minThreads: options.context.jobs,
        maxThreads: options.context.jobs,
        idleTimeout: 60_000,
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      }),
  );
  // A pool that cannot start fails each use of it (prepare, the writers' check, close), not the process.
  pool.catch(() => undefined);
  return startEnginesOf(options, workerFormats, mainFormats, {
    prepareAndRender: async (task) => (await pool).run(task) as Promise<WorkerResult>,
    openWriters: async (task) => (await pool).run(task, { name: 'openWriters' }) as Promise<Diagnostic[]>,
    close: async () => (await pool).destroy(),
  });
}

/** Where load → … → render runs: the worker threads, or the main thread's own `StageRunner`. */
interface Stages {
  prepareAndRender(task: WorkerTask): Promise<WorkerResult>;
  openWriters(task: OpenTask): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

function startEnginesOf(options: EngineOptions, workerFormats: OutputFormat[], mainFormats: OutputFormat[], stages: Stages): Engines {
  const engines: Engines = {
    prepare: (task) => stages.prepareAndRender(task),
    threads: options.context.jobs,
    workerFormats,
    ready: Promise.resolve([]),
    lanes: new Map(),
    unavailable: new Set(),
    async close() {
      await stages.close();
      await engines.ready; // a browser still starting is closed too
      let restarts = 0;
      for (const lane of engines.lanes.values()) {
        await lane.close();
        restarts += lane.restarts;
      }
      return restarts;
    },
  };
  // A broken template is one message, not one per report: a worker thread opens the worker
  // writers (it needs them anyway) and says what failed. Opening them here as well cost the main
  // thread ~150 ms of CPU while the threads were starting (issue 12).
  const checks = workerFormats.length > 0 ? [stages.openWriters({ formats: workerFormats })] : [];
  const lanes = mainFormats.map((format) =>
    WriterLane.open({
      format,
      context: options.context,
      templates: options.templates,
      ...(options.writerOptions ? { writerOptions: options.writerOptions } : {}),
      ...(options.onRestart ? { onRestart: options.onRestart } : {}),
    }),
  );
  engines.ready = Promise.allSettled([...checks, ...lanes]).then((outcomes) => {
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled' && outcome.value instanceof WriterLane) engines.lanes.set(mainFormats[i - checks.length]!, outcome.value);
      const failed = outcome.status === 'rejected' || (Array.isArray(outcome.value) && outcome.value.length > 0);
      if (failed) for (const format of i < checks.length ? workerFormats : [mainFormats[i - checks.length]!]) engines.unavailable.add(format);
    });
    return outcomes.flatMap((outcome) => {
      if (outcome.status === 'rejected') return diagnosticsOf(outcome.reason, options.context.templatesDir).map(options.templates.shown);
      return Array.isArray(outcome.value) ? outcome.value : [];
    });
  });
  return engines;
}
