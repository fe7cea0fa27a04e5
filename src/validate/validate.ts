/**
 * Stage 3, validate: the merged data against the schema, then the consistency rules.
 * Returns every problem at once; `data` only when there is no error.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../load/data-path.js';
import { pathKey } from '../load/data-path.js';
import { placeOf, type MergedData } from '../merge/merge-layers.js';
import { fieldDiagnostics, periodDiagnostics, sectionDiagnostics } from './document-rules.js';
import { documentData, statistics, type DocumentData } from './schema.js';
import { schemaDiagnostics } from './schema-issues.js';
import { statisticsDiagnostics } from './statistics-rules.js';
import { textDiagnostics } from './text-rules.js';

export interface ValidationResult {
  data?: DocumentData;
  diagnostics: Diagnostic[];
}

export function validateDocument(merged: MergedData, documentFile: string, period: string): ValidationResult {
  const at = (path: DataPath, which: 'key' | 'value' = 'value') => placeOf(merged, path, documentFile, which);
  const diagnostics: Diagnostic[] = [...periodDiagnostics(period, documentFile), ...fieldDiagnostics(merged.value, period, at)];
  const parsed = documentData.safeParse(merged.value);
  if (!parsed.success) {
    diagnostics.push(...schemaDiagnostics(parsed.error.issues, merged, documentFile));
    // Statistics stand on their own: check them too when their block is well-formed.
    const figures = statistics.safeParse(merged.value.so_lieu);
    if (figures.success) diagnostics.push(...statisticsDiagnostics(figures.data, at));
    return { diagnostics };
  }
  const data = parsed.data;
  const atText = (path: DataPath, offset: number) => {
    const textAt = merged.places.get(pathKey(path))?.textAt;
    return textAt ? textAt(offset) : at(path);
  };
  diagnostics.push(
    ...sectionDiagnostics(data, period, at),
    ...statisticsDiagnostics(data.so_lieu, at),
    ...textDiagnostics(data, atText),
  );
  return hasErrors(diagnostics) ? { diagnostics } : { data, diagnostics };
}
