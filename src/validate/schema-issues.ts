/**
 * Schema problems (zod issues) → diagnostics in Vietnamese, at the line that set the value.
 */
import path from 'node:path';
import type { z } from 'zod';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath, type DataPath } from '../core/data-path.js';
import { placeOf, type MergedData } from '../merge/merge-layers.js';
import { closestName } from '../markup/suggest.js';
import { knownKeysAt, schemaAt } from '../core/schema.js';
import { invalidKeyDiagnostic, unknownKeyDiagnostics } from './unknown-keys.js';
import { quoteAdvice, quotedText, sentenceReadAsPair } from '../load/quoted-line.js';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'văn bản',
  number: 'số',
  int: 'số nguyên',
  array: 'danh sách (mỗi phần tử một dòng bắt đầu bằng "- ")',
  object: 'khối "khóa: giá trị"',
  boolean: 'đúng/sai',
  null: 'để trống',
};

/** Keys of the unit profile: when missing, the clerk should add them to don-vi.yaml. */
const PROFILE_KEYS = new Set(['co_quan', 'cap', 'dia_danh', 'ten_don_vi', 'nguoi_ky', 'kinh_gui', 'noi_nhan', 'luu']);

export function schemaDiagnostics(issues: readonly Issue[], merged: MergedData, documentFile: string): Diagnostic[] {
  const profile = merged.files.find((f) => path.basename(f) === 'don-vi.yaml');
  const profileFile = profile ?? documentFile;
  const diagnostics: Diagnostic[] = [];
  // Without don-vi.yaml, the profile fields no other layer sets are one problem: the missing file.
  const missingProfile = new Set<string>();
  for (const issue of issues) {
    const top = String(issue.path[0]);
    if (!profile && PROFILE_KEYS.has(top) && merged.value[top] === undefined) missingProfile.add(top);
    else diagnostics.push(...describe(issue, merged, documentFile, profileFile, []));
  }
  if (missingProfile.size > 0) diagnostics.push(missingProfileDiagnostic(documentFile, [...missingProfile]));
  return diagnostics;
}

function missingProfileDiagnostic(documentFile: string, keys: string[]): Diagnostic {
  const expected = path.join(path.dirname(documentFile), 'don-vi.yaml');
  return diagnosticAt(
    { file: expected, line: 0, column: 0 },
    'missing-profile',
    `Không có tệp hồ sơ đơn vị "${expected}": tạo tệp này với ${keys.join(', ')} (các trường của đơn vị, dùng chung cho mọi kỳ báo cáo; có thể đặt ở tinh.yaml hoặc mac-dinh.yaml nếu dùng chung nhiều đơn vị).`,
  );
}

function describe(issue: Issue, merged: MergedData, documentFile: string, profileFile: string, base: DataPath): Diagnostic[] {
  const path: DataPath = [...base, ...(issue.path as Array<string | number>)];
  const where = displayPath(path) || 'tệp';
  const homeFile = PROFILE_KEYS.has(String(path[0])) ? profileFile : documentFile;
  const at = (p: DataPath = path, which: 'key' | 'value' = 'value') => placeOf(merged, p, homeFile, which);
  const actual = valueAt(merged.value, path);

  // A sentence with ": " read as a "khóa: giá trị" pair: one message, with the line to write.
  const sentence = sentenceReadAsPair(actual);
  // Where a block may stand (a paragraph: text, list or table), only a key with a space or Word's
  // quote is a sentence: `tiêu_đề: …` in a section is a misspelt key, said as such.
  const sentenceKey = sentence && (issue.code !== 'unrecognized_keys' || /[\s“”]/.test(Object.keys(actual as object)[0]!));
  if (sentence && sentenceKey && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'unrecognized_keys')) {
    const prefix = typeof path[path.length - 1] === 'number' ? '- ' : `${String(path[path.length - 1])}: `;
    return [diagnosticAt(at(), 'text-needs-quotes', `"${where}": ${quoteAdvice({ line: prefix + quotedText(sentence.text), curly: sentence.curly })}.`)];
  }

  switch (issue.code) {
    case 'unrecognized_keys': {
      // zod picks, among a union's objects, one that only lacks the key (a bullet list for a
      // table whose width is .nan): a key known here is not unknown, its value is what is wrong.
      const knownHere = new Set(knownKeysAt(path));
      const inner = issue.keys.filter((key) => knownHere.has(key)).flatMap((key) => valueIssues([...path, key], valueAt(merged.value, [...path, key])));
      const unknown = inner.length > 0 ? issue.keys.filter((key) => !knownHere.has(key)) : issue.keys;
      return [
        ...inner.flatMap((i) => describe(i, merged, documentFile, profileFile, [])),
        ...(unknown.length > 0 ? unknownKeyDiagnostics(unknown, path, (p) => at(p, 'key'), (file) => knownTopLevelKeys(merged, file)) : []),
      ];
    }
    case 'invalid_key':
      return [invalidKeyDiagnostic(path, issue.issues[0]?.message, at(path, 'key'))];
    case 'invalid_type': {
      if (actual === undefined) {
        return [diagnosticAt(at(path.slice(0, -1), 'key'), 'missing-field', `Thiếu trường bắt buộc "${where}".`)];
      }
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const withoutDots = thousandsWithoutDots(actual, issue.expected);
      if (withoutDots !== undefined) {
        return [
          diagnosticAt(
            at(),
            'wrong-type',
            `"${where}" phải là ${expected}, nhưng đang là ${describeValue(actual)}: trong YAML dấu chấm là dấu thập phân. Gõ số không kèm dấu chấm phân cách hàng nghìn: ${withoutDots}.`,
            { expected: withoutDots, actual: typeof actual === 'string' ? actual : String(actual) },
          ),
        ];
      }
      if (typeof actual === 'number' && !Number.isFinite(actual)) {
        const why = Number.isNaN(actual) ? 'đang là .nan (không phải số)' : 'đang là một số quá lớn (vô cực, .inf hoặc quá nhiều chữ số)';
        return [
          diagnosticAt(at(), 'wrong-type', `"${where}" phải là một số hữu hạn, nhưng ${why}.`, { expected: 'số hữu hạn', actual: String(actual) }),
        ];
      }
      return [
        diagnosticAt(at(), 'wrong-type', `"${where}" phải là ${expected}, nhưng đang là ${describeValue(actual)}.`, {
          expected,
          actual: describeValue(actual),
        }),
      ];
    }
    case 'invalid_union': {
      // Report the branch that matches the kind of value the clerk wrote.
      const branches = issue.errors.filter((branch) => !branch.some((b) => b.code === 'invalid_type' && b.path.length === 0));
      // An object whose keys belong to another branch (a `bang` is not a list of `gach`) is not that branch.
      const keysFit = branches.filter((branch) => !branch.some((b) => b.code === 'unrecognized_keys' && b.path.length === 0));
      const chosen = (keysFit.length > 0 ? keysFit : branches).sort((a, b) => a.length - b.length)[0];
      if (chosen) return chosen.flatMap((inner) => describe(inner, merged, documentFile, profileFile, path));
      // Any other key of so_lieu is a group of figures by row: a lone figure there belongs in khac.
      if (path.length === 2 && path[0] === 'so_lieu') {
        const name = String(path[1]);
        const khac = typeof actual === 'number' ? ` Một số liệu riêng lẻ ghi trong khac: khac: { ${name}: ${String(actual)} }.` : '';
        return [
          diagnosticAt(
            at(),
            'wrong-type',
            `"${where}" phải là một nhóm số liệu theo dòng (${name}: { dat_dai: { ten: Đất đai, tiep_nhan: 402 } }, hoặc danh sách - { ma: dat_dai, ten: Đất đai, tiep_nhan: 402 }), nhưng đang là ${describeValue(actual)}.${khac}`,
          ),
        ];
      }
      return [diagnosticAt(at(), 'wrong-type', `"${where}" không đúng kiểu: đang là ${describeValue(actual)}.`)];
    }
    case 'invalid_value':
      return [
        diagnosticAt(
          at(),
          'invalid-value',
          `"${where}" phải là một trong: ${issue.values.map(String).join(', ')}.${suggestion(actual, issue.values.map(String))}`,
          { actual: describeValue(actual), expected: issue.values.map(String).join(' | ') },
        ),
      ];
    case 'too_small':
      if (Array.isArray(actual) && actual.length === 0) {
        return [diagnosticAt(at(), 'missing-field', `"${where}" không được để trống: cần ít nhất ${String(issue.minimum)} phần tử.`)];
      }
      return [diagnosticAt(at(), 'invalid-value', `"${where}": ${vietnameseOr(issue.message, `giá trị nhỏ hơn ${String(issue.minimum)}`)}.`)];
    case 'too_big':
      // A number beyond 2^53 − 1 is one problem, said by number-rules.ts (number-too-large).
      if (typeof actual === 'number' && Math.abs(actual) > Number.MAX_SAFE_INTEGER) return [];
      return [diagnosticAt(at(), 'invalid-value', `"${where}": quá ${String(issue.maximum)} phần tử hoặc quá lớn.`)];
    default:
      return [diagnosticAt(at(), 'invalid-value', `"${where}": ${vietnameseOr(issue.message, 'giá trị không hợp lệ')}.`, { actual: describeValue(actual) })];
  }
}

/**
 * A count typed the Vietnamese way, with dots between thousands: `1.624` (YAML reads 1.624) or
 * `1.624.000` (YAML reads a text). The number meant, as it must be typed; undefined otherwise.
 */
function thousandsWithoutDots(actual: unknown, expected: string): string | undefined {
  if (expected !== 'int' && expected !== 'number') return undefined;
  const typed = typeof actual === 'number' ? String(actual) : typeof actual === 'string' ? actual.trim() : '';
  if (typeof actual === 'number' && (Number.isInteger(actual) || !/^\d{1,3}\.\d{1,3}$/.test(typed))) return undefined;
  if (typeof actual === 'number') {
    // YAML dropped the trailing zeros of 1.620: the thousands are three digits.
    const [whole, fraction] = typed.split('.') as [string, string];
    return whole + fraction.padEnd(3, '0');
  }
  return /^\d{1,3}(\.\d{3})+$/.test(typed) ? typed.replaceAll('.', '') : undefined;
}

/** The schema's issues with the value at `path` alone, their paths made whole. */
function valueIssues(path: DataPath, value: unknown): Issue[] {
  const result = schemaAt(path)?.safeParse(value);
  if (!result || result.success) return [];
  return result.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }) as Issue);
}

/** How many of the merged top-level keys the schema knows were set by `file`. */
function knownTopLevelKeys(merged: MergedData, file: string): number {
  return Object.keys(merged.value).filter((key) => knownKeysAt([]).includes(key) && placeOf(merged, [key], '', 'key').file === file).length;
}

function suggestion(actual: unknown, options: string[]): string {
  if (typeof actual !== 'string') return '';
  const hint = closestName(actual, options);
  return hint ? ` Có phải ý bạn là "${hint}"?` : '';
}

/** Our own messages are Vietnamese; zod's built-in ones are English and are replaced. */
function vietnameseOr(message: string, fallback: string): string {
  return /^(Invalid|Too|Expected|Unrecognized|Number must|String must)/.test(message) ? fallback : message;
}

export function valueAt(root: unknown, path: DataPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'để trống';
  if (Array.isArray(value)) return 'một danh sách';
  if (typeof value === 'object') return 'một khối "khóa: giá trị"';
  if (typeof value === 'string') return `văn bản "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value === 'number' ? 'số' : 'giá trị'} ${String(value)}`;
}
