#!/usr/bin/env node
/**
 * Bundles the `baocao` command (issue 24): src/cli/bin.ts and the batch's worker thread
 * (src/batch/stage-worker.ts) into dist/bundle/ with esbuild — ES modules for Node, code shared by
 * several commands in shared chunks, each command's own code in its own chunk (the commands table,
 * src/cli/commands.ts, imports them lazily, so each stays a chunk loaded only when run).
 * Loading a command is then a few files instead of hundreds of modules (`validate`: 239 → ~10).
 * package.json's `bin` is dist/bundle/baocao.js; the library (`import('baocao')`, dist/index.js) and
 * the modules tests import stay tsc's output (`tsc -p tsconfig.build.json`).
 *
 * What the bundle keeps outside, loaded from node_modules when used:
 *   - puppeteer-core (the PDF writer's browser driver: large, loaded only to print, with its own
 *     dynamic imports), pdfjs-dist (reads PDFs for `text`/`diff`: it starts its own worker module by
 *     a path relative to itself) and @napi-rs/canvas (native, which pdfjs-dist may load);
 *   - piscina: its pool starts threads from its own dist/worker.js, found beside itself;
 * Paths the code resolves at run time still hold: PACKAGE_ROOT is two folders above the module
 * (dist/bundle/*.js as dist/core/*.js), and the batch finds its worker as `stage-worker.js` beside
 * the chunk that starts it (src/batch/engines.ts), both in dist/bundle/.
 *
 * Two modules load a package in a way tuned for tsc's output, and the bundle puts the package in
 * their place (REPLACED): src/load/yaml-library.ts imports `yaml`'s ES-module build by path at run
 * time (the Node build reads process.env.LOG_TOKENS per token) — the bundle holds that build for
 * every `yaml` import, so the package is in it once; src/render/docx/docxtemplater-library.ts
 * `require`s docxtemplater (skipping Node's export scan of CommonJS) — the bundle holds it, so none
 * of its ~35 files (and @xmldom's) is read.
 *
 *   node scripts/bundle.mjs     (part of `npm run build` and scripts/setup.mjs)
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = path.join(root, 'dist', 'bundle');

/** The `yaml` package's ES-module build, as src/load/yaml-library.ts finds it. */
const yamlEsmBuild = fileURLToPath(new URL('browser/dist/index.js', import.meta.resolve('yaml/package.json', pathToFileURL(path.join(root, 'package.json')).href)));

/**
 * Modules the bundle replaces, each a way of loading a package tuned for tsc's output that a bundle
 * does not need: the `yaml` ES-module build imported by path at run time, docxtemplater `require`d
 * (to skip Node's CommonJS export scan). In the bundle each is the package itself, bundled.
 */
const REPLACED = [
  { module: /[\\/]src[\\/]load[\\/]yaml-library\.ts$/, contents: "export * from 'yaml';" },
  { module: /[\\/]src[\\/]render[\\/]docx[\\/]docxtemplater-library\.ts$/, contents: "export { default as Docxtemplater } from 'docxtemplater';" },
];

/**
 * Package files the bundle holds with a few words changed, each edit checked (a new version of the
 * package that no longer has the text stops the build, never a bundle silently without the edit):
 *   - @xmldom/xmldom's entities.js builds and freezes its table of 2,231 HTML entities when it is
 *     loaded, ~10 ms of every `render --format docx` (docxtemplater loads xmldom; Object.freeze of
 *     so large an object is slow in V8). docxtemplater parses XML only, whose five entities are
 *     another table: the HTML one (and its deprecated alias `entityMap`) is built on first use.
 */
export const PATCHED = [
  {
    module: /[\\/]@xmldom[\\/]xmldom[\\/]lib[\\/]entities\.js$/,
    edits: [
      [
        'exports.HTML_ENTITIES = freeze({',
        "var htmlEntities;\nObject.defineProperty(exports, 'HTML_ENTITIES', { enumerable: true, get: function () { return htmlEntities || (htmlEntities = freeze(htmlEntityTable())); } });\nfunction htmlEntityTable() { return {",
      ],
      ['\tzwnj: \'\\u200C\',\n});', "\tzwnj: '\\u200C',\n}; }"],
      ['exports.entityMap = exports.HTML_ENTITIES;', "Object.defineProperty(exports, 'entityMap', { enumerable: true, get: function () { return exports.HTML_ENTITIES; } });"],
    ],
  },
];

/** A package file's source with its edits made; throws when one no longer applies exactly once. */
export function patchedSource(file, contents, edits) {
  for (const [from, to] of edits) {
    if (contents.split(from).length !== 2) throw new Error(`scripts/bundle.mjs: ${file} no longer holds ${JSON.stringify(from)} once: update PATCHED`);
    contents = contents.replace(from, () => to);
  }
  return contents;
}

const libraries = {
  name: 'baocao-libraries',
  setup(esbuild) {
    // Every `yaml` import gets the ES-module build, so the package is in the bundle once.
    esbuild.onResolve({ filter: /^yaml$/ }, () => ({ path: yamlEsmBuild }));
    for (const { module, contents } of REPLACED) esbuild.onLoad({ filter: module }, () => ({ contents, loader: 'ts', resolveDir: root }));
    for (const { module, edits } of PATCHED) {
      esbuild.onLoad({ filter: module }, async (args) => ({ contents: patchedSource(args.path, await readFile(args.path, 'utf8'), edits), loader: 'js' }));
    }
  },
};

export async function bundle() {
  await rm(BUNDLE_DIR, { recursive: true, force: true });
  return build({
    absWorkingDir: root,
    entryPoints: { baocao: 'src/cli/bin.ts', 'stage-worker': 'src/batch/stage-worker.ts' },
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    chunkNames: 'chunk-[hash]',
    external: ['puppeteer-core', 'pdfjs-dist', '@napi-rs/canvas', 'piscina'],
    plugins: [libraries],
    // CommonJS packages inside the bundle (commander, docxtemplater's peers) call `require` for
    // Node's own modules; an ES module has no `require`, so every chunk gets one.
    banner: { js: "import { createRequire as __baocaoCreateRequire } from 'node:module'; const require = __baocaoCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundle();
