/**
 * The pipeline up to the model: load → merge → validate → compute, for one document.
 * Layers shared by many documents (mac-dinh.yaml, tinh.yaml, don-vi.yaml) are read once per run.
 */
import { diagnosticAt, hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { computeReport } from './compute/compute-report.js';
import type { ReportModel } from './core/model.js';
import type { DocumentSource } from './load/find-documents.js';
import { loadYamlFile, type LoadedLayer } from './load/load-yaml.js';
import { mergeLayers } from './merge/merge-layers.js';
import { staleFiguresInFile } from './validate/stale-figures.js';
import { validateDocument } from './validate/validate.js';

export interface PreparedDocument {
  source: DocumentSource;
  /** Present only when the document has no error. */
  model?: ReportModel;
  diagnostics: Diagnostic[];
  /** The layers as read, most general first (for input hashes). */
  layers: LoadedLayer[];
}

export class LayerCache {
  private readonly layers = new Map<string, Promise<LoadedLayer>>();

  load(file: string): Promise<LoadedLayer> {
    let pending = this.layers.get(file);
    if (!pending) {
      pending = loadYamlFile(file);
      this.layers.set(file, pending);
    }
    return pending;
  }
}

/**
 * Prepares one document and never throws: an unexpected exception in any stage (load, merge,
 * validate, compute) becomes an internal-error diagnostic on that document, so validate, render
 * and batch go on with the others.
 */
export async function prepareDocument(source: DocumentSource, cache = new LayerCache()): Promise<PreparedDocument> {
  // Refused at discovery (a layer that is a symlink out of the data tree …): never read.
  if (source.refused) return { source, diagnostics: source.refused, layers: [] };
  const layers: LoadedLayer[] = [];
  try {
    return await prepareStages(source, cache, layers);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      source,
      diagnostics: [
        diagnosticAt(
          { file: source.file, line: 0, column: 0 },
          'internal-error',
          `Lỗi nội bộ khi xử lý văn bản này: ${message}. Các văn bản khác vẫn được xử lý; xin báo lại cho nhóm phát triển.`,
        ),
      ],
      layers,
    };
  }
}

async function prepareStages(source: DocumentSource, cache: LayerCache, layers: LoadedLayer[]): Promise<PreparedDocument> {
  layers.push(...(await Promise.all(source.layers.map((file) => cache.load(file)))));
  const loadDiagnostics = layers.flatMap((layer) => layer.diagnostics);
  if (hasErrors(loadDiagnostics)) return { source, diagnostics: loadDiagnostics, layers };
  loadDiagnostics.push(...(await staleFiguresInFile(source.file)));
  const merged = mergeLayers(layers);
  const { document, diagnostics } = validateDocument(merged, source.file, source.period);
  const all = [...loadDiagnostics, ...diagnostics];
  if (!document) return { source, diagnostics: all, layers };
  const model = computeReport(document, { unitPath: source.unitPath, period: source.period });
  return { source, model, diagnostics: all, layers };
}
