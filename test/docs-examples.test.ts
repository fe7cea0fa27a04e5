/**
 * Every code example in README.md, CONTRIBUTING.md and docs/*.md is run (the convention is in
 * CONTRIBUTING.md, "Examples in the docs are tests"): a doc example that fails is a failing test.
 * New pages under docs/ are picked up without touching this file.
 *
 *   yaml                                  parses as YAML, without errors
 *   <!-- vi-du: tep <file> [<check>] -->  the block replaces data/<file> in a copy of data/; <check>
 *                                         (default <file>) validates with no error
 *   <!-- vi-du: gop <file> [<check>] -->  its top-level keys replace those of data/<file>
 *   <!-- vi-du: doan <file> [<check>] --> its items are the paragraphs of a new last section of data/<file>
 *   <!-- vi-du: loi <rule> <file> -->     as `tep`, and validate reports <rule>
 *   sh: `npx baocao <command> …`          <command> exists; `npx baocao validate …` lines run in a copy of
 *                                         data/ and are no usage error (exit 0 or 1)
 *   js                                    runs with node in a copy of data/ ('baocao' → dist/index.js), exit 0
 *   <!-- vi-du: khong-chay -->            deliberately partial or wrong: not run
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, parse } from 'yaml';
import { validate } from '../src/index.js';
import { ROOT, runCli } from './helpers/cli.js';

interface Example {
  file: string;
  line: number;
  language: string;
  text: string;
  marker?: string[];
}

/** The Markdown files whose examples are tests: the README, CONTRIBUTING and every page of docs/. */
async function documentFiles(): Promise<string[]> {
  const docs = (await readdir(path.join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', 'CONTRIBUTING.md', ...docs.map((name) => `docs/${name}`)];
}

/** The fenced code blocks of a Markdown text, with the `<!-- vi-du: … -->` marker right above each. */
export function examplesOf(file: string, markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    const above = lines[i - 1]?.match(/^<!-- vi-du: (.+?) -->$/)?.[1]?.split(/\s+/);
    examples.push({ file, line: i + 1, language: open[1] ?? '', text: lines.slice(i + 1, end).join('\n'), ...(above ? { marker: above } : {}) });
    i = end;
  }
  return examples;
}

const dedent = (text: string) => {
  const indent = Math.min(...text.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return text.split('\n').map((l) => l.slice(indent)).join('\n');
};

async function copyOfData(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-docs-'));
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  return dir;
}

/** Applies a data example to a fresh copy of data/ and returns the file to validate. */
async function applyExample(example: Example, dir: string): Promise<string> {
  const [kind, target, check] = example.marker!;
  const file = path.join(dir, 'data', kind === 'loi' ? check! : target!);
  const text = dedent(example.text);
  if (kind === 'tep' || kind === 'loi') await writeFile(file, text);
  else {
    const document = parseDocument(await readFile(file, 'utf8'));
    const value = parse(text) as unknown;
    if (kind === 'gop') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) document.set(key, item);
    } else if (kind === 'doan') {
      const sections = document.get('noi_dung') as { add(item: unknown): void };
      sections.add(document.createNode({ tieu_de: 'Ví dụ trong tài liệu', doan: value }));
    } else throw new Error(`${example.file}:${example.line}: unknown marker vi-du: ${kind}`);
    await writeFile(file, document.toString());
  }
  return path.join(dir, 'data', kind === 'loi' ? check! : (check ?? target!));
}

const files = await documentFiles();
const all = (await Promise.all(files.map(async (file) => examplesOf(file, await readFile(path.join(ROOT, file), 'utf8'))))).flat();
const runnable = all.filter((example) => example.marker?.[0] !== 'khong-chay');

describe('the docs examples', () => {
  it('finds the examples of every page (the convention reads them)', () => {
    expect(files).toContain('docs/huong-dan-soan-thao.md');
    expect(all.some((e) => e.marker?.[0] === 'tep')).toBe(true);
    expect(examplesOf('x.md', '<!-- vi-du: khong-chay -->\n```yaml\na: [\n```\n')).toEqual([{ file: 'x.md', line: 2, language: 'yaml', text: 'a: [', marker: ['khong-chay'] }]);
  });

  it.each(runnable.filter((e) => e.language === 'yaml').map((e) => [`${e.file}:${e.line}`, e] as const))('%s parses as YAML', (_, example) => {
    const document = parseDocument(dedent(example.text));
    expect(document.errors.map((e) => e.message)).toEqual([]);
  });

  it.each(runnable.filter((e) => e.marker).map((e) => [`${e.file}:${e.line} (${e.marker!.join(' ')})`, e] as const))('%s validates', async (_, example) => {
    const dir = await copyOfData();
    const checked = await applyExample(example, dir);
    const result = await validate({ inputs: [checked] });
    const problems = [...result.diagnostics, ...result.documents.flatMap((d) => d.diagnostics)].filter((d) => d.severity === 'error');
    if (example.marker![0] === 'loi') expect(problems.map((d) => d.ruleId)).toContain(example.marker![1]);
    else expect(problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([]);
  });

  const commands = runnable
    .filter((e) => e.language === 'sh')
    .flatMap((e) => e.text.split('\n').map((line) => ({ example: e, line: line.replace(/^\$ /, '').replace(/\s+#.*$/, '').trim() })))
    .filter(({ line }) => line.startsWith('npx baocao'));

  it('every `npx baocao` line names a command the CLI has', async () => {
    const help = await runCli(['--help']);
    const known = new Set([...help.stdout.matchAll(/^ {2}([a-z-]+)(?:\|[a-z-]+)?(?= |$)/gm)].map((m) => m[1]!));
    for (const match of help.stdout.matchAll(/^ {2}[a-z-]+\|([a-z-]+)/gm)) known.add(match[1]!);
    expect(known.has('validate')).toBe(true);
    const unknown = commands.map(({ example, line }) => ({ at: `${example.file}:${example.line}`, command: line.split(/\s+/)[2] })).filter(({ command }) => command && !command.startsWith('-') && !known.has(command));
    expect(unknown).toEqual([]);
  });

  it.each(runnable.filter((e) => e.language === 'js').map((e) => [`${e.file}:${e.line}`, e] as const))('%s runs', async (_, example) => {
    const dir = await copyOfData();
    const script = path.join(dir, 'example.mjs');
    const library = pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href;
    await writeFile(script, example.text.replaceAll("from 'baocao'", `from '${library}'`));
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each(commands.filter(({ line }) => line.split(/\s+/)[2] === 'validate').map(({ example, line }) => [`${example.file}:${example.line}: ${line}`, line] as const))('%s', async (_, line) => {
    const dir = await copyOfData();
    const run = await runCli(line.split(/\s+/).slice(2), { cwd: dir });
    expect(run.stderr).not.toMatch(/\[usage\]/);
    expect([0, 1]).toContain(run.code);
  });
});
