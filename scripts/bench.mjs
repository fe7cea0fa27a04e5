#!/usr/bin/env node
/**
 * npm run bench -- [--units N] [--corpus real|synthetic|both] [--jobs J] [--pages P] [--skip-libreoffice] [--keep]
 * (BAOCAO_BROWSER=<path> picks the browser that prints, as for the CLI; the table names it)
 *
 * Two corpora of N units each, in a temporary folder, measured one after the other in this one
 * process (--corpus picks one; default both):
 *   - synthetic: tools/corpus/corpus.ts, 3–4-page reports from ~6 KB of YAML;
 *   - real-size: tools/corpus/real-corpus.ts, N copies of the shipped Thạch Quý sample (8 pages,
 *     12 footnotes, 30 KB of YAML) that differ in `so`, `ngay` and some figures.
 * On each:
 *   1. DOCX batch (all reports rendered)                       → DOCX reports/s, and reports per
 *      CPU-second (`docx_cpu=`: this process, every thread, as the PDF CPU below)
 *      On the real-size corpus, then the DOCX baselines of scripts/bench-docxtemplater.mjs on the same
 *      files, one core, in this process: bare docxtemplater + pizzip with real footnotes
 *      (`docxtemplater=`, reports per CPU-second; target: real_docx_cpu ≥ 1.0× it) and the floor,
 *      parse + build the XML + deflate + zip (`floor=`, ms of CPU per report; target: baocao's CPU
 *      per report ≤ 4× it); the table prints both ratios beside their targets
 *   2. PDF batch (all reports rendered)                        → PDF reports/s, and the PDF CPU per
 *      report: this process (every thread, `process.cpuUsage`, the meter's own readings included) plus
 *      every Chromium process below it (utime + stime from /proc/<pid>/stat, read every 100 ms,
 *      the last reading of each; startup and shutdown included, so small runs count them more)
 *   3. DOCX+PDF batch into a fresh folder, then the same again (everything unchanged), in this
 *      process and then as `baocao batch` processes (package.json's bin) against a bare
 *      `baocao --version`, round-robin, median of 7: `rerun=` is that ratio (target ≤ 2×)
 *   4. the reference: the DOCX of step 1 converted by LibreOffice headless, 20 documents per
 *      `soffice --convert-to pdf` call, one call after the other, with a private profile
 *      (warmed up by one conversion that is not timed)    → LibreOffice reports/s
 *      (--skip-libreoffice leaves this step out, for a quick run on a busy machine: the `bench:`
 *      line then has no `libreoffice=` fields — absent means not measured, `n/a` could not run)
 * Peak memory is sampled every 250 ms during steps 1–3 of each corpus from /proc: this process
 * (with its worker threads) plus every process below it (the browser and its helpers), as PSS (see
 * startSampler); LibreOffice is not counted. After the Typst baseline's line (scripts/bench-typst.mjs:
 * the real-size report compiled by Typst with its cache evicted, or "typst: không có" without its
 * package) it prints the `bench:` line, the two lines of scripts/bench-diff.mjs (the speed of
 * `baocao diff`) and, last, those of scripts/bench-startup.mjs (start-up of one-file commands, each
 * against `node -e 0`: a line per command with its target, then the `startup:` line):
 *   bench: units=N docx=<reports/s> docx_cpu=<reports/CPU-s> pdf=<reports/s> pdf_cpu=<ms> libreoffice=<reports/s> peak=<MB> rerun=<×> real_docx=… real_docx_cpu=… docxtemplater=<reports/CPU-s> floor=<ms> real_pdf=… real_pdf_cpu=… real_libreoffice=… real_peak=<MB> real_rerun=<×> typst=<ms>|n/a
 *   bench-diff: pair=<ms>ms …
 *   bench-diff: folder=<s>s …
 *   bench-xem: calm save→painted p50=<ms>ms p95=<ms>ms; rebuild p50=… p95=…; p95 ratio=<x>× …
 *   bench-xem: 2 hogs save→painted … (the same with two busy-looping processes running)
 *   startup version: … (one line per command)
 *   startup: node=<ms>ms version=<×>x validate=<×>x text=<×>x diff=<×>x render_docx=<×>x (…)
 * (with --corpus real or synthetic, the `bench:` line holds units= and that corpus's fields only).
 * Runs the built library (dist/) and the compiled corpus generators (dist-tools/); `npm run bench`
 * builds both first (scripts/setup.mjs, then tsc -p tsconfig.tools.json).
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);
const { runBatch } = await dist('batch/run-batch.js');
const tool = (file) => import(pathToFileURL(path.join(root, 'dist-tools', 'tools', 'corpus', file)).href);
const { generateCorpus, writeCorpus, CORPUS_PERIOD } = await tool('corpus.js');
const { generateRealCorpus } = await tool('real-corpus.js');
const { DEFAULT_TEMPLATES_DIR } = await dist('paths.js');
const { findBrowser } = await dist('render/pdf/find-browser.js');
const { benchTypst, typstWords } = await import(pathToFileURL(path.join(root, 'scripts', 'bench-typst.mjs')).href);
const { benchStartup, benchStartupLines, installedBin } = await import(pathToFileURL(path.join(root, 'scripts', 'bench-startup.mjs')).href);
const { benchDocxtemplater, docxtemplaterLines, realReports } = await import(pathToFileURL(path.join(root, 'scripts', 'bench-docxtemplater.mjs')).href);

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '200' },
    jobs: { type: 'string' },
    pages: { type: 'string' },
    corpus: { type: 'string', default: 'both' },
    templates: { type: 'string', default: DEFAULT_TEMPLATES_DIR },
    keep: { type: 'boolean', default: false },
    'skip-libreoffice': { type: 'boolean', default: false },
  },
});
const units = Number(values.units);
const CORPORA = { synthetic: ['synthetic'], real: ['real'], both: ['synthetic', 'real'] };
if (!Number.isInteger(units) || units < 1 || !Object.hasOwn(CORPORA, values.corpus)) {
  process.stderr.write('Dùng: npm run bench -- --units <số đơn vị> [--corpus real|synthetic|both] [--jobs <n>] [--pages <n>] [--skip-libreoffice]\n');
  process.exit(2);
}
const jobs = values.jobs ? Number(values.jobs) : availableParallelism();
const pages = values.pages ? Number(values.pages) : undefined;
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

// ---- memory: this process and all its descendants, from /proc ----
/** The children of a process, from /proc/<pid>/task/<tid>/children (one small read per thread). */
async function childrenOf(pid) {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const lists = await Promise.all(tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((list) => list.split(' ').filter(Boolean).map(Number));
}

/**
 * This process and every process below it. Walks the children files down from `rootPid`, so the
 * samplers' own CPU stays small beside a batch's (a scan of every /proc/<pid>/stat on a shared
 * machine cost more than the DOCX batch it measured); the scan is the fallback where the kernel
 * has no children files.
 */
async function processTree(rootPid) {
  if (hasChildrenFiles) {
    const tree = [rootPid];
    for (let i = 0; i < tree.length; i++) tree.push(...(await childrenOf(tree[i])));
    return tree;
  }
  const parents = new Map();
  for (const name of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(name), ppid);
  }
  const tree = new Set([rootPid]);
  let grown = true;
  while (grown) {
    grown = false;
    for (const [pid, ppid] of parents) if (!tree.has(pid) && tree.has(ppid)) tree.add(pid), (grown = true);
  }
  return [...tree];
}
const hasChildrenFiles = await readFile(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').then(
  () => true,
  () => false,
);

// ---- CPU: this process and all its descendants, from /proc ----
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in milliseconds, or undefined once it is gone. */
async function cpuOf(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the comm: state(0) ppid(1) … utime(11) stime(12)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/**
 * CPU used from now until the returned stop is called: this process (all its threads) and every
 * process below it. A descendant's last reading counts (one that ends between two readings loses
 * its last 100 ms at most). The meter's own readings (a few small /proc reads every 100 ms) count
 * too: `process.cpuUsage` cannot tell them from the worker threads running meanwhile, and taking
 * off the whole process's CPU during each reading took off the batch's own work with it (on a busy
 * 2-core machine, `real_docx_cpu` read 53 reports per CPU-second where `baocao batch` measured by
 * time(1) used 45 ms of CPU per report).
 */
function startCpuMeter() {
  const nodeStart = process.cpuUsage();
  const first = new Map();
  const last = new Map();
  let running = true;
  const read = async () => {
    const pids = (await processTree(process.pid)).filter((pid) => pid !== process.pid);
    for (const pid of pids) {
      const ms = await cpuOf(pid);
      if (ms === undefined) continue;
      if (!first.has(pid)) first.set(pid, ms);
      last.set(pid, ms);
    }
  };
  const loop = (async () => {
    await read();
    // what ran before the meter started is not counted: those already alive start at their first reading
    for (const pid of first.keys()) first.set(pid, last.get(pid));
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await read();
    }
  })();
  return async () => {
    running = false;
    await loop;
    const node = process.cpuUsage(nodeStart);
    let childrenMs = 0;
    for (const [pid, ms] of last) childrenMs += ms - (first.get(pid) ?? 0);
    return { nodeMs: (node.user + node.system) / 1000, childrenMs };
  };
}

/** Resident (RSS) and proportional (PSS: shared pages divided among their users) bytes of a process. */
async function memoryOf(pid) {
  const [status, rollup] = await Promise.all([
    readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''),
  ]);
  const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const rss = kb(status, 'VmRSS');
  return { rss, pss: kb(rollup, 'Pss') || rss };
}

/**
 * Samples this process and every process below it (the browser and its helpers). Two sums:
 * RSS counts a page shared by n Chromium processes n times (the browser's own code, ~100 MB, is
 * mapped by each of its ~12 processes); PSS counts it once, split among them — the memory the run
 * really takes. `peak=` reports PSS; the table shows both.
 */
function startSampler() {
  const peak = { pss: 0, rss: 0, node: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const pids = await processTree(process.pid);
      const sizes = await Promise.all(pids.map(memoryOf));
      peak.pss = Math.max(peak.pss, sizes.reduce((a, b) => a + b.pss, 0));
      peak.rss = Math.max(peak.rss, sizes.reduce((a, b) => a + b.rss, 0));
      peak.node = Math.max(peak.node, sizes[0]?.rss ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

// ---- the runs ----
async function timed(label, options) {
  const started = performance.now();
  const result = await runBatch({ ...options, jobs, browserEnv: process.env, ...(pages ? { writerOptions: { pdf: { pages } } } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const errors = [...result.diagnostics, ...result.reports.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors.slice(0, 5)) log(`${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    throw new Error(`${label}: ${errors.length} lỗi`);
  }
  log(`${label}: ${seconds.toFixed(2)} s (${result.counts.rendered} tạo, ${result.counts.unchanged} không đổi)`);
  return { seconds, result };
}

const execFileAsync = promisify(execFile);

async function libreOffice(reports, work) {
  const profile = pathToFileURL(path.join(work, 'lo-profile')).href;
  const outdir = path.join(work, 'lo-pdf');
  // Every report is <unit>/2024-q3.docx: give each a name of its own, or the PDFs overwrite each other.
  const input = path.join(work, 'lo-docx');
  await mkdir(input, { recursive: true });
  const docxFiles = [];
  for (const [i, file] of reports.entries()) {
    const link = path.join(input, `${String(i).padStart(5, '0')}.docx`);
    await symlink(file, link);
    docxFiles.push(link);
  }
  const convert = (files) =>
    execFileAsync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outdir, ...files], {
      maxBuffer: 16 * 1024 * 1024,
    });
  await convert(docxFiles.slice(0, 1)); // creates the profile; not timed
  const started = performance.now();
  for (let i = 0; i < docxFiles.length; i += 20) await convert(docxFiles.slice(i, i + 20));
  const seconds = (performance.now() - started) / 1000;
  const made = (await readdir(outdir)).filter((f) => f.endsWith('.pdf')).length;
  if (made < docxFiles.length) throw new Error(`LibreOffice chỉ tạo ${made}/${docxFiles.length} PDF`);
  return seconds;
}

/**
 * The unchanged re-run as a user starts it: `baocao batch` (package.json's bin) as a process, over
 * the DOCX+PDF folder step 3 made, against a bare `baocao --version`, round-robin, median of
 * `rounds` each (issue 24: target ≤ 2×).
 */
function cliRerun(data, outDir, rounds = 7) {
  const bin = installedBin();
  const wall = (args) => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) throw new Error(`baocao ${args.join(' ')}: mã thoát ${run.status}\n${run.stderr}`);
    return performance.now() - started;
  };
  const batchArgs = ['batch', data, '--ky', CORPUS_PERIOD, '--format', 'docx,pdf', '--out', outDir];
  const reruns = [];
  const versions = [];
  for (let i = 0; i < rounds; i++) {
    versions.push(wall(['--version']));
    reruns.push(wall(batchArgs));
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { rerunMs: median(reruns), versionMs: median(versions) };
}

/** The two corpora: how to make each, its title in the table, the prefix of its fields in the `bench:` line. */
const KINDS = {
  synthetic: { title: 'tổng hợp', prefix: '', files: async () => generateCorpus({ units, seed: 1 }) },
  real: { title: 'cỡ thật (bản sao mẫu Thạch Quý)', prefix: 'real_', files: async () => generateRealCorpus({ units, seed: 1 }) },
};

/** Steps 1–4 on one corpus, written under `dir`; prints its table, returns its `bench:` fields. */
async function measure(kind, dir) {
  const { title, prefix, files } = KINDS[kind];
  const data = path.join(dir, 'data');
  await writeCorpus(data, await files());
  log(`corpus ${title}: ${units} đơn vị trong ${data}; ${jobs} luồng${pages ? `, ${pages} tab` : ''}`);
  const base = { dataDir: data, period: CORPUS_PERIOD, templatesDir: values.templates, force: true };

  const stopSampler = startSampler();
  const stopDocxCpu = startCpuMeter();
  const docx = await timed(`${kind} DOCX`, { ...base, formats: ['docx'], outDir: path.join(dir, 'out') });
  const docxCpu = await stopDocxCpu();
  // Reports per CPU-second, every thread of this process (main + worker threads; issue 24).
  const docxPerCpuSecond = units / ((docxCpu.nodeMs + docxCpu.childrenMs) / 1000);
  // The DOCX baselines on the real-size corpus (issue 24): bare docxtemplater, and the floor.
  const baseline = kind === 'real' ? await benchDocxtemplater(await realReports(data)) : undefined;
  if (baseline) log(`${kind} docxtemplater: ${baseline.peerPerCpuSecond.toFixed(1)} văn bản/giây CPU; sàn ${baseline.floorMsPerReport.toFixed(2)} ms`);
  const stopCpu = startCpuMeter();
  const pdf = await timed(`${kind} PDF`, { ...base, formats: ['pdf'], outDir: path.join(dir, 'out') });
  const pdfCpu = await stopCpu();
  const pdfCpuMs = (pdfCpu.nodeMs + pdfCpu.childrenMs) / units;
  const both = await timed(`${kind} DOCX+PDF`, { ...base, formats: ['docx', 'pdf'], outDir: path.join(dir, 'both') });
  const rerun = await timed(`${kind} DOCX+PDF, không đổi`, { ...base, force: false, formats: ['docx', 'pdf'], outDir: path.join(dir, 'both') });
  const peak = await stopSampler();
  const cli = cliRerun(data, path.join(dir, 'both'));
  const rerunRatio = cli.rerunMs / cli.versionMs;

  const docxFiles = docx.result.reports.flatMap((r) => r.outputs.filter((o) => o.format === 'docx').map((o) => path.resolve(o.target)));
  let loSeconds;
  if (values['skip-libreoffice']) log(`${kind} LibreOffice: bỏ qua (--skip-libreoffice)`);
  else {
    try {
      loSeconds = await libreOffice(docxFiles, dir);
      log(`${kind} LibreOffice: ${loSeconds.toFixed(2)} s`);
    } catch (error) {
      log(`LibreOffice không chạy được: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }

  const rate = (seconds) => (seconds === undefined ? 'n/a' : (units / seconds).toFixed(1));
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
  const rows = [
    ['', 'giây', 'văn bản/s'],
    ['DOCX (batch, chỉ docx)', docx.seconds.toFixed(2), rate(docx.seconds)],
    ['PDF (batch, chỉ pdf)', pdf.seconds.toFixed(2), rate(pdf.seconds)],
    ['LibreOffice DOCX→PDF (20/lần)', loSeconds?.toFixed(2) ?? 'n/a', rate(loSeconds)],
    ['DOCX+PDF (batch)', both.seconds.toFixed(2), rate(both.seconds)],
    ['DOCX+PDF chạy lại, không đổi', rerun.seconds.toFixed(2), rate(rerun.seconds)],
    ['  cùng lần chạy lại, lệnh baocao batch', (cli.rerunMs / 1000).toFixed(2), rate(cli.rerunMs / 1000)],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`;
  console.log(`baocao bench, corpus ${title}: ${units} đơn vị, ${jobs} luồng, ${availableParallelism()} nhân; PDF in bằng ${printer}`);
  for (const r of rows) console.log(line(r));
  if (loSeconds) console.log(`PDF/LibreOffice: ${(loSeconds / pdf.seconds).toFixed(2)}×`);
  console.log(`DOCX theo CPU: ${docxPerCpuSecond.toFixed(1)} văn bản/giây CPU (${(1000 / docxPerCpuSecond).toFixed(1)} ms CPU/văn bản, mọi luồng)`);
  if (baseline) for (const l of docxtemplaterLines(baseline, docxPerCpuSecond)) console.log(l);
  console.log(
    `PDF CPU/văn bản: ${pdfCpuMs.toFixed(1)} ms (Node ${(pdfCpu.nodeMs / units).toFixed(1)}, Chromium ${(pdfCpu.childrenMs / units).toFixed(1)}; cả khởi động và đóng trình duyệt)`,
  );
  console.log(
    `Chạy lại không đổi (lệnh baocao batch, trung vị): ${cli.rerunMs.toFixed(0)} ms = ${rerunRatio.toFixed(2)}× baocao --version (${cli.versionMs.toFixed(0)} ms; mục tiêu ≤ 2×${rerunRatio <= 2 ? ', đạt' : ', CHƯA ĐẠT'})`,
  );
  console.log(`Bộ nhớ đỉnh, Node + trình duyệt: ${mb(peak.pss)} MB PSS (tổng RSS ${mb(peak.rss)} MB, đếm trùng trang dùng chung; riêng Node RSS ${mb(peak.node)} MB)`);
  console.log('');
  const reference = values['skip-libreoffice'] ? [] : [`${prefix}libreoffice=${rate(loSeconds)}`];
  return {
    fields: [
      `${prefix}docx=${rate(docx.seconds)}`,
      `${prefix}docx_cpu=${docxPerCpuSecond.toFixed(1)}`,
      ...(baseline ? [`docxtemplater=${baseline.peerPerCpuSecond.toFixed(1)}`, `floor=${baseline.floorMsPerReport.toFixed(2)}`] : []),
      `${prefix}pdf=${rate(pdf.seconds)}`,
      `${prefix}pdf_cpu=${pdfCpuMs.toFixed(1)}`,
      ...reference,
      `${prefix}peak=${mb(peak.pss)}`,
      `${prefix}rerun=${rerunRatio.toFixed(2)}x`,
    ],
    pdfCpuMs,
  };
}

// Which browser prints decides much of the PDF speed (a headless shell has no per-job PrintCompositor process).
const printer = (() => {
  try {
    return findBrowser(process.env);
  } catch {
    return 'không có trình duyệt';
  }
})();
const work = await mkdtemp(path.join(tmpdir(), 'baocao-bench-'));
try {
  const fields = [];
  const pdfCpu = {};
  for (const kind of CORPORA[values.corpus]) {
    const measured = await measure(kind, path.join(work, kind));
    fields.push(...measured.fields);
    pdfCpu[kind] = measured.pdfCpuMs;
  }
  // The PDF baseline: Typst compiling the real-size report with its cache evicted (issue 24).
  const typst = await benchTypst();
  console.log(typstWords(typst));
  if (typst && !typst.error && pdfCpu.real !== undefined) console.log(`PDF CPU cỡ thật / Typst bỏ cache: ${(pdfCpu.real / typst.cold).toFixed(2)}×`);
  fields.push(`typst=${typst && !typst.error ? typst.cold.toFixed(1) : 'n/a'}`);
  console.log(`bench: units=${units} ${fields.join(' ')}`);
  // baocao diff (issue 9): one pair of seed-size reports, and two folders of 1,000 with 20 changed.
  const { benchDiff, benchDiffLines } = await import(pathToFileURL(path.join(root, 'scripts', 'bench-diff.mjs')).href);
  for (const l of benchDiffLines(await benchDiff())) console.log(l);
  // baocao xem (issue 24): save → page painted in a real Chromium, beside the server's own rebuild.
  const { benchXem, benchXemLines } = await import(pathToFileURL(path.join(root, 'scripts', 'bench-xem.mjs')).href);
  for (const l of benchXemLines(await benchXem())) console.log(l);
  // Start-up of one-file commands (issue 24), each against `node -e 0` in the same run.
  for (const l of benchStartupLines(await benchStartup())) console.log(l);
} finally {
  if (values.keep) log(`giữ lại ${work}`);
  else await rm(work, { recursive: true, force: true });
}
