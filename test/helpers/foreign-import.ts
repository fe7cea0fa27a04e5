/**
 * Checks shared by the tests that import a document baocao did not write (test/nhap-foreign*.test.ts):
 * `nhap` into a data tree of its own then `render`, the re-rendered lines as `baocao text` prints
 * them, the share of the office's lines found verbatim, and where headings and footnotes landed.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { SectionData } from '../../src/core/schema.js';
import { typedLabel } from '../../src/import/typed-label.js';
import { ROOT, runCli } from './cli.js';

/** Lines of a rendered DOCX as `baocao text` prints them. */
export async function textLines(docx: string): Promise<string[]> {
  const run = await runCli(['text', docx]);
  expect(run.code).toBe(0);
  return run.stdout.split('\n').map((l) => l.trim());
}

/** The line without its typed number (I., 1., a)) and footnote markers [n]: what must be kept verbatim. */
export const withoutLabel = (line: string) => {
  const label = typedLabel(line);
  return (label && label.kind !== 'gach' && label.kind !== 'cong' ? line.slice(label.length) : line).replace(/\[\d+\]/g, '').trim();
};

export function allSections(sections: SectionData[], depth = 1, out: { depth: number; section: SectionData }[] = []) {
  for (const section of sections) {
    out.push({ depth, section });
    allSections(section.muc ?? [], depth + 1, out);
  }
  return out;
}

export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

/** Share of the office's lines found, without their numbers, among the re-rendered lines ("./." is baocao's closing mark). */
export function keptShare(lines: string[], rendered: string[]): { share: number; missing: string[] } {
  const renderedText = new Set(rendered.map((line) => withoutLabel(line).replace(/\.\/\.$/, '.')));
  const missing = lines.filter((line) => !renderedText.has(withoutLabel(line)));
  return { share: (lines.length - missing.length) / lines.length, missing };
}

const LEVELS: Readonly<Record<string, number>> = { 'la-ma': 1, so: 2, 'so-long': 3 };

/** Every numbered heading line (I., 1., 2.1.) is a section at the level its kind of number says. */
export function expectHeadingsAtTheirLevel(lines: string[], noiDung: SectionData[]): void {
  const sections = allSections(noiDung);
  for (const line of lines) {
    const label = typedLabel(line);
    if (!label || !(label.kind in LEVELS) || line.length > 150) continue;
    const title = withoutLabel(line);
    const found = sections.find((s) => s.section.tieu_de === title || s.section.doan?.[0] === title);
    expect(found, line).toBeDefined();
    expect(found!.depth, line).toBe(LEVELS[label.kind]);
  }
}

/** `nhap` of one Word file into a data tree of its own (with the shipped mac-dinh.yaml), then `render`: the imported period file and the re-rendered text. */
export async function importAndRender(
  docx: string,
  work: string,
  names: { data: string; out: string; unit?: string; period?: string },
): Promise<{ period: Record<string, unknown>; rendered: string[]; stderr: string }> {
  const unit = names.unit ?? 'phuong-thach-quy';
  const period = names.period ?? '2024-q3';
  const data = path.join(work, names.data);
  mkdirSync(data, { recursive: true });
  writeFileSync(path.join(data, 'mac-dinh.yaml'), readFileSync(path.join(ROOT, 'data', 'mac-dinh.yaml')));
  const imported = await runCli(['nhap', docx, '--vao', path.join(data, 'ha-tinh')]);
  expect(imported.code, imported.stderr).toBe(0);
  const periodData = parse(readFileSync(path.join(data, 'ha-tinh', unit, `${period}.yaml`), 'utf8')) as Record<string, unknown>;
  const render = await runCli(['render', data, '--format', 'docx', '--out', path.join(work, names.out)]);
  expect(render.code, render.stderr).toBe(0);
  return { period: periodData, rendered: await textLines(path.join(work, names.out, 'ha-tinh', unit, `${period}.docx`)), stderr: imported.stderr };
}

/**
 * The tree `nhap` wrote under `<root>/back` (with the shipped defaults copied beside it) rendered
 * again: `baocao diff` finds the document `name` (`2024-q3.docx`) identical to the first render's.
 */
export async function expectRendersBackTheSame(root: string, name: string): Promise<void> {
  copyFileSync(path.join(root, 'data/mac-dinh.yaml'), path.join(root, 'back/mac-dinh.yaml'));
  const again = await runCli(['render', 'back', '--format', 'docx', '--out', 'out2'], { cwd: root });
  expect(again.code, again.stderr).toBe(0);
  const diff = await runCli(['diff', `out/tinh-mau/phuong-mau/${name}`, `out2/nhap/phuong-mau/${name}`, '--no-color'], { cwd: root });
  expect(diff.code, diff.stdout + diff.stderr).toBe(0);
}
