/**
 * baocao as a library, imported by its package name the way another project would: a folder
 * outside the repository with node_modules/baocao linked to it, and a plain Node ESM script (no
 * vitest resolution in between). Needs dist/, which the global setup builds.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/diagnostics/rules.js';
import { ROOT, runCli } from './helpers/cli.js';
import { openDocx } from './helpers/docx.js';

const run = promisify(execFile);
const SAMPLE = path.join(ROOT, 'data', 'ha-tinh', 'phuong-thach-quy', '2024-q3.yaml');
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

/** A project of its own that depends on baocao (linked, as `npm link` or a workspace would). */
async function consumerProject(script: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baocao-consumer-'));
  folders.push(dir);
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(ROOT, path.join(dir, 'node_modules', 'baocao'), 'dir');
  await writeFile(path.join(dir, 'package.json'), '{ "name": "consumer", "type": "module", "private": true }\n');
  await writeFile(path.join(dir, 'use.mjs'), script);
  return dir;
}

const USE = `
import * as baocao from 'baocao';
const [input, out] = process.argv.slice(2);
const checked = await baocao.validate({ inputs: [input] });
const rendered = await baocao.render({ inputs: [input], formats: ['docx'], outDir: out, templatesDir: baocao.DEFAULT_TEMPLATES_DIR });
const missing = await baocao.validate({ inputs: [out + '/khong-co'] });
console.log(JSON.stringify({
  resolved: import.meta.resolve('baocao'),
  exports: Object.keys(baocao).sort(),
  checked: checked.documents.map((d) => ({ typeName: d.model?.title.typeName, diagnostics: d.diagnostics })),
  rendered: rendered.documents.map((d) => ({ outputs: d.outputs, diagnostics: d.diagnostics })),
  runDiagnostics: [...checked.diagnostics, ...rendered.diagnostics],
  missing: missing.diagnostics.map((d) => d.ruleId),
  exitCodes: [baocao.exitCodeFor(checked.diagnostics), baocao.exitCodeFor(missing.diagnostics)],
  rules: Object.keys(baocao.rules).length,
}));
`;

interface UseResult {
  resolved: string;
  exports: string[];
  checked: { typeName?: string; diagnostics: unknown[] }[];
  rendered: { outputs: string[]; diagnostics: unknown[] }[];
  runDiagnostics: unknown[];
  missing: string[];
  exitCodes: number[];
  rules: number;
}

describe("import('baocao')", () => {
  it('validates and renders a sample through the public API, writing the bytes the CLI writes', async () => {
    const project = await consumerProject(USE);
    const out = path.join(project, 'out');
    const { stdout, stderr } = await run(process.execPath, ['use.mjs', SAMPLE, out], { cwd: project });
    expect(stderr).toBe('');
    const result = JSON.parse(stdout) as UseResult;

    // Node follows the link: node_modules/baocao → the repository.
    expect(result.resolved).toBe(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href);
    expect(result.exports).toEqual(expect.arrayContaining(['validate', 'render', 'batch', 'rules', 'DiagnosticError', 'DEFAULT_TEMPLATES_DIR']));
    expect(result.exports).not.toContain('buildTemplate'); // build-time code is not part of the package
    expect(result.checked).toEqual([{ typeName: 'BÁO CÁO', diagnostics: [] }]);
    expect(result.runDiagnostics).toEqual([]);
    expect(result.missing).toEqual(['file-unreadable']);
    expect(result.exitCodes).toEqual([0, 1]);
    expect(result.rules).toBe(Object.keys(rules).length);

    const docx = path.join(out, 'ha-tinh', 'phuong-thach-quy', '2024-q3.docx');
    expect(result.rendered).toEqual([{ outputs: [docx], diagnostics: [] }]);
    const bytes = await readFile(docx);
    expect(openDocx(bytes).part('word/document.xml')).toContain('PHƯỜNG THẠCH QUÝ');

    const cliOut = path.join(project, 'cli-out');
    const cli = await runCli(['render', SAMPLE, '--format', 'docx', '--out', cliOut]);
    expect(cli.code).toBe(0);
    expect(Buffer.compare(bytes, await readFile(path.join(cliOut, 'ha-tinh', 'phuong-thach-quy', '2024-q3.docx')))).toBe(0);
  });

  it('resolves by name inside the package too (self-reference through "exports")', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', "const b = await import('baocao'); console.log(typeof b.validate, typeof b.render, typeof b.batch)"], {
      cwd: ROOT,
    });
    expect(stdout.trim()).toBe('function function function');
  });

  it('names its entry in package.json: main, types and exports point at dist/index', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.main).toBe('dist/index.js');
    expect(manifest.types).toBe('dist/index.d.ts');
    expect(manifest.exports).toMatchObject({ '.': { types: './dist/index.d.ts', default: './dist/index.js' } });
    const types = await readFile(path.join(ROOT, 'dist', 'index.d.ts'), 'utf8');
    for (const name of ['validate', 'render', 'batch', 'ValidateRunOptions', 'RenderRunOptions', 'BatchOptions', 'Diagnostic', 'RuleId']) {
      expect(types).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});
