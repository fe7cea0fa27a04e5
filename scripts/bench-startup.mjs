#!/usr/bin/env node
/**
 * Start-up of one-file commands (issue 24), each as a whole `baocao` process beside `node -e 0`
 * in the same run, so the ratios hold across machines:
 *   --version                       target ≤ 1.5× node -e 0
 *   validate <Thạch Quý .yaml>       target ≤ 3×
 *   text <Thạch Quý .docx>           target ≤ 3×
 *   diff <Thạch Quý .yaml> <edited>  target ≤ 3× (the five edits of scripts/bench-diff.mjs)
 *   render --format docx <.yaml>     target ≤ 4×
 * Every command runs `rounds` times (default 15), round-robin with the baseline (a busy phase of
 * the machine falls on all of them alike); each figure is the median wall time of its runs (the
 * target's measure). Beside it, `CPU n×`: the CPU time of all its runs (every thread, user + system,
 * from /proc/self/stat's children times) over that of `node -e 0` — steadier than wall time on a
 * machine busy with other work, where a process waits for a core as much as it runs.
 * The program run is package.json's `bin` (the bundled CLI, scripts/bundle.mjs); `--bin <file>`
 * measures another entry (e.g. dist/cli/bin.js, tsc's output, for a before/after).
 *
 *   node scripts/bench-startup.mjs [--rounds N] [--bin <file>]   prints the `startup:` lines
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { editedTree } from './bench-diff.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(root, 'data', 'ha-tinh', 'phuong-thach-quy', '2024-q3.yaml');

/** package.json's `bin`: what `baocao` runs once installed. */
export function installedBin() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, pkg.bin.baocao);
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, ms) of this process's waited-for children so far, from /proc; 0 elsewhere. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the comm: state(0) … cutime(13) cstime(14)
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
}

/** One run: its wall time and its CPU time (every thread of the process), in ms. */
function runOnce(args, cwd) {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')}: mã thoát ${result.status}\n${result.stderr}`);
  return { ms, cpuMs: childrenCpuMs() - cpuBefore };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

export async function benchStartup({ rounds = 15, bin } = {}) {
  const cli = bin ?? installedBin();
  const work = await mkdtemp(path.join(tmpdir(), 'baocao-bench-startup-'));
  try {
    const edited = await editedTree(work);
    const out = path.join(work, 'out');
    // The DOCX `text` reads: the sample rendered once by the program measured.
    runOnce([cli, 'render', SAMPLE, '--format', 'docx', '--out', path.join(work, 'docx')], root);
    const docx = path.join(work, 'docx', 'ha-tinh', 'phuong-thach-quy', '2024-q3.docx');
    const commands = [
      { name: 'version', target: 1.5, args: [cli, '--version'] },
      { name: 'validate', target: 3, args: [cli, 'validate', SAMPLE] },
      { name: 'text', target: 3, args: [cli, 'text', docx] },
      { name: 'diff', target: 3, args: [cli, 'diff', SAMPLE, edited] },
      { name: 'render_docx', target: 4, args: [cli, 'render', SAMPLE, '--format', 'docx', '--out', out] },
    ];
    const baseline = [];
    const times = commands.map(() => []);
    runOnce(['-e', '0'], root); // the file cache warm for every program
    for (const command of commands) runOnce(command.args, root);
    for (let round = 0; round < rounds; round++) {
      baseline.push(runOnce(['-e', '0'], root));
      commands.forEach((command, i) => times[i].push(runOnce(command.args, root)));
    }
    const node = median(baseline.map((t) => t.ms));
    const nodeCpu = sum(baseline.map((t) => t.cpuMs));
    return {
      bin: path.relative(root, cli),
      rounds,
      nodeMs: node,
      commands: commands.map((command, i) => {
        const ms = median(times[i].map((t) => t.ms));
        return { name: command.name, target: command.target, ms, ratio: ms / node, cpuRatio: nodeCpu > 0 ? sum(times[i].map((t) => t.cpuMs)) / nodeCpu : undefined };
      }),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One line per command, its ratio beside its target, then the `startup:` summary line. */
export function benchStartupLines(r) {
  const lines = r.commands.map(
    (c) =>
      `startup ${c.name}: ${c.ms.toFixed(0)} ms = ${c.ratio.toFixed(2)}× node -e 0 (mục tiêu ≤ ${c.target}×${c.ratio <= c.target ? ', đạt' : ', CHƯA ĐẠT'})` +
      (c.cpuRatio === undefined ? '' : `; CPU ${c.cpuRatio.toFixed(2)}×`),
  );
  lines.push(`startup: node=${r.nodeMs.toFixed(0)}ms ${r.commands.map((c) => `${c.name}=${c.ratio.toFixed(2)}x`).join(' ')} (${r.bin}, trung vị ${r.rounds} lần)`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, bin: { type: 'string' } } });
  const result = await benchStartup({ rounds: Number(values.rounds), ...(values.bin ? { bin: path.resolve(values.bin) } : {}) });
  for (const line of benchStartupLines(result)) console.log(line);
}
