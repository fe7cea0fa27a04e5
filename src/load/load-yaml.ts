/**
 * Stage 1, load: one YAML file → a plain value, the source position of every key and value,
 * and diagnostics. Never throws for anything a user can cause.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from './yaml-library.js';
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { markedPercents, markedValue } from '../core/stale-mark.js';
import { cleanText, type RemovedCharacter } from './clean-text.js';
import { MAX_COMPOSED_DEPTH, MAX_NESTING_DEPTH, MAX_SECTION_DEPTH, measureNesting } from './nesting.js';
import { valueToSource, type ScalarStyle } from './text-positions.js';
import { yamlErrorMessage, yamlErrorPosition } from './yaml-messages.js';
import { correctedLine, quoteAdvice } from './quoted-line.js';

export const MAX_FILE_BYTES = 1024 * 1024;

/** Where a value sits: the position of its key (for object members) and of the value itself. */
export interface NodePlace {
  key?: SourcePosition;
  value: SourcePosition;
  /** For a string: where the character at an offset of the (cleaned, NFC) text sits in the file. */
  textAt?: (offset: number) => SourcePosition;
}

export interface LoadedLayer {
  file: string;
  value: Record<string, unknown>;
  places: Map<string, NodePlace>;
  /**
   * Figures carrying the mark `baocao ky-moi` leaves (`# kỳ trước: 537 — cập nhật`, src/core/stale-mark.ts):
   * data path → the previous value the mark names. Absent when the file has none. Kept here so the
   * stale-figure check reads the comments the loader already parsed, not the file again.
   */
  marks?: Map<string, number>;
  /** Texts whose typed percentages carry the mark (`# kỳ trước: 96,67% — cập nhật`): data path → the percentages as typed. */
  percentMarks?: Map<string, string[]>;
  diagnostics: Diagnostic[];
}

/**
 * Reads and parses one layer. The file is read with synchronous calls: it is at most
 * MAX_FILE_BYTES, and on a batch's worker threads (and in the CLI) the asynchronous `stat` and
 * `readFile` — five trips through libuv's thread pool — cost more than the read itself, ~1 ms per
 * report of the Thạch Quý size (process CPU, measured in one process, both ways alternating, issue 12).
 * It stays `async` for its callers (the layer caches share the pending promise). `file` is read
 * against `cwd` (the run's folder) and named in every diagnostic as given.
 */
export async function loadYamlFile(file: string, cwd = '.'): Promise<LoadedLayer> {
  const empty = (diagnostic: Diagnostic): LoadedLayer => ({
    file,
    value: {},
    places: new Map(),
    diagnostics: [diagnostic],
  });
  const start = { file, line: 0, column: 0 };
  let bytes: Buffer;
  try {
    const full = path.resolve(cwd, file);
    const info = statSync(full);
    if (!info.isFile()) return empty(diagnosticAt(start, 'file-unreadable', `"${file}" không phải là tệp.`));
    if (info.size > MAX_FILE_BYTES) {
      return empty(
        diagnosticAt(start, 'file-too-large', `Tệp lớn ${formatKiB(info.size)}, vượt giới hạn ${formatKiB(MAX_FILE_BYTES)}.`),
      );
    }
    bytes = readFileSync(full);
  } catch {
    return empty(diagnosticAt(start, 'file-unreadable', `Không đọc được tệp "${file}".`));
  }
  return parseYamlText(file, bytes);
}

export function parseYamlText(file: string, bytes: Uint8Array): LoadedLayer {
  const decoded = decodeText(bytes);
  const lineCounter = new LineCounter();
  const place = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (decoded.badOffset !== undefined) {
    // Count lines on the lossy text only to point at the first bad byte.
    const before = decoded.text.slice(0, decoded.badOffset);
    const line = before.split('\n').length;
    const column = decoded.badOffset - before.lastIndexOf('\n');
    return {
      file,
      value: {},
      places: new Map(),
      diagnostics: [
        diagnosticAt({ file, line, column }, 'file-not-utf8', 'Tệp không phải UTF-8. Hãy lưu lại tệp với bảng mã UTF-8 (Unicode).'),
      ],
    };
  }
  const encoding: Diagnostic[] = decoded.utf16
    ? [
        diagnosticAt(
          { file, line: 1, column: 1 },
          'file-utf16',
          `Tệp được lưu bằng bảng mã UTF-16 ${decoded.utf16}: đã đọc được, nhưng các công cụ khác (git, so sánh) không đọc được. Hãy lưu lại với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8).`,
          { severity: 'warning' },
        ),
      ]
    : [];
  const parsed = parseYaml(decoded.text, lineCounter, place);
  if ('diagnostics' in parsed) return { file, value: {}, places: new Map(), diagnostics: [...encoding, ...parsed.diagnostics] };
  const doc = parsed.doc;
  const diagnostics: Diagnostic[] = [...encoding];

  const places = new Map<string, NodePlace>();
  const marks = new Map<string, number>();
  const percentMarks = new Map<string, string[]>();
  const text = decoded.text;
  // `key` is the path's map key (pathKey), built as the walk descends; `keyAt` is where the
  // member's key sits, for object members.
  const toValue = (node: Node | null | undefined, key: string, keyAt: SourcePosition | undefined, fallback: SourcePosition): unknown => {
    const at = node?.range ? place(node.range[0]) : fallback;
    const here: NodePlace = keyAt ? { key: keyAt, value: at } : { value: at };
    places.set(key, here);
    if (!node) return null;
    if (isAlias(node)) {
      diagnostics.push(
        diagnosticAt(at, 'yaml-alias', 'Không dùng tham chiếu YAML (*tên): hãy chép nội dung cần lặp lại vào đây.'),
      );
      return null;
    }
    if (node.anchor) {
      diagnostics.push(diagnosticAt(at, 'yaml-alias', `Không dùng neo YAML (&${node.anchor}) trong dữ liệu báo cáo.`));
    }
    if (isScalar(node)) {
      if (node.comment) {
        const previous = markedValue(node.comment);
        if (previous !== undefined) marks.set(key, previous);
        const percents = typeof node.value === 'string' ? markedPercents(node.comment) : undefined;
        if (percents) percentMarks.set(key, percents);
      }
      if (typeof node.value !== 'string') return node.value;
      const cleaned = cleanText(node.value);
      const toSource = valueToSource(text, node.range ? [node.range[0], node.range[1]] : [0, 0], (node.type ?? 'PLAIN') as ScalarStyle, node.value);
      here.textAt = (offset) => place(toSource(cleaned.toRaw(offset)));
      if (cleaned.removed.length > 0) diagnostics.push(...removedDiagnostics(cleaned.removed, (index) => place(toSource(index))));
      return cleaned.text;
    }
    const prefix = key === '' ? '' : `${key}.`;
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const memberAt = keyNode?.range ? place(keyNode.range[0]) : at;
        const name = isScalar(keyNode) ? String(keyNode.value).normalize('NFC') : null;
        if (name === null) {
          diagnostics.push(diagnosticAt(memberAt, 'yaml-syntax', 'Khóa phải là một chữ đơn giản, ví dụ tieu_de.'));
          continue;
        }
        const value = toValue(pair.value as Node | null, prefix + name, memberAt, memberAt);
        // defineProperty, not assignment: a key named "__proto__" stays plain data.
        if (name === '__proto__') Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
        else result[name] = value;
      }
      return result;
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => toValue(item as Node | null, prefix + index, undefined, at));
    }
    return null;
  };
  const root = toValue(doc.contents as Node | null, '', undefined, { file, line: 1, column: 1 });
  if (root === null || root === undefined) return { file, value: {}, places, diagnostics };
  const marked = { ...(marks.size > 0 ? { marks } : {}), ...(percentMarks.size > 0 ? { percentMarks } : {}) };
  if (typeof root !== 'object' || Array.isArray(root)) {
    diagnostics.push(
      diagnosticAt({ file, line: 1, column: 1 }, 'yaml-not-mapping', 'Tệp dữ liệu phải gồm các dòng "khóa: giá trị" ở cấp ngoài cùng.'),
    );
    return { file, value: {}, places, diagnostics };
  }
  return { file, value: root as Record<string, unknown>, places, ...marked, diagnostics };
}

type Parsed = { doc: Document.Parsed } | { diagnostics: Diagnostic[] };

/** At most this many syntax errors per file: past that, the file is most likely not YAML at all. */
const MAX_SYNTAX_ERRORS = 10;

/** Parse, refuse nesting past the limit before composing (the composer recurses), compose. */
function parseYaml(text: string, lineCounter: LineCounter, place: (offset: number) => SourcePosition): Parsed {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const nesting = measureNesting(tokens);
  const tooDeep = (offset: number): Parsed => ({
    diagnostics: [
      diagnosticAt(
        place(offset),
        'too-deep',
        `Dữ liệu lồng nhau quá sâu (quá ${MAX_NESTING_DEPTH} cấp khối và danh sách lồng nhau): mục lồng nhau tối đa ${MAX_SECTION_DEPTH} cấp.`,
      ),
    ],
  });
  if (nesting.firstTooDeep !== undefined && nesting.deepest > MAX_COMPOSED_DEPTH) return tooDeep(nesting.firstTooDeep);
  const composer = new Composer({ uniqueKeys: true, version: '1.2', schema: 'core' });
  const docs = [...composer.compose(tokens, true, text.length)] as Document.Parsed[];
  const doc = docs[0]!;
  // A Tab in the indentation makes every line after it unreadable: one cause, one message per Tab.
  if (doc.errors.some((error) => error.code === 'TAB_AS_INDENT')) return { diagnostics: tabDiagnostics(text, place) };
  const quoteFixed = new Set<number>();
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const at = place(yamlErrorPosition(error));
    const needsQuotes = MISREAD_SENTENCE_CODES.has(error.code) ? quoteDiagnostic(text, at, place) : undefined;
    if (needsQuotes) {
      // One message for the line, however many errors the parser found in it.
      if (!quoteFixed.has(needsQuotes.line)) diagnostics.push(needsQuotes);
      quoteFixed.add(needsQuotes.line);
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        at,
        error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : error.code === 'RESOURCE_EXHAUSTION' ? 'too-deep' : 'yaml-syntax',
        yamlErrorMessage(error, text, place),
      ),
    );
  }
  // Well-formed but too deep: one diagnostic, the same at any depth and on any thread.
  if (nesting.firstTooDeep !== undefined && diagnostics.every((d) => d.ruleId === 'too-deep')) return tooDeep(nesting.firstTooDeep);
  if (docs.length > 1) diagnostics.push(diagnosticAt(place(docs[1]!.range[0]), 'yaml-syntax', yamlErrorMessage({ code: 'MULTIPLE_DOCS' }, text, place)));
  if (diagnostics.length > MAX_SYNTAX_ERRORS) {
    const shown = diagnostics.slice(0, MAX_SYNTAX_ERRORS);
    shown.push(
      diagnosticAt(
        { ...shown[0]!, line: 0, column: 0 },
        'yaml-syntax',
        `Tệp có ${diagnostics.length} lỗi cú pháp YAML (chỉ hiện ${MAX_SYNTAX_ERRORS} lỗi đầu): có thể đây không phải tệp dữ liệu báo cáo.`,
      ),
    );
    return { diagnostics: shown };
  }
  return diagnostics.length > 0 ? { diagnostics } : { doc };
}

/** Parser errors an unquoted sentence with ": " or Word's curly quotes cause. */
const MISREAD_SENTENCE_CODES = new Set(['UNEXPECTED_TOKEN', 'BLOCK_AS_IMPLICIT_KEY', 'MISSING_CHAR', 'MULTILINE_IMPLICIT_KEY']);

/** `text-needs-quotes` at the start of the text of the line `at` is on, when that line is a misread sentence. */
function quoteDiagnostic(text: string, at: SourcePosition, place: (offset: number) => SourcePosition): Diagnostic | undefined {
  const lineStart = nthLineStart(text, at.line);
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const corrected = correctedLine(line);
  if (!corrected) return undefined;
  const textColumn = line.length - line.replace(/^\s*(?:- +)*(?:[a-z_][a-z0-9_]*: +(?:- +)*)?/, '').length;
  return diagnosticAt(place(lineStart + textColumn), 'text-needs-quotes', `${quoteAdvice(corrected)}.`);
}

/** The offset of the first character of a 1-based line. */
function nthLineStart(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line && offset >= 0; n++) offset = text.indexOf('\n', offset) + 1;
  return Math.max(0, offset);
}

/** One message per line whose indentation holds a Tab, at the Tab. */
function tabDiagnostics(text: string, place: (offset: number) => SourcePosition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const indentation = /^[ \t]*/.exec(line)![0];
    const tab = indentation.indexOf('\t');
    if (tab >= 0) {
      diagnostics.push(
        diagnosticAt(
          place(offset + tab),
          'yaml-syntax',
          'Không dùng phím Tab để thụt lề: hãy xóa Tab và thụt lề bằng dấu cách, thẳng hàng với các dòng cùng cấp.',
        ),
      );
    }
    offset += line.length + 1;
  }
  return diagnostics;
}

const REMOVED_WORDS = {
  control: { rule: 'control-character', what: 'ký tự điều khiển không in được', why: 'chúng hiện thành ô vuông hoặc làm hỏng tệp Word' },
  bidi: { rule: 'bidi-control', what: 'ký tự đổi chiều viết', why: 'chúng làm chữ hiển thị khác với chữ đã lưu, ví dụ đảo ngược' },
} as const;

/** One warning per kind per string, at the first removed character. */
function removedDiagnostics(removed: readonly RemovedCharacter[], at: (index: number) => SourcePosition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const kind of ['control', 'bidi'] as const) {
    const found = removed.filter((r) => r.kind === kind);
    if (found.length === 0) continue;
    const names = [...new Set(found.map((r) => `U+${r.codePoint.toString(16).toUpperCase().padStart(4, '0')}`))];
    const words = REMOVED_WORDS[kind];
    diagnostics.push(
      diagnosticAt(
        at(found[0]!.index),
        words.rule,
        `Đã bỏ ${found.length} ${words.what} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}) khỏi văn bản này: ${words.why}.`,
        { severity: 'warning' },
      ),
    );
  }
  return diagnostics;
}

/**
 * The file's text. UTF-8 (with or without a BOM) is the rule; a UTF-16 file with its byte-order mark
 * (Notepad's "Unicode") is as certain and is read too, with a warning. `badOffset`: the first byte
 * that is not valid text.
 */
export function decodeText(bytes: Uint8Array): { text: string; badOffset?: number; utf16?: 'LE' | 'BE' } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'LE' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'BE' : undefined;
  if (!utf16) return decodeUtf8(bytes);
  try {
    return { text: new TextDecoder(utf16 === 'LE' ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: false }).decode(bytes), utf16 };
  } catch {
    const lossy = new TextDecoder(utf16 === 'LE' ? 'utf-16le' : 'utf-16be').decode(bytes);
    return { text: lossy, badOffset: Math.max(0, lossy.indexOf('\uFFFD')) };
  }
}

function decodeUtf8(bytes: Uint8Array): { text: string; badOffset?: number } {
  let view = bytes;
  if (view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) view = view.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(view) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(view);
    return { text: lossy, badOffset: Math.max(0, lossy.indexOf('\uFFFD')) };
  }
}

function formatKiB(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('vi-VN')} KiB`;
}
