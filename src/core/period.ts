/**
 * Periods are named by the data file: 2024-q3, 2024-6t, 2024-9t, 2024-nam, 2024-ke-hoach.
 */
import type { DocumentType } from './document-types.js';
import { toRoman } from '../markup/format-vi.js';

export type PeriodKind = 'quy' | '6t' | '9t' | 'nam' | 'ke-hoach';

export interface Period {
  id: string;
  year: number;
  kind: PeriodKind;
  /** 1–4 for a quarter. */
  quarter?: number;
}

export const PERIOD_PATTERN = /^(\d{4})-(q[1-4]|6t|9t|nam|ke-hoach)$/;

export function parsePeriod(id: string): Period | undefined {
  const match = PERIOD_PATTERN.exec(id);
  if (!match) return undefined;
  const year = Number(match[1]);
  const code = match[2]!;
  if (code.startsWith('q')) return { id, year, kind: 'quy', quarter: Number(code.slice(1)) };
  return { id, year, kind: code as PeriodKind };
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

export function defaultDocumentType(period: Period): DocumentType {
  return period.kind === 'ke-hoach' ? 'ke_hoach' : 'bao_cao';
}

/** The default trích yếu when the data gives none. */
export function defaultSummary(type: DocumentType, period: Period, unitName: string): string {
  return type === 'ke_hoach'
    ? `Cải cách hành chính ${unitName} ${periodPhrase(period)}`
    : `Kết quả thực hiện công tác cải cách hành chính ${periodPhrase(period)}`;
}
