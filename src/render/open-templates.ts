/**
 * The templates folder of a run, opened once (`openTemplates(dir)`) and passed down to every stage
 * and writer: the document types its `loai/` declares, checked with their template files up front;
 * the Word frames, the compiled HTML templates and the embedded fonts, each read on first use and
 * kept in this object — never in a module, so two runs (or a preview after a save) never share
 * what one of them read. A batch's worker threads open the same folder once per thread.
 */
import path, { join } from 'node:path';
import type { DocumentTypes } from '../core/document-types.js';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadDocumentTypes } from '../load/load-document-types.js';
import { checkTemplateFiles } from './template-files.js';
import type { DocxTemplates } from './docx/render-docx.js';
import type { EmbeddedFonts } from './html/fonts.js';
import type { CompiledHtmlTemplates } from './html/report-html.js';

export interface Templates {
  /** The folder as given (diagnostics name its files relative as given). */
  readonly dir: string;
  /** The same folder, resolved against the run's `cwd`: where its files are read. */
  readonly root: string;
  /** A problem naming this folder's files by where they were read, named as `dir` is written instead. */
  shown(diagnostic: Diagnostic): Diagnostic;
  /** The document types of `loai/` (the declarations without problems). */
  readonly types: DocumentTypes;
  /** The declarations' problems and the missing template files: said once, for the run. */
  readonly diagnostics: readonly Diagnostic[];
  /** The types, or a DiagnosticError when the folder has a problem: no writer opens on a broken folder. */
  checkedTypes(): DocumentTypes;
  /** The Word frames of every declared type (`word/`), read once. */
  docx(): Promise<DocxTemplates>;
  /** The Handlebars templates of `html/`, compiled once. */
  html(): Promise<CompiledHtmlTemplates>;
  /** The package's Tinos faces as `@font-face` rules, read once. */
  fonts(): Promise<EmbeddedFonts>;
}

/**
 * Opens a templates folder: reads and checks its declarations now, the rest on first use. `dir` is
 * read against `cwd` (the run's folder) and its problems name its files as `dir` is written.
 */
export function openTemplates(dir: string, { cwd = '.' }: { cwd?: string } = {}): Templates {
  const root = path.resolve(cwd, dir);
  const shown = shownUnder(root, dir);
  const loaded = loadDocumentTypes(root);
  const diagnostics = [...loaded.diagnostics, ...checkTemplateFiles(root, loaded.types)].map(shown);
  const once = <T>(open: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () =>
      (pending ??= open().catch((error: unknown) => {
        throw error instanceof DiagnosticError ? new DiagnosticError(error.diagnostics.map(shown)) : error;
      }));
  };
  const checkedTypes = () => {
    if (hasErrors(diagnostics)) throw new DiagnosticError(diagnostics);
    return loaded.types;
  };
  return {
    dir,
    root,
    shown,
    types: loaded.types,
    diagnostics,
    checkedTypes,
    docx: once(async () => {
      const { loadDocxTemplates } = await import('./docx/render-docx.js');
      return loadDocxTemplates(join(root, 'word'), checkedTypes());
    }),
    html: once(async () => {
      const { compileHtmlTemplates } = await import('./html/report-html.js');
      return compileHtmlTemplates(root, checkedTypes());
    }),
    fonts: once(async () => {
      const { readEmbeddedFonts } = await import('./html/fonts.js');
      return readEmbeddedFonts();
    }),
  };
}

/** A problem of the folder read at `root`, naming its files below `dir` as the user wrote it. */
function shownUnder(root: string, dir: string): (diagnostic: Diagnostic) => Diagnostic {
  if (root === dir) return (diagnostic) => diagnostic;
  const inside = (file: string) => file === root || file.startsWith(root + path.sep);
  return (diagnostic) => ({
    ...diagnostic,
    file: inside(diagnostic.file) ? join(dir, path.relative(root, diagnostic.file)) : diagnostic.file,
    message: diagnostic.message.replaceAll(root, dir),
  });
}
