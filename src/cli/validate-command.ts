import type { Command } from 'commander';
import { exitCodeFor } from '../diagnostics/exit-codes.js';
import { validateRun } from '../run/validate-run.js';
import { printDiagnostics, say } from './output.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra dữ liệu mà không tạo văn bản: cú pháp, khóa, kiểu, ngày, số liệu, biểu thức.')
    .argument('[duong-dan...]', 'tệp kỳ báo cáo hoặc thư mục', ['data'])
    .addHelpText('after', '\nVí dụ:\n  baocao validate\n  baocao validate data/ha-tinh/phuong-thach-quy/2024-q3.yaml')
    .action(async (inputs: string[]) => {
      const { documents, diagnostics } = await validateRun({ inputs });
      const all = [...diagnostics, ...documents.flatMap((d) => d.diagnostics)];
      printDiagnostics(all);
      const clean = documents.filter((d) => d.model).length;
      say(`${clean}/${documents.length} văn bản hợp lệ.`);
      process.exitCode = exitCodeFor(all);
    });
}
