/**
 * What renders a batch: the worker threads (piscina), each preparing reports and writing DOCX
 * bytes, and the PDF lane (one browser, a pool of tabs). Starting them takes about a second
 * (threads load the pipeline and the templates, Chromium launches), so a run starts them while it
 * is still hashing its inputs whenever it expects to render.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { PACKAGE_ROOT } from '../paths.js';
import { openRenderer, type OutputFormat } from '../render/registry.js';
import { diagnosticsOf } from '../run/render-run.js';
import type { WorkerData, WorkerResult, WorkerTask } from './docx-worker.js';
import { PdfLane } from './pdf-lane.js';

export interface EngineOptions {
  formats: readonly OutputFormat[];
  templatesDir: string;
  /** Worker threads. */
  jobs: number;
  /** Browser tabs. */
  pages: number;
  onBrowserRestart?: (reason: string) => void;
  /** Seconds since 1970 to date every output with (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
}

export interface Engines {
  pool: Piscina<WorkerTask, WorkerResult>;
  /** Problems that stop every report (broken templates, no browser); empty when ready. */
  ready: Promise<Diagnostic[]>;
  /** Present once `ready` resolved, when PDF was asked for. */
  lane?: PdfLane;
  /** Stops the threads and the browser; returns how many times the browser was restarted. */
  close(): Promise<number>;
}

/** The worker module next to this one; from the TypeScript sources (tests), the built one. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.join(PACKAGE_ROOT, 'dist', 'batch', 'docx-worker.js') : path.join(path.dirname(here), 'docx-worker.js');
}

export function startEngines(options: EngineOptions): Engines {
  const wantsDocx = options.formats.includes('docx');
  const epoch = options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {};
  const workerData: WorkerData = { templatesDir: options.templatesDir, preloadDocx: wantsDocx, ...epoch };
  const pool = new Piscina<WorkerTask, WorkerResult>({
    filename: workerFile(),
    name: 'prepareAndRender',
    minThreads: options.jobs,
    maxThreads: options.jobs,
    idleTimeout: 60_000,
    workerData,
  });
  const engines: Engines = {
    pool,
    ready: Promise.resolve([]),
    async close() {
      await pool.destroy();
      await engines.ready; // a browser still starting is closed too
      if (!engines.lane) return 0;
      await engines.lane.close();
      return engines.lane.restarts;
    },
  };
  // The templates are checked once here, so a broken one is one message, not one per report.
  const docxCheck = wantsDocx ? openRenderer('docx', { templatesDir: options.templatesDir }).then((r) => r.close()) : undefined;
  const lane = options.formats.includes('pdf')
    ? PdfLane.open({ templatesDir: options.templatesDir, pages: options.pages, ...epoch, ...(options.onBrowserRestart ? { onRestart: options.onBrowserRestart } : {}) })
    : undefined;
  engines.ready = Promise.allSettled([docxCheck, lane]).then(([docx, pdf]) => {
    if (pdf?.status === 'fulfilled' && pdf.value) engines.lane = pdf.value;
    return [docx, pdf].flatMap((outcome) => (outcome?.status === 'rejected' ? diagnosticsOf(outcome.reason, options.templatesDir) : []));
  });
  return engines;
}
