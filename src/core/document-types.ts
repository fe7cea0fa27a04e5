/**
 * The document types, named in one place: the value of `loai` in the data, the name and
 * abbreviation the decree gives each type (Phụ lục III), and the base name of its template files
 * (`templates/word/<template>.docx` for Word, `templates/html/<template>.hbs` for the print HTML).
 * The schema, the model, both renderers and the template builder (tools/word-templates) read it.
 */
export const documentTypes = ['bao_cao', 'ke_hoach'] as const;
export type DocumentType = (typeof documentTypes)[number];

export interface DocumentTypeInfo {
  /** The type's name as the title line prints it: `BÁO CÁO`. */
  readonly name: string;
  /** Its abbreviation in the số ký hiệu: `BC` in `Số: 70/BC-UBND`. */
  readonly abbreviation: string;
  /** Base name of its template files: `bao-cao` → `word/bao-cao.docx`, `html/bao-cao.hbs`. */
  readonly template: string;
}

export const DOCUMENT_TYPES: Readonly<Record<DocumentType, DocumentTypeInfo>> = {
  bao_cao: { name: 'BÁO CÁO', abbreviation: 'BC', template: 'bao-cao' },
  ke_hoach: { name: 'KẾ HOẠCH', abbreviation: 'KH', template: 'ke-hoach' },
};

/** A type's template file name inside its templates folder: `bao-cao.docx`, `ke-hoach.hbs`. */
export function templateFileName(type: DocumentType, extension: '.docx' | '.hbs'): string {
  return DOCUMENT_TYPES[type].template + extension;
}
