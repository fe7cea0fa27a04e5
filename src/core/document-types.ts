/**
 * Document types are data: each is declared by a file `templates/loai/<ten>.yaml` beside its Word
 * and HTML templates (docs/huong-dan-soan-thao.md "Loại văn bản"), loaded and checked by src/load/load-document-types.ts.
 * This is the shape of one declaration once checked, and the few pure questions asked of it.
 * No type is named in code: báo cáo and kế hoạch are declarations like any other.
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { PeriodKind } from './period-kinds.js';

/** The value of `loai` in the data and the declaration's file name: `bao_cao`, `to_trinh`. */
export type DocumentType = string;

/** What stands before the body: "Kính gửi:" (addressees), "Kính thưa:" (a speech's audience), or nothing. */
export type AddresseeForm = 'kinh_gui' | 'kinh_thua' | 'khong';

/** The "Địa danh, ngày … tháng … năm …" line: always (ngay required), when `ngay` is given, or never. */
export type PlaceDateForm = 'co' | 'tuy_chon' | 'khong';

/** How the document ends: the signature block with Nơi nhận beside it, or a speaker's name and title. */
export type ClosingForm = 'chu_ky' | 'dien_gia';

export interface DocumentTypeInfo {
  /** `bao_cao`: the declaration's file name, what `loai` says. */
  readonly name: DocumentType;
  /** The type's name as the title line prints it, `BÁO CÁO`; none for công văn. */
  readonly typeName?: string;
  /** Its abbreviation in the số ký hiệu (`BC` in `Số: 70/BC-UBND`); none for công văn. */
  readonly abbreviation?: string;
  /** Base name of its template files: `bao-cao` → `word/bao-cao.docx`, `html/bao-cao.hbs`. */
  readonly template: string;
  /**
   * Whether it opens with the header: the agency's name and the Quốc hiệu, Tiêu ngữ beside it (with
   * the Số line and the place/date line under them). A speech as delivered has none (`phan_dau: khong`).
   */
  readonly header: boolean;
  /** Whether it has the Số, ký hiệu line. */
  readonly numberLine: boolean;
  /** The place/date line, and so whether `ngay` is required (`co`) or may be left out. */
  readonly placeDate: PlaceDateForm;
  readonly addressees: AddresseeForm;
  /** Whether it has the Nơi nhận list (only with the signature block). */
  readonly recipients: boolean;
  readonly closing: ClosingForm;
  /** Whether it may carry "(Ban hành kèm theo Quyết định số …)" under the trích yếu. */
  readonly issuedWith: boolean;
  /**
   * The type of the document that issues it (`quyet_dinh`), when the declaration names one
   * (`ban_hanh_kem_theo: quyet_dinh`): a sibling `<ky>.quyet-dinh.yaml` then gives the line.
   */
  readonly issuedBy?: DocumentType;
  /** Whether the top-level sections take I., II., … (a speech's are not numbered). */
  readonly numberedSections: boolean;
  /** Whether the top-level sections are articles, "Điều 1.", "Điều 2." (a decision: `danh_so_muc: dieu`). */
  readonly articles: boolean;
  /** Whether the body opens with the thẩm quyền ban hành, the căn cứ lines and "QUYẾT ĐỊNH:" (`can_cu: co`). */
  readonly grounds: boolean;
  /** The default trích yếu: `{ky}` is the period phrase, `{don_vi}` the unit's name. */
  readonly summary: string;
  /** The period kinds whose file (`2024-q3.yaml`) is this type when the data names none. */
  readonly defaultFor: readonly PeriodKind[];
  /** Where the declaration names its template (its `mau`, else the file): for template problems. */
  readonly templateAt: SourcePosition;
}

/** The types found in a templates folder, by name, sorted; and the problems of their declarations. */
export interface DocumentTypes {
  readonly folder: string;
  readonly byName: ReadonlyMap<DocumentType, DocumentTypeInfo>;
}

/** A type's template file name inside its templates folder: `bao-cao.docx`, `ke-hoach.hbs`. */
export function templateFileName(type: DocumentTypeInfo, extension: '.docx' | '.hbs'): string {
  return type.template + extension;
}

/** The file-name form of a type (`quyet_dinh` → `quyet-dinh`): `<ky>.quyet-dinh.yaml`. */
export function typeFileName(type: DocumentType): string {
  return type.replaceAll('_', '-');
}

/** The default trích yếu of a type for a period phrase ("quý III năm 2024") and a unit's name. */
export function defaultSummaryText(type: DocumentTypeInfo, periodPhrase: string, unitName: string): string {
  return type.summary.replaceAll('{ky}', periodPhrase).replaceAll('{don_vi}', unitName);
}
