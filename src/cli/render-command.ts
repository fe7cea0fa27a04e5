import type { Command } from 'commander';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';
import type { OutputFormat } from '../render/registry.js';
import { renderRun } from '../run/render-run.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { printDiagnostics, say } from './output.js';
import { buildRunContext, FORMAT_HELP, formatsOption } from './run-context.js';

export function registerRender(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('render')
    .argument('<đường-dẫn...>', 'tệp kỳ báo cáo (2024-q3.yaml …) hoặc thư mục')
    .option('-f, --format <định-dạng>', FORMAT_HELP, formatsOption, ['docx'] as OutputFormat[])
    .option('-o, --out <thư-mục>', 'thư mục ghi kết quả', 'out')
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản', DEFAULT_TEMPLATES_DIR)
    .addHelpText(
      'after',
      `
Kết quả: <out>/<tỉnh>/<đơn vị>/<kỳ>.docx (và .pdf, .html, .json). Văn bản có lỗi dữ liệu không được ghi.

Ví dụ:
  baocao render data/ha-tinh/phuong-thach-quy/2024-q3.yaml
  baocao render data --format docx,pdf --out out`,
    )
    .action(async (inputs: string[], options: { format: OutputFormat[]; out: string; templates: string }) => {
      const result = await renderRun({
        ...buildRunContext(options, io),
        inputs,
        formats: options.format,
        outDir: options.out,
        onDocument: (document) => {
          for (const output of document.outputs) say(io, `✔ ${output}`);
        },
      });
      const all = [...result.diagnostics, ...result.documents.flatMap((d) => d.diagnostics)];
      printDiagnostics(io, all, { summary: all.length > 0 });
      const written = result.documents.filter((d) => d.outputs.length > 0).length;
      const failed = result.documents.length - written;
      say(io, `Đã tạo ${written} văn bản${failed > 0 ? `, ${failed} văn bản lỗi không được ghi` : ''}.`);
      finish({ diagnostics: all });
    });
}
