/**
 * `baocao batch`: every unit's report for one period, in parallel, incremental and safe.
 *
 *   plan      every unit with `<ky>.yaml` and its outputs; conflicts stop the run here
 *   clean     temporary files a killed run left in the output folders
 *   compare   inputs hash of each output against the manifest; unchanged outputs are skipped
 *   render    the stages of src/run/stages.ts: worker threads (piscina) run load → … → render for
 *             the formats whose writers run there; the main thread renders the others (PDF, on the
 *             browser's tabs) from the models the workers send, then runs the write stage
 *   record    each file is written atomically, then recorded; the manifest is saved as the run
 *             goes (at most once a second) and at the end, so a killed run loses little
 *
 * A report that fails (bad data, a template error, a print failure) becomes diagnostics on that
 * report; the others go on. Nothing here prints or exits: progress goes out as events.
 */
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parsePeriod } from '../core/period.js';
import { diagnosticAt, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { strictDiagnostics } from '../validate/strict.js';
import type { OutputFormat, WriterOptions } from '../render/registry.js';
import { mayHoldPeriod, stopsRun } from '../load/find-documents.js';
import { openTemplates, type Templates } from '../render/open-templates.js';
import { possibleIssuingFiles } from '../issuing/issuing-decision.js';
import type { RunContext } from '../run/context.js';
import { outputFailure } from '../run/failures.js';
import { newJob, type Job } from '../run/job.js';
import { mapLimited } from '../run/map-limited.js';
import { LayerCache } from '../run/layer-cache.js';
import { staleOutputs } from '../run/stale-outputs.js';
import { checkOutputFolder } from '../write/check-output-folder.js';
import { lockOutput } from '../write/output-lock.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { removeLeftoversBeside } from '../run/leftovers.js';
import { writeFailure } from '../diagnostics/system-errors.js';
import type { WorkerResult, WorkerTask } from './stage-worker.js';
import { startEngines, type EngineOptions, type Engines } from './engines.js';
import { dataRootOf, LayerHashes, outputInputsHash, outputUnchanged, portablePath, runFingerprints, sha256, toolVersion } from './inputs.js';
import { manifestDir, manifestFile, MANIFEST_NAME, MANIFEST_VERSION, readManifest, SHARD_MANIFEST, serializeManifest, type Manifest, type OutputRecord, type ReportRecord } from './manifest.js';
import { shardLabel } from './shard.js';
import { StatCache, statCacheFile } from './stat-cache.js';
import { planBatch, type BatchPlan, type PlannedOutput, type PlannedReport, type PlanOptions } from './batch-plan.js';

/** The run context (`jobs`: worker threads, default the number of cores) and what to run. */
export interface BatchOptions extends PlanOptions, RunContext {
  /** Each format's own options (`{ pdf: { pages } }`; PDF tabs default to twice `jobs`, at least 4). */
  writerOptions?: WriterOptions;
  /** Render every output even when unchanged. */
  force?: boolean;
  /** Milliseconds after which a killed run's lock of the output folder is taken over (default 10 s; tests pass less). */
  lockStaleMs?: number;
  /** Milliseconds within which a file's change makes its stat-cache entry racy, re-hashed (default 2 s; tests pass less). */
  statCacheRacyMs?: number;
  /** `--nghiem`: stale figures and the other must-look warnings stop their document (src/validate/strict.ts). */
  strict?: boolean;
  onEvent?: (event: BatchEvent) => void;
}

/** The options with the templates folder opened once for the whole run (main thread), and the run's folder. */
interface BatchRun extends BatchOptions {
  cwd: string;
  templates: Templates;
  /** The main thread renders from models it is sent: its stages never load a layer (the write stage reads its `cwd`). */
  mainLayers: LayerCache;
}

export type OutputStatus = 'written' | 'unchanged' | 'failed';

export interface ReportResult {
  key: string;
  /** The period file as the user would write its path. */
  source: string;
  /** rendered: at least one file written and no error; unchanged: nothing to do; failed: any error. */
  status: 'rendered' | 'unchanged' | 'failed';
  outputs: { format: OutputFormat; target: string; status: OutputStatus }[];
  diagnostics: Diagnostic[];
}

export type BatchEvent =
  | { type: 'plan'; reports: number; total: number; toRender: number; unchanged: number; cleaned: number }
  | { type: 'report'; result: ReportResult; done: number; toRender: number }
  | { type: 'browser-restart'; reason: string }
  | { type: 'waiting-for-lock'; outDir: string };

export interface BatchResult {
  plan: BatchPlan;
  /** This shard's reports, in plan order. */
  reports: ReportResult[];
  /** Problems of the run itself (plan, conflicts, templates, browser, manifest). */
  diagnostics: Diagnostic[];
  counts: Record<ReportResult['status'], number> & { filesWritten: number };
  /** The manifest written, if the run got that far. */
  manifest?: string;
  /** Temporary files of an earlier, interrupted run that were removed. */
  cleaned: number;
  browserRestarts: number;
  durationMs: number;
}

interface WorkItem {
  report: PlannedReport;
  /** Outputs to render; the others are unchanged. */
  render: PlannedOutput[];
  /** The inputs hash of every output (read and hashed when first asked for, then kept). */
  inputs: () => Promise<Map<OutputFormat, string>>;
}

const CHECKPOINT_MS = 1_000;

export async function runBatch(batchOptions: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const cwd = batchOptions.cwd ?? '.';
  const options: BatchRun = { ...batchOptions, cwd, templates: openTemplates(batchOptions.templatesDir, { cwd }), mainLayers: new LayerCache(cwd) };
  // With --force, or when no earlier run of this period left a manifest, every report will render:
  // start the threads and the browser now, while the data folder is still being planned (on two
  // cores the second one is idle then; the first report came ~150 ms sooner in 500, issue 12).
  let early = (await rendersEverything(options)) ? startEngines(engineOptionsOf(options, options.formats)) : undefined;
  try {
    return await runPlanned(options, started, () => {
      const engines = early;
      early = undefined; // runLocked owns them now and closes them
      return engines;
    });
  } finally {
    await early?.close();
  }
}

/**
 * True when the run will render every report it plans: --force, or no manifest of the period yet —
 * and the data folder holds a file of the period at all. A mistyped folder or period finds nothing
 * to render: it starts no thread and no browser for that (with PDF, "no-input" came after 1.9 s
 * instead of 0.3 s).
 */
async function rendersEverything(options: BatchRun): Promise<boolean> {
  if (!parsePeriod(options.period)) return false;
  if (!options.force) {
    const names = await readdir(path.resolve(options.cwd, manifestDir(options.outDir, options.period))).catch(() => [] as string[]);
    if (names.some((name) => name === MANIFEST_NAME || SHARD_MANIFEST.test(name))) return false;
  }
  return mayHoldPeriod(path.resolve(options.cwd, options.dataDir), options.period);
}

async function runPlanned(options: BatchRun, started: number, takeEarlyEngines: () => Engines | undefined): Promise<BatchResult> {
  const plan = await planBatch(options, options.cwd);
  const result: BatchResult = {
    plan,
    reports: [],
    diagnostics: [...plan.diagnostics],
    counts: { rendered: 0, unchanged: 0, failed: 0, filesWritten: 0 },
    cleaned: 0,
    browserRestarts: 0,
    durationMs: 0,
  };
  const finish = () => {
    result.durationMs = performance.now() - started;
    return result;
  };
  if (stopsRun(plan.diagnostics)) return finish();
  // A file for --out, or a folder that cannot be written: say so before rendering anything.
  const unusable = await checkOutputFolder(options.outDir, options.cwd);
  if (unusable.length > 0) {
    result.diagnostics.push(...unusable);
    return finish();
  }
  // One run per output folder, period and shard: a second one would sweep the first one's files.
  const lock = await lockOutput(path.resolve(options.cwd, manifestDir(options.outDir, options.period)), options.shard && shardLabel(options.shard), options.outDir, options.period, () =>
    options.onEvent?.({ type: 'waiting-for-lock', outDir: options.outDir }),
    options.lockStaleMs,
  );
  if (Array.isArray(lock)) {
    result.diagnostics.push(...lock);
    return finish();
  }
  try {
    await runLocked(plan, options, result, takeEarlyEngines());
  } finally {
    await lock.release();
    const lost = lock.lost();
    if (lost) result.diagnostics.push(lost);
  }
  return finish();
}

/** Renders the plan; closes `early` (engines started before planning) or the ones it starts. */
async function runLocked(plan: BatchPlan, options: BatchRun, result: BatchResult, early: Engines | undefined): Promise<void> {
  let engines = early;
  try {
    result.cleaned = await cleanLeftovers(plan, options.cwd);
    const prior = await priorRecords(plan, result.diagnostics, options.cwd);
    // What this machine hashed last time, by file stat (never in the manifest, see stat-cache.ts).
    const cache = await StatCache.load(path.resolve(options.cwd, statCacheFile(manifestDir(plan.options.outDir, plan.options.period), plan.options.shard)), options.statCacheRacyMs);
    // Units the manifest does not know: start the threads and the browser now, while the inputs
    // are hashed. Otherwise only if something turns out to need rendering.
    if (!engines && plan.reports.some((r) => !prior.has(r.key))) engines = startEngines(engineOptionsOf(options, options.formats));
    const { work, records } = await compare(plan, options, prior, cache);
    const manifest: Manifest = {
      manifest: MANIFEST_VERSION,
      ky: options.period,
      tool: await toolVersion(),
      ...(options.shard ? { shard: options.shard } : {}),
      reports: records,
    };
    const toRender = work.filter((w) => w.render.length > 0);
    options.onEvent?.({
      type: 'plan',
      reports: plan.reports.length,
      total: plan.total,
      toRender: toRender.length,
      unchanged: work.length - toRender.length,
      cleaned: result.cleaned,
    });

    const byKey = new Map<string, ReportResult>();
    for (const item of work) {
      if (item.render.length > 0) continue;
      byKey.set(item.report.key, {
        key: item.report.key,
        source: item.report.source.file,
        status: 'unchanged',
        outputs: item.report.outputs.map((o) => ({ format: o.format, target: o.target, status: 'unchanged' })),
        diagnostics: [],
      });
    }

    await orphanedRecords(plan, prior, manifest, result.diagnostics, options.cwd);
    const checkpoint = await new Checkpoint(plan.manifest, manifest, options.cwd).load();
    if (toRender.length > 0) {
      const needed = options.formats.filter((format) => toRender.some((item) => item.render.some((o) => o.format === format)));
      engines ??= startEngines(engineOptionsOf(options, needed));
      const rendered = await renderAll(toRender, engines, options, manifest, checkpoint, result);
      for (const report of rendered) byKey.set(report.key, report);
    }
    await checkpoint.flush(true).catch((error: unknown) => {
      result.diagnostics.push(writeFailure(error, plan.manifest, 'tệp kê khai'));
    });
    if (checkpoint.written) result.manifest = plan.manifest;
    await cache.save();

    result.reports = plan.reports.map((report) => byKey.get(report.key)).filter((r): r is ReportResult => r !== undefined);
    for (const report of result.reports) {
      result.counts[report.status]++;
      result.counts.filesWritten += report.outputs.filter((o) => o.status === 'written').length;
    }
  } finally {
    if (engines) result.browserRestarts = await engines.close();
  }
  if (result.browserRestarts > 0) {
    result.diagnostics.push(
      diagnosticAt(
        { file: 'baocao', line: 0, column: 0 },
        'browser-restarted',
        `Trình duyệt in PDF bị dừng ${result.browserRestarts} lần; đã khởi động lại và in lại các văn bản đang in dở.`,
        { severity: 'warning' },
      ),
    );
  }
}

/** Temporary files of killed runs, in this run's output folders only (other shards may be writing elsewhere). */
function cleanLeftovers(plan: BatchPlan, cwd: string): Promise<number> {
  const targets = plan.reports.flatMap((r) => r.outputs.map((o) => o.target));
  // The manifest folder is shared by the shards; only an unsharded run sweeps it.
  return removeLeftoversBeside(targets, plan.options.shard ? [] : [manifestDir(plan.options.outDir, plan.options.period)], cwd);
}

/**
 * What earlier runs recorded, per report, most trusted first: this run's own manifest, the merged
 * one, then any shard's. A record is only a claim — an output is skipped only when the file on
 * disk still has the recorded sha256 — so reading every manifest of the period is safe, and an
 * unsharded run after sharded ones (or the reverse) does not redo their work.
 */
async function priorRecords(plan: BatchPlan, diagnostics: Diagnostic[], cwd: string): Promise<Map<string, ReportRecord[]>> {
  const dir = manifestDir(plan.options.outDir, plan.options.period);
  const shards = (await readdir(path.resolve(cwd, dir)).catch(() => [] as string[])).filter((name) => SHARD_MANIFEST.test(name)).sort();
  const files = [...new Set([plan.manifest, manifestFile(plan.options.outDir, plan.options.period), ...shards.map((name) => path.join(dir, name))])];
  const records = new Map<string, ReportRecord[]>();
  const tool = await toolVersion();
  for (const file of files) {
    const read = await readManifest(file, tool, cwd);
    if (file === plan.manifest) diagnostics.push(...read.diagnostics);
    if (read.manifest?.ky !== plan.options.period) continue;
    for (const [key, record] of Object.entries(read.manifest.reports)) records.set(key, [...(records.get(key) ?? []), record]);
  }
  return records;
}

/** Inputs hash of every output, and which outputs must be rendered. */
async function compare(
  plan: BatchPlan,
  options: BatchRun,
  prior: Map<string, ReportRecord[]>,
  cache: StatCache,
): Promise<{ work: WorkItem[]; records: Record<string, ReportRecord> }> {
  const fingerprints = await runFingerprints(options.formats, contextOf(options), options.templates, cache);
  const layers = new LayerHashes(options.templates, options.cwd, cache);
  const types = options.templates.types;
  const records: Record<string, ReportRecord> = {};
  // Nothing recorded, or --force: every output renders whatever its hash, so hashing waits for
  // the report's turn to render (just before it), instead of all reports being read and hashed
  // before the first one starts (~0.3 s of idle threads in 500 reports, issue 12).
  const renderAll = options.force || prior.size === 0;
  const work = await mapLimited(plan.reports, 64, async (report): Promise<WorkItem> => {
    let hashed: Promise<Map<OutputFormat, string>> | undefined;
    const inputs = () =>
      (hashed ??= layers.reportHash(report.source, possibleIssuingFiles(report.source.file, report.source.name, types, options.cwd)).then(
        // A strict run does not take a file a lenient run wrote with stale figures for its own.
        (reportHash) => new Map(report.outputs.map((output) => [output.format, outputInputsHash(`${fingerprints.get(output.format)!}${options.strict ? '\nnghiem' : ''}`, reportHash)])),
      ));
    const claims = prior.get(report.key) ?? [];
    // Formats this run does not produce keep their (most trusted) records.
    const outputs: ReportRecord['outputs'] = {};
    for (const claim of [...claims].reverse()) {
      for (const [format, record] of Object.entries(claim.outputs) as [OutputFormat, OutputRecord][]) {
        if (!options.formats.includes(format)) outputs[format] = record;
      }
    }
    records[report.key] = { source: portablePath(dataRootOf(report.source), report.source.file), outputs };
    if (renderAll) return { report, render: [...report.outputs], inputs };
    const hashes = await inputs();
    const render: PlannedOutput[] = [];
    for (const output of report.outputs) {
      const hash = hashes.get(output.format)!;
      const record = claims.map((claim) => claim.outputs[output.format]).find((r) => r?.inputs === hash && r.file === output.file);
      if (record && (await outputUnchanged(output.target, record, options.cwd, cache))) outputs[output.format] = record;
      else render.push(output);
    }
    return { report, render, inputs };
  });
  return { work, records };
}

async function renderAll(
  items: WorkItem[],
  engines: Engines,
  options: BatchRun,
  manifest: Manifest,
  checkpoint: Checkpoint,
  result: BatchResult,
): Promise<ReportResult[]> {
  // Broken templates or a missing browser concern every report: say it once. The formats that
  // can still be made are (the DOCX without a browser); the others fail in every report.
  const problems = await engines.ready;
  result.diagnostics.push(...problems);
  if (problems.length > 0 && items.every((item) => item.render.every((o) => engines.unavailable.has(o.format)))) return [];
  const reports: ReportResult[] = [];
  let done = 0;
  // Enough reports in flight to keep every thread and every tab busy, few enough to bound memory.
  const inFlight = engines.threads * 4 + [...engines.lanes.values()].reduce((sum, lane) => sum + lane.capacity * 2, 0);
  await mapLimited(items, inFlight, async (item) => {
    const report = await renderReport(item, engines, options);
    const record = manifest.reports[item.report.key]!;
    record.outputs = { ...record.outputs, ...report.records };
    for (const format of report.dropped) delete record.outputs[format];
    if (report.result.status === 'failed') {
      record.failed = true;
      const stale = await staleOutputs(item.report.outputs.filter((o) => report.dropped.includes(o.format)), 'lỗi', options.cwd);
      if (stale.files.length > 0) record.stale = stale.files;
      report.result.diagnostics.push(...stale.diagnostics);
    }
    checkpoint.touch();
    reports.push(report.result);
    options.onEvent?.({ type: 'report', result: report.result, done: ++done, toRender: items.length });
  });
  return reports;
}

async function renderReport(
  item: WorkItem,
  { prepare, lanes, workerFormats, unavailable }: Engines,
  { templates, mainLayers, strict }: BatchRun,
): Promise<{ result: ReportResult; records: ReportRecord['outputs']; dropped: OutputFormat[] }> {
  const { report } = item;
  const wanted = (format: OutputFormat) => item.render.some((o) => o.format === format);
  const wants = (format: OutputFormat) => wanted(format) && !unavailable.has(format);
  const status = new Map<OutputFormat, OutputStatus>(report.outputs.map((o) => [o.format, wanted(o.format) ? 'failed' : 'unchanged']));
  // Only the outputs that changed are rendered and written.
  const job: Job = newJob(report.source, item.render);
  const onMain = new Map([...lanes].filter(([format]) => wants(format)));

  // Read and hashed before the worker reads the same files (or already, when it decided whether
  // to render): a file saved during the run is then newer than its recorded hash, so the next run
  // renders it again. Hashed after the worker's read, the new bytes' hash could be recorded for an
  // output made from the old ones, and the next run would keep that stale output.
  const hashes = await item.inputs();
  let prepared: WorkerResult | undefined;
  const task: WorkerTask = { source: report.source, formats: workerFormats.filter(wants), model: onMain.size > 0 };
  // A worker that dies (out of memory …) is replaced by the pool: try the report once more.
  for (let attempt = 1; attempt <= 2 && !prepared; attempt++) {
    try {
      prepared = await prepare(task);
    } catch (error) {
      if (attempt === 2) job.diagnostics.push(...outputFailure(error, report.source.file));
    }
  }
  if (prepared) {
    const own = strict === true ? strictDiagnostics(prepared.diagnostics) : prepared.diagnostics;
    job.diagnostics.push(...own);
    // Under --nghiem a must-look warning stops the document: what the worker made is not written.
    if (!hasErrors(own)) {
      job.rendered.push(...prepared.outputs);
      if (prepared.model) job.model = prepared.model;
    }
    // The main thread's formats, then every file: the same stages, placed by each writer's runsOn.
    // Loaded on the first report that renders here: an unchanged re-run never loads the pipeline.
    const { runStages } = await import('../run/stages.js');
    await runStages(job, { templates, layers: mainLayers, writers: onMain }, 'render', 'render');
    await runStages(job, { templates, layers: mainLayers }, 'write', 'write');
  }
  const records: ReportRecord['outputs'] = {};
  for (const written of job.written) {
    records[written.format] = { file: written.file, inputs: hashes.get(written.format)!, sha256: sha256(written.bytes), size: written.bytes.byteLength };
    status.set(written.format, 'written');
  }
  const { diagnostics } = job;
  const notMade = item.render.filter((o) => unavailable.has(o.format)).map((o) => o.format.toUpperCase());
  if (notMade.length > 0) {
    diagnostics.push(
      diagnosticAt({ file: report.source.file, line: 0, column: 0 }, 'render-failed', `Chưa tạo được tệp ${notMade.join(', ')} của văn bản này: công cụ tạo nó không mở được (xem lỗi ở đầu).`),
    );
  }
  const outputs = report.outputs.map((o) => ({ format: o.format, target: o.target, status: status.get(o.format)! }));
  const anyFailed = hasErrors(diagnostics) || outputs.some((o) => o.status === 'failed');
  if (anyFailed && !hasErrors(diagnostics)) {
    diagnostics.push(diagnosticAt({ file: report.source.file, line: 0, column: 0 }, 'internal-error', 'Không tạo được văn bản mà không rõ lý do.'));
  }
  return {
    result: {
      key: report.key,
      source: report.source.file,
      status: anyFailed ? 'failed' : outputs.some((o) => o.status === 'written') ? 'rendered' : 'unchanged',
      outputs,
      diagnostics,
    },
    records,
    // A failed output is no longer what the manifest says: render it again next time.
    dropped: outputs.filter((o) => o.status === 'failed').map((o) => o.format),
  };
}

function engineOptionsOf(options: BatchRun, formats: readonly OutputFormat[]): EngineOptions {
  return {
    formats,
    context: contextOf(options),
    templates: options.templates,
    ...(options.writerOptions ? { writerOptions: options.writerOptions } : {}),
    onRestart: (reason) => options.onEvent?.({ type: 'browser-restart', reason }),
  };
}

/** The run context out of the batch's options, with the number of worker threads decided. */
function contextOf(options: BatchRun): RunContext & { jobs: number } {
  return {
    cwd: options.cwd,
    templatesDir: options.templatesDir,
    jobs: Math.max(1, options.jobs ?? availableParallelism()),
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
    ...(options.browserEnv ? { browserEnv: options.browserEnv } : {}),
    ...(options.browserLaunchMs !== undefined ? { browserLaunchMs: options.browserLaunchMs } : {}),
    ...(options.browser ? { browser: options.browser } : {}),
  };
}

/** Units earlier runs recorded that the data no longer has (only an unsharded run sees the whole plan). */
async function orphanedRecords(plan: BatchPlan, prior: Map<string, ReportRecord[]>, manifest: Manifest, diagnostics: Diagnostic[], cwd: string): Promise<void> {
  if (plan.options.shard) return;
  const planned = new Set(plan.reports.map((r) => r.key));
  for (const [key, claims] of prior) {
    if (planned.has(key)) continue;
    const files = [...new Set(claims.flatMap((claim) => [...Object.values(claim.outputs).map((o) => o!.file), ...(claim.stale ?? [])]))].sort();
    const stale = await staleOutputs(
      files.map((file) => ({ file, target: path.join(plan.options.outDir, ...file.split('/')) })),
      'xóa',
      cwd,
    );
    diagnostics.push(...stale.diagnostics);
    if (stale.files.length > 0) manifest.reports[key] = { source: claims[0]!.source, outputs: {}, failed: true, stale: stale.files };
  }
}

/** Saves the manifest after the first report, then at most once per CHECKPOINT_MS, and at the end. */
class Checkpoint {
  #dirty = false;
  #last = Number.NEGATIVE_INFINITY;
  #writing: Promise<void> = Promise.resolve();
  /** The text on disk, so an unchanged manifest is not rewritten (its bytes and time stay). */
  #onDisk: string | undefined;
  written = false;

  constructor(
    private readonly file: string,
    private readonly manifest: Manifest,
    /** The run's folder, that `file` is read against. */
    private readonly cwd: string,
  ) {}

  async load(): Promise<this> {
    this.#onDisk = await readFile(path.resolve(this.cwd, this.file), 'utf8').catch(() => undefined);
    return this;
  }

  touch(): void {
    this.#dirty = true;
    if (performance.now() - this.#last >= CHECKPOINT_MS) void this.flush(false).catch(() => undefined);
  }

  flush(final: boolean): Promise<void> {
    if (!final && !this.#dirty) return this.#writing;
    this.#dirty = false;
    this.#last = performance.now();
    this.#writing = this.#writing
      .catch(() => undefined)
      .then(async () => {
        const text = serializeManifest(this.manifest);
        if (text !== this.#onDisk) await writeFileAtomic(this.file, new TextEncoder().encode(text), undefined, this.cwd);
        this.#onDisk = text;
        this.written = true;
      });
    return this.#writing;
  }
}
