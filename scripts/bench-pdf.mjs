#!/usr/bin/env node
/**
 * node scripts/bench-pdf.mjs [--runs N] [--pages P] [--file <yaml>]
 * The PDF renderer alone on one report (default the Thạch Quý sample), N times in a row after one
 * warm-up: CPU per report of this process and of each Chromium process (from /proc), by process
 * type, so a change in src/render/pdf can be measured without the batch around it.
 */
import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    pages: { type: 'string', default: '1' },
    file: { type: 'string', default: path.join(root, 'data', 'ha-tinh', 'phuong-thach-quy', '2024-q3.yaml') },
  },
});
const runs = Number(values.runs);
const { prepareDocument } = await dist('pipeline.js');
const { openTemplates } = await dist('render/open-templates.js');
const { findDocuments } = await dist('load/find-documents.js');
const { PdfRenderer } = await dist('render/pdf/pdf-renderer.js');
const templates = openTemplates(path.join(root, 'templates'));
const { documents } = await findDocuments([values.file]);
const { model } = await prepareDocument(documents[0], templates);

const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
async function tree() {
  const parents = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(name), ppid);
  }
  const set = new Set([process.pid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const [pid, ppid] of parents) if (!set.has(pid) && set.has(ppid)) set.add(pid), (grown = true);
  }
  set.delete(process.pid);
  return [...set];
}
async function snapshot() {
  const out = new Map();
  for (const pid of await tree()) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
    const sub = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1];
    out.set(pid, { type: sub ? `${type}:${sub.split('.').pop()}` : type, ms: ((Number(f[11]) + Number(f[12])) * 1000) / ticks });
  }
  return out;
}

const renderer = await PdfRenderer.open({ templates, pages: Number(values.pages), browserEnv: process.env });
let bytes = 0;
for (let i = 0; i < 3; i++) bytes = (await renderer.render(model)).length; // warm-up
const before = await snapshot();
const node0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < runs; i++) await renderer.render(model);
const wall = (performance.now() - t0) / runs;
const nodeUsed = process.cpuUsage(node0);
const after = await snapshot();
await renderer.close();
const byType = {};
for (const [pid, { type, ms }] of after) byType[type] = (byType[type] ?? 0) + (ms - (before.get(pid)?.ms ?? 0)) / runs;
const nodeMs = (nodeUsed.user + nodeUsed.system) / 1000 / runs;
const chromium = Object.values(byType).reduce((a, b) => a + b, 0);
const parts = Object.entries(byType).map(([t, ms]) => `${t} ${ms.toFixed(1)}`).join(', ');
console.log(`bench-pdf: ${(nodeMs + chromium).toFixed(1)} ms CPU/report (Node ${nodeMs.toFixed(1)}; ${parts}); wall ${wall.toFixed(1)} ms; ${bytes} bytes; ${runs} runs`);
