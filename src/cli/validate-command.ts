import type { Command } from 'commander';
import { validateRun } from '../run/validate-run.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { printDiagnostics, say } from './output.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';

export function registerValidate(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('validate')
    .argument('[đường-dẫn...]', 'tệp kỳ báo cáo hoặc thư mục', ['data'])
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản (các loại văn bản trong loai/)', DEFAULT_TEMPLATES_DIR)
    .option('--nghiem', 'chế độ nghiêm (cuối quý): số liệu còn là số kỳ trước và các cảnh báo cần xem lại là lỗi')
    .addHelpText('after', '\nVí dụ:\n  baocao validate\n  baocao validate data/ha-tinh/phuong-thach-quy/2024-q3.yaml')
    .action(async (inputs: string[], options: { templates: string; nghiem?: boolean }) => {
      const { documents, diagnostics } = await validateRun({ cwd: io.cwd, inputs, templatesDir: options.templates, strict: options.nghiem === true });
      const all = [...diagnostics, ...documents.flatMap((d) => d.diagnostics)];
      printDiagnostics(io, all);
      const clean = documents.filter((d) => d.model).length;
      say(io, `${clean}/${documents.length} văn bản hợp lệ.`);
      finish({ diagnostics: all });
    });
}
