/**
 * One plan for every command that writes: the documents, the file each format of each document
 * goes to (`<out>/<tinh>/<don-vi>/<ky>.<extension>`, `<ky>.<ten>.<extension>` for another document of the period), and the conflicts between them, found for
 * the whole plan before anything is rendered (as Eleventy's TemplateMap). `render` plans the
 * documents it was given, `batch` every unit of a period (then cuts its shard).
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentSource } from '../load/find-documents.js';
import { writerOf, type OutputFormat } from '../render/registry.js';
import { outputConflicts } from './output-conflicts.js';

export interface PlannedOutput {
  format: OutputFormat;
  /** Where the file is written (`<out>/<tinh>/<don-vi>/<ky>.<ext>`). */
  target: string;
  /** The same, relative to `<out>` with `/`: how the manifest names it on every machine. */
  file: string;
}

export interface PlannedDocument {
  /**
   * The manifest key: the unit's folder relative to the data root, `ha-tinh/phuong-thach-quy`, for
   * the period's own file; `ha-tinh/phuong-thach-quy#to-trinh` for its sibling `2024-q3.to-trinh.yaml`.
   */
  key: string;
  source: DocumentSource;
  outputs: PlannedOutput[];
}

/** Unique per period: the unit for `<ky>.yaml`, the unit and the name after the dot for `<ky>.<ten>.yaml`. */
export function documentKey(source: DocumentSource): string {
  const variant = source.name?.variant;
  return variant ? `${source.unitPath}#${variant}` : source.unitPath;
}

export function outputPath(outDir: string, source: DocumentSource, format: OutputFormat): string {
  return path.join(outDir, ...source.unitPath.split('/'), `${source.period}.${writerOf(format).extension}`);
}

export function planOutputs(
  sources: readonly DocumentSource[],
  formats: readonly OutputFormat[],
  outDir: string,
): { documents: PlannedDocument[]; diagnostics: Diagnostic[] } {
  const documents = sources.map((source) => ({
    key: documentKey(source),
    source,
    outputs: formats.map((format) => {
      const target = outputPath(outDir, source, format);
      return { format, target, file: path.relative(outDir, target).split(path.sep).join('/') };
    }),
  }));
  const diagnostics = outputConflicts(documents.flatMap((d) => d.outputs.map((o) => ({ source: d.source.file, target: o.target, file: o.file }))));
  return { documents, diagnostics };
}
