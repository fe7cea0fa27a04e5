/**
 * A period file read without its data tree (two drafts sent by e-mail, no don-vi.yaml beside
 * them, a name that is no period): compared on what it holds. Every value is one line, named by
 * its keys without list positions ("noi_dung › muc › doan: …"), so a paragraph inserted above does
 * not rename the ones below; a notice names the layers that were missing. YAML that does not parse
 * is still refused by the caller.
 */
import { parse } from 'yaml';
import type { ComparableDocument, Para } from '../comparable-document.js';

/** Rules whose failure means "no data tree around the file", not "a broken file". */
export const MISSING_TREE_RULES: ReadonlySet<string> = new Set(['missing-profile', 'unknown-period']);

const MISSING_LAYER_WORDS: Readonly<Record<string, string>> = {
  'missing-profile': 'hồ sơ đơn vị (don-vi.yaml, tinh.yaml, mac-dinh.yaml)',
  'unknown-period': 'kỳ báo cáo (tên tệp không theo kỳ, ví dụ 2024-q3.yaml)',
};

export function looseYamlDocument(text: string, file: string, missingRules: readonly string[]): ComparableDocument | undefined {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return undefined;
  }
  const paragraphs: Para[] = [];
  const line = (path: string[], text: string) =>
    paragraphs.push({ zone: 'body', kind: 'plain', depth: 0, label: '', prefix: '', inlines: [{ text: `${path.join(' › ')}: ${text}`.normalize('NFC') }] });
  const scalar = (x: unknown) => x === null || typeof x !== 'object';
  const walk = (node: unknown, path: string[]) => {
    // a table row (a list of values inside a list) is one line, its cells apart by " | "
    if (Array.isArray(node) && node.length > 0 && node.every(scalar) && path.at(-1) === 'dong') line(path, node.map((x) => String(x ?? '')).join(' | '));
    else if (Array.isArray(node)) for (const item of node) walk(item, Array.isArray(item) && path.at(-1) !== 'dong' ? [...path, 'dong'] : path);
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    else if (node !== null && node !== undefined) line(path, String(node));
  };
  walk(value, []);
  const missing = [...new Set(missingRules)].map((rule) => MISSING_LAYER_WORDS[rule] ?? rule);
  return {
    file,
    kind: 'yaml',
    structured: false,
    paragraphs,
    footnotes: [],
    notices: [`Không có cây dữ liệu quanh tệp (thiếu ${missing.join('; ')}): so sánh những gì tệp ghi, từng giá trị một, chưa gộp các lớp, chưa tính số liệu và chưa dựng văn bản.`],
  };
}
