import path from 'node:path';
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DiagnosticError, diagnosticAt } from '../diagnostics/diagnostic.js';
import { systemErrorCode, systemErrorText } from '../diagnostics/system-errors.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { note, printDiagnostics, say } from './output.js';
import { buildRunContext } from './run-context.js';
import { UsageError } from './usage-error.js';

interface XemOptions {
  port: number;
  templates: string;
}

/** 0–65535; 0 asks the system for a free port. */
const portOption = (value: string): number => {
  if (/^\d{1,5}$/.test(value.trim()) && Number(value) <= 65535) return Number(value);
  throw new UsageError(`--port "${value}" không hợp lệ: cần một số từ 0 đến 65535 (0: cổng trống bất kỳ).`);
};

export function registerXem(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('xem')
    .argument('[tệp-hoặc-thư-mục]', 'tệp kỳ báo cáo hoặc thư mục dữ liệu', 'data')
    .addOption(new Option('-p, --port <số>', 'cổng').argParser(portOption).default(0, 'một cổng trống bất kỳ'))
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản', DEFAULT_TEMPLATES_DIR)
    .addHelpText(
      'after',
      `
Mở địa chỉ được in ra trong trình duyệt: trang đầu liệt kê các văn bản và trạng thái (ok / n lỗi);
mỗi văn bản hiện đúng như bản PDF (khổ A4, số trang, chú thích cuối trang). Lưu tệp kỳ, don-vi.yaml,
tinh.yaml, mac-dinh.yaml hay mẫu trong templates/ là trang tự cập nhật, giữ nguyên chỗ đang đọc,
tô sáng các đoạn vừa đổi. Dữ liệu có lỗi: lỗi hiện ở trên (tệp:dòng:cột, mã lỗi), văn bản đúng gần
nhất vẫn hiện, mờ đi. Nút "Tải DOCX", "Tải PDF" tạo tệp của bản hiện tại; không ghi gì vào out/.
Chỉ nghe trên 127.0.0.1 (máy này). Nhấn Ctrl-C để dừng.

Ví dụ:
  baocao xem                                               mọi văn bản trong data/
  baocao xem data/ha-tinh/phuong-thach-quy/2024-q3.yaml
  baocao xem data/ha-tinh --port 4173`,
    )
    .action(async (input: string, options: XemOptions) => {
      // A path that does not exist would serve an empty preview forever: say so and stop.
      const missing = await stat(path.resolve(io.cwd, input)).then(
        () => undefined,
        (error: unknown) => diagnosticAt({ file: input, line: 0, column: 0 }, 'usage', `Không mở được "${input}" để xem: ${systemErrorText(systemErrorCode(error))}.`),
      );
      if (missing) {
        printDiagnostics(io, [missing], { summary: false });
        finish({ diagnostics: [missing] });
        return;
      }
      const context = buildRunContext({ templates: options.templates }, io);
      let preview;
      try {
        // Loaded here: other commands never load the browser driver.
        const { startPreview } = await import('../preview/start-preview.js');
        preview = await startPreview({ ...context, inputs: [input], port: options.port });
      } catch (error) {
        const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
        const diagnostics =
          error instanceof DiagnosticError
            ? error.diagnostics
            : [diagnosticAt({ file: 'baocao', line: 0, column: 0 }, busy ? 'usage' : 'internal-error', busy ? `Cổng ${options.port} đang được dùng: chọn cổng khác bằng --port.` : `Không mở được bản xem: ${String(error)}`)];
        printDiagnostics(io, diagnostics, { summary: false });
        finish({ diagnostics });
        return;
      }
      say(io, `Mở ${preview.url} trong trình duyệt`);
      note(io, `${preview.state.documents.size} văn bản; đang theo dõi thay đổi. Nhấn Ctrl-C để dừng.`);
      // Runs until Ctrl-C: the CLI's signal handler (bin.ts) kills the browsers and exits;
      // the server, its connections and the watcher end with the process. The command never
      // returns before that: main() resolving means a command has ended (bin.ts then exits).
      await new Promise<never>(() => undefined);
    });
}
