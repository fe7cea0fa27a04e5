/** Old outputs that no longer match their data, for batch and render alike. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Outputs still on disk that no longer match their data: the report failed this time (`lỗi`), or
 * its unit is gone from the plan (`xóa`). They are kept (a reviewer may need the last good one)
 * and flagged, loudly, in the summary and in the manifest. Targets are read against `cwd`, the run's folder.
 */
export async function staleOutputs(outputs: readonly { target: string; file: string }[], why: 'lỗi' | 'xóa', cwd = '.'): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const output of outputs) {
    const info = await stat(path.resolve(cwd, output.target)).catch(() => undefined);
    if (!info?.isFile()) continue;
    files.push(output.file);
    diagnostics.push(
      diagnosticAt(
        { file: output.target, line: 0, column: 0 },
        'stale-output',
        why === 'lỗi'
          ? 'Tệp này là bản của lần tạo trước: dữ liệu hiện nay có lỗi nên không tạo lại được. Không gửi tệp này; sửa dữ liệu rồi chạy lại.'
          : 'Tệp này là bản của lần tạo trước, của một đơn vị (hoặc tệp kỳ) không còn trong dữ liệu. Không gửi tệp này; xóa nó nếu đơn vị đã bỏ.',
        { severity: 'warning' },
      ),
    );
  }
  return { files, diagnostics };
}

