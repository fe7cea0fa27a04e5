/**
 * What the preview shows, per document: its diagnostics now, and its last good laid-out pages
 * (kept while the data has errors, so the clerk still sees the report, dimmed, under the errors).
 * Refreshes run one at a time; each rebuilds only the documents whose files changed.
 */
import path from 'node:path';
import type { ReportModel } from '../core/model.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findInputDocuments, type DocumentSource } from '../load/find-documents.js';
import { LayerCache, prepareDocument } from '../pipeline.js';
import { renderReportHtml } from '../render/html/report-html.js';
import { openTemplates, type Templates } from '../render/open-templates.js';
import { diagnosticsOf } from '../run/failures.js';
import type { HtmlPaginator, PaginatedHtml } from './paginated-html.js';

export interface PreviewDocument {
  /** `ha-tinh/phuong-thach-quy/2024-q3`: the document's address in the preview. */
  id: string;
  source: DocumentSource;
  /** Goes up by one on every rebuild. */
  version: number;
  diagnostics: Diagnostic[];
  /** The model of the current data; absent while the data has errors. */
  model?: ReportModel;
  /** The last pages that could be laid out, and the version they come from. */
  good?: Omit<PaginatedHtml, 'tooLarge'> & { version: number };
  /** When the last rebuild ended (ms since the epoch). */
  builtAt: number;
}

/** What changed: some files (any layer or template), or everything. */
export type Change = readonly string[] | 'all';

export class PreviewState {
  readonly documents = new Map<string, PreviewDocument>();
  /** Problems not tied to one document (nothing found under the input). */
  diagnostics: Diagnostic[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  /** The templates folder, opened again when one of its files changes (a preview outlives many edits). */
  templates: Templates;

  constructor(
    private readonly inputs: readonly string[],
    private readonly templatesDir: string,
    private readonly paginator: HtmlPaginator,
    /** The folder `inputs` (and the paths found from them) are read against: the CLI's. */
    private readonly cwd: string = '.',
  ) {
    this.templates = openTemplates(templatesDir, { cwd });
  }

  /** Rebuilds what the change touches; resolves to the ids of the documents rebuilt or gone. */
  refresh(change: Change): Promise<string[]> {
    const run = this.#queue.then(() => this.#refresh(change));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refresh(change: Change): Promise<string[]> {
    const templates = path.resolve(this.cwd, this.templatesDir);
    const changed = change === 'all' ? [] : change.map((file) => path.resolve(this.cwd, file));
    const everything = change === 'all' || changed.some((file) => file.startsWith(templates + path.sep));
    if (everything) this.templates = openTemplates(this.templatesDir, { cwd: this.cwd });
    const found = await findInputDocuments(this.inputs, { cwd: this.cwd });
    this.diagnostics = found.diagnostics;
    const touched: string[] = [];
    const present = new Set<string>();
    const cache = new LayerCache(this.cwd);
    for (const source of found.documents) {
      const id = `${source.unitPath}/${source.period}`;
      present.add(id);
      const known = this.documents.get(id);
      const affected = everything || !known || source.layers.some((layer) => changed.includes(path.resolve(this.cwd, layer)));
      if (!affected) continue;
      this.documents.set(id, await this.#build(id, source, known, cache));
      touched.push(id);
    }
    for (const id of [...this.documents.keys()]) {
      if (present.has(id)) continue;
      this.documents.delete(id);
      touched.push(id);
    }
    return touched;
  }

  async #build(id: string, source: DocumentSource, known: PreviewDocument | undefined, cache: LayerCache): Promise<PreviewDocument> {
    const version = (known?.version ?? 0) + 1;
    const good = known?.good;
    const done = (diagnostics: Diagnostic[], extra: Partial<PreviewDocument> = {}): PreviewDocument => ({
      id,
      source,
      version,
      diagnostics,
      ...(good ? { good } : {}),
      ...extra,
      builtAt: Date.now(),
    });
    try {
      const prepared = await prepareDocument(source, this.templates, cache);
      if (!prepared.model) return done(prepared.diagnostics);
      try {
        const pages = await this.paginator.paginate(renderReportHtml(prepared.model, await this.templates.html(), await this.templates.fonts()));
        if (pages.tooLarge) {
          // As the PDF renderer: content no page can hold is an error, never clipped pages.
          const text = pages.tooLarge.text.slice(0, 80);
          return done([
            ...prepared.diagnostics,
            diagnosticAt({ file: source.file, line: 0, column: 0 }, 'content-too-large', `Một phần cao hơn một trang giấy và không chia được: «${text}». Hãy rút ngắn phần này.`),
          ]);
        }
        return done(prepared.diagnostics, { model: prepared.model, good: { head: pages.head, body: pages.body, version } });
      } catch (error) {
        return done([...prepared.diagnostics, ...diagnosticsOf(error, source.file).map(this.templates.shown)]);
      }
    } catch (error) {
      return done([
        diagnosticAt({ file: source.file, line: 0, column: 0 }, 'internal-error', `Lỗi nội bộ khi dựng bản xem: ${String(error)}`),
      ]);
    }
  }
}
