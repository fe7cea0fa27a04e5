/**
 * Issue 7, loading: what the data's text may carry, where a diagnostic inside a text points,
 * and what messages quote back.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { findDocuments } from '../src/load/find-documents.js';
import { prepareDocument } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';
import { shippedTemplates } from './helpers/document-types.js';

const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const PROFILE = 'data/tinh-mau/phuong-mau/don-vi.yaml';

async function prepare(overrides: Record<string, string>, remove: string[] = []) {
  const root = await validTree(overrides);
  for (const file of remove) await import('node:fs/promises').then((fs) => fs.rm(path.join(root, file)));
  const { documents } = await findDocuments([path.join(root, PERIOD)]);
  const prepared = await prepareDocument(documents[0]!, shippedTemplates());
  const diagnostics = prepared.diagnostics.map((d: Diagnostic) => ({ ...d, file: path.relative(root, path.resolve(d.file)) }));
  return { prepared, diagnostics, root };
}

/** Every string in the model, joined: what a renderer can see. */
function modelText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.values(value).map(modelText).join('\n');
  return '';
}

/** 1-based line and column of `needle` in `text` (UTF-16 columns, as every position). */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const withParagraph = (paragraph: string) => PERIOD_DOCUMENT.replace('      - "Tiếp tục **đẩy mạnh** *chuyển đổi số*."\n', paragraph);

describe('positions inside text', () => {
  const cases: Array<[string, string]> = [
    ['a folded scalar', '      - >\n        Dòng đầu của đoạn văn gấp.\n        Tiếp nhận {{ho_so.tiep_nhn}} hồ sơ.\n'],
    ['a literal scalar after a blank line', '      - |-\n        Dòng một.\n\n          Thụt thêm {{ho_so.tiep_nhn}}.\n'],
    ['a double-quoted string after escapes', '      - "\\u0110\\u00e0 n\\u1eb5ng \\"x\\" \\\\ {{ho_so.tiep_nhn}}"\n'],
    ['NFD text (the value is NFC)', `      - "${'Tiếp nhận hồ sơ của người dân'.normalize('NFD')} {{ho_so.tiep_nhn}}"\n`],
    ['a multi-line plain scalar', '      - Dòng đầu\n        dòng hai {{ho_so.tiep_nhn}}\n'],
  ];
  it.each(cases)('points inside %s at the line and column the file has', async (_, paragraph) => {
    const document = withParagraph(paragraph);
    const { diagnostics } = await prepare({ [PERIOD]: document });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'unknown-figure', ...positionOf(document, 'ho_so.tiep_nhn') })]);
  });
});

describe('characters no document should carry', () => {
  it('warns about control characters at their position and removes them before any renderer', async () => {
    const document = `trich_yeu: "Kết quả CCHC quý III\\u0007"\n${withParagraph('      - "Tiếp tục\u001b[31m đẩy mạnh\u0085."\n')}`;
    const { prepared, diagnostics } = await prepare({ [PERIOD]: document });
    expect(diagnostics.map((d) => `${d.ruleId}:${d.severity}:${d.line}:${d.column}`)).toEqual([
      `control-character:warning:1:${positionOf(document, '\\u0007').column}`,
      `control-character:warning:${positionOf(document, '\u001b').line}:${positionOf(document, '\u001b').column}`,
    ]);
    expect(diagnostics[1]!.message).toContain('U+001B, U+0085');
    const text = modelText(prepared.model!);
    expect(text).toContain('Kết quả CCHC quý III');
    expect(text).toContain('Tiếp tục[31m đẩy mạnh.');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('warns about bidi controls and removes them', async () => {
    const document = withParagraph('      - "Phường \u202eẢHT ihcỊ\u202c và \u2067x\u2069."\n');
    const { prepared, diagnostics } = await prepare({ [PERIOD]: document });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'bidi-control', severity: 'warning', ...positionOf(document, '\u202e') })]);
    expect(modelText(prepared.model!)).toContain('Phường ẢHT ihcỊ và x.');
  });

  it('removes what XML forbids: U+FFFE, U+FFFF, lone surrogates', async () => {
    const document = withParagraph('      - "A\\uFFFEB\\uD800C\uffffD"\n');
    const { prepared, diagnostics } = await prepare({ [PERIOD]: document });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['control-character']);
    expect(modelText(prepared.model!)).toContain('ABCD');
  });
});

describe('what messages quote back', () => {
  it('gives one diagnostic, quoting nothing, for a layer that is not our data', async () => {
    const root = await validTree();
    // A system file copied over the profile (a symlink out of the data tree is refused before it is
    // read: test/batch-inputs.test.ts); its lines must not be quoted back either.
    const lines = ['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp'].map((user) => `${user}:*:19000:0:99999:7:::`);
    await writeFile(path.join(root, PROFILE), `${lines.join('\n')}\n`);
    const result = await runCli(['validate', 'data'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[not-report-data]');
    expect(result.stderr).not.toContain('root:');
    expect(result.stderr).not.toContain('daemon');
    expect(result.stderr).not.toContain('[unknown-key]');
  });

  it('shortens a long unknown key', async () => {
    const key = `khoa_${'x'.repeat(300)}`;
    const { diagnostics } = await prepare({ [PERIOD]: `${PERIOD_DOCUMENT}${key}: 1\n` });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'unknown-key' })]);
    expect(diagnostics[0]!.message.length).toBeLessThan(120);
    expect(diagnostics[0]!.message).toContain('…');
  });

  it('escapes ESC sequences and line breaks from keys and folder names in what the terminal shows', async () => {
    const folder = 'data/tinh-mau/phuong\u001b[2Jmau\nx';
    const root = await validTree({
      [`${folder}/don-vi.yaml`]: (await import('./helpers/data-tree.js')).UNIT_PROFILE,
      [`${folder}/2024-q3.yaml`]: `${PERIOD_DOCUMENT}"la\\e[31mkhoa\\nmoi": 1\n`,
    });
    const result = await runCli(['validate', 'data'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain('phuong\\x1b[2Jmau\\nx/2024-q3.yaml:');
    expect(result.stderr).toContain('Khóa "la\\x1b[31mkhoa\\nmoi"');
    const batch = await runCli(['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'], { cwd: root });
    expect(batch.stderr + batch.stdout).not.toContain('\u001b');
  }, 30_000);

  it('names the missing don-vi.yaml once instead of five missing fields', async () => {
    const { diagnostics } = await prepare({}, [PROFILE]);
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'missing-profile', file: PROFILE, line: 0 })]);
    expect(diagnostics[0]!.message).toContain('co_quan, cap, dia_danh, ten_don_vi, nguoi_ky');
  });

  it('says a "]" is missing, where the list opened, not that Tab is wrong', async () => {
    const { diagnostics } = await prepare({ [PROFILE]: 'luu: [VT, VP\ncap: xa\n' });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain('Thiếu dấu "]"');
    expect(diagnostics[0]!.message).toContain('dòng 1, cột 6');
    expect(diagnostics[0]!.message).not.toContain('Tab');
  });

  it('says what a valid figure name in khac is, and suggests one', async () => {
    const document = PERIOD_DOCUMENT.replace('so_lieu:\n', 'so_lieu:\n  khac:\n    "Số hộ nghèo": 12\n');
    const { diagnostics } = await prepare({ [PERIOD]: document });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'invalid-value', ...positionOf(document, '"Số hộ nghèo"') })]);
    expect(diagnostics[0]!.message).toContain('chữ thường không dấu, số và _');
    expect(diagnostics[0]!.message).toContain('"so_ho_ngheo"');
  });
});
