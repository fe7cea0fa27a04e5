/**
 * Stage 3, validate: the merged data against the schema, then the consistency rules.
 * Returns every problem at once; `document` (the data and its texts, parsed once) only when
 * there is no error.
 */
import type { DocumentSource } from '../load/find-documents.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../core/data-path.js';
import { pathKey } from '../core/data-path.js';
import { placeOf, type MergedData } from '../merge/merge-layers.js';
import { fieldDiagnostics, periodDiagnostics, sectionDiagnostics } from './document-rules.js';
import { documentData, statistics } from '../core/schema.js';
import type { ValidatedDocument } from '../core/validated-document.js';
import { schemaDiagnostics } from './schema-issues.js';
import { unsafeNumberDiagnostics } from './number-rules.js';
import { statisticsDiagnostics } from './statistics-rules.js';
import { tableDiagnostics } from './table-rules.js';
import { resolveTables } from './table-figures.js';
import { withRowGroupPlaces } from './row-group-places.js';
import { collectFigures } from '../markup/expressions.js';
import { appendixDiagnostics } from './appendix-rules.js';
import { parseTexts, summaryRuns, unvalidatedTextDiagnostics } from './text-rules.js';
import type { DocumentTypes } from '../core/document-types.js';
import { dateDiagnostics, groundsDiagnostics, issuedWithDiagnostics, resolveDocumentType } from './type-rules.js';

export interface ValidationResult {
  document?: ValidatedDocument;
  diagnostics: Diagnostic[];
}

/** What validate reads of the document as found. */
export type DocumentIdentity = Pick<DocumentSource, 'file' | 'period' | 'name'>;

/**
 * @param source The document as found: its file, its name (`2024-q3`, `2024-q3.to-trinh`) and that
 *   name read once at discovery (src/load/find-documents.ts).
 * @param types The document types the templates folder declares (src/load/load-document-types.ts).
 */
export function validateDocument(given: MergedData, source: DocumentIdentity, types: DocumentTypes): ValidationResult {
  const merged = withRowGroupPlaces(given);
  const documentFile = source.file;
  const at = (path: DataPath, which: 'key' | 'value' = 'value') => placeOf(merged, path, documentFile, which);
  const diagnostics: Diagnostic[] = [...periodDiagnostics(source), ...fieldDiagnostics(merged.value, source, at), ...unsafeNumberDiagnostics(merged.value, at)];
  const resolved = resolveDocumentType(merged.value, source, types, at);
  diagnostics.push(...resolved.diagnostics);
  if (resolved.type) {
    diagnostics.push(
      ...issuedWithDiagnostics(merged.value, resolved.type, at),
      ...groundsDiagnostics(merged.value, resolved.type, at, documentFile),
      ...dateDiagnostics(merged.value, resolved.type, at),
    );
  }
  const atText = (path: DataPath, offset: number) => {
    const textAt = merged.places.get(pathKey(path))?.textAt;
    return textAt ? textAt(offset) : at(path);
  };
  const parsed = documentData.safeParse(merged.value);
  if (!parsed.success) {
    diagnostics.push(...schemaDiagnostics(parsed.error.issues, merged, documentFile));
    // Statistics stand on their own: check them too when their block is well-formed.
    const figures = statistics.safeParse(merged.value.so_lieu);
    if (figures.success) diagnostics.push(...statisticsDiagnostics(figures.data, at));
    // So do the texts the schema did not refuse: their markup and expressions, in the same run.
    const refused = new Set(parsed.error.issues.map((issue) => pathKey(issue.path as DataPath)));
    // A table's named totals are figures only a well-formed document has: with one, figure names are not checked yet.
    // The figures as the schema reads them (a group's list form as its map form).
    const known = figures.success ? collectFigures(figures.data) : undefined;
    diagnostics.push(...unvalidatedTextDiagnostics(merged.value, atText, refused, figures.success && !namesTableFigures(merged.value), known));
    return { diagnostics };
  }
  const data = parsed.data;
  const tables = resolveTables(data, collectFigures(data.so_lieu), at, atText);
  const { diagnostics: textProblems, texts } = parseTexts(data, atText, tables.figures, tables.ratios);
  diagnostics.push(...sectionDiagnostics(data, at), ...statisticsDiagnostics(data.so_lieu, at), ...tableDiagnostics(data, at), ...tables.diagnostics, ...appendixDiagnostics(data, at), ...textProblems);
  if (hasErrors(diagnostics) || !resolved.type) return { diagnostics };
  const summary = summaryRuns(data, source.name!.period, resolved.type, texts);
  return { document: { data, texts, tables: tables.tables, summary, type: resolved.type }, diagnostics };
}

/** Whether a table names its totals (`ten_so_lieu`), so the text may cite figures that only the resolved table gives. */
function namesTableFigures(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(namesTableFigures);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => key === 'ten_so_lieu' || (key !== 'so_lieu' && namesTableFigures(inner)));
}
