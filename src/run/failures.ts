/** An exception as diagnostics: what the engine does with a stage's or a writer's failure. */
import { diagnosticAt, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { systemErrorText } from '../diagnostics/system-errors.js';

/** A failed output (render or write) of `file`: diagnostics the error carries, or one `render-failed`. */
export function diagnosticsOf(error: unknown, file: string): Diagnostic[] {
  if (error instanceof DiagnosticError) return error.diagnostics;
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
    // A failed write or read: say what and why in words, never the raw English errno.
    const where = typeof errno.path === 'string' ? ` "${errno.path}"` : '';
    return [diagnosticAt({ file, line: 0, column: 0 }, 'render-failed', `Không ghi được tệp đầu ra${where}: ${systemErrorText(errno.code)}.`)];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [diagnosticAt({ file, line: 0, column: 0 }, 'render-failed', `Không tạo được tệp đầu ra: ${message}`)];
}

/** The same, blamed on the document's own data file (a writer knows the model, not the file). */
export function outputFailure(error: unknown, file: string): Diagnostic[] {
  return diagnosticsOf(error, file).map((d) => (d.ruleId === 'render-failed' && d.line === 0 ? { ...d, file } : d));
}

/** An unexpected exception in a stage: that document's `internal-error`; the others go on. */
export function internalError(error: unknown, file: string): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return diagnosticAt(
    { file, line: 0, column: 0 },
    'internal-error',
    `Lỗi nội bộ khi xử lý văn bản này: ${message}. Các văn bản khác vẫn được xử lý; xin báo lại cho nhóm phát triển.`,
  );
}
