/**
 * docxtemplater, as the DOCX writer loads it. It is CommonJS: imported from ESM, Node first scans
 * its main file (35 kB) with cjs-module-lexer for named exports; on every thread that loads it,
 * that scan ran hot enough for V8 to optimise the lexer (twice, ~25–95 ms of compiler time each,
 * measured with --trace-opt on a 500-report batch, issue 12). `require` loads the same file without
 * the scan. The bundled CLI (scripts/bundle.mjs) holds docxtemplater itself in place of this
 * `require`: no file of the package is read there.
 */
import { createRequire } from 'node:module';
import type DocxtemplaterType from 'docxtemplater';

export const Docxtemplater = createRequire(import.meta.url)('docxtemplater') as typeof DocxtemplaterType;
