/**
 * Report model → HTML through the Handlebars templates in `templates/html/`. The templates own the
 * frame, the fixed wording and the look; this file only maps the model to a template view (no
 * computation: every text is the model's) and caches the compiled templates per directory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { AppendixModel, Block, Footnote, Inline, ReportModel, TableCell, TableModel } from '../../core/model.js';
import { isFootnoteRef } from '../../core/model.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { DocumentTypes } from '../../core/document-types.js';
import type { EmbeddedFonts } from './fonts.js';
import { blamed, blamedPartial, checkTemplateSyntax, htmlTemplateDiagnostic, TemplateRunError, type Run } from './html-template-errors.js';

interface InlineView {
  text: string;
  /** The text's lines: a line break inside the paragraph stands between two (`<br>` in the template). */
  lines: string[];
  /** CSS class of a text run: r (regular), b, i, bi. */
  runClass: string;
  /** Footnote number for a marker, null for a text run. */
  footnote: number | null;
}

interface CellView {
  align: string;
  colSpan: number;
  inlines: InlineView[];
}

interface TableView {
  /** CSS widths: "3.5cm". */
  widths: string[];
  header: { text: string; colSpan: number; rowSpan: number }[][];
  rows: CellView[][];
  total: CellView[] | null;
}

const cellView = (cell: TableCell): CellView => ({ align: cell.align, colSpan: cell.colSpan, inlines: cell.inlines.map(inlineView) });

function tableView(table: TableModel): TableView {
  return {
    widths: table.widths.map((cm) => `${cm.toFixed(3)}cm`),
    header: table.header.map((row) => row.map((cell) => ({ ...cell, text: nfc(cell.text) }))),
    rows: table.rows.map((row) => row.map(cellView)),
    total: table.total ? table.total.map(cellView) : null,
  };
}

interface BlockView {
  style: string;
  label: string;
  /** The label in bold ("Điều 1." of a decision). */
  strongLabel: boolean;
  inlines: InlineView[];
  table: TableView | null;
  /**
   * "landscape" or "portrait" when this block starts pages of that orientation (a body table wider
   * than the portrait text, and the block after it), else null. The paginator starts a new page there.
   */
  pageBreak: 'landscape' | 'portrait' | null;
}

/** A phụ lục: it starts a new page (`orient`), then its heading block and its body blocks. */
interface AppendixView {
  heading: string;
  /** The title's runs (upper case). */
  inlines: InlineView[];
  attachedTo: string;
  orient: 'landscape' | 'portrait';
  body: BlockView[];
}

function blockViews(blocks: readonly Block[], breaks: boolean): BlockView[] {
  let landscape = false;
  return blocks.map((block) => {
    const wide = breaks && block.table?.landscape === true;
    const pageBreak = wide === landscape ? null : wide ? 'landscape' : 'portrait';
    landscape = wide;
    return {
      style: block.style,
      label: nfc(block.label),
      strongLabel: block.strongLabel === true,
      inlines: block.inlines.map(inlineView),
      table: block.table ? tableView(block.table) : null,
      pageBreak,
    };
  });
}

function appendixView(appendix: AppendixModel): AppendixView {
  return {
    heading: nfc(appendix.heading),
    inlines: appendix.title.map(inlineView),
    attachedTo: nfc(appendix.attachedTo),
    orient: appendix.landscape ? 'landscape' : 'portrait',
    body: blockViews(appendix.body, false),
  };
}

/** What the templates see. Optional model fields become null so strict templates can test them. */
export interface HtmlView {
  documentTitle: string;
  header: { parentAgency: string | null; agencyLines: string[]; numberLine: string | null; subject: string | null; placeDate: string | null };
  title: { typeName: string | null; summary: string; issuedWith: string | null };
  addressees: { sameLine: boolean; lines: string[] } | null;
  decision: { authority: string; grounds: string[] } | null;
  body: BlockView[];
  footnotes: { number: number; inlines: InlineView[] }[];
  recipients: string[];
  signature: { authority: string[]; position: string; otherPosition: string | null; name: string };
  /** The phụ lục, after the signature (the `appendices` partial); empty when there are none. */
  appendices: AppendixView[];
}

const nfc = (text: string): string => text.normalize('NFC');

function inlineView(inline: Inline): InlineView {
  if (isFootnoteRef(inline)) return { text: '', lines: [], runClass: '', footnote: inline.footnote };
  const runClass = inline.bold ? (inline.italic ? 'bi' : 'b') : inline.italic ? 'i' : 'r';
  const text = nfc(inline.text);
  return { text, lines: text.split(/\r\n?|\n/), runClass, footnote: null };
}

export function toHtmlView(model: ReportModel): HtmlView {
  return {
    documentTitle: nfc(model.documentTitle),
    header: {
      parentAgency: model.header.parentAgency ? nfc(model.header.parentAgency) : null,
      agencyLines: model.header.agencyLines.map(nfc),
      numberLine: model.header.numberLine ? nfc(model.header.numberLine) : null,
      subject: model.header.subject ? nfc(model.header.subject) : null,
      placeDate: model.header.placeDate ? nfc(model.header.placeDate) : null,
    },
    title: {
      typeName: model.title.typeName ? nfc(model.title.typeName) : null,
      summary: nfc(model.title.summary),
      issuedWith: model.title.issuedWith ? nfc(model.title.issuedWith) : null,
    },
    addressees:
      model.addressees && model.addressees.lines.length > 0
        ? { sameLine: model.addressees.sameLine, lines: model.addressees.lines.map(nfc) }
        : null,
    decision: model.decision ? { authority: nfc(model.decision.authority), grounds: model.decision.grounds.map(nfc) } : null,
    body: blockViews(model.body, true),
    footnotes: model.footnotes.map((note: Footnote) => ({ number: note.number, inlines: note.inlines.map(inlineView) })),
    recipients: model.recipients.map(nfc),
    signature: {
      authority: model.signature.authority.map(nfc),
      position: nfc(model.signature.position),
      otherPosition: model.signature.otherPosition ? nfc(model.signature.otherPosition) : null,
      name: nfc(model.signature.name),
    },
    appendices: (model.appendices ?? []).map(appendixView),
  };
}

type Compiled = (view: HtmlView) => string;

/** The HTML templates of a templates folder, compiled: what `renderReportHtml` fills in. */
export interface CompiledHtmlTemplates {
  /** The `html/` folder, as given. */
  readonly dir: string;
  /** The declared types: which page template each type uses (`mau`). */
  readonly types: DocumentTypes;
  readonly pages: ReadonlyMap<string, Compiled>;
}

function templateError(file: string, error: unknown): DiagnosticError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new DiagnosticError([htmlTemplateDiagnostic(file, `Mẫu HTML bị lỗi: ${reason}`)]);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw templateError(file, error);
  }
}

const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true } as const;

/**
 * Compiles every template of a directory once: `<type>.hbs` at the top, partials in `partials/`.
 * Every file's syntax is checked first and all problems reported together, each on its own file.
 */
function compileDir(dir: string): Map<string, Compiled> {
  const hb = Handlebars.create();
  const partialsDir = join(dir, 'partials');
  let partialFiles: string[];
  try {
    partialFiles = readdirSync(partialsDir).filter((name) => name.endsWith('.hbs'));
  } catch (error) {
    throw templateError(partialsDir, error);
  }
  const pageFiles = readdirSync(dir).filter((n) => n.endsWith('.hbs'));
  const sources = new Map<string, string>();
  for (const file of [...partialFiles.map((n) => join(partialsDir, n)), ...pageFiles.map((n) => join(dir, n))]) {
    sources.set(file, readText(file));
  }
  const problems = [...sources].flatMap(([file, source]) => checkTemplateSyntax(hb, file, source, COMPILE_OPTIONS) ?? []);
  if (problems.length > 0) throw new DiagnosticError(problems);

  for (const name of partialFiles) {
    const file = join(partialsDir, name);
    hb.registerPartial(basename(name, '.hbs'), blamedPartial(file, hb.compile(sources.get(file) ?? '', COMPILE_OPTIONS)));
  }
  // Style sheets go in as partials that return fixed text: not data, not parsed as templates.
  // look.css (generated from the Word templates' look.ts) first: print.css reads its custom properties.
  const printCss = `${readText(join(dir, 'look.css'))}\n${readText(join(dir, 'print.css'))}`;
  hb.registerPartial('print-css', () => printCss);
  hb.registerPartial('fonts', () => FONTS_PLACEHOLDER);

  const compiled = new Map<string, Compiled>();
  for (const name of pageFiles) {
    const file = join(dir, name);
    const template = blamed(file, hb.compile<HtmlView>(sources.get(file) ?? '', COMPILE_OPTIONS) as Run);
    compiled.set(basename(name, '.hbs'), (view) => {
      try {
        return template(view);
      } catch (error) {
        if (error instanceof TemplateRunError) throw new DiagnosticError([error.diagnostic]);
        throw templateError(file, error);
      }
    });
  }
  return compiled;
}

/** The page template of the model's type as its declaration names it (`mau`), by default `bao_cao` → `bao-cao.hbs`. */
function templateName(model: ReportModel, types: DocumentTypes): string {
  return types.byName.get(model.type)?.template ?? model.type.replaceAll('_', '-');
}

/**
 * Compiles the HTML templates of a templates folder (its `html/` folder); throws a DiagnosticError
 * naming every file with a problem. A run does this once, through its opened templates
 * (src/render/open-templates.ts).
 */
export function compileHtmlTemplates(templatesDir: string, types: DocumentTypes): CompiledHtmlTemplates {
  const dir = join(templatesDir, htmlTemplatesFolder);
  return { dir, types, pages: compileDir(dir) };
}

/** Where the HTML templates live inside the project's templates folder (beside `word/`). */
export const htmlTemplatesFolder = 'html';

/**
 * What the `fonts` partial writes; `renderReportHtml` puts the `@font-face` rules in its place unless
 * asked not to. The rules are most of a document's bytes (~0.14 MB of data: URLs): a PDF tab that
 * already holds them only needs the body, and a report's HTML need not carry them through
 * the renderer for each report.
 */
export const FONTS_PLACEHOLDER = '/* baocao: embedded fonts */';

/** `html` with the embedded fonts' rules in place of `FONTS_PLACEHOLDER`. */
export function withFonts(html: string, fonts: EmbeddedFonts): string {
  const at = html.indexOf(FONTS_PLACEHOLDER);
  return at < 0 ? html : html.slice(0, at) + fonts.css + html.slice(at + FONTS_PLACEHOLDER.length);
}

/**
 * The report as one self-contained HTML document (style sheet and fonts inline, no scripts).
 * Footnotes come last in `<aside id="footnotes">`; the PDF renderer moves them to page bottoms.
 *
 * @param templates The folder's HTML templates, compiled once per run.
 * @param fonts The fonts to embed, or `deferred`: leave `FONTS_PLACEHOLDER` where the rules go
 *   (`withFonts` puts them in).
 */
export function renderReportHtml(model: ReportModel, templates: CompiledHtmlTemplates, fonts: EmbeddedFonts | 'deferred'): string {
  const dir = templates.dir;
  const name = templateName(model, templates.types);
  const template = templates.pages.get(name);
  if (!template) throw templateError(join(dir, `${name}.hbs`), new Error(`không có mẫu ${name}.hbs`));
  const html = template(toHtmlView(model));
  // Never a PDF without its phụ lục: a page template that does not include the partial is an error.
  const appendices = model.appendices?.length ?? 0;
  if (appendices > 0 && html.split('class="appendix-head').length - 1 !== appendices) {
    throw new DiagnosticError([
      htmlTemplateDiagnostic(join(dir, `${name}.hbs`), `Mẫu HTML ${name}.hbs không in phụ lục của văn bản: thêm {{> appendices}} sau {{> signature}}.`),
    ]);
  }
  return fonts === 'deferred' ? html : withFonts(html, fonts);
}
