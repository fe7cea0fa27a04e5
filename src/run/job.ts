/**
 * One document's record as it goes through the stages (src/run/stages.ts): what each stage
 * produced, and every problem found so far. A stage fills its field or adds diagnostics; the
 * next stage runs only when what it needs is there.
 */
import type { ReportModel } from '../core/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentSource } from '../load/find-documents.js';
import type { LoadedLayer } from '../load/load-yaml.js';
import type { MergedData } from '../merge/merge-layers.js';
import type { OutputFormat } from '../render/registry.js';
import type { PlannedOutput } from './output-plan.js';
import type { ValidatedDocument } from '../core/validated-document.js';

export interface RenderedOutput {
  format: OutputFormat;
  bytes: Uint8Array;
}

export interface WrittenOutput extends RenderedOutput {
  /** Where it was written. */
  target: string;
  /** The same, relative to the output folder with `/`. */
  file: string;
}

export interface Job {
  /** The document as found: its files, unit, name and period read once (src/load/find-documents.ts). */
  source: DocumentSource;
  /** Where each format of it goes, planned once for the run (src/run/output-plan.ts); the write stage writes these. */
  outputs: readonly PlannedOutput[];
  /** load: the layers as read, most general first (also what incremental runs hash). */
  layers: LoadedLayer[];
  /** merge */
  merged?: MergedData;
  /** validate: the data and its texts, parsed once; present only when the data has no error. */
  document?: ValidatedDocument;
  /** compute: present only when the document has no error. */
  model?: ReportModel;
  /** render: the bytes of each format that rendered. */
  rendered: RenderedOutput[];
  /** write: the files written. */
  written: WrittenOutput[];
  diagnostics: Diagnostic[];
}

export function newJob(source: DocumentSource, outputs: readonly PlannedOutput[] = []): Job {
  return { source, outputs, layers: [], rendered: [], written: [], diagnostics: [] };
}
