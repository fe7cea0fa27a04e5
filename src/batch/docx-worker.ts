/**
 * Runs on a worker thread (piscina): one report's pipeline (load → merge → validate → compute)
 * and, when asked, its DOCX. Returns the diagnostics, the DOCX bytes (transferred, not copied) and,
 * when the main thread prints a PDF from it, the model.
 */
import path from 'node:path';
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import type { ReportModel } from '../core/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentSource } from '../load/find-documents.js';
import { loadYamlFile } from '../load/load-yaml.js';
import { LayerCache, prepareDocument } from '../pipeline.js';
import { openRenderer, type FormatRenderer } from '../render/registry.js';
import { diagnosticsOf } from '../run/render-run.js';

export interface WorkerTask {
  source: DocumentSource;
  templatesDir: string;
  /** Render the DOCX. */
  docx: boolean;
  /** Send the model back (for the PDF). */
  model: boolean;
}

/** Given to every worker when it starts. */
export interface WorkerData {
  templatesDir: string;
  /** Load the DOCX templates at once, while the main thread is still hashing inputs. */
  preloadDocx: boolean;
  /** Seconds since 1970 to date every DOCX with (SOURCE_DATE_EPOCH, read by the CLI). */
  sourceDateEpoch?: number;
}

export interface WorkerResult {
  diagnostics: Diagnostic[];
  docx?: Uint8Array;
  model?: ReportModel;
}

/**
 * Caches only the layers many reports share (mac-dinh.yaml, tinh.yaml): a unit's own files are read
 * once anyway, and keeping them would grow the worker's memory with every report.
 */
class SharedLayerCache extends LayerCache {
  override load(file: string) {
    return SHARED_LAYERS.has(path.basename(file)) ? super.load(file) : loadYamlFile(file);
  }
}

const SHARED_LAYERS = new Set(['mac-dinh.yaml', 'tinh.yaml']);
const layers = new SharedLayerCache();
const renderers = new Map<string, Promise<FormatRenderer>>();

function docxRenderer(templatesDir: string): Promise<FormatRenderer> {
  let renderer = renderers.get(templatesDir);
  if (!renderer) {
    const epoch = startup?.sourceDateEpoch;
    renderer = openRenderer('docx', { templatesDir, ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}) });
    renderers.set(templatesDir, renderer);
  }
  return renderer;
}

const startup = workerData as WorkerData | undefined;
// A failure here is reported by the first task that needs the templates.
if (startup?.preloadDocx) docxRenderer(startup.templatesDir).catch(() => undefined);

export async function prepareAndRender(task: WorkerTask): Promise<unknown> {
  const prepared = await prepareDocument(task.source, layers);
  const result: WorkerResult = { diagnostics: prepared.diagnostics };
  if (!prepared.model) return result;
  if (task.model) result.model = prepared.model;
  if (!task.docx) return result;
  try {
    const bytes = await (await docxRenderer(task.templatesDir)).render(prepared.model);
    // Transfer only a buffer the bytes own whole (never a shared pool slab).
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    result.docx = owned;
    return move({ [transferableSymbol]: [owned.buffer], [valueSymbol]: result });
  } catch (error) {
    result.diagnostics.push(...diagnosticsOf(error, task.source.file));
    return result;
  }
}
