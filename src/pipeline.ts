/**
 * The pipeline up to the model: load → merge → validate → compute, for one document.
 * Layers shared by many documents (mac-dinh.yaml, tinh.yaml, don-vi.yaml) are read once per run.
 */
import { diagnosticAt, hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { computeReport } from './compute/compute-report.js';
import type { ReportModel } from './compute/model.js';
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

export async function prepareDocument(source: DocumentSource, cache = new LayerCache()): Promise<PreparedDocument> {
  const layers = await Promise.all(source.layers.map((file) => cache.load(file)));
  const loadDiagnostics = layers.flatMap((layer) => layer.diagnostics);
  if (hasErrors(loadDiagnostics)) return { source, diagnostics: loadDiagnostics, layers };
  loadDiagnostics.push(...(await staleFiguresInFile(source.file)));
  const merged = mergeLayers(layers);
  const { data, diagnostics } = validateDocument(merged, source.file, source.period);
  if (!data) return { source, diagnostics: [...loadDiagnostics, ...diagnostics], layers };
  try {
    const model = computeReport(data, { unitPath: source.unitPath, period: source.period });
    return { source, model, diagnostics: [...loadDiagnostics, ...diagnostics], layers };
  } catch (error) {
    return {
      source,
      diagnostics: [
        ...diagnostics,
        diagnosticAt({ file: source.file, line: 0, column: 0 }, 'internal-error', `Lỗi nội bộ khi dựng báo cáo: ${String(error)}`),
      ],
      layers,
    };
  }
}
