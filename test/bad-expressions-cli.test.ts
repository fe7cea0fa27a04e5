/**
 * One bad expression in one document is that document's diagnostic, at its file:line:column;
 * the other documents are validated and rendered (issue 7, item 3: it used to stop the command).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { makeTree, PERIOD_DOCUMENT, UNIT_PROFILE } from './helpers/data-tree.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** Each bad expression, the rule it breaks and the offset inside the expression the diagnostic points at. */
const BAD: Array<[expression: string, ruleId: string, offset: number]> = [
  ['so ho_so.tiep_nhan 101', 'invalid-expression', 19],
  ['so ho_so.tiep_nhan -1', 'invalid-expression', 19],
  ['ty_le 1 3 150', 'invalid-expression', 10],
  ['ty_le 1 3 -1', 'invalid-expression', 10],
  ['(', 'invalid-expression', 1],
  ['tong ()', 'invalid-expression', 6],
  ['__proto__ 1', 'unknown-function', 0],
  ['constructor 1 2', 'unknown-function', 0],
  ['toString', 'invalid-expression', 0],
  [`${'('.repeat(20_000)}ho_so.tiep_nhan${')'.repeat(20_000)}`, 'invalid-expression', 20],
];

const BROKEN = 'data/tinh-mau/phuong-b/2024-q3.yaml';
const WRONG_PERCENT = 'Đạt 89,84% kế hoạch; 239/266 hồ sơ, đạt 89,84%.';

async function threeUnits(): Promise<{ root: string; lines: string[] }> {
  const extra = [...BAD.map(([expression], i) => `  - "Câu ${i + 1} {{${expression}}} hết."`), `  - "${WRONG_PERCENT}"`];
  const broken = PERIOD_DOCUMENT.replace('ket_thuc:\n', `ket_thuc:\n${extra.join('\n')}\n`);
  const root = await makeTree({
    'data/mac-dinh.yaml': 'luu: [VT]\n',
    ...Object.fromEntries(
      ['phuong-a', 'phuong-b', 'phuong-c'].flatMap((unit) => [
        [`data/tinh-mau/${unit}/don-vi.yaml`, UNIT_PROFILE],
        [`data/tinh-mau/${unit}/2024-q3.yaml`, unit === 'phuong-b' ? broken : PERIOD_DOCUMENT],
      ]),
    ),
  });
  return { root, lines: broken.split('\n') };
}

/** The diagnostics the clerk must see for the broken unit, as "file:line:column … [rule]". */
function expectedPlaces(lines: string[]): Array<{ place: string; ruleId: string }> {
  const places = BAD.map(([expression, ruleId, offset]) => {
    const line = lines.findIndex((l) => l.includes(`{{${expression}}}`));
    const column = lines[line]!.indexOf('{{') + 3 + offset;
    return { place: `${BROKEN}:${line + 1}:${column}`, ruleId };
  });
  const percentLine = lines.findIndex((l) => l.includes(WRONG_PERCENT));
  places.push({ place: `${BROKEN}:${percentLine + 1}:${lines[percentLine]!.lastIndexOf('89,84%') + 1}`, ruleId: 'percent-mismatch' });
  return places;
}

function expectDiagnostics(stderr: string, lines: string[]): void {
  expect(stderr).not.toMatch(STACK_TRACE);
  expect(stderr).not.toContain('[internal-error]');
  for (const { place, ruleId } of expectedPlaces(lines)) {
    const line = stderr.split('\n').find((l) => l.startsWith(`${place}  lỗi  `));
    expect(line, `${place} [${ruleId}] in:\n${stderr.slice(0, 3000)}`).toBeDefined();
    expect(line).toContain(`[${ruleId}]`);
  }
  expect(stderr).toContain('đúng là 89,85%');
  expect(stderr).not.toMatch(/tinh-mau\/phuong-[ac]\//);
}

async function docxBelow(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.docx'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('a bad expression in one of three documents', () => {
  it('validate reports each at its file:line:column and still checks the other two', async () => {
    const { root, lines } = await threeUnits();
    const result = await runCli(['validate', 'data'], { cwd: root });
    expect(result.code).toBe(1);
    expectDiagnostics(result.stderr, lines);
    expect(result.stdout).toContain('2/3 văn bản hợp lệ.');
  });

  it('render writes the other two documents and exits 1', async () => {
    const { root, lines } = await threeUnits();
    const result = await runCli(['render', 'data', '--format', 'docx', '--out', 'out'], { cwd: root });
    expect(result.code).toBe(1);
    expectDiagnostics(result.stderr, lines);
    expect(await docxBelow(path.join(root, 'out'))).toEqual(['tinh-mau/phuong-a/2024-q3.docx', 'tinh-mau/phuong-c/2024-q3.docx']);
  });

  it('batch writes the other two documents and exits 1', async () => {
    const { root, lines } = await threeUnits();
    const result = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '2'], { cwd: root });
    expect(result.code).toBe(1);
    expectDiagnostics(result.stderr, lines);
    expect(result.stdout).toMatch(/đã tạo 2 văn bản \(2 tệp\), bỏ qua 0 không đổi, 1 lỗi/);
    expect(await docxBelow(path.join(root, 'out'))).toEqual(['tinh-mau/phuong-a/2024-q3.docx', 'tinh-mau/phuong-c/2024-q3.docx']);
  });
});
