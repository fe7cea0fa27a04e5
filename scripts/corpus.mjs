#!/usr/bin/env node
/**
 * npm run corpus -- --units N --out DIR [--seed S] [--real]
 * Writes a realistic synthetic data tree (see tools/corpus/corpus.ts) that passes `baocao validate`;
 * with --real, N copies of the shipped Thạch Quý sample instead (tools/corpus/real-corpus.ts).
 * Runs the compiled tools (dist-tools/), which `npm run corpus` builds first (tsc -p tsconfig.tools.json).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tool = (file) => import(pathToFileURL(path.join(root, 'dist-tools', 'tools', 'corpus', file)).href);
const { CORPUS_HEADER, generateCorpus, writeCorpus } = await tool('corpus.js');
const { generateRealCorpus } = await tool('real-corpus.js');

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '200' },
    out: { type: 'string', default: 'corpus' },
    seed: { type: 'string', default: '1' },
    real: { type: 'boolean', default: false },
  },
});
const units = Number(values.units);
const seed = Number(values.seed);
if (!Number.isInteger(units) || units < 1 || !Number.isInteger(seed)) {
  process.stderr.write('Dùng: npm run corpus -- --units <số đơn vị> --out <thư mục> [--seed <số>] [--real]\n');
  process.exit(2);
}
const files = values.real ? await generateRealCorpus({ units, seed }) : generateCorpus({ units, seed });
// A fresh tree every time (units left from a larger earlier run would change the plan), but only
// over an earlier corpus: never delete a folder of real data.
const marker = await readFile(path.join(values.out, 'mac-dinh.yaml'), 'utf8').catch(() => undefined);
const entries = await readdir(values.out).catch(() => []);
if (entries.length > 0 && !marker?.startsWith(CORPUS_HEADER)) {
  process.stderr.write(`"${values.out}" đã có dữ liệu không phải do npm run corpus tạo ra: chọn thư mục khác.\n`);
  process.exit(1);
}
await rm(values.out, { recursive: true, force: true });
await writeCorpus(values.out, files);
const kind = values.real ? 'bản sao mẫu Thạch Quý' : 'tổng hợp';
process.stdout.write(`✔ ${values.out}: ${units} đơn vị (${kind}), ${files.size} tệp (seed ${seed}).\n`);
