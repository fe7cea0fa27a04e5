/**
 * Before anything is rendered: can the output folder be written at all? It must be a folder (or
 * not exist yet, below a folder that does), and a file must be creatable in it — tried for real
 * with a temporary file, since permission bits say nothing for root or a read-only mount.
 * A problem is a `usage` diagnostic (exit 2): the command was pointed at the wrong place.
 * `outDir` is read against `cwd` (the run's folder); messages name paths relative to it.
 */
import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { systemErrorText } from '../diagnostics/system-errors.js';

export async function checkOutputFolder(outDir: string, cwd = '.'): Promise<Diagnostic[]> {
  const problem = (message: string) => [diagnosticAt({ file: outDir, line: 0, column: 0 }, 'usage', message)];
  // The folder itself, or the nearest folder above it that exists (where it will be created).
  const full = path.resolve(cwd, outDir);
  let existing = full;
  for (;;) {
    const info = await stat(existing).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) {
        return problem(
          existing === full
            ? `Thư mục kết quả "${outDir}" là một tệp, không phải thư mục: chọn thư mục khác với --out.`
            : `Không tạo được thư mục kết quả "${outDir}": "${path.relative(path.resolve(cwd), existing) || existing}" là một tệp.`,
        );
      }
      break;
    }
    if (info.code !== 'ENOENT' && info.code !== 'ENOTDIR') return problem(`Không mở được thư mục kết quả "${outDir}" (${systemErrorText(info.code)}).`);
    const parent = path.dirname(existing);
    if (parent === existing) return problem(`Không tạo được thư mục kết quả "${outDir}".`);
    existing = parent;
  }
  const probe = path.join(existing, `.baocao-kiem-tra-ghi.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(probe, '');
  } catch (error) {
    const where = existing === full ? `thư mục kết quả "${outDir}"` : `"${existing}" (nơi sẽ tạo thư mục kết quả "${outDir}")`;
    return problem(`Không ghi được vào ${where}: ${systemErrorText((error as NodeJS.ErrnoException).code)}. Chọn thư mục khác với --out.`);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  return [];
}
