import type { Command } from 'commander';
import { exitCodeFor } from '../diagnostics/exit-codes.js';
import { findInputDocuments } from '../load/find-documents.js';
import { LayerCache, prepareDocument } from '../pipeline.js';
import { printDiagnostics, say } from './output.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra dữ liệu mà không tạo văn bản: cú pháp, khóa, kiểu, ngày, số liệu, biểu thức.')
    .argument('[duong-dan...]', 'tệp kỳ báo cáo hoặc thư mục', ['data'])
    .addHelpText('after', '\nVí dụ:\n  baocao validate\n  baocao validate data/ha-tinh/phuong-thach-quy/2024-q3.yaml')
    .action(async (inputs: string[]) => {
      const { documents, diagnostics } = await findInputDocuments(inputs);
      const cache = new LayerCache();
      const prepared = await Promise.all(documents.map((d) => prepareDocument(d, cache)));
      const all = [...diagnostics, ...prepared.flatMap((p) => p.diagnostics)];
      printDiagnostics(all);
      const clean = prepared.filter((p) => p.model).length;
      say(`${clean}/${prepared.length} văn bản hợp lệ.`);
      process.exitCode = exitCodeFor(all);
    });
}
