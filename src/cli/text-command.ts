/**
 * `baocao text <tệp>`: the structured plain text of a .docx, .pdf or .yaml (header fields,
 * numbered sections, each footnote after the paragraph that cites it), stable and deterministic —
 * the textconv for `git diff` of Word and PDF files.
 */
import type { Command } from 'commander';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { documentText } from '../diff/report/plain-text.js';
import { readSide } from '../diff/read/read-input.js';
import { DEFAULT_TEMPLATES_DIR } from '../paths.js';
import { printDiagnostics } from './output.js';

export function registerText(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('text')
    .argument('<tệp>', 'tệp .docx, .pdf hoặc .yaml')
    .option('--templates <thư-mục>', 'thư mục mẫu văn bản (các loại văn bản trong loai/, cho tệp .yaml)', DEFAULT_TEMPLATES_DIR)
    .addHelpText(
      'after',
      `
Dùng với git, để "git diff" và "git log -p" đọc được tệp Word và PDF:
  .gitattributes:   *.docx diff=baocao
                    *.pdf diff=baocao
  git config diff.baocao.textconv "npx baocao text"

Ví dụ:
  baocao text out/ha-tinh/phuong-thach-quy/2024-q3.docx`,
    )
    .action(async (file: string, options: { templates: string }) => {
      const cwd = io.cwd;
      // The pipeline and the templates only for a period file: a .docx or .pdf needs neither.
      const cache = {
        cwd,
        async open() {
          const { newLayerCache, openTemplatesFolder } = await import('../diff/read/pipeline-adapter.js');
          return newLayerCache(openTemplatesFolder(options.templates, cwd), cwd);
        },
      };
      const read = await readSide(file, cache);
      if (!read.side || hasErrors(read.diagnostics)) {
        printDiagnostics(io, read.diagnostics, { summary: false });
        finish({ differs: false, diagnostics: read.diagnostics });
        return;
      }
      io.stdout.write(documentText(read.side.document));
      finish({ differs: false, diagnostics: read.diagnostics });
    });
}
