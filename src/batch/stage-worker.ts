/**
 * Runs on a worker thread (piscina): the stages load → … → render of one report, rendering the
 * formats whose writers run on worker threads (src/render/registry.ts). Returns the diagnostics,
 * the bytes of each format (transferred, not copied) and, when the main thread renders other
 * formats from it (PDF), the model.
 */
import path from 'node:path';
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import type { ReportModel } from '../core/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentSource } from '../load/find-documents.js';
import { loadYamlFile } from '../load/load-yaml.js';
import { openTemplates } from '../render/open-templates.js';
import { openWriter, type OpenWriter, type OutputFormat } from '../render/registry.js';
import type { RunContext } from '../run/context.js';
import { diagnosticsOf } from '../run/failures.js';
import { newJob, type RenderedOutput } from '../run/job.js';
import { LayerCache, runStages } from '../run/stages.js';

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

/** Given to every worker when it starts. */
export interface WorkerData {
  context: RunContext;
  /** Open these writers at once (templates loaded), while the main thread is still hashing inputs. */
  preload: OutputFormat[];
}

export interface WorkerResult {
  diagnostics: Diagnostic[];
  outputs: RenderedOutput[];
  model?: ReportModel;
}

/**
 * Caches only the layers many reports share (mac-dinh.yaml, tinh.yaml): a unit's own files are read
 * once anyway, and keeping them would grow the worker's memory with every report.
 */
class SharedLayerCache extends LayerCache {
  override load(file: string) {
    return SHARED_LAYERS.has(path.basename(file)) ? super.load(file) : loadYamlFile(file, this.cwd);
  }
}

const SHARED_LAYERS = new Set(['mac-dinh.yaml', 'tinh.yaml']);
const startup = workerData as WorkerData;
const layers = new SharedLayerCache(startup.context.cwd);
/** The run's templates folder, opened once by this thread (a thread shares no objects with the main one). */
const templates = openTemplates(startup.context.templatesDir, { cwd: startup.context.cwd ?? '.' });
const writers = new Map<OutputFormat, Promise<OpenWriter>>();

function writerFor(format: OutputFormat): Promise<OpenWriter> {
  let writer = writers.get(format);
  if (!writer) {
    writer = openWriter(format, startup.context, templates);
    writers.set(format, writer);
  }
  return writer;
}

// A failure here is reported by the first task that needs the writer.
for (const format of startup.preload) writerFor(format).catch(() => undefined);

/** The diagnostics of every writer of `task.formats` that fails to open (a broken template …), for the whole run. */
export async function openWriters(task: OpenTask): Promise<Diagnostic[]> {
  const outcomes = await Promise.allSettled(task.formats.map((format) => writerFor(format)));
  return outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? diagnosticsOf(outcome.reason, startup.context.templatesDir).map(templates.shown) : []));
}

export async function prepareAndRender(task: WorkerTask): Promise<unknown> {
  const job = newJob(task.source);
  await runStages(job, { templates, layers }, 'load', 'compute');
  const result: WorkerResult = { diagnostics: job.diagnostics, outputs: [] };
  if (!job.model) return result;
  if (task.model) result.model = job.model;
  if (task.formats.length === 0) return result;
  const open = new Map<OutputFormat, OpenWriter>();
  for (const format of task.formats) {
    try {
      open.set(format, await writerFor(format));
    } catch (error) {
      result.diagnostics.push(...diagnosticsOf(error, task.source.file).map(templates.shown));
    }
  }
  await runStages(job, { templates, layers, writers: open }, 'render', 'render');
  // Transfer only buffers the bytes own whole (never a shared pool slab).
  result.outputs = job.rendered.map(({ format, bytes }) => ({
    format,
    bytes: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice(),
  }));
  const buffers = result.outputs.map((o) => o.bytes.buffer);
  return buffers.length > 0 ? move({ [transferableSymbol]: buffers, [valueSymbol]: result }) : result;
}
