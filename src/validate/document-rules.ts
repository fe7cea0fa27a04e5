/**
 * Rules on the document as a whole: its period, dates, number and sections.
 */
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import type { DataPath } from '../core/data-path.js';
import { MAX_SECTION_DEPTH } from '../load/nesting.js';
import { parseIsoDate } from '../markup/format-vi.js';
import type { DocumentName } from '../core/period.js';
import { PERIOD_FORMS } from '../core/period-kinds.js';
import { suggestedPeriodName } from '../load/find-documents.js';
import type { DocumentData, SectionData } from '../core/schema.js';

export type PlaceFinder = (path: DataPath, which?: 'key' | 'value') => SourcePosition;

/** The document's file, its name and that name as read at discovery (undefined: no period's). */
interface NamedDocument {
  file: string;
  period: string;
  name: DocumentName | undefined;
}

export function periodDiagnostics({ file: documentFile, period, name }: NamedDocument): Diagnostic[] {
  if (name) return [];
  const guess = suggestedPeriodName(period);
  return [
    diagnosticAt(
      { file: documentFile, line: 0, column: 0 },
      'unknown-period',
      `Không nhận ra kỳ "${period}" từ tên tệp.${guess ? ` Có phải ý bạn là "${guess}.yaml"?` : ''} Đặt tên tệp theo kỳ: 2024-q1 … 2024-q4 (quý), 2024-6t (6 tháng), 2024-9t (9 tháng), 2024-nam (năm), 2024-ke-hoach (kế hoạch năm); văn bản khác cùng kỳ: 2024-q3.to-trinh (kỳ, dấu chấm, tên viết thường nối bằng -).`,
      { expected: PERIOD_FORMS, actual: period },
    ),
  ];
}

/**
 * Dates and the number, checked on the raw merged value so they are reported even when the
 * schema finds other problems in the same document.
 */
export function fieldDiagnostics(raw: Record<string, unknown>, { period, name }: NamedDocument, at: PlaceFinder): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const checkDate = (value: unknown, path: DataPath) => {
    if (typeof value !== 'string' || parseIsoDate(value)) return;
    const shape = /^\d{4}-\d{2}-\d{2}$/.test(value);
    diagnostics.push(
      diagnosticAt(
        at(path),
        'invalid-date',
        shape
          ? `Ngày "${value}" không có thật trên lịch.`
          : `Ngày "${value}" phải viết dạng năm-tháng-ngày, ví dụ "2024-09-16".`,
        { actual: value, expected: 'YYYY-MM-DD' },
      ),
    );
  };
  checkDate(raw.ngay, ['ngay']);
  const issuedWith = raw.ban_hanh_kem_theo;
  if (issuedWith && typeof issuedWith === 'object') checkDate((issuedWith as Record<string, unknown>).ngay, ['ban_hanh_kem_theo', 'ngay']);

  const issued = typeof raw.ngay === 'string' ? parseIsoDate(raw.ngay) : undefined;
  const parsedPeriod = name?.period;
  if (issued && parsedPeriod && Math.abs(issued.year - parsedPeriod.year) > 1) {
    diagnostics.push(
      diagnosticAt(at(['ngay']), 'invalid-date', `Ngày ban hành năm ${issued.year} không khớp với kỳ ${period}.`, {
        severity: 'warning',
      }),
    );
  }

  const number = raw.so;
  if (number !== undefined && number !== null && number !== '') {
    const text = String(number).trim();
    if (!/^\d{1,6}$/.test(text) || Number(text) === 0) {
      diagnostics.push(
        diagnosticAt(
          at(['so']),
          'invalid-number',
          `Số văn bản "${text}" sai dạng: chỉ ghi phần số, ví dụ 70 (phần /BC-UBND được thêm tự động); bỏ trống nếu chưa vào sổ.`,
          { actual: text, expected: 'một số nguyên dương, ví dụ 70' },
        ),
      );
    }
  }
  return diagnostics;
}

/** Sections of a schema-valid document: none may be empty. */
export function sectionDiagnostics(data: DocumentData, at: PlaceFinder): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (sections: readonly SectionData[], path: DataPath, depth: number) => {
    sections.forEach((section, index) => {
      const here = [...path, index];
      if (depth > MAX_SECTION_DEPTH) {
        diagnostics.push(
          diagnosticAt(
            at(here),
            'too-deep',
            `Mục lồng nhau quá ${MAX_SECTION_DEPTH} cấp (I → 1 → a → - → + …): hãy gộp bớt cấp, mục này là cấp ${depth}.`,
          ),
        );
        return;
      }
      const hasParagraphs = (section.doan ?? []).length > 0;
      const hasChildren = (section.muc ?? []).length > 0;
      if (section.tieu_de === undefined && !hasParagraphs && !hasChildren) {
        diagnostics.push(
          diagnosticAt(at(here), 'empty-section', 'Mục này trống: cần có tiêu đề (tieu_de), đoạn văn (doan) hoặc mục con (muc).'),
        );
      }
      if (section.muc) visit(section.muc, [...here, 'muc'], depth + 1);
    });
  };
  visit(data.noi_dung, ['noi_dung'], 1);
  return diagnostics;
}
