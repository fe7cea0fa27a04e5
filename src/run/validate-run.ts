/**
 * One validate run: find the documents, then load → merge → validate → compute each one; nothing
 * is rendered or written. Every document gets its own diagnostics; the others go on.
 */
import type { ReportModel } from '../core/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { findInputDocuments, type DocumentSource } from '../load/find-documents.js';
import { LayerCache, prepareDocument } from '../pipeline.js';

export interface ValidateRunOptions {
  /** Period files or folders, as on the command line (`data`, `data/ha-tinh/…/2024-q3.yaml`). */
  inputs: readonly string[];
}

export interface ValidatedDocument {
  source: DocumentSource;
  /** The report model, present only when the document has no error. */
  model?: ReportModel;
  diagnostics: Diagnostic[];
}

export interface ValidateRunResult {
  documents: ValidatedDocument[];
  /** Problems not tied to one document (no input found). */
  diagnostics: Diagnostic[];
}

export async function validateRun(options: ValidateRunOptions): Promise<ValidateRunResult> {
  const { documents: sources, diagnostics } = await findInputDocuments(options.inputs);
  const cache = new LayerCache();
  const prepared = await Promise.all(sources.map((source) => prepareDocument(source, cache)));
  return {
    documents: prepared.map(({ source, model, diagnostics: own }) => ({ source, ...(model ? { model } : {}), diagnostics: own })),
    diagnostics,
  };
}
