/**
 * Issue 7, loading: one nesting limit everywhere, no echo of files that are not ours, and what
 * a terminal shows of odd names. Run as a user would: the built CLI as a process.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../src/load/load-yaml.js';
import { MAX_SECTION_DEPTH } from '../src/load/nesting.js';
import { runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';

const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';

/** A period document whose noi_dung nests `depth` sections. */
function nestedSections(depth: number): string {
  let text = 'so: 7\nngay: "2024-09-05"\nnoi_dung:\n';
  let indent = '  ';
  for (let level = 1; level < depth; level++) {
    text += `${indent}- tieu_de: Mục cấp ${level}\n${indent}  muc:\n`;
    indent += '    ';
  }
  return `${text}${indent}- tieu_de: Mục cấp ${depth}\n`;
}

describe('nesting limit', () => {
  it('refuses 500 nested sections with one Vietnamese too-deep diagnostic in validate, render and batch', async () => {
    const root = await validTree({ [PERIOD]: nestedSections(500) });
    for (const args of [['validate', 'data'], ['render', 'data', '--out', 'out'], ['batch', 'data', '--ky', '2024-q3', '--format', 'docx', '--out', 'out-batch', '--jobs', '1']]) {
      const result = await runCli(args, { cwd: root });
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(1);
      const lines = result.stderr.split('\n').filter((line) => line.includes('[too-deep]'));
      expect(lines, args[0]).toHaveLength(1);
      expect(lines[0]).toContain('quá sâu');
      expect(result.stderr).not.toContain('RESOURCE_EXHAUSTION');
      expect(result.stderr).not.toContain('[yaml-syntax]');
    }
  }, 60_000);

  it('accepts sections up to the section limit and names the first one past it', async () => {
    const fine = await validTree({ [PERIOD]: nestedSections(MAX_SECTION_DEPTH) });
    expect((await runCli(['validate', 'data'], { cwd: fine })).code).toBe(0);
    const deep = await validTree({ [PERIOD]: nestedSections(MAX_SECTION_DEPTH + 1) });
    const result = await runCli(['validate', 'data'], { cwd: deep });
    expect(result.code).toBe(1);
    const line = 3 + 2 * MAX_SECTION_DEPTH + 1;
    expect(result.stderr).toMatch(new RegExp(`2024-q3\\.yaml:${line}:\\d+ +lỗi +Mục lồng nhau quá ${MAX_SECTION_DEPTH} cấp.*\\[too-deep\\]`));
  });

  it('gives the same limit to 20,000 nested brackets without crashing', async () => {
    const root = await validTree({ [PERIOD]: `${PERIOD_DOCUMENT}x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
    const result = await runCli(['validate', 'data'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[too-deep]');
  });
});

describe('syntax errors', () => {
  const parse = (text: string) => parseYamlText('x.yaml', new TextEncoder().encode(text)).diagnostics;

  it('reports "a: b: c" lines as syntax errors, not as nesting, though the token tree nests them', () => {
    const diagnostics = parse(Array.from({ length: 60 }, (_, i) => `khoa${i}: a: b`).join('\n'));
    expect(diagnostics.length).toBeGreaterThan(0);
    // Each line is a sentence YAML misreads: the fix is to quote its value (issue 19).
    expect(diagnostics.every((d) => d.ruleId === 'yaml-syntax' || d.ruleId === 'text-needs-quotes')).toBe(true);
    expect(diagnostics.some((d) => d.ruleId === 'too-deep')).toBe(false);
  });

  it('shows the first 10 syntax errors of a file that is not YAML of ours, then one line saying how many', () => {
    const diagnostics = parse(Array.from({ length: 60 }, (_, i) => `dong${i}: [a, b\n  - x: "y`).join('\n'));
    expect(diagnostics).toHaveLength(11);
    expect(diagnostics[10]).toMatchObject({ ruleId: 'yaml-syntax', line: 0 });
    expect(diagnostics[10]!.message).toMatch(/^Tệp có \d+ lỗi cú pháp YAML \(chỉ hiện 10 lỗi đầu\)/);
  });
});
