/**
 * The Word renderer: a report model and a template → the bytes of a .docx.
 *
 *   const templates = await loadDocxTemplates('templates/word', types);   // once (types: templates/loai)
 *   const bytes = renderDocx(model, templates);                      // per report
 *
 * The template of the model's type (templates/word/<mau>.docx, templates/loai/<loai>.yaml) owns the look; the renderer hands it
 * the model's final text (template-data.ts), the body as paragraph XML (body-xml.ts) and writes
 * real footnotes (footnotes-xml.ts) and a reproducible package (package.ts). Same model, same bytes.
 *
 * Per report the work is small: docxtemplater renders only the parts that hold tags (template-package.ts
 * prepared them once, frame-renderer.ts compiles them once per thread); every other part is copied
 * still compressed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { documentBlocks, type ReportModel } from '../../core/model.js';
import { DiagnosticError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { templateFileName, type DocumentType, type DocumentTypes } from '../../core/document-types.js';
import { appendixXml } from './appendix-xml.js';
import { bodyXml } from './body-xml.js';
import { bodySectPr, SectionBreaks } from './sections-xml.js';

/** What docxtemplater inserts for `{@noi_dung}`; replaced by the body XML afterwards. */
const BODY_MARKER = '<!--baocao:noi_dung-->';
import { footnoteIds, footnotesXml } from './footnotes-xml.js';
import { renderFrame } from './frame-renderer.js';
import { coreXml, documentInstant, packageFromTemplate, setPart, writePackage } from './package.js';
import { templateData } from './template-data.js';
import { missingValueDiagnostic, templateDiagnostic, templateErrorDiagnostics } from './docx-template-errors.js';
import { CORE_PART, prepareTemplate, type PreparedTemplate } from './template-package.js';

export interface DocxTemplate extends Readonly<PreparedTemplate> {
  /** Path of the .docx as given (used as the `file` of template diagnostics). */
  readonly path: string;
}

export interface DocxTemplates {
  readonly dir: string;
  /** The template of each declared type (types sharing a file share it). */
  readonly byType: ReadonlyMap<DocumentType, DocxTemplate>;
}

export interface RenderDocxOptions {
  /**
   * Seconds since 1970 (UTC) to stamp the package with, as the SOURCE_DATE_EPOCH convention (the
   * CLI reads and checks it); without it midnight UTC of the issue date.
   */
  sourceDateEpoch?: number;
}

/**
 * Reads the template of every declared type once (`templatesDir` is the `word/` folder); reports
 * every problem of all of them at once as `template-error`s.
 */
export async function loadDocxTemplates(templatesDir: string, types: DocumentTypes): Promise<DocxTemplates> {
  const problems: Diagnostic[] = [];
  const byFile = new Map<string, DocxTemplate | undefined>();
  const byType = new Map<DocumentType, DocxTemplate>();
  for (const type of types.byName.values()) {
    const path = join(templatesDir, templateFileName(type, '.docx'));
    if (!byFile.has(path)) byFile.set(path, await readTemplate(path, problems));
    const template = byFile.get(path);
    if (template) byType.set(type.name, template);
  }
  if (problems.length > 0 || byType.size < types.byName.size) throw new DiagnosticError(problems);
  return { dir: templatesDir, byType };
}

async function readTemplate(path: string, problems: Diagnostic[]): Promise<DocxTemplate | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    problems.push(templateDiagnostic(path, 'Không đọc được tệp mẫu Word (không tồn tại hoặc không có quyền đọc).'));
    return undefined;
  }
  const prepared = prepareTemplate(path, bytes);
  problems.push(...prepared.problems);
  return prepared.template ? { path, ...prepared.template } : undefined;
}

/**
 * The main part with the body in place of its marker; with landscape tables or phụ lục, the
 * sections too: the phụ lục go after everything the template puts after the body (the signature),
 * right before the body's closing w:sectPr, which then describes the last section.
 */
function withBody(text: string, at: number, model: ReportModel, template: DocxTemplate, idOf: (n: number) => number): string {
  const needsSections = (model.appendices?.length ?? 0) > 0 || model.body.some((block) => block.table?.landscape);
  const sectPr = needsSections ? bodySectPr(text) : undefined;
  if (needsSections && (!sectPr || sectPr.start < at)) {
    throw new DiagnosticError([templateDiagnostic(template.path, 'Mẫu Word thiếu phần thuộc tính trang (w:sectPr) ở cuối nội dung, sau thẻ {@noi_dung}: không đặt được trang ngang và phụ lục.')]);
  }
  if (!sectPr) return text.slice(0, at) + bodyXml(model.body, template.styles, idOf) + text.slice(at + BODY_MARKER.length);
  const sections = new SectionBreaks(sectPr.xml);
  const body = bodyXml(model.body, template.styles, idOf, sections);
  // Back to portrait for the signature, should the body's last block be a landscape table.
  const afterBody = sections.switchTo(false);
  const appendices = (model.appendices ?? []).map((appendix) => appendixXml(appendix, template.styles, idOf, sections)).join('');
  return (
    text.slice(0, at) + body + afterBody + text.slice(at + BODY_MARKER.length, sectPr.start) + appendices + sections.finalProps() + text.slice(sectPr.end)
  );
}

/** Renders one report. Throws `DiagnosticError` (`template-error`) when the template and the data disagree. */
export function renderDocx(model: ReportModel, templates: DocxTemplates, options: RenderDocxOptions = {}): Uint8Array {
  const template = templates.byType.get(model.type);
  if (!template) {
    throw new DiagnosticError([templateDiagnostic(templates.dir, `Không có mẫu Word cho loại văn bản "${model.type}".`)]);
  }
  const instant = documentInstant(model.issueDate, options.sourceDateEpoch);

  const ids = footnoteIds(model.footnotes, documentBlocks(model), template.footnotes.firstId);
  const idOf = (n: number) => ids.get(n) ?? 0; // footnoteIds has checked every reference
  // docxtemplater renders only the frame: the body, most of the document, is spliced in after it,
  // so the template engine never walks (or re-encodes) thousands of paragraphs it does not template.
  const data = templateData(model, BODY_MARKER);

  let work: PizZip;
  let missing: Set<string>;
  try {
    ({ zip: work, missing } = renderFrame(template.workBytes, data));
  } catch (error) {
    if (error instanceof DiagnosticError) throw error;
    throw new DiagnosticError(templateErrorDiagnostics(error, template.path));
  }
  if (missing.size > 0) {
    throw new DiagnosticError([...missing].map((tag) => missingValueDiagnostic(template.path, tag)));
  }

  // The output: the template's parts still compressed, the rendered ones, footnotes and properties.
  const out = packageFromTemplate(template.bytes);
  let bodyPlaced = false;
  for (const name of template.taggedParts) {
    const rendered = work.file(name);
    if (!rendered) continue;
    const text = rendered.asText();
    const at = text.indexOf(BODY_MARKER);
    if (at < 0) {
      setPart(out, name, text);
      continue;
    }
    if (bodyPlaced || text.indexOf(BODY_MARKER, at + 1) >= 0) {
      throw new DiagnosticError([templateDiagnostic(template.path, 'Thẻ {@noi_dung} chỉ được đặt một lần trong mẫu.')]);
    }
    bodyPlaced = true;
    setPart(out, name, withBody(text, at, model, template, idOf));
  }
  if (!bodyPlaced) {
    throw new DiagnosticError([templateDiagnostic(template.path, 'Mẫu thiếu thẻ {@noi_dung} (nơi đặt nội dung văn bản).')]);
  }
  setPart(out, template.footnotesPart, footnotesXml(template.footnotes, model.footnotes, ids, template.styles));
  setPart(out, CORE_PART, coreXml(model.documentTitle, instant));
  return writePackage(out, instant, template.entryOrder);
}
