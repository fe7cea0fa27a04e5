/**
 * The Word renderer: a report model and a template → the bytes of a .docx.
 *
 *   const templates = await loadDocxTemplates('templates/word');   // once
 *   const bytes = renderDocx(model, templates);                      // per report
 *
 * The template (templates/word/bao-cao.docx, ke-hoach.docx) owns the look; the renderer hands it
 * the model's final text (template-data.ts), the body as paragraph XML (body-xml.ts) and writes
 * real footnotes (footnotes-xml.ts) and a reproducible package (package.ts). Same model, same bytes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { ReportModel } from '../../compute/model.js';
import { DiagnosticError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DocumentType } from '../../validate/schema.js';
import { bodyXml } from './body-xml.js';
import { footnoteIds, footnotesXml, readTemplateFootnotes, type TemplateFootnotes } from './footnotes-xml.js';
import { coreXml, documentInstant, writePackage } from './package.js';
import { styleIdsUsedByCode } from './style-ids.js';
import { templateData } from './template-data.js';
import { missingValueDiagnostic, templateDiagnostic, templateErrorDiagnostics } from './template-errors.js';

/** Template file per document type, inside the templates directory. */
export const DOCX_TEMPLATE_FILES = {
  bao_cao: 'bao-cao.docx',
  ke_hoach: 'ke-hoach.docx',
} as const satisfies Record<DocumentType, string>;

export interface DocxTemplate {
  /** Path of the .docx as given (used as the `file` of template diagnostics). */
  readonly path: string;
  /** The template's bytes, read once. */
  readonly bytes: Uint8Array;
  readonly footnotes: TemplateFootnotes;
}

export interface DocxTemplates {
  readonly dir: string;
  readonly byType: Readonly<Record<DocumentType, DocxTemplate>>;
}

export interface RenderDocxOptions {
  /**
   * Seconds since 1970 (UTC) to stamp the package with, as the SOURCE_DATE_EPOCH convention;
   * defaults to `process.env.SOURCE_DATE_EPOCH`, and without it midnight UTC of the issue date.
   */
  sourceDateEpoch?: string;
}

const FOOTNOTES_PART = 'word/footnotes.xml';
const CORE_PART = 'docProps/core.xml';

/** Checks a template's package once, at load: the parts and styles the renderer relies on. */
function inspectTemplate(path: string, bytes: Uint8Array): { footnotes?: TemplateFootnotes; problems: Diagnostic[] } {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch (error) {
    return { problems: templateErrorDiagnostics(error, path) };
  }
  const problems: Diagnostic[] = [];
  const text = (name: string) => zip.file(name)?.asText();
  if (text('word/document.xml') === undefined) {
    problems.push(templateDiagnostic(path, 'Tệp mẫu không có phần nội dung word/document.xml.'));
  }
  const footnotesPart = text(FOOTNOTES_PART);
  const footnotes = footnotesPart === undefined ? undefined : readTemplateFootnotes(footnotesPart);
  const rels = text('word/_rels/document.xml.rels') ?? '';
  const types = text('[Content_Types].xml') ?? '';
  if (!footnotes || !/Target="(?:\/word\/)?footnotes\.xml"/.test(rels) || !types.includes('/word/footnotes.xml')) {
    problems.push(
      templateDiagnostic(
        path,
        'Tệp mẫu thiếu phần chú thích cuối trang (word/footnotes.xml, quan hệ hoặc khai báo kiểu nội dung của nó).',
      ),
    );
  }
  const styles = text('word/styles.xml') ?? '';
  const missing = styleIdsUsedByCode.filter((id) => !styles.includes(`w:styleId="${id}"`));
  if (missing.length > 0) {
    problems.push(
      templateDiagnostic(path, `Tệp mẫu thiếu kiểu đoạn văn (style) mà công cụ dùng: ${missing.join(', ')}.`, {
        expected: styleIdsUsedByCode.join(', '),
      }),
    );
  }
  return footnotes ? { footnotes, problems } : { problems };
}

/** Reads both templates once; reports every problem of both at once as `template-error`s. */
export async function loadDocxTemplates(templatesDir: string): Promise<DocxTemplates> {
  const problems: Diagnostic[] = [];
  const loaded: Partial<Record<DocumentType, DocxTemplate>> = {};
  for (const type of Object.keys(DOCX_TEMPLATE_FILES) as DocumentType[]) {
    const path = join(templatesDir, DOCX_TEMPLATE_FILES[type]);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch {
      problems.push(templateDiagnostic(path, 'Không đọc được tệp mẫu Word (không tồn tại hoặc không có quyền đọc).'));
      continue;
    }
    const inspected = inspectTemplate(path, bytes);
    problems.push(...inspected.problems);
    if (inspected.footnotes && inspected.problems.length === 0) loaded[type] = { path, bytes, footnotes: inspected.footnotes };
  }
  if (problems.length > 0 || !loaded.bao_cao || !loaded.ke_hoach) throw new DiagnosticError(problems);
  return { dir: templatesDir, byType: { bao_cao: loaded.bao_cao, ke_hoach: loaded.ke_hoach } };
}

interface MissingTagPart {
  value: string;
  module?: string;
}

function tagWithPrefix(part: MissingTagPart): string {
  if (part.module === 'loop') return `#${part.value}`;
  if (part.module === 'rawxml') return `@${part.value}`;
  return part.value;
}

/** Renders one report. Throws `DiagnosticError` (`template-error`) when the template and the data disagree. */
export function renderDocx(model: ReportModel, templates: DocxTemplates, options: RenderDocxOptions = {}): Uint8Array {
  const template = templates.byType[model.type];
  const instant = documentInstant(model.issueDate, options.sourceDateEpoch ?? process.env['SOURCE_DATE_EPOCH']);

  const ids = footnoteIds(model.footnotes, model.body, template.footnotes.firstId);
  const idOf = (n: number) => ids.get(n) ?? 0; // footnoteIds has checked every reference
  const data = templateData(model, bodyXml(model.body, idOf));

  const missing = new Set<string>();
  let zip: PizZip;
  try {
    zip = new PizZip(template.bytes);
    const doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      stripInvalidXMLChars: true,
      errorLogging: false,
      // Never print "undefined": remember the tag, leave it empty, report after rendering.
      nullGetter: (part) => {
        missing.add(tagWithPrefix(part as MissingTagPart));
        return '';
      },
    });
    doc.render(data);
  } catch (error) {
    if (error instanceof DiagnosticError) throw error;
    throw new DiagnosticError(templateErrorDiagnostics(error, template.path));
  }
  if (missing.size > 0) {
    throw new DiagnosticError([...missing].map((tag) => missingValueDiagnostic(template.path, tag)));
  }

  zip.file(FOOTNOTES_PART, footnotesXml(template.footnotes, model.footnotes, ids));
  zip.file(CORE_PART, coreXml(model.documentTitle, instant));
  return writePackage(zip, instant);
}
