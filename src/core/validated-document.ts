/**
 * What validate hands to compute: the data that passed every rule, and every inline text of it
 * parsed once (markup, expressions evaluated against `so_lieu`), so compute never parses again.
 */
import type { ParsedInline } from '../markup/inline.js';
import type { DataPath } from './data-path.js';
import { pathKey } from './data-path.js';
import type { DocumentTypeInfo } from './document-types.js';
import type { DocumentData } from './schema.js';
import type { ResolvedTable } from './table-facts.js';

export interface ValidatedDocument {
  readonly data: DocumentData;
  /** The runs of each inline text of `data`, by the `pathKey` of its data path. */
  readonly texts: ReadonlyMap<string, readonly ParsedInline[]>;
  /** Each table (`bang`) with its figures resolved, by the `pathKey` of its data path (…, 'bang'). */
  readonly tables: ReadonlyMap<string, ResolvedTable>;
  /** The trích yếu's runs: those of `data.trich_yeu`, or of the default one for the type and period. */
  readonly summary: readonly ParsedInline[];
  /** The document's type, as declared in the templates folder (`loai`, or the file name's default). */
  readonly type: DocumentTypeInfo;
}

/** The parsed runs of the inline text at `path`; a missing one is a programming error. */
export function parsedTextAt(document: ValidatedDocument, path: DataPath): readonly ParsedInline[] {
  const runs = document.texts.get(pathKey(path));
  if (!runs) throw new Error(`no parsed text at ${pathKey(path)}`);
  return runs;
}

/** The resolved table at `path` (…, 'bang'); a missing one is a programming error. */
export function resolvedTableAt(document: ValidatedDocument, path: DataPath): ResolvedTable {
  const table = document.tables.get(pathKey(path));
  if (!table) throw new Error(`no resolved table at ${pathKey(path)}`);
  return table;
}
