/**
 * A plan issued by a decision (docs/huong-dan-soan-thao.md "Quyết định ban hành kế hoạch"): when the plan's type names
 * the type that issues it (`ban_hanh_kem_theo: quyet_dinh` in templates/loai/ke_hoach.yaml) and the
 * sibling `<ky>.quyet-dinh.yaml` exists beside `<ky>.yaml`, the plan's "(Ban hành kèm theo Quyết
 * định số …)" comes from the decision's `so` and `ngay`: one source of truth. A plan that also
 * types `ban_hanh_kem_theo` must agree with it (`issuing-decision` at the plan's line otherwise).
 * Gathered after merge and before validate, so compute stays pure and reads only the data.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathKey } from '../core/data-path.js';
import { typeFileName, type DocumentTypeInfo, type DocumentTypes } from '../core/document-types.js';
import type { DocumentName } from '../core/period.js';
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { formatShortDate, parseIsoDate } from '../markup/format-vi.js';
import type { LoadedLayer } from '../load/load-yaml.js';
import type { MergedData } from '../merge/merge-layers.js';

/** The decision file that would issue a document of this type: `<ky>.quyet-dinh.yaml`, or undefined. */
export function issuingDecisionFile(documentFile: string, name: DocumentName | undefined, type: DocumentTypeInfo | undefined): string | undefined {
  if (!type?.issuedBy || !name || name.variant !== undefined) return undefined;
  return path.join(path.dirname(documentFile), `${name.period.id}.${typeFileName(type.issuedBy)}.yaml`);
}

/**
 * Every existing file that may issue a document (for the batch inputs hash): the sibling of each
 * type some declaration names as issuer. A superset of what validate reads, never less.
 * Paths as `documentFile` is written; they are looked for against `cwd`, the run's folder.
 */
export function possibleIssuingFiles(documentFile: string, name: DocumentName | undefined, types: DocumentTypes, cwd: string): string[] {
  const files = new Set<string>();
  for (const type of types.byName.values()) {
    const file = issuingDecisionFile(documentFile, name, type);
    if (file && existsSync(path.resolve(cwd, file))) files.add(file);
  }
  return [...files].sort();
}

const placeIn = (layer: LoadedLayer, key: string): SourcePosition => layer.places.get(key)?.value ?? { file: layer.file, line: 1, column: 1 };

/** The merged plan with `ban_hanh_kem_theo` from the decision, or the problems that stop it. */
export function withIssuingDecision(
  merged: MergedData,
  decision: LoadedLayer,
  decisionType: DocumentTypeInfo | undefined,
  documentFile: string,
): { merged: MergedData; diagnostics: Diagnostic[] } {
  const problem = (at: SourcePosition, message: string): { merged: MergedData; diagnostics: Diagnostic[] } => ({
    merged,
    diagnostics: [diagnosticAt(at, 'issuing-decision', message)],
  });
  const decisionName = path.basename(decision.file);
  if (decision.diagnostics.some((d) => d.severity === 'error')) return { merged, diagnostics: [] }; // the decision's own run says why
  if (!decisionType?.abbreviation) {
    return problem({ file: decision.file, line: 0, column: 0 }, `Không có loại văn bản cho quyết định "${decisionName}" (hoặc loại đó không có viet_tat): không lập được dòng "Ban hành kèm theo".`);
  }
  const { so, ngay } = decision.value;
  if (so === undefined || so === null || so === '' || !/^\d+$/.test(String(so))) {
    return problem(
      so === undefined ? { file: decision.file, line: 1, column: 1 } : placeIn(decision, 'so'),
      `Quyết định "${decisionName}" chưa có số (so): kế hoạch ban hành kèm theo nó cần số và ngày của quyết định để in dòng "(Ban hành kèm theo Quyết định số …)".`,
    );
  }
  const date = typeof ngay === 'string' ? parseIsoDate(ngay) : undefined;
  if (!date) return { merged, diagnostics: [] }; // invalid-date, or missing-field, in the decision's own run
  const agency = (merged.value.co_quan as Record<string, unknown> | undefined)?.viet_tat;
  const number = `${String(so).padStart(2, '0')}/${decisionType.abbreviation}-${typeof agency === 'string' ? agency : ''}`;
  const typed = merged.value.ban_hanh_kem_theo as Record<string, unknown> | undefined;
  if (typed !== undefined) {
    const sameNumber = typed.so === number;
    const sameDate = typed.ngay === ngay;
    if (!sameNumber || !sameDate) {
      const key = sameNumber ? 'ngay' : 'so';
      const at = merged.places.get(pathKey(['ban_hanh_kem_theo', key]))?.value ?? merged.places.get('ban_hanh_kem_theo')?.value ?? { file: documentFile, line: 1, column: 1 };
      const theirs = `${number} ngày ${formatShortDate(date)}`;
      const decisionAt = placeIn(decision, key);
      return problem(
        at,
        `ban_hanh_kem_theo gõ tay (${String(typed.so)} ngày ${String(typed.ngay)}) không khớp với quyết định ban hành kế hoạch ${decisionName}:${decisionAt.line}:${decisionAt.column} (${theirs}): hãy bỏ ban_hanh_kem_theo khỏi kế hoạch, dòng này lấy từ quyết định.`,
      );
    }
  }
  const places = new Map(merged.places);
  places.set('ban_hanh_kem_theo', { value: placeIn(decision, 'so') });
  places.set(pathKey(['ban_hanh_kem_theo', 'so']), { value: placeIn(decision, 'so') });
  places.set(pathKey(['ban_hanh_kem_theo', 'ngay']), { value: placeIn(decision, 'ngay') });
  const value = { ...merged.value, ban_hanh_kem_theo: { ...(typed?.loai !== undefined ? { loai: typed.loai } : {}), so: number, ngay } };
  return { merged: { value, places, files: [...merged.files, decision.file] }, diagnostics: [] };
}
