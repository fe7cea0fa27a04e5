/**
 * The issuing stage's reads: a kế hoạch with a sibling decision (`2024-ke-hoach.quyet-dinh.yaml`)
 * gets its "Ban hành kèm theo" line from that decision; the pure step is ./issuing-decision.ts.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentTypes } from '../core/document-types.js';
import { documentTypeOf, parseDocumentName } from '../core/period.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentSource } from '../load/find-documents.js';
import type { LoadedLayer } from '../load/load-yaml.js';
import { issuingDecisionFile, withIssuingDecision } from './issuing-decision.js';
import type { MergedData } from '../merge/merge-layers.js';

const isFile = (file: string): Promise<boolean> => stat(file).then((info) => info.isFile(), () => false);

/** The run's layer reader: its folder (`cwd`, that paths are read against) and its cache. */
export interface LayerReader {
  readonly cwd: string;
  load(file: string): Promise<LoadedLayer>;
}

/** The merged data with what the document's issuing decision gives it, read through the run's layer cache. */
export async function gatherIssuingDecision(
  merged: MergedData,
  source: DocumentSource,
  types: DocumentTypes,
  layers: LayerReader,
): Promise<{ merged: MergedData; diagnostics: Diagnostic[] }> {
  const file = issuingDecisionFile(source.file, source.name, documentTypeOf(merged.value.loai, source.name, types));
  if (!file || !(await isFile(path.resolve(layers.cwd, file)))) return { merged, diagnostics: [] };
  const decision = await layers.load(file);
  const decisionType = documentTypeOf(decision.value.loai, parseDocumentName(path.basename(file, '.yaml')), types);
  return withIssuingDecision(merged, decision, decisionType, source.file);
}
