/**
 * Runs on a worker thread (piscina): one `StageRunner` (./stage-runner.ts) for the thread's life,
 * on the run context and templates folder the main thread names. Returns the diagnostics, the
 * bytes of each format (transferred, not copied) and, when the main thread renders other formats
 * from it (PDF), the model.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { openTemplates } from '../render/open-templates.js';
import type { OutputFormat } from '../render/registry.js';
import type { RunContext } from '../run/context.js';
import { StageRunner, type OpenTask, type WorkerTask } from './stage-runner.js';

export type { OpenTask, WorkerResult, WorkerTask } from './stage-runner.js';

/** Given to every worker when it starts. */
export interface WorkerData {
  context: RunContext;
  /** Open these writers at once (templates loaded), while the main thread is still hashing inputs. */
  preload: OutputFormat[];
}

const startup = workerData as WorkerData;
/** The run's templates folder, opened once by this thread (a thread shares no objects with the main one). */
const runner = new StageRunner(startup.context, openTemplates(startup.context.templatesDir, { cwd: startup.context.cwd ?? '.' }), startup.preload);

/** The diagnostics of every writer of `task.formats` that fails to open (a broken template …), for the whole run. */
export function openWriters(task: OpenTask): Promise<unknown> {
  return runner.openWriters(task);
}

export async function prepareAndRender(task: WorkerTask): Promise<unknown> {
  const result = await runner.prepareAndRender(task);
  // Transfer only buffers the bytes own whole (never a shared pool slab).
  result.outputs = result.outputs.map(({ format, bytes }) => ({
    format,
    bytes: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice(),
  }));
  const buffers = result.outputs.map((o) => o.bytes.buffer);
  return buffers.length > 0 ? move({ [transferableSymbol]: buffers, [valueSymbol]: result }) : result;
}
