/**
 * Stage 1, load: one YAML file → a plain value, the source position of every key and value,
 * and diagnostics. Never throws for anything a user can cause.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { yamlErrorMessage } from './yaml-messages.js';

export const MAX_FILE_BYTES = 1024 * 1024;

/** Where a value sits: the position of its key (for object members) and of the value itself. */
export interface NodePlace {
  key?: SourcePosition;
  value: SourcePosition;
  /** For a one-line string: where its first character is, so an offset in the text maps to a column. */
  text?: SourcePosition;
}

export interface LoadedLayer {
  file: string;
  value: Record<string, unknown>;
  places: Map<string, NodePlace>;
  diagnostics: Diagnostic[];
}

export async function loadYamlFile(file: string): Promise<LoadedLayer> {
  const empty = (diagnostic: Diagnostic): LoadedLayer => ({
    file,
    value: {},
    places: new Map(),
    diagnostics: [diagnostic],
  });
  const start = { file, line: 0, column: 0 };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return empty(diagnosticAt(start, 'file-unreadable', `"${file}" không phải là tệp.`));
    if (info.size > MAX_FILE_BYTES) {
      return empty(
        diagnosticAt(start, 'file-too-large', `Tệp lớn ${formatKiB(info.size)}, vượt giới hạn ${formatKiB(MAX_FILE_BYTES)}.`),
      );
    }
    bytes = await readFile(file);
  } catch {
    return empty(diagnosticAt(start, 'file-unreadable', `Không đọc được tệp "${file}".`));
  }
  return parseYamlText(file, bytes);
}

export function parseYamlText(file: string, bytes: Uint8Array): LoadedLayer {
  const decoded = decodeUtf8(bytes);
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
  const doc = parseDocument(decoded.text, {
    lineCounter,
    uniqueKeys: true,
    version: '1.2',
    schema: 'core',
    prettyErrors: true,
  });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => {
    const at = error.linePos?.[0];
    const position = at ? { file, line: at.line, column: at.col } : { file, line: 1, column: 1 };
    return diagnosticAt(position, error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax', yamlErrorMessage(error));
  });
  if (diagnostics.length > 0) return { file, value: {}, places: new Map(), diagnostics };

  const places = new Map<string, NodePlace>();
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
      if (typeof node.value !== 'string') return node.value;
      const [start, end] = node.range ?? [0, 0];
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted || node.type === 'PLAIN') {
        const newline = text.indexOf('\n', start);
        if (newline < 0 || newline >= end) here.text = place(start + (quoted ? 1 : 0));
      }
      return node.value.normalize('NFC');
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
  if (typeof root !== 'object' || Array.isArray(root)) {
    diagnostics.push(
      diagnosticAt({ file, line: 1, column: 1 }, 'yaml-not-mapping', 'Tệp dữ liệu phải gồm các dòng "khóa: giá trị" ở cấp ngoài cùng.'),
    );
    return { file, value: {}, places, diagnostics };
  }
  return { file, value: root as Record<string, unknown>, places, diagnostics };
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
