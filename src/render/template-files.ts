/**
 * Every declared type needs its template files: `word/<mau>.docx` and `html/<mau>.hbs` in the
 * templates folder (checked when the folder is opened, ./open-templates.ts); this adds a
 * `type-template-missing` for each file not there, at the declaration's `mau` (or its file).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentTypes } from '../core/document-types.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';

const TEMPLATE_FILES = [
  ['word', '.docx'],
  ['html', '.hbs'], // htmlTemplatesFolder of report-html.ts, not imported: the writers load lazily
] as const;

/** A `type-template-missing` for each template file a declared type needs and the folder lacks. */
export function checkTemplateFiles(templatesDir: string, types: DocumentTypes): Diagnostic[] {
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
  return missing;
}
