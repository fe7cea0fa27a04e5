import { availableParallelism } from 'node:os';
import type cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { runBatch, type BatchEvent, type BatchResult } from '../batch/run-batch.js';
import { parseShard, type Shard } from '../batch/shard.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { EXIT_USAGE, exitCodeFor } from '../diagnostics/exit-codes.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';
import type { OutputFormat } from '../render/registry.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { escapeForTerminal, formatSummary, uniqueDiagnostics } from '../diagnostics/report.js';
import path from 'node:path';
import { note, printDiagnostics, say } from './output.js';
import { buildRunContext, FORMAT_HELP, formatsOption } from './run-context.js';
import { UsageError } from './usage-error.js';
import { formatNumber } from '../markup/format-vi.js';

interface BatchCommandOptions {
  ky?: string;
  format: OutputFormat[];
  out: string;
  jobs?: number;
  shard?: Shard;
  force?: boolean;
  templates: string;
  nghiem?: boolean;
  chiTiet?: boolean;
}

function jobsOption(value: string): number {
  const jobs = Number(value);
  if (!/^\d+$/.test(value.trim()) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs "${value}" không hợp lệ: cần một số nguyên từ 1 đến 256.`);
  return jobs;
}

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new UsageError(`--shard "${value}" không hợp lệ: dùng dạng i/n với 1 ≤ i ≤ n, ví dụ --shard 2/4.`);
  return shard;
}

/** `baocao batch`; `baocao manifest merge` (src/cli/manifest-command.ts) joins the parts of a sharded run. */
export function registerBatch(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('batch')
    .argument('[thư-mục-dữ-liệu]', 'thư mục dữ liệu', 'data')
    .option('-k, --ky <kỳ>', 'kỳ báo cáo (bắt buộc), ví dụ 2024-q3, 2024-6t, 2024-nam')
    .addOption(new Option('-f, --format <định-dạng>', FORMAT_HELP).argParser(formatsOption).default(['docx', 'pdf'], 'docx,pdf'))
    .option('-o, --out <thư-mục>', 'thư mục ghi kết quả', 'out')
    .option('-j, --jobs <số>', `số luồng làm việc song song (mặc định: số nhân CPU, ở đây ${availableParallelism()})`, jobsOption)
    .option('--shard <i/n>', 'chỉ làm phần thứ i trong n phần (chạy trên nhiều máy), ví dụ 1/4', shardOption)
    .option('--force', 'tạo lại mọi văn bản, kể cả văn bản không thay đổi')
    .option('--nghiem', 'chế độ nghiêm (cuối quý): văn bản còn số liệu kỳ trước hoặc cảnh báo cần xem lại thì không được tạo')
    .option('--chi-tiet', 'in mọi cảnh báo (mặc định: các cảnh báo gộp thành một dòng mỗi đơn vị)')
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản', DEFAULT_TEMPLATES_DIR)
    .addHelpText(
      'after',
      `
Kết quả: <out>/<tỉnh>/<đơn vị>/<kỳ>.docx và .pdf, và <out>/<kỳ>/manifest.json ghi lại
dấu vân tay (sha256) của dữ liệu, mẫu, phông chữ, phiên bản và của từng tệp đã tạo. Lần chạy
sau bỏ qua văn bản không thay đổi; --force tạo lại tất cả (cùng dữ liệu cho cùng từng byte).
Một tệp dữ liệu lỗi không làm dừng các văn bản khác. Bị ngắt giữa chừng (Ctrl-C, kill -9)
thì không có tệp dở dang; lần chạy sau dọn tệp tạm và làm tiếp. Tệp bị bỏ qua khi tìm dữ liệu
và tệp cũ không còn khớp dữ liệu đều được báo (cảnh báo input-skipped, stale-output).

Chạy trên n máy: mỗi máy chạy --shard i/n (ghi manifest.shard-i-of-n.json), gom các thư mục
kết quả lại rồi chạy "baocao manifest merge <out>/<kỳ>".

Ví dụ:
  baocao batch --ky 2024-q3                                  mọi đơn vị trong data/, Word và PDF
  baocao batch data/ha-tinh --ky 2024-q3 --format docx       chỉ tỉnh Hà Tĩnh, chỉ Word
  baocao batch data --ky 2024-q3 --shard 2/4 --out out       phần 2 trong 4 phần

Mã thoát: 0 khi mọi văn bản đều được tạo, 1 khi có văn bản lỗi, 2 khi gọi lệnh sai (kể cả --out
không ghi được), 3 khi một lần chạy khác đang ghi cùng kỳ vào cùng thư mục kết quả.`,
    )
    .action(async (dataDir: string, options: BatchCommandOptions) => {
      if (!options.ky) {
        const missing = diagnosticAt({ file: 'baocao', line: 0, column: 0 }, 'usage', 'Thiếu kỳ báo cáo: thêm --ky, ví dụ --ky 2024-q3.');
        printDiagnostics(io, [missing], { summary: false });
        note(io, 'Xem "baocao batch --help".');
        finish({ diagnostics: [missing] });
        return;
      }
      const context = buildRunContext(options, io);
      // Loaded here: only a run on a terminal draws a bar.
      const progress = new Progress(io, io.stderr.isTTY === true ? (await import('cli-progress')).default : undefined);
      const result = await runBatch({
        ...context,
        dataDir,
        period: options.ky,
        formats: options.format,
        outDir: options.out,
        ...(options.shard ? { shard: options.shard } : {}),
        force: options.force === true,
        ...(io.waits?.lockStaleMs !== undefined ? { lockStaleMs: io.waits.lockStaleMs } : {}),
        ...(io.waits?.statCacheRacyMs !== undefined ? { statCacheRacyMs: io.waits.statCacheRacyMs } : {}),
        strict: options.nghiem === true,
        onEvent: (event) => progress.on(event),
      });
      progress.stop();
      const all = [...result.diagnostics, ...result.reports.flatMap((r) => r.diagnostics)];
      // Errors first; warnings one line per unit unless --chi-tiet (135 warnings must not hide 6 errors).
      // What the run itself says (files skipped, old outputs, a restarted browser) is never folded.
      const errors = all.filter((d) => d.severity === 'error');
      const warnings = all.filter((d) => d.severity !== 'error');
      const foldable = (d: Diagnostic) => !options.chiTiet && !RUN_NOTICES.has(d.ruleId);
      printDiagnostics(io, [...errors, ...warnings.filter((d) => !foldable(d))], { summary: false });
      for (const line of foldedWarnings(warnings.filter(foldable))) note(io, line);
      if (all.length > 0) io.stderr.write(`${formatSummary(uniqueDiagnostics(all))}\n`);
      const code = exitCodeFor(all);
      if (result.plan.total > 0 && code !== EXIT_USAGE) say(io, summaryLine(result, code === 0, all));
      finish({ diagnostics: all });
    });
}

/** The unit (its folder) a diagnostic's file belongs to: data/ha-tinh/xa-cam-binh/2024-q3.yaml → data/ha-tinh/xa-cam-binh. */
const unitOf = (file: string) => path.dirname(file);

/** Warnings about the run, not a document's content: always printed in full. */
const RUN_NOTICES: ReadonlySet<Diagnostic['ruleId']> = new Set(['input-skipped', 'symlink-outside', 'stale-output', 'browser-restarted', 'out-locked', 'manifest-invalid']);

/** One line per unit: how many warnings, of which stale figures (--chi-tiet prints them all). */
function foldedWarnings(warnings: readonly Diagnostic[]): string[] {
  const byUnit = new Map<string, Diagnostic[]>();
  for (const d of uniqueDiagnostics(warnings)) byUnit.set(unitOf(d.file), [...(byUnit.get(unitOf(d.file)) ?? []), d]);
  return [...byUnit].map(([unit, list]) => {
    const stale = list.filter((d) => d.ruleId === 'stale-figure').length;
    const rules = [...new Set(list.map((d) => d.ruleId))].join(', ');
    return `${unit}: ${list.length} cảnh báo${stale > 0 ? ` (${stale} số liệu còn là số kỳ trước)` : ''} [${rules}] — xem bằng --chi-tiet`;
  });
}

function summaryLine(result: BatchResult, ok: boolean, diagnostics: readonly Diagnostic[]): string {
  // What a reviewer must not miss: files left out of the run, old files that no longer match.
  const count = (rule: Diagnostic['ruleId']) => new Set(diagnostics.filter((d) => d.ruleId === rule).map((d) => d.file)).size;
  const skipped = count('input-skipped') + count('symlink-outside');
  const stale = count('stale-output');
  const notes = [skipped > 0 ? `${skipped} tệp/thư mục dữ liệu bị bỏ qua` : '', stale > 0 ? `${stale} tệp cũ không khớp dữ liệu` : ''].filter(Boolean);
  const { rendered, unchanged, failed, filesWritten } = result.counts;
  // Reports never tried: the run stopped first (broken templates, no browser).
  const untried = result.plan.reports.length - result.reports.length;
  const { shard } = result.plan.options;
  // Documents and units are counted apart: a unit may issue several documents in a period.
  const units = (reports: readonly { source: { file: string } }[]) => new Set(reports.map((r) => unitOf(r.source.file))).size;
  const scope = shard
    ? `phần ${shard.index}/${shard.count}: ${result.plan.reports.length} trong ${result.plan.total} văn bản, ${units(result.plan.reports)} đơn vị`
    : `${result.plan.total} văn bản của ${units(result.plan.reports)} đơn vị`;
  const staleByUnit = new Map<string, number>();
  for (const d of diagnostics) if (d.ruleId === 'stale-figure') staleByUnit.set(unitOf(d.file), (staleByUnit.get(unitOf(d.file)) ?? 0) + 1);
  if (staleByUnit.size > 0) notes.push(`số liệu còn là số kỳ trước: ${[...staleByUnit].map(([unit, n]) => `${unit} ${n}`).join('; ')}`);
  // Our own Vietnamese format, not toLocaleString('vi-VN'): loading the locale's data cost ~30–70 ms per run (issue 24).
  const seconds = result.durationMs < 1000 ? formatNumber(result.durationMs / 1000) : formatNumber(Math.round(result.durationMs / 100) / 10);
  return (
    `${ok ? (notes.length > 0 ? '⚠' : '✔') : '✖'} Kỳ ${result.plan.options.period} (${scope}): đã tạo ${rendered} văn bản (${filesWritten} tệp), ` +
    `bỏ qua ${unchanged} không đổi, ${failed} lỗi${untried > 0 ? `, ${untried} chưa làm` : ''}; ${seconds} giây.` +
    (notes.length > 0 ? ` Cảnh báo: ${notes.join(', ')} (xem các dòng trên).` : '') +
    (result.manifest ? ` Kê khai: ${result.manifest}` : '')
  );
}

/** A bar on a terminal; one line per report otherwise (CI logs). Progress goes to stderr. */
class Progress {
  #bar: cliProgress.SingleBar | undefined;
  #done = 0;
  readonly #io: CliIo;
  readonly #bars: typeof cliProgress | undefined;

  /** `bars`: the cli-progress module on a terminal; without it, one line per report. */
  constructor(io: CliIo, bars: typeof cliProgress | undefined) {
    this.#io = io;
    this.#bars = bars;
  }

  on(event: BatchEvent): void {
    switch (event.type) {
      case 'plan':
        if (event.cleaned > 0) note(this.#io, `Đã dọn ${event.cleaned} tệp tạm của lần chạy bị ngắt trước.`);
        note(this.#io, `${event.reports} báo cáo: ${event.toRender} cần tạo, ${event.unchanged} không đổi.`);
        if (this.#bars && event.toRender > 0) {
          this.#bar = new this.#bars.SingleBar(
            {
              format: '{bar} {percentage}% | {value}/{total} văn bản | còn {eta_formatted} | {unit}',
              hideCursor: false, // a Ctrl-C must not leave the terminal without a cursor
              clearOnComplete: true,
              etaBuffer: 50,
              stream: this.#io.stderr as NodeJS.WritableStream,
            },
            this.#bars.Presets.shades_classic,
          );
          this.#bar.start(event.toRender, 0, { unit: '' });
        }
        return;
      case 'report':
        this.#done = event.done;
        if (this.#bar) this.#bar.update(event.done, { unit: event.result.key });
        else {
          const mark = event.result.status === 'failed' ? '✖' : '✔';
          const width = String(event.toRender).length;
          note(this.#io, `[${String(event.done).padStart(width)}/${event.toRender}] ${mark} ${escapeForTerminal(event.result.key)}`);
        }
        return;
      case 'waiting-for-lock':
        note(this.#io, `Một lần chạy khác đang ghi vào "${event.outDir}": đang chờ…`);
        return;
      case 'browser-restart': {
        // A line of its own above the bar, then the bar again where it was.
        const bar = this.#bar;
        bar?.stop();
        note(this.#io, `Trình duyệt bị dừng (${event.reason}): khởi động lại và in lại các văn bản đang in dở.`);
        bar?.start(bar.getTotal(), this.#done, { unit: '' });
        return;
      }
    }
  }

  stop(): void {
    this.#bar?.stop();
  }
}
