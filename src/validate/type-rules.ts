/**
 * Which type a document is: its `loai`, or the default of its file name (`2024-q3.to-trinh.yaml`
 * → to_trinh, `2024-q3.yaml` → the type declared for quarters), among the types its templates
 * folder declares. An unknown `loai` is reported at its place with the types found.
 */
import type { DocumentTypeInfo, DocumentTypes } from '../core/document-types.js';
import { documentTypeOf, type DocumentName } from '../core/period.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closestName } from '../markup/suggest.js';
import type { PlaceFinder } from './document-rules.js';

export function resolveDocumentType(
  raw: Record<string, unknown>,
  { file: documentFile, period: documentName, name }: { file: string; period: string; name: DocumentName | undefined },
  types: DocumentTypes,
  at: PlaceFinder,
): { type?: DocumentTypeInfo; diagnostics: Diagnostic[] } {
  const type = documentTypeOf(raw.loai, name, types);
  if (type) return { type, diagnostics: [] };
  const found = [...types.byName.keys()];
  const list = found.length > 0 ? found.join(', ') : '(không có loại nào)';
  const given = raw.loai;
  if (typeof given === 'string') {
    const guess = closestName(given, found);
    return {
      diagnostics: [
        diagnosticAt(
          at(['loai']),
          'unknown-type',
          `Không có loại văn bản "${given}" trong thư mục mẫu.${guess ? ` Có phải ý bạn là "${guess}"?` : ''} Các loại có: ${list}.`,
          { actual: given, expected: list },
        ),
      ],
    };
  }
  if (given !== undefined) return { diagnostics: [] }; // wrong kind of value: the schema says so
  if (!name) return { diagnostics: [] }; // unknown-period says so
  return {
    diagnostics: [
      diagnosticAt(
        { file: documentFile, line: 0, column: 0 },
        'unknown-type',
        `Không biết "${documentName}" là loại văn bản nào: hãy ghi loai: … trong tệp (các loại có: ${list}).`,
        { expected: list },
      ),
    ],
  };
}

/** "(Ban hành kèm theo …)" only for a type that declares it (ban_hanh_kem_theo: co, as kế hoạch). */
export function issuedWithDiagnostics(raw: Record<string, unknown>, type: DocumentTypeInfo, at: PlaceFinder): Diagnostic[] {
  if (raw.ban_hanh_kem_theo === undefined || type.issuedWith) return [];
  const what = type.typeName ? type.typeName.toLocaleLowerCase('vi-VN') : type.name;
  return [
    diagnosticAt(
      at(['ban_hanh_kem_theo'], 'key'),
      'invalid-value',
      `${what.charAt(0).toLocaleUpperCase('vi-VN')}${what.slice(1)} không "ban hành kèm theo" quyết định: chỉ loại khai báo ban_hanh_kem_theo: co (như kế hoạch, loai: ke_hoach) mới có dòng này.`,
    ),
  ];
}

const GROUND_KEYS = ['tham_quyen', 'can_cu', 'theo_de_nghi'] as const;

/**
 * Thẩm quyền ban hành and căn cứ belong to a type that declares them (can_cu: co, as quyết
 * định): there tham_quyen and can_cu are required; elsewhere any of the three keys is refused.
 */
export function groundsDiagnostics(raw: Record<string, unknown>, type: DocumentTypeInfo, at: PlaceFinder, documentFile: string): Diagnostic[] {
  if (!type.grounds) {
    return GROUND_KEYS.filter((key) => raw[key] !== undefined).map((key) =>
      diagnosticAt(
        at([key], 'key'),
        'invalid-value',
        `Loại "${type.name}" không có phần căn cứ: chỉ loại khai báo can_cu: co (như quyết định, loai: quyet_dinh) mới có ${key}.`,
      ),
    );
  }
  const missing: Diagnostic[] = [];
  if (raw.tham_quyen === undefined)
    missing.push(
      diagnosticAt({ file: documentFile, line: 0, column: 0 }, 'missing-field', 'Quyết định thiếu tham_quyen: thẩm quyền ban hành, ví dụ "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN".'),
    );
  if (raw.can_cu === undefined)
    missing.push(
      diagnosticAt({ file: documentFile, line: 0, column: 0 }, 'missing-field', 'Quyết định thiếu can_cu: danh sách các căn cứ ban hành, ví dụ ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"].'),
    );
  return missing;
}

/** `ngay` is required unless the type's place/date line is optional or absent (dia_danh_ngay: tuy_chon, khong). */
export function dateDiagnostics(raw: Record<string, unknown>, type: DocumentTypeInfo, at: PlaceFinder): Diagnostic[] {
  if (raw.ngay !== undefined || type.placeDate !== 'co') return [];
  return [diagnosticAt(at([], 'key'), 'missing-field', 'Thiếu trường bắt buộc "ngay".')];
}
