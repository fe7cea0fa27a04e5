/**
 * `baocao xem`: the state, the headless page-layout browser, the watcher and the server, started
 * together and stopped together. Nothing is written to disk: DOCX and PDF are made on request.
 */
import path from 'node:path';
import { openTemplates } from '../render/open-templates.js';
import { SharedBrowser } from '../render/pdf/shared-browser.js';
import { openWriter, type OpenWriter, type OutputFormat } from '../render/registry.js';
import type { RunContext } from '../run/context.js';
import { HtmlPaginator } from './paginated-html.js';
import { PreviewState, type PreviewDocument } from './preview-state.js';
import { PreviewServer, PREVIEW_HOST } from './server.js';
import { watchFiles } from './watch-files.js';

export interface PreviewOptions extends RunContext {
  inputs: readonly string[];
  /** 0 for a free port. */
  port: number;
  /** After each rebuild: which documents, and how long it took. */
  onRefresh?: (ids: readonly string[], ms: number) => void;
}

export interface RunningPreview {
  url: string;
  state: PreviewState;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const cwd = options.cwd ?? '.';
  // Watched by their full paths: the paths the state shows stay as typed, relative to `cwd`.
  const inCwd = (files: readonly string[]) => files.map((file) => path.resolve(cwd, file));
  // One browser for the page layout and the PDF downloads: the caller's, or the preview's own.
  const browser =
    options.browser ??
    new SharedBrowser({
      ...(options.browserEnv ? { browserEnv: options.browserEnv } : {}),
      ...(options.browserLaunchMs !== undefined ? { launchTimeoutMs: options.browserLaunchMs } : {}),
      consequence: 'Không mở được bản xem',
    });
  const stopBrowser = () => (options.browser ? Promise.resolve() : browser.close());
  let paginator: HtmlPaginator;
  try {
    paginator = await HtmlPaginator.open(await openTemplates(options.templatesDir, { cwd }).fonts(), browser);
  } catch (error) {
    await stopBrowser().catch(() => undefined);
    throw error;
  }
  const renderers = new Map<OutputFormat, Promise<OpenWriter>>();
  const stops: (() => Promise<void>)[] = [() => paginator.close()];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    for (const renderer of renderers.values()) await (await renderer.catch(() => undefined))?.close().catch(() => undefined);
    renderers.clear();
    await stopBrowser().catch(() => undefined);
  };
  try {
    const state = new PreviewState(options.inputs, options.templatesDir, paginator, cwd);
    await state.refresh('all');
    const download = async (doc: PreviewDocument, format: OutputFormat): Promise<Uint8Array> => {
      let renderer = renderers.get(format);
      if (!renderer) {
        renderer = openWriter(format, { ...options, browser }, state.templates, { pdf: { pages: 1 } });
        renderers.set(format, renderer);
        renderer.catch(() => renderers.delete(format));
      }
      // Word templates are read when the renderer opens: open it again after a template is saved.
      return (await renderer).render(doc.model!);
    };
    const server = new PreviewServer(state, download);
    const port = await server.listen(options.port);
    stops.push(() => server.close());
    const layersOf = () => [...state.documents.values()].flatMap((doc) => doc.source.layers);
    const watch = await watchFiles(inCwd([...options.inputs, options.templatesDir, ...layersOf()]), (files) => {
      const started = Date.now();
      void state.refresh(files).then((ids) => {
        watch.add(inCwd(layersOf()));
        // Writers read their templates when they open: after a template is saved, open them again.
        const templates = path.resolve(cwd, options.templatesDir) + path.sep;
        if (files.some((file) => path.resolve(cwd, file).startsWith(templates))) {
          const open = [...renderers.values()];
          renderers.clear();
          for (const writer of open) void writer.then((w) => w.close()).catch(() => undefined);
        }
        server.notify(ids);
        options.onRefresh?.(ids, Date.now() - started);
      });
    });
    stops.push(() => watch.close());
    return { url: `http://${PREVIEW_HOST}:${port}/`, state, close };
  } catch (error) {
    await close();
    throw error;
  }
}
