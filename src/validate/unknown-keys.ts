/**
 * Keys the schema does not know, and key names it refuses. A key is quoted back shortened; a
 * file that is clearly not our data (a layer linked to /etc/shadow, a YAML file of another tool)
 * gets one diagnostic, never one line per key quoting the file back.
 */
import { diagnosticAt, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.js';
import { displayPath, shortName, type DataPath } from '../core/data-path.js';
import { closestName, withoutDiacritics } from '../markup/suggest.js';
import { knownKeysAt } from '../core/schema.js';

/** More unknown top-level keys than this, and more unknown than known ones: not a file of ours. */
export const MAX_UNKNOWN_TOP_LEVEL_KEYS = 5;

/** A block with at most this many keys has them listed when an unknown key has no close name. */
const MAX_LISTED_KEYS = 12;

type KeyPlace = (path: DataPath) => SourcePosition;

export function unknownKeyDiagnostics(keys: readonly string[], path: DataPath, at: KeyPlace, knownTopLevelIn: (file: string) => number): Diagnostic[] {
  const where = path.length ? `"${displayPath(path)}"` : 'cấp ngoài cùng';
  const known = knownKeysAt(path);
  const byFile = new Map<string, string[]>();
  for (const key of keys) {
    const file = at([...path, key]).file;
    byFile.set(file, [...(byFile.get(file) ?? []), key]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [file, fileKeys] of byFile) {
    if (path.length === 0 && fileKeys.length > MAX_UNKNOWN_TOP_LEVEL_KEYS && fileKeys.length > knownTopLevelIn(file)) {
      diagnostics.push(
        diagnosticAt(
          { file, line: 0, column: 0 },
          'not-report-data',
          `Tệp này không giống dữ liệu báo cáo: ${fileKeys.length} khóa ở cấp ngoài cùng không có trong lược đồ (nội dung tệp không được trích lại). Kiểm tra đúng tệp chưa, hoặc tệp có phải là liên kết tới một tệp khác không.`,
        ),
      );
      continue;
    }
    for (const key of fileKeys) {
      const name = shortName(key);
      const hint = name === key ? closestName(key, known) : undefined;
      diagnostics.push(
        diagnosticAt(
          at([...path, key]),
          'unknown-key',
          `Khóa "${name}" không có ở ${where}.${hint ? ` Có phải ý bạn là "${hint}"?` : known.length > 0 && known.length <= MAX_LISTED_KEYS ? ` Các khóa dùng được ở đây: ${known.join(', ')}.` : ''}`,
          hint ? { expected: hint, actual: name } : { actual: name },
        ),
      );
    }
  }
  return diagnostics;
}

/** A key a record refuses (so_lieu.khac): say what a valid name is, and suggest one. */
export function invalidKeyDiagnostic(path: DataPath, reason: string | undefined, at: SourcePosition): Diagnostic {
  const key = String(path[path.length - 1]);
  const parent = displayPath(path.slice(0, -1));
  const suggested = normalisedName(key);
  return diagnosticAt(
    at,
    'invalid-value',
    `Tên "${shortName(key)}" trong "${parent}" không dùng được: ${reason ?? 'tên chỉ gồm chữ thường không dấu, số và _'}, bắt đầu bằng một chữ.${suggested ? ` Có thể đặt là "${suggested}".` : ''}`,
    suggested ? { expected: suggested, actual: shortName(key) } : { actual: shortName(key) },
  );
}

/** "Số hộ nghèo" → "so_ho_ngheo"; "2024-Tổng" → "so_2024_tong". */
export function normalisedName(name: string): string | undefined {
  const plain = withoutDiacritics(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (plain === '') return undefined;
  const named = /^[a-z]/.test(plain) ? plain : `so_${plain}`;
  return named.length > 40 ? named.slice(0, 40).replace(/_+$/, '') : named;
}
