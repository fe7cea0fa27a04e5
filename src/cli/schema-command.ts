import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { diagnosticAt } from '../diagnostics/diagnostic.js';
import type { Finish } from './command-result.js';
import type { CliIo } from './io.js';
import { DEFAULT_TEMPLATES_DIR, PACKAGE_ROOT } from '../paths.js';
import { loadDocumentTypes } from '../load/load-document-types.js';
import { toJsonSchema } from '../core/schema.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { writeFailure } from '../diagnostics/system-errors.js';
import { printDiagnostics, say } from './output.js';

export const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schema', 'baocao.schema.json');

/** The JSON Schema, with the types the package's templates folder declares as the examples of `loai`. */
export function schemaText(): string {
  const shipped = [...loadDocumentTypes(DEFAULT_TEMPLATES_DIR).types.byName.keys()];
  return `${JSON.stringify(toJsonSchema(shipped), null, 2)}\n`;
}

export function registerSchema(program: Command, finish: Finish, io: CliIo): void {
  program
    .command('schema')
    .option('-o, --out <tệp>', 'tệp ghi ra', SCHEMA_FILE)
    .option('--check', 'chỉ kiểm tra tệp đã có khớp với lược đồ hiện tại')
    .action(async (options: { out: string; check?: boolean }) => {
      const text = schemaText();
      if (options.check) {
        const current = await readFile(path.resolve(io.cwd, options.out), 'utf8').catch(() => '');
        if (current !== text) {
          const stale = diagnosticAt({ file: options.out, line: 0, column: 0 }, 'invalid-value', 'Lược đồ đã cũ: chạy "baocao schema" để ghi lại.');
          printDiagnostics(io, [stale]);
          finish({ diagnostics: [stale] });
        } else say(io, `✔ ${options.out} khớp với lược đồ.`);
        return;
      }
      try {
        await writeFileAtomic(options.out, new TextEncoder().encode(text), undefined, io.cwd);
      } catch (error) {
        const failed = writeFailure(error, options.out, 'tệp lược đồ');
        printDiagnostics(io, [failed]);
        finish({ diagnostics: [failed] });
        return;
      }
      say(io, `✔ ${options.out}`);
    });
}
