/**
 * `baocao diff <cũ> <mới>` (also `baocao so-sanh`): what changed between two drafts, two periods
 * or two runs — by section, in the terminal, and on request as a page (--html), a Word file with
 * tracked changes (--docx) or data (--json). Exit codes like diff(1): 0 same, 1 different, 2 trouble.
 */
import type { Command } from 'commander';
import { diagnosticAt, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { CommandResult, Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';
import { folderSummary, renderFolderTerminal } from '../diff/report/folder-terminal.js';
import { renderFolderHtml, renderHtml } from '../diff/report/diff-html.js';
import { renderJson } from '../diff/report/diff-json.js';
import { renderTerminal } from '../diff/report/diff-terminal.js';
import { outcomeDiffers, runDiff, type DiffOutcome } from '../diff/run-diff.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { writeFailure } from '../diagnostics/system-errors.js';
import { readSourceDateEpoch, sourceDateEpochVar } from './source-date-epoch.js';
import { note, printDiagnostics } from './output.js';

interface DiffCommandOptions {
  html?: string;
  docx?: string;
  json?: boolean;
  color?: boolean;
  templates: string;
}

const HELP_AFTER = `
Mỗi phía là một tệp Word (.docx), một tệp PDF do baocao tạo, một tệp dữ liệu kỳ báo cáo (.yaml),
hoặc một thư mục (hai lần chạy out/, hay hai cây dữ liệu): khi đó các tệp được ghép theo đường dẫn
tương đối, tệp giống hệt nhau được bỏ qua không cần đọc.

So sánh theo cấu trúc: các trường phần đầu (số, ngày, trích yếu, Kính gửi, Nơi nhận, người ký) theo
tên; các mục theo nội dung và gọi bằng số mục trong bản MỚI (II.2.b)); thêm/bỏ một mục là một thay
đổi, việc đánh số lại các mục sau chỉ báo một lần; chú thích ghép theo nội dung, không theo số; trong
một đoạn, so từng chữ. Khi cả hai phía là .yaml: thêm bảng số liệu (cũ, mới, chênh lệch, câu in số đó).

Ví dụ:
  baocao diff data/ha-tinh/phuong-thach-quy/2024-q3.yaml du-thao/2024-q3.yaml
  baocao so-sanh ban-cu.docx ban-moi.docx --docx ban-moi-co-danh-dau.docx
  baocao diff cu.docx moi.docx --html so-sanh.html           trang xem trong trình duyệt
  baocao diff out-thang-truoc/ out/ --json > thay-doi.json   hai lần chạy, dữ liệu cho CI
  baocao diff 2024-q2.docx 2024-q3.docx --no-color | less

Mã thoát (như diff): 0 giống nhau, 1 có khác biệt, 2 có lỗi (tệp hỏng, không đọc được, gọi sai).
SOURCE_DATE_EPOCH (giây) đặt ngày của các thay đổi trong --docx; không có thì lấy ngày văn bản.`;

export function registerDiff(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('diff')
    .argument('<cũ>', 'bản cũ: .docx, .pdf, .yaml hoặc thư mục')
    .argument('<mới>', 'bản mới: .docx, .pdf, .yaml hoặc thư mục')
    .option('--html <tệp>', 'ghi thêm một trang HTML tự chứa (mở bằng trình duyệt)')
    .option('--docx <tệp>', 'ghi bản mới dạng Word có đánh dấu thay đổi (Track Changes) để chấp nhận/từ chối')
    .option('--json', 'in kết quả dạng JSON (cho CI, kịch bản) thay cho văn bản')
    .option('--color', 'tô màu (mặc định: khi in ra màn hình)')
    .option('--no-color', 'không tô màu')
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản (các loại văn bản trong loai/ và mẫu Word cho --docx, với tệp .yaml)', DEFAULT_TEMPLATES_DIR)
    .addHelpText('after', HELP_AFTER)
    .action(async (oldPath: string, newPath: string, options: DiffCommandOptions) => {
      finish(await diffAction(io, oldPath, newPath, options));
    });
}

function sourceDateEpoch(io: CliIo): { value?: number; diagnostics: Diagnostic[] } {
  try {
    const value = readSourceDateEpoch(io.env);
    return value === undefined ? { diagnostics: [] } : { value, diagnostics: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostics: [diagnosticAt({ file: sourceDateEpochVar, line: 0, column: 0 }, 'usage', message)] };
  }
}

async function diffAction(io: CliIo, oldPath: string, newPath: string, options: DiffCommandOptions): Promise<CommandResult> {
  const epoch = sourceDateEpoch(io);
  if (epoch.diagnostics.length > 0) {
    printDiagnostics(io, epoch.diagnostics, { summary: false });
    return { differs: false, diagnostics: epoch.diagnostics };
  }
  const outcome = await runDiff({
    cwd: io.cwd,
    oldPath,
    newPath,
    redline: options.docx !== undefined,
    templatesDir: options.templates,
    ...(epoch.value !== undefined ? { sourceDateEpoch: epoch.value } : {}),
  });
  const diagnostics = [...outcome.diagnostics];
  const result = resultOf(outcome);
  if (hasErrors(diagnostics) || !result) {
    // Trouble: say what, write nothing.
    printDiagnostics(io, diagnostics, { summary: false });
    return { differs: false, diagnostics: diagnostics.length > 0 ? diagnostics : [diagnosticAt({ file: newPath, line: 0, column: 0 }, 'internal-error', 'Không so sánh được.')] };
  }
  if (diagnostics.length > 0) printDiagnostics(io, diagnostics, { summary: false });
  const color = options.color ?? io.stdout.isTTY === true;
  if (options.json) io.stdout.write(renderJson(result));
  else io.stdout.write(result.kind === 'pair' ? renderTerminal(result.diff, { color }) : renderFolderTerminal(result.folder, { color }));
  if (options.html !== undefined) {
    const html = result.kind === 'pair' ? renderHtml(result.diff) : renderFolderHtml(result.folder, folderSummary(result.folder));
    const failed = await writeOutput(io, options.html, new TextEncoder().encode(html), 'trang so sánh');
    if (failed) return { differs: outcomeDiffers(outcome), diagnostics: [...diagnostics, failed] };
  }
  if (options.docx !== undefined && outcome.kind === 'pair' && outcome.redline) {
    const failed = await writeOutput(io, options.docx, outcome.redline, 'bản Word có đánh dấu thay đổi');
    if (failed) return { differs: outcomeDiffers(outcome), diagnostics: [...diagnostics, failed] };
  }
  return { differs: outcomeDiffers(outcome), diagnostics };
}

/** Writes one output of the diff; a failure (a folder, a full disk…) is printed and returned as a diagnostic. */
async function writeOutput(io: CliIo, target: string, bytes: Uint8Array, what: string): Promise<Diagnostic | undefined> {
  try {
    await writeFileAtomic(target, bytes, undefined, io.cwd);
  } catch (error) {
    const failed = writeFailure(error, target, what);
    printDiagnostics(io, [failed], { summary: false });
    return failed;
  }
  note(io, `✔ ${target}`);
  return undefined;
}

function resultOf(outcome: DiffOutcome) {
  if (outcome.kind === 'pair') return outcome.diff ? { kind: 'pair' as const, diff: outcome.diff } : undefined;
  return outcome.folder ? { kind: 'folder' as const, folder: outcome.folder } : undefined;
}
