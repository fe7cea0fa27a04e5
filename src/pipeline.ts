/**
 * The pipeline up to the model for one document: the stages load → merge → validate → compute of
 * the run engine (src/run/stages.ts). Never throws: an exception in any stage is an
 * internal-error diagnostic on that document, so validate, render and batch go on with the others.
 */
import type { ReportModel } from './core/model.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { DocumentSource } from './load/find-documents.js';
import type { LoadedLayer } from './load/load-yaml.js';
import type { MergedData } from './merge/merge-layers.js';
import type { Templates } from './render/open-templates.js';
import { newJob } from './run/job.js';
import { LayerCache } from './run/layer-cache.js';
import { runStages } from './run/stages.js';

export { LayerCache };

export interface PreparedDocument {
  source: DocumentSource;
  /** Present only when the document has no error. */
  model?: ReportModel;
  diagnostics: Diagnostic[];
  /** The layers as read, most general first (for input hashes). */
  layers: LoadedLayer[];
  /** The data validated: the merged layers, with what an issuing decision gives a plan. */
  merged?: MergedData;
}

/** One document through load → … → compute, checked against the types of `templates` (the run's `--templates`, opened once). */
export async function prepareDocument(source: DocumentSource, templates: Templates, cache = new LayerCache()): Promise<PreparedDocument> {
  const { model, diagnostics, layers, merged } = await runStages(newJob(source), { templates, layers: cache }, 'load', 'compute');
  return { source, ...(model ? { model } : {}), diagnostics, layers, ...(merged ? { merged } : {}) };
}
