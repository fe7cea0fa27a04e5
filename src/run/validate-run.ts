/**
 * One validate run: find the documents, then the stages load → merge → validate → compute over
 * each one (src/run/stages.ts); nothing is rendered or written. Every document gets its own
 * diagnostics; the others go on.
 */
import type { ReportModel } from '../core/model.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { strictDiagnostics } from '../validate/strict.js';
import { findInputDocuments, type DocumentSource } from '../load/find-documents.js';
import { newJob } from './job.js';
import { mapLimited } from './map-limited.js';
import { LayerCache } from './layer-cache.js';
import { runStages } from './stages.js';
import { openTemplates, type Templates } from '../render/open-templates.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';

export interface ValidateRunOptions {
  /** The folder `inputs` and `templatesDir` are read against (the CLI's `cwd`); the process's by default. */
  cwd?: string;
  /** Period files or folders, as on the command line (`data`, `data/ha-tinh/…/2024-q3.yaml`). */
  inputs: readonly string[];
  /** The templates folder whose `loai/` declares the document types; the package's own by default. */
  templatesDir?: string;
  /** The same folder already opened (a caller running several commands on one folder); wins over `templatesDir`. */
  templates?: Templates;
  /** `--nghiem`: stale figures and the other must-look warnings are errors of their document (src/validate/strict.ts). */
  strict?: boolean;
}

/** One document of a validate run: where it was found, its model when it has no error, its problems. */
export interface CheckedDocument {
  source: DocumentSource;
  /** The report model, present only when the document has no error. */
  model?: ReportModel;
  diagnostics: Diagnostic[];
}

export interface ValidateRunResult {
  documents: CheckedDocument[];
  /** Problems not tied to one document (no input found). */
  diagnostics: Diagnostic[];
}

export async function validateRun(options: ValidateRunOptions): Promise<ValidateRunResult> {
  const cwd = options.cwd ?? '.';
  const { documents: sources, diagnostics } = await findInputDocuments(options.inputs, { cwd });
  const templates = options.templates ?? openTemplates(options.templatesDir ?? DEFAULT_TEMPLATES_DIR, { cwd });
  // A broken declaration concerns every document: said once, for the run.
  diagnostics.push(...templates.diagnostics);
  const layers = new LayerCache(cwd);
  const jobs = await mapLimited(sources, 64, (source) => runStages(newJob(source), { layers, templates }, 'load', 'compute'));
  return {
    documents: jobs.map(({ source, model, diagnostics }) => {
      const own = options.strict ? strictDiagnostics(diagnostics) : diagnostics;
      return { source, ...(model && !hasErrors(own) ? { model } : {}), diagnostics: own };
    }),
    diagnostics,
  };
}
