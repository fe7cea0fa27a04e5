/**
 * The dependency rule, read from the imports themselves (static, dynamic, `export … from`, type-only):
 * the pipeline load → merge → rollup → issuing → validate → compute → render → write, each stage importing only the
 * shared core, the markup language, diagnostics and earlier stages; drivers run the stages; nothing
 * imports the CLI; validate and compute meet only in the core. CONTRIBUTING.md's "Folders and stages" table says the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');
const srcDir = path.join(root, 'src');

/** The stages, in pipeline order. */
const STAGES = ['load', 'merge', 'rollup', 'issuing', 'validate', 'compute', 'render', 'write'] as const;
/** Shared by every stage: the input schema and report model, the markup language, the problems. */
const SHARED = ['core', 'markup', 'diagnostics'] as const;
/** Run the stages: folders, and single files directly in src/. */
const DRIVERS = ['run', 'batch', 'diff', 'import', 'preview', 'next-period', 'pipeline.ts', 'index.ts', 'paths.ts'] as const;
/** Shared by the drivers that read Word packages (import, diff): no stage imports it, it imports only itself. */
const WORD = 'word';
const CLI = 'cli';

/** The unit of a file below src/: its top folder, or its own name when it sits in src/ itself. */
function unitOf(relative: string): string {
  return relative.split(/[\\/]/)[0]!;
}

/** Why `from` may not import `to` (both units), or undefined when it may. */
function violation(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (to === CLI) return 'nothing imports the CLI';
  if (from === CLI) return undefined;
  if ((DRIVERS as readonly string[]).includes(from)) return undefined;
  if (from === 'diagnostics') return 'diagnostics imports only diagnostics';
  if (from === WORD) return 'src/word imports only src/word';
  if ((SHARED as readonly string[]).includes(from)) {
    return (SHARED as readonly string[]).includes(to) ? undefined : `${from} imports only ${SHARED.join(', ')}`;
  }
  const stage = (STAGES as readonly string[]).indexOf(from);
  // validate hands compute a ValidatedDocument (src/core/): the two meet in the core only.
  if (from === 'compute' && to === 'validate') return 'compute and validate meet in the core only (ValidatedDocument)';
  if (stage >= 0) {
    if ((SHARED as readonly string[]).includes(to)) return undefined;
    const target = (STAGES as readonly string[]).indexOf(to);
    if (target >= 0 && target < stage) return undefined;
    return `the ${from} stage imports only ${SHARED.join(', ')} and earlier stages (${STAGES.slice(0, stage).join(', ') || 'none'})`;
  }
  return `src/${from} is in no row of the rule: add it to test/architecture.test.ts and the CONTRIBUTING.md table`;
}

interface ImportEdge {
  file: string;
  specifier: string;
  from: string;
  to: string;
}

/** Every relative import of a TypeScript source, parsed by the compiler (static, dynamic, re-exports). */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** Every import edge inside src/ (npm and node: packages are free). */
function sourceEdges(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  for (const name of files) {
    const file = path.join(srcDir, name);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = path.relative(srcDir, path.resolve(path.dirname(file), specifier));
      edges.push({ file: `src/${name}`, specifier, from: unitOf(name), to: unitOf(target) });
    }
  }
  return edges;
}

describe('the dependency rule', () => {
  const edges = sourceEdges();

  it('reads the imports of every kind', () => {
    const text = [
      "import { a } from '../core/a.js';",
      "import type { B } from '../markup/b.js';",
      "export { c } from './c.js';",
      "const d = await import('../render/d.js');",
      "// import { e } from '../cli/e.js';",
      "const s = \"import { f } from '../cli/f.js'\";",
      "import 'node:fs';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['../core/a.js', '../markup/b.js', './c.js', '../render/d.js', 'node:fs']);
    // Sanity: the parse finds the pipeline's own edges, so an empty list below means something.
    expect(edges.some((edge) => edge.from === 'compute' && edge.to === 'core')).toBe(true);
    expect(edges.some((edge) => edge.file === 'src/render/registry.ts' && edge.specifier === './docx/render-docx.js')).toBe(true);
  });

  it('holds for every import in src/', () => {
    const broken = edges
      .map((edge) => ({ edge, why: violation(edge.from, edge.to) }))
      .filter((entry) => entry.why !== undefined)
      .map(({ edge, why }) => `${edge.file} → ${edge.specifier}: ${why}`);
    expect(broken).toEqual([]);
  });

  it('says no to what it forbids', () => {
    expect(violation('validate', 'compute')).toMatch(/earlier stages \(load, merge, rollup, issuing\)/);
    expect(violation('rollup', 'issuing')).toBeDefined();
    expect(violation('rollup', 'run')).toBeDefined();
    expect(violation('compute', 'render')).toBeDefined();
    expect(violation('load', 'merge')).toBeDefined();
    expect(violation('core', 'validate')).toBeDefined();
    expect(violation('markup', 'compute')).toBeDefined();
    expect(violation('diagnostics', 'core')).toBeDefined();
    expect(violation('render', 'run')).toBeDefined();
    expect(violation('batch', 'cli')).toBe('nothing imports the CLI');
    expect(violation('render', 'cli')).toBe('nothing imports the CLI');
    expect(violation('new-folder', 'core')).toMatch(/in no row/);
    expect(violation('word', 'core')).toMatch(/only src\/word/);
    expect(violation('render', 'word')).toBeDefined();
    expect(violation('compute', 'validate')).toMatch(/core only/);
    // …and yes to what it allows.
    expect(violation('render', 'compute')).toBeUndefined();
    expect(violation('validate', 'merge')).toBeUndefined();
    expect(violation('issuing', 'rollup')).toBeUndefined();
    expect(violation('core', 'markup')).toBeUndefined();
    expect(violation('batch', 'run')).toBeUndefined();
    expect(violation('cli', 'batch')).toBeUndefined();
    expect(violation('diff', 'word')).toBeUndefined();
    expect(violation('import', 'word')).toBeUndefined();
  });

  it('has no import cycle between files', () => {
    const next = new Map<string, string[]>();
    for (const edge of edges) {
      const target = path.relative(root, path.resolve(root, path.dirname(edge.file), edge.specifier)).replace(/\.js$/, '.ts');
      next.set(edge.file, [...(next.get(edge.file) ?? []), target]);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of next.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of next.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('parses markup only in validate: compute reads the parsed form', () => {
    const parsers = edges
      .filter((edge) => edge.to === 'markup' && /\/inline\.js$/.test(edge.specifier))
      .filter((edge) => /\bparseInline\b/.test(importLine(edge)))
      .map((edge) => edge.file);
    expect(parsers.length).toBeGreaterThan(0);
    expect(parsers.filter((file) => !file.startsWith('src/validate/') && !file.startsWith('src/markup/'))).toEqual([]);
  });
});

describe('the working folder', () => {
  it('only src/cli/bin.ts reads or changes the process\'s folder: main() and the library get it as `cwd`', () => {
    const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const name of files) {
      const file = `src/${name.split(path.sep).join('/')}`;
      if (file === 'src/cli/bin.ts') continue;
      readFileSync(path.join(srcDir, name), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/process\.(cwd|chdir)\b/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
    // The check sees what it looks for: bin.ts hands the process's folder to main().
    expect(readFileSync(path.join(srcDir, 'cli', 'bin.ts'), 'utf8')).toMatch(/cwd: process\.cwd\(\)/);
  });
});

describe('a document\'s identity', () => {
  it('its file name is read once, when it is found: only discovery parses a document name (src/core/period.ts holds the parser)', () => {
    const callers = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `src/${name.split(path.sep).join('/')}`)
      .filter((file) => file !== 'src/core/period.ts')
      .filter((file) => /\b(parseDocumentName|periodOfDocument)\(/.test(readFileSync(path.join(root, file), 'utf8')))
      .sort();
    // find-documents reads every found document's name into DocumentSource.name (and suggests one for a
    // wrong name); the issuing stage reads the name of the decision file beside a plan; ky-moi the name
    // of the file the user typed. Every stage after discovery reads `source.name`.
    expect(callers).toEqual(['src/issuing/gather-issuing-decision.ts', 'src/load/find-documents.ts', 'src/next-period/run-next-period.ts']);
  });
});

/** The import statement of an edge, for the names it brings in. */
function importLine(edge: ImportEdge): string {
  const text = readFileSync(path.join(root, edge.file), 'utf8');
  const at = text.indexOf(`'${edge.specifier}'`);
  const start = text.lastIndexOf('import', at);
  return text.slice(start, at);
}

describe('what a command loads before it knows what it needs', () => {
  /** The files and packages a file loads when it is imported (static value imports; `import type` and `import()` load nothing then). */
  function staticallyLoaded(start: string): Map<string, string> {
    const reachedFrom = new Map<string, string>([[start, '']]);
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm)) {
        const specifier = match[1]!;
        const target = specifier.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier;
        if (reachedFrom.has(target)) continue;
        reachedFrom.set(target, file);
        if (specifier.startsWith('.')) queue.push(target);
      }
    }
    return reachedFrom;
  }

  /** How `target` was reached: the import chain from the start file, for a failure's message. */
  function chainTo(loaded: Map<string, string>, target: string): string {
    const trail = [target];
    for (let at = loaded.get(target); at; at = loaded.get(at)) trail.unshift(at);
    return trail.join(' → ');
  }

  it('an unchanged re-run loads neither the pipeline nor zod: the batch command reaches them only through import()', () => {
    const loaded = staticallyLoaded('src/cli/batch-command.ts');
    for (const heavy of ['src/run/stages.ts', 'src/compute/compute-report.ts', 'zod', 'piscina', 'docxtemplater']) {
      expect(loaded.has(heavy), loaded.has(heavy) ? chainTo(loaded, heavy) : heavy).toBe(false);
    }
    // The walk itself sees what it must: the batch's own modules.
    expect(loaded.has('src/batch/run-batch.ts')).toBe(true);
    expect(loaded.has('src/batch/inputs.ts')).toBe(true);
  });

  it('a diff of two YAML files loads neither the Word reader nor the package writer: they come through import() for a .docx side or --docx', () => {
    const loaded = staticallyLoaded('src/cli/diff-command.ts');
    for (const heavy of ['pizzip', 'saxes', 'src/render/docx/package.ts', 'src/diff/read/read-docx.ts', 'src/diff/redline/redline.ts']) {
      expect(loaded.has(heavy), loaded.has(heavy) ? chainTo(loaded, heavy) : heavy).toBe(false);
    }
    expect(loaded.has('src/diff/read/read-input.ts')).toBe(true);
  });

  it('text of a .docx loads neither the pipeline, nor zod, nor yaml: they come through import() for a period file', () => {
    // The command, and the Word reader it imports for a .docx side.
    for (const start of ['src/cli/text-command.ts', 'src/diff/read/read-docx.ts']) {
      const loaded = staticallyLoaded(start);
      for (const heavy of ['zod', 'yaml', 'src/pipeline.ts', 'src/diff/read/pipeline-adapter.ts', 'src/render/open-templates.ts']) {
        expect(loaded.has(heavy), loaded.has(heavy) ? chainTo(loaded, heavy) : `${start}: ${heavy}`).toBe(false);
      }
    }
    expect(staticallyLoaded('src/cli/text-command.ts').has('src/diff/read/read-input.ts')).toBe(true);
  });
});
