/**
 * Template problems as diagnostics (rule `template-error`, file = the template's path):
 * docxtemplater's errors (one `multi_error` holding every error of the template, each with a
 * stable `id`, an English `explanation` and the tag `xtag`), tags without a value, and templates
 * that are not usable .docx packages.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export function templateDiagnostic(file: string, message: string, extra: Pick<Diagnostic, 'actual' | 'expected'> = {}): Diagnostic {
  return {
    file,
    line: 0,
    column: 0,
    ruleId: 'template-error',
    severity: 'error',
    message,
    ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
    ...(extra.actual !== undefined ? { actual: extra.actual } : {}),
  };
}

interface DocxtemplaterErrorProperties {
  id?: string;
  explanation?: string;
  xtag?: string;
  /** The part of the package the tag is in, e.g. word/document.xml. */
  file?: string;
  errors?: Array<{ properties?: DocxtemplaterErrorProperties }>;
}

function errorProperties(error: unknown): DocxtemplaterErrorProperties | undefined {
  if (typeof error !== 'object' || error === null || !('properties' in error)) return undefined;
  const properties = (error as { properties: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? (properties as DocxtemplaterErrorProperties) : undefined;
}

const MESSAGES: Record<string, (tag: string) => string> = {
  unopened_tag: (t) => `Mẫu văn bản có dấu đóng thẻ "}" mà không có dấu mở "{" (gần "${t}").`,
  unclosed_tag: (t) => `Mẫu văn bản có thẻ "{${t}" mở mà không đóng.`,
  unopened_loop: (t) => `Mẫu văn bản có thẻ đóng vòng lặp {/${t}} mà không có thẻ mở {#${t}}.`,
  unclosed_loop: (t) => `Mẫu văn bản có thẻ mở vòng lặp {#${t}} mà không có thẻ đóng {/${t}}.`,
  closing_tag_does_not_match_opening_tag: (t) => `Mẫu văn bản có thẻ đóng không khớp với thẻ mở (${t}).`,
  unbalanced_loop_tags: (t) => `Mẫu văn bản có các thẻ vòng lặp lồng nhau không cân đối (${t}).`,
  duplicate_open_tag: (t) => `Mẫu văn bản có hai dấu mở thẻ "{" liền nhau (gần "${t}").`,
  duplicate_close_tag: (t) => `Mẫu văn bản có hai dấu đóng thẻ "}" liền nhau (gần "${t}").`,
  raw_xml_tag_should_be_only_text_in_paragraph: (t) =>
    `Thẻ {@${t}} phải đứng một mình trong đoạn văn của nó trong mẫu văn bản.`,
  raw_tag_outerxml_invalid: (t) => `Thẻ {@${t}} phải nằm trong một đoạn văn của mẫu văn bản.`,
  scopeparser_compilation_failed: (t) => `Mẫu văn bản có thẻ "{${t}}" không đúng cú pháp.`,
  scopeparser_execution_failed: (t) => `Không tính được giá trị của thẻ "{${t}}" trong mẫu văn bản.`,
};

/** Where in the package, and docxtemplater's own explanation (English), for whoever fixes the template. */
function explanation(p: DocxtemplaterErrorProperties): string {
  const where = p.file !== undefined ? ` Ở phần ${p.file} của tệp mẫu.` : '';
  const why = p.explanation !== undefined ? ` Giải thích của docxtemplater: "${p.explanation}".` : '';
  return where + why;
}

function oneError(file: string, p: DocxtemplaterErrorProperties): Diagnostic {
  const id = p.id ?? 'unknown';
  const tag = p.xtag ?? '';
  const make = MESSAGES[id];
  const message = make ? make(tag) : `Mẫu văn bản bị lỗi (${id}${tag ? `, thẻ "${tag}"` : ''}).`;
  return templateDiagnostic(file, message + explanation(p), p.explanation !== undefined ? { actual: p.explanation } : {});
}

/** Diagnostics for an error thrown by docxtemplater or PizZip while compiling or rendering `file`. */
export function templateErrorDiagnostics(error: unknown, file: string): Diagnostic[] {
  const p = errorProperties(error);
  if (p?.id === 'multi_error' && Array.isArray(p.errors)) {
    return p.errors.map((e) => oneError(file, e.properties ?? {}));
  }
  if (p?.id !== undefined) return [oneError(file, p)];
  const detail = error instanceof Error ? error.message : String(error);
  return [templateDiagnostic(file, 'Tệp mẫu không phải là tệp Word (.docx) đọc được.', { actual: detail })];
}

/** A tag of the template for which the renderer has no value. */
export function missingValueDiagnostic(file: string, tag: string): Diagnostic {
  return templateDiagnostic(file, `Mẫu văn bản dùng thẻ {${tag}} nhưng công cụ không có giá trị nào cho thẻ này.`, {
    actual: `{${tag}}`,
  });
}
