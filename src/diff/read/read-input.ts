/**
 * One side of a comparison, read from a path: a period .yaml (through the pipeline, in memory), a
 * .docx or a .pdf. The kind is decided by the file's first bytes (a .docx is a ZIP, a PDF starts
 * with %PDF-), the name's extension only for YAML. Every failure is a diagnostic for that file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt } from '../../diagnostics/diagnostic.js';
import type { ComparableDocument } from '../comparable-document.js';
import type { PipelineCache as LayerCache, PreparedYaml } from './pipeline-adapter.js';
import type { DocxRead } from './read-docx.js';
import { PdfProblem, readPdf } from './read-pdf.js';

export interface Side {
  document: ComparableDocument;
  /** When the side is a period file: the pipeline's result (figures, the model). */
  yaml?: PreparedYaml;
  /** When the side is a .docx: its XML parts and bytes (for the redline). */
  docx?: DocxRead & { bytes: Uint8Array };
}

export type SideResult = { side: Side; diagnostics: Diagnostic[] } | { side?: undefined; diagnostics: Diagnostic[] };

/**
 * A pipeline cache opened only when a side is a period file: `baocao text` of a .docx loads
 * neither the pipeline, nor zod, nor the templates' declarations (~50 ms of its start-up).
 */
export interface LazyLayerCache {
  /** The folder paths are read against. */
  cwd: string;
  open(): Promise<LayerCache>;
}

/** Larger inputs are refused before parsing (our documents are well under a megabyte). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const fileProblem = (file: string, ruleId: Diagnostic['ruleId'], message: string): SideResult => ({
  diagnostics: [diagnosticAt({ file, line: 0, column: 0 }, ruleId, message)],
});

export function sniffKind(bytes: Uint8Array, file: string): 'docx' | 'pdf' | 'yaml' | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return 'pdf';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}

export async function readSide(file: string, cache?: LayerCache | LazyLayerCache, known?: Uint8Array): Promise<SideResult> {
  const cwd = cache === undefined ? '.' : 'open' in cache ? cache.cwd : cache.layers.cwd;
  let bytes: Uint8Array;
  try {
    bytes = known ?? new Uint8Array(await readFile(path.resolve(cwd, file)));
  } catch {
    return fileProblem(file, 'file-unreadable', `Không đọc được "${file}" (không tồn tại hoặc không có quyền đọc).`);
  }
  if (bytes.length > MAX_INPUT_BYTES) return fileProblem(file, 'file-too-large', `Tệp lớn hơn ${MAX_INPUT_BYTES / 1024 / 1024} MiB: không so sánh.`);
  const kind = sniffKind(bytes, file);
  if (kind === 'yaml') return readYamlSide(file, cache !== undefined && 'open' in cache ? await cache.open() : cache);
  if (kind === 'docx') return readDocxSide(file, bytes);
  if (kind === 'pdf') return readPdfSide(file, bytes);
  if (/\.docx$/i.test(file)) return fileProblem(file, 'corrupt-document', 'Tệp có đuôi .docx nhưng không phải tệp Word hợp lệ (không phải gói ZIP).');
  if (/\.pdf$/i.test(file)) return fileProblem(file, 'corrupt-document', 'Tệp có đuôi .pdf nhưng không bắt đầu bằng %PDF-: không phải tệp PDF hợp lệ.');
  return fileProblem(file, 'not-a-document', `"${path.basename(file)}" không phải văn bản Word (.docx), PDF hay tệp dữ liệu kỳ báo cáo (.yaml).`);
}

/** A period file's side, through the pipeline (loaded only when a side is one). */
async function readYamlSide(file: string, cache?: LayerCache): Promise<SideResult> {
  const [{ prepareYaml }, { documentFromModel }, { looseYamlDocument, MISSING_TREE_RULES }] = await Promise.all([
    import('./pipeline-adapter.js'),
    import('./from-model.js'),
    import('./loose-yaml.js'),
  ]);
  const yaml = await prepareYaml(file, cache);
  const errors = yaml.diagnostics.filter((d) => d.severity === 'error');
  if (!yaml.model && errors.length > 0 && errors.every((d) => MISSING_TREE_RULES.has(d.ruleId))) {
    const loose = looseYamlDocument(await readFile(path.resolve(cache?.layers.cwd ?? '.', file), 'utf8'), file, errors.map((d) => d.ruleId));
    if (loose) return { side: { document: loose }, diagnostics: [] };
  }
  if (!yaml.model) {
    const diagnostics = yaml.diagnostics.length > 0 ? yaml.diagnostics : [diagnosticAt({ file, line: 0, column: 0 }, 'not-a-document', `Không dựng được văn bản từ "${file}".`)];
    return { diagnostics };
  }
  return { side: { document: documentFromModel(yaml.model, file), yaml }, diagnostics: yaml.diagnostics };
}

/** A Word side; its reader (a ZIP and an XML parser) is loaded only when a side is a .docx. */
async function readDocxSide(file: string, bytes: Uint8Array): Promise<SideResult> {
  const [{ NotWordDocument, readDocx }, { XmlRefused }, { ZipProblem }] = await Promise.all([import('./read-docx.js'), import('./ooxml-paragraphs.js'), import('./read-zip.js')]);
  try {
    const read = readDocx(bytes, file);
    return { side: { document: read.document, docx: { ...read, bytes } }, diagnostics: [] };
  } catch (error) {
    if (error instanceof ZipProblem) {
      if (error.reason === 'too-large') {
        return fileProblem(file, 'unpacked-too-large', `Tệp Word giải nén ra quá lớn (${error.message}); có thể là "bom" nén, không đọc tiếp.`);
      }
      return fileProblem(file, 'corrupt-document', `Tệp ZIP bị hỏng, không đọc được như một tệp Word (${error.message}).`);
    }
    if (error instanceof XmlRefused) {
      if (error.reason === 'too-large') return fileProblem(file, 'input-too-large', `Tệp Word vượt giới hạn đọc (${error.message}): không so sánh.`);
      if (error.reason === 'dtd') return fileProblem(file, 'corrupt-document', `Tệp Word có khai báo DOCTYPE (${error.message}); tệp Word thật không bao giờ có: không đọc.`);
      return fileProblem(file, 'corrupt-document', `Tệp Word có phần XML hỏng, không đọc được (${error.message}).`);
    }
    if (error instanceof NotWordDocument) return fileProblem(file, 'not-a-document', 'Tệp ZIP này không phải văn bản Word: không có word/document.xml.');
    throw error;
  }
}

async function readPdfSide(file: string, bytes: Uint8Array): Promise<SideResult> {
  try {
    return { side: { document: await readPdf(bytes, file) }, diagnostics: [] };
  } catch (error) {
    if (error instanceof PdfProblem) {
      if (error.reason === 'encrypted') return fileProblem(file, 'pdf-encrypted', 'Tệp PDF có mật khẩu hoặc bị mã hóa: không đọc được chữ để so sánh.');
      return fileProblem(file, 'corrupt-document', `Tệp PDF bị hỏng, không đọc được (${error.message}).`);
    }
    throw error;
  }
}
