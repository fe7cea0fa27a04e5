/**
 * Every declared type needs its template files: `word/<mau>.docx` and `html/<mau>.hbs` in the
 * templates folder. The types are what src/load/load-document-types.ts read; this adds a
 * `type-template-missing` for each file not there, at the declaration's `mau` (or its file).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentTypes } from '../core/document-types.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadDocumentTypes } from '../load/load-document-types.js';

const TEMPLATE_FILES = [
  ['word', '.docx'],
  ['html', '.hbs'], // htmlTemplatesFolder of report-html.ts, not imported: the writers load lazily
] as const;

/** The declared types and every problem of the folder: the declarations' and the missing template files. */
export function checkedDocumentTypes(templatesDir: string): { types: DocumentTypes; diagnostics: Diagnostic[] } {
  const { types, diagnostics } = loadDocumentTypes(templatesDir);
  const missing: Diagnostic[] = [];
  for (const type of types.byName.values()) {
    for (const [folder, extension] of TEMPLATE_FILES) {
      if (existsSync(join(templatesDir, folder, type.template + extension))) continue;
      missing.push(
        diagnosticAt(
          type.templateAt,
          'type-template-missing',
          `Loại "${type.name}" thiếu tệp mẫu ${folder}/${type.template}${extension} trong thư mục mẫu "${templatesDir}": hãy tạo tệp này (chép từ mẫu của một loại gần giống rồi sửa).`,
        ),
      );
    }
  }
  return { types, diagnostics: [...diagnostics, ...missing] };
}
