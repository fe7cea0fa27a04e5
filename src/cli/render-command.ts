import { InvalidArgumentError, type Command } from 'commander';
import { exitCodeFor } from '../diagnostics/exit-codes.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';
import { parseFormats, type OutputFormat } from '../render/registry.js';
import { renderRun } from '../run/render-run.js';
import { printDiagnostics, say } from './output.js';
import { readSourceDateEpoch } from './source-date-epoch.js';

function formatsOption(value: string): OutputFormat[] {
  const formats = parseFormats(value);
  if (!formats) throw new InvalidArgumentError(`Định dạng "${value}" không hợp lệ: dùng docx, pdf hoặc docx,pdf.`);
  return formats;
}

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('Tạo văn bản từ các tệp dữ liệu kỳ báo cáo (hoặc mọi tệp trong các thư mục đã cho).')
    .argument('<duong-dan...>', 'tệp kỳ báo cáo (2024-q3.yaml …) hoặc thư mục')
    .option('-f, --format <dinh-dang>', 'docx, pdf hoặc docx,pdf', formatsOption, ['docx'] as OutputFormat[])
    .option('-o, --out <thu-muc>', 'thư mục ghi kết quả', 'out')
    .option('--templates <thu-muc>', 'thư mục mẫu văn bản', DEFAULT_TEMPLATES_DIR)
    .addHelpText(
      'after',
      `
Kết quả: <out>/<tỉnh>/<đơn vị>/<kỳ>.docx (và .pdf). Văn bản có lỗi dữ liệu không được ghi.

Ví dụ:
  baocao render data/ha-tinh/phuong-thach-quy/2024-q3.yaml
  baocao render data --format docx,pdf --out out`,
    )
    .action(async (inputs: string[], options: { format: OutputFormat[]; out: string; templates: string }) => {
      const sourceDateEpoch = readSourceDateEpoch();
      const result = await renderRun({
        inputs,
        ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
        formats: options.format,
        outDir: options.out,
        templatesDir: options.templates,
        onDocument: (document) => {
          for (const output of document.outputs) say(`✔ ${output}`);
        },
      });
      const all = [...result.diagnostics, ...result.documents.flatMap((d) => d.diagnostics)];
      printDiagnostics(all, { summary: all.length > 0 });
      const written = result.documents.filter((d) => d.outputs.length > 0).length;
      const failed = result.documents.length - written;
      say(`Đã tạo ${written} văn bản${failed > 0 ? `, ${failed} văn bản lỗi không được ghi` : ''}.`);
      process.exitCode = exitCodeFor(all);
    });
}
