/**
 * The one door from the diff to the rest of baocao: the pipeline up to the model (load → merge →
 * validate → compute), the figures of `so_lieu`, the Word renderer and the names of the Word
 * styles. When the model and the run engine move (issue 8), this file is the one edit.
 */
import { collectFigures } from '../../markup/expressions.js';
import { computeReport } from '../../compute/compute-report.js';
import type { Block, ReportModel } from '../../core/model.js';
import { isFootnoteRef } from '../../core/model.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { findDocuments, isLayerFile } from '../../load/find-documents.js';
import { mergeLayers } from '../../merge/merge-layers.js';
import { DEFAULT_TEMPLATES_DIR } from '../../paths.js';
import { LayerCache, prepareDocument } from '../../pipeline.js';
import type { DocxTemplates } from '../../render/docx/render-docx.js';
import { openTemplates, type Templates } from '../../render/open-templates.js';
import { validateDocument } from '../../validate/validate.js';

export type { Block, ReportModel, DocxTemplates };
export { isFootnoteRef, DEFAULT_TEMPLATES_DIR, isLayerFile };

/**
 * The Word package writer (src/render/docx/package.ts, which brings PizZip and pako), loaded when a
 * redline is written: reading and comparing never write a package (a diff of two YAML files
 * started ~350 kB of modules it did not run).
 */
export async function packageWriter(): Promise<typeof import('../../render/docx/package.js').writePackage> {
  return (await import('../../render/docx/package.js')).writePackage;
}

/** The layer files a period file merges, most general first, ending with the file itself (read against `cwd`, named as given). */
export async function layersOf(file: string, cwd = '.'): Promise<string[]> {
  const found = await findDocuments([file], { cwd });
  return found.documents[0]?.layers ?? [file];
}

/** A period file run through the pipeline in memory. */
export interface PreparedYaml {
  model?: ReportModel;
  diagnostics: Diagnostic[];
  /** The figures of `so_lieu`, flattened: `ho_so.tiep_nhan` → 537. */
  figures: Map<string, number>;
  /** The same document computed with other values for some figures (for the figures table). */
  withFigures(values: ReadonlyMap<string, number>): ReportModel | undefined;
}

export async function prepareYaml(file: string, cache: PipelineCache = newLayerCache()): Promise<PreparedYaml> {
  const found = await findDocuments([file], { cwd: cache.layers.cwd });
  const source = found.documents[0];
  if (!source) return { diagnostics: found.diagnostics, figures: new Map(), withFigures: () => undefined };
  const prepared = await prepareDocument(source, cache.templates, cache.layers);
  if (!prepared.model) return { diagnostics: prepared.diagnostics, figures: new Map(), withFigures: () => undefined };
  // The figures from the merged layers; the validated data again (prepareDocument keeps only the
  // model) only when another variant of the document is asked for.
  const merged = prepared.merged ?? mergeLayers(prepared.layers);
  const figures = collectFigures((merged.value as { so_lieu?: unknown }).so_lieu);
  return {
    model: prepared.model,
    diagnostics: prepared.diagnostics,
    figures,
    withFigures(values) {
      // The parsed text carries evaluated figures: validate the variant again, then compute it.
      const variant = { ...merged, value: setFigures(merged.value, values) };
      const { document } = validateDocument(variant, source, cache.templates.types);
      if (!document) return undefined;
      try {
        return computeReport(document, source);
      } catch {
        return undefined;
      }
    },
  };
}

function setFigures(data: Record<string, unknown>, values: ReadonlyMap<string, number>): Record<string, unknown> {
  const statistics = structuredClone(data.so_lieu ?? {}) as Record<string, unknown>;
  for (const [key, value] of values) {
    const parts = key.split('.');
    let node: Record<string, unknown> = statistics;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (!next || typeof next !== 'object') break;
      node = next as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return { ...data, so_lieu: statistics };
}

/**
 * What the YAML sides of one diff share: the layers read (against the run's folder, `layers.cwd`:
 * every path of the diff is read against it), and the templates folder opened once (`--templates`).
 */
export interface PipelineCache {
  layers: LayerCache;
  templates: Templates;
}

export function newLayerCache(templates: Templates = openTemplates(DEFAULT_TEMPLATES_DIR), cwd = '.'): PipelineCache {
  return { layers: new LayerCache(cwd), templates };
}

/** The opened templates folder (`--templates`, else the package's own). */
export function openTemplatesFolder(dir: string = DEFAULT_TEMPLATES_DIR, cwd = '.'): Templates {
  return openTemplates(dir, { cwd });
}

/** The Word templates of an opened templates folder (its `word/` subfolder, as `render` uses it). */
export async function openDocxTemplates(templates: Templates): Promise<DocxTemplates> {
  templates.checkedTypes();
  return templates.docx();
}

/** The model as our Word renderer writes it, stamped with `sourceDateEpoch` (or the issue date). */
export async function modelToDocx(model: ReportModel, templates: DocxTemplates, sourceDateEpoch: number | undefined): Promise<Uint8Array> {
  const { renderDocx } = await import('../../render/docx/render-docx.js');
  return renderDocx(model, templates, sourceDateEpoch === undefined ? {} : { sourceDateEpoch });
}
