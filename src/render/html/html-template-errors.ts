/**
 * Handlebars problems as `template-error` diagnostics on the template file they are in, with its
 * line and column: syntax errors found when the templates are loaded (every file checked, all
 * problems reported at once), and errors while a template runs, blamed on the partial whose code
 * failed (templates/html/partials/title.hbs:3:31), not on the page template that included it.
 */
import Handlebars from 'handlebars';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export function htmlTemplateDiagnostic(file: string, message: string, line = 0, column = 0): Diagnostic {
  return { file, line, column, ruleId: 'template-error', severity: 'error', message };
}

/** Handlebars' exceptions carry the position of the failing node (line 1-based, column 0-based). */
interface HandlebarsException {
  message: string;
  lineNumber?: number;
  column?: number;
}

/** The parser's lexer: after a parse error, where its last token was (Handlebars keeps no position on the error). */
interface LexerState {
  yylloc?: { first_line?: number; first_column?: number };
}

/** The reason alone: the last line of a parse error ("Expecting 'ID', got 'INVALID'"), without " - 2:4". */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  const last = (lines.length > 1 ? lines[lines.length - 1] ?? message : message).replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]+)" not defined in /.exec(last);
  return missing ? `mẫu dùng "${missing[1]}" nhưng công cụ không có giá trị nào tên này` : `Handlebars: ${last}`;
}

function position(error: unknown, parsing: boolean): { line: number; column: number } {
  const e = error as Partial<HandlebarsException>;
  if (typeof e.lineNumber === 'number' && typeof e.column === 'number') return { line: e.lineNumber, column: e.column + 1 };
  const loc = parsing ? ((Handlebars as unknown as { Parser?: { lexer?: LexerState } }).Parser?.lexer?.yylloc ?? {}) : {};
  if (typeof loc.first_line === 'number' && typeof loc.first_column === 'number') {
    return { line: loc.first_line, column: loc.first_column + 1 };
  }
  const line = /on line (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  return { line: line ? Number(line) : 0, column: line ? 1 : 0 };
}

/**
 * Checks one template's syntax (and the helpers it calls) by compiling it now: Handlebars
 * otherwise compiles on first use, and a broken partial would surface inside the page template.
 */
export function checkTemplateSyntax(
  hb: typeof Handlebars,
  file: string,
  source: string,
  options: CompileOptions,
): Diagnostic | undefined {
  try {
    hb.precompile(source, options);
    return undefined;
  } catch (error) {
    const { line, column } = position(error, true);
    return htmlTemplateDiagnostic(file, `Mẫu HTML sai cú pháp (${reason(error)}).`, line, column);
  }
}

/** An error while a template ran, already tied to the template file whose code failed. */
export class TemplateRunError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export type Run = (context: unknown, options?: { fn?: unknown; data?: Record<string, unknown> }) => string;

/** The template files running, innermost last (rendering is synchronous). */
const running: string[] = [];

/** Wraps a compiled template or partial so an error inside its own code is reported on `file`. */
export function blamed(file: string, run: Run): Run {
  return (context, options) => {
    running.push(file);
    try {
      return run(context, options);
    } catch (error) {
      if (error instanceof TemplateRunError) throw error;
      const { line, column } = position(error, false);
      throw new TemplateRunError(
        htmlTemplateDiagnostic(file, `Mẫu HTML bị lỗi khi tạo văn bản (${reason(error)}).`, line, column),
      );
    } finally {
      running.pop();
    }
  };
}

/**
 * A partial, blamed like a template; the block given to it (`{{#> document}}…{{/document}}`,
 * run by its `{{> @partial-block}}`) is code of the template that called it, and blamed on that one.
 */
export function blamedPartial(file: string, run: Run): Run {
  return blamed(file, (context, options) => {
    const caller = running[running.length - 2];
    const block = options?.data?.['partial-block'];
    if (options?.fn !== undefined && typeof block === 'function' && caller !== undefined && options.data) {
      options.data['partial-block'] = blamed(caller, block as Run);
    }
    return run(context, options);
  });
}
