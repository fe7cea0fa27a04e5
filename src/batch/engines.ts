/**
 * What renders a batch, placed by each writer's `runsOn` (src/render/registry.ts): the worker
 * threads (piscina), each running load → … → render for the worker formats (DOCX, HTML, JSON),
 * and on the main thread one lane per main-thread writer (PDF: one browser, a pool of tabs).
 * One thread (`--jobs 1`) is the main thread itself: the same `StageRunner` a worker runs, on the
 * run's opened templates, with no thread to start (a thread loads the pipeline and opens the
 * templates again: ~0.5–0.9 s of CPU, more than a small batch's own work). Without PDF, up to three
 * threads, the main thread is one of them beside the workers (`sharedStages`).
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

/**
 * Up to this many threads, a batch without a main-thread writer renders on its main thread too,
 * beside `jobs − 1` workers. 200 real-size reports, DOCX, `--jobs 2` on 2 cores, the main thread and
 * one worker against two workers, 7 runs each in turns: 26.8 → 19.3 ms of process CPU per report,
 * 2.97 → 2.77 s (docs/decisions.md). With more threads the main thread's own work for the others (hashing inputs,
 * writing the files and the manifest, ~2.5 ms a report) would leave it little time to render, and
 * its reports would hold theirs up.
 */
const MAIN_THREAD_SHARES_UP_TO = 3;
/** Reports handed to each worker at once when the main thread renders too (piscina's `concurrentTasksPerWorker`). */
const WORKER_TASKS_AHEAD = 4;

export function startEngines(options: EngineOptions): Engines {
  const workerFormats = options.formats.filter((format) => writerOf(format).runsOn === 'worker');
  const mainFormats = options.formats.filter((format) => writerOf(format).runsOn === 'main');
  const jobs = options.context.jobs;
  if (jobs === 1) return startEnginesOf(options, workerFormats, mainFormats, mainThreadStages(options, workerFormats));
  // Without a main-thread writer (no PDF), on up to MAIN_THREAD_SHARES_UP_TO threads, the main
  // thread is one of them: one thread fewer to start and to warm up (each loads and compiles the
  // pipeline again, and V8 compiles and collects for each).
  if (mainFormats.length === 0 && jobs <= MAIN_THREAD_SHARES_UP_TO) {
    const stages = sharedStages(mainThreadStages(options, workerFormats), workerStages(options, workerFormats, jobs - 1, WORKER_TASKS_AHEAD), jobs - 1);
    return startEnginesOf(options, workerFormats, mainFormats, stages);
  }
  return startEnginesOf(options, workerFormats, mainFormats, workerStages(options, workerFormats, jobs));
}

/** The stages on the main thread: the `StageRunner` a worker runs, on the run's opened templates. */
function mainThreadStages(options: EngineOptions, workerFormats: OutputFormat[]): Stages {
  // Loaded with the engines (as piscina is): a batch with nothing to render never loads the pipeline.
  const runner = import('./stage-runner.js').then(({ StageRunner }) => new StageRunner(options.context, options.templates, workerFormats));
  runner.catch(() => undefined);
  return {
    prepareAndRender: async (task) => (await runner).prepareAndRender(task),
    openWriters: async (task) => (await runner).openWriters(task),
    close: async () => (await runner).close(),
  };
}

/** The stages on `threads` worker threads (piscina); `tasksPerThread` reports handed to each at once. */
function workerStages(options: EngineOptions, workerFormats: OutputFormat[], threads: number, tasksPerThread = 1): Stages {
  const workerData: WorkerData = { context: options.context, preload: workerFormats };
  const pool = import('piscina').then(
    ({ Piscina }) =>
      new Piscina({
        filename: workerFile(),
        name: 'prepareAndRender',
        minThreads: threads,
        maxThreads: threads,
        concurrentTasksPerWorker: tasksPerThread,
        idleTimeout: 60_000,
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      }),
  );
  // A pool that cannot start fails each use of it (prepare, the writers' check, close), not the process.
  pool.catch(() => undefined);
  return {
    prepareAndRender: async (task) => (await pool).run(task) as Promise<WorkerResult>,
    openWriters: async (task) => (await pool).run(task, { name: 'openWriters' }) as Promise<Diagnostic[]>,
    close: async () => (await pool).destroy(),
  };
}

/**
 * The main thread and `workerThreads` worker threads sharing the reports: each report goes to the
 * main thread when it is free, else to the workers, who hold up to WORKER_TASKS_AHEAD each (a worker
 * that finishes one starts the next without waiting for the main thread, busy rendering, to send
 * it); a report that finds both full waits for the first to free up. On 2 cores the main thread
 * takes nearly every report: the worker renders when reports come faster than it.
 */
function sharedStages(main: Stages, workers: Stages, workerThreads: number): Stages {
  const waiting: (() => void)[] = [];
  const capacity = workerThreads * WORKER_TASKS_AHEAD;
  let mainBusy = false;
  let workersBusy = 0;
  const wakeOne = () => waiting.shift()?.();
  return {
    async prepareAndRender(task) {
      while (mainBusy && workersBusy >= capacity) await new Promise<void>((resolve) => waiting.push(resolve));
      if (!mainBusy) {
        mainBusy = true;
        try {
          return await main.prepareAndRender(task);
        } finally {
          mainBusy = false;
          wakeOne();
        }
      }
      workersBusy++;
      try {
        return await workers.prepareAndRender(task);
      } finally {
        workersBusy--;
        wakeOne();
      }
    },
    // The main thread opens the writers anyway, for its own reports: it says what failed, once.
    openWriters: (task) => main.openWriters(task),
    close: async () => {
      await Promise.all([main.close(), workers.close()]);
    },
  };
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
