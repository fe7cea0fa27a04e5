/**
 * Periods are named by the data file: 2024-q3, 2024-6t, 2024-9t, 2024-nam, 2024-ke-hoach.
 * A unit may have several documents for one period: `2024-q3.yaml` and `2024-q3.to-trinh.yaml`
 * (`<ky>.<ten>.yaml`, docs/huong-dan-soan-thao.md "Nhiều văn bản trong một kỳ"); the part after the dot names the
 * document, its outputs (`2024-q3.to-trinh.docx`) and, when it is a type's name, its default type.
 */
import type { DocumentType, DocumentTypeInfo, DocumentTypes } from './document-types.js';
import { PERIOD_CODE_SOURCE, type PeriodKind } from './period-kinds.js';
import { toRoman } from '../markup/format-vi.js';

export type { PeriodKind } from './period-kinds.js';

export interface Period {
  id: string;
  year: number;
  kind: PeriodKind;
  /** 1–4 for a quarter. */
  quarter?: number;
}

export const PERIOD_PATTERN = new RegExp(`^(\\d{4})-(${PERIOD_CODE_SOURCE})$`);

/** A document's file stem: a period, then optionally `.` and a name of lower-case words joined by `-`. */
const DOCUMENT_NAME = new RegExp(`^(\\d{4}-(?:${PERIOD_CODE_SOURCE}))(?:\\.([a-z0-9]+(?:-[a-z0-9]+)*))?$`);

export interface DocumentName {
  period: Period;
  /** `to-trinh` in `2024-q3.to-trinh`; undefined for the period's own file. */
  variant?: string;
}

/** `2024-q3` → its period; `2024-q3.to-trinh` → the same period and the variant `to-trinh`. */
export function parseDocumentName(stem: string): DocumentName | undefined {
  const match = DOCUMENT_NAME.exec(stem);
  if (!match) return undefined;
  const period = parsePeriod(match[1]!);
  if (!period) return undefined;
  return match[2] ? { period, variant: match[2] } : { period };
}

/** The period part of a document's file stem (`2024-q3.to-trinh` → `2024-q3`), or undefined. */
export function periodOfDocument(stem: string): string | undefined {
  return parseDocumentName(stem)?.period.id;
}

export function parsePeriod(id: string): Period | undefined {
  const match = PERIOD_PATTERN.exec(id);
  if (!match) return undefined;
  const year = Number(match[1]);
  const code = match[2]!;
  if (code.startsWith('q')) return { id, year, kind: 'quy', quarter: Number(code.slice(1)) };
  return { id, year, kind: code as PeriodKind };
}

/** The last day of a period, YYYY-MM-DD: a document's date for file metadata when it has no `ngay`. */
export function periodEndDate(period: Period): string {
  const month = period.kind === 'quy' ? (period.quarter ?? 4) * 3 : period.kind === '6t' ? 6 : period.kind === '9t' ? 9 : 12;
  const day = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return `${period.year}-${String(month).padStart(2, '0')}-${day}`;
}

/** "quý III năm 2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "năm 2024". */
export function periodPhrase(period: Period): string {
  switch (period.kind) {
    case 'quy':
      return `quý ${toRoman(period.quarter ?? 1)} năm ${period.year}`;
    case '6t':
      return `6 tháng đầu năm ${period.year}`;
    case '9t':
      return `9 tháng năm ${period.year}`;
    case 'nam':
    case 'ke-hoach':
      return `năm ${period.year}`;
  }
}

/**
 * The type a document is when its data names none: the type named by the file's variant
 * (`2024-q3.to-trinh.yaml` → `to_trinh`), else the type declared as the default for the period's
 * kind (`mac_dinh_cho_ky`); undefined when neither exists.
 */
export function defaultDocumentType(name: DocumentName, types: DocumentTypes): DocumentType | undefined {
  const fromVariant = name.variant?.replaceAll('-', '_');
  if (fromVariant && types.byName.has(fromVariant)) return fromVariant;
  for (const type of types.byName.values()) if (type.defaultFor.includes(name.period.kind)) return type.name;
  return undefined;
}

/**
 * The type of a document: its `loai` when it gives one, else the default of its file name
 * (`defaultDocumentType`); undefined for an unknown `loai`, a `loai` that is not text, or a name
 * with no default. Validate reports why (validate/type-rules.ts); the other stages only look it up.
 */
export function documentTypeOf(loai: unknown, name: DocumentName | undefined, types: DocumentTypes): DocumentTypeInfo | undefined {
  if (typeof loai === 'string') return types.byName.get(loai);
  if (loai !== undefined) return undefined;
  const fallback = name ? defaultDocumentType(name, types) : undefined;
  return fallback ? types.byName.get(fallback) : undefined;
}
