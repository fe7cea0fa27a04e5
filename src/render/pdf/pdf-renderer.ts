/**
 * Report model → PDF: the HTML from `renderReportHtml`, laid out into page boxes by `paginate` inside a
 * headless Chromium, printed, then made reproducible by `normalizePdf`.
 *
 * One browser per run and a small pool of reused tabs; each render waits for a free tab. The page
 * is inert: its scripts are disabled (our pagination runs through the DevTools protocol, which
 * works without page scripts), a Content-Security-Policy forbids every source but the inline style
 * sheet and the embedded fonts, and request interception aborts every request that is not one of
 * our own font data: URLs.
 *
 * Nothing here waits forever: the launch has a deadline (a browser that never answers is killed),
 * and so has each document, one deadline for loading, laying out and printing it that grows with
 * the document (`documentTimeoutMs`); a tab that does not finish is closed and replaced, the other
 * documents go on. The process's signals are not ours: each open renderer registers a synchronous
 * kill with `../cleanup.js`, which the CLI runs on Ctrl-C and on exit.
 */
import type { CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import type { ReportModel } from '../../core/model.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { RuleId } from '../../diagnostics/rules.js';
import { registerCleanup } from '../cleanup.js';
import type { EmbeddedFonts } from '../html/fonts.js';
import type { Templates } from '../open-templates.js';
import { renderReportHtml, withFonts } from '../html/report-html.js';
import { documentDate, normalizePdf } from './normalize-pdf.js';
import { browserFailed, browserReason, Deadline, LaunchedBrowser, launchTimeoutMs, protocolTimeoutMs, withDeadline } from './launch-browser.js';
import { installPaginate, runPaginate, type PaginationResult } from './paginate.js';
import type { SharedBrowser } from './shared-browser.js';

/** What a document's deadline grows with; `pages` is 0 until pagination has counted them. */
export interface DocumentSize {
  htmlLength: number;
  /** Body blocks plus footnotes. */
  blocks: number;
  pages: number;
}

export interface PdfRendererOptions {
  /** Tabs rendering in parallel (default 4). */
  pages?: number;
  /** The run's opened templates folder: the HTML templates of its `html/` folder, the fonts. */
  templates: Templates;
  /** Seconds since 1970 (UTC) to date every PDF with (SOURCE_DATE_EPOCH); else each report's issue date. */
  sourceDateEpoch?: number;
  /**
   * Reports a tab prints between two garbage collections of its page (default
   * `reportsPerCollection`); 0: never collect.
   */
  collectEvery?: number;
  /**
   * Milliseconds one document may take to load, lay out and print (default: `documentTimeoutMs`).
   * Asked before loading (`pages` 0) and again once the pages are counted; the second answer is
   * the whole document's budget, measured from the start.
   */
  timeoutFor?: (model: ReportModel, size: DocumentSize) => number;
  /** BAOCAO_BROWSER and the folders the standard install places depend on (from the run context); default none: only the standard places. */
  browserEnv?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds the browser has to start and open its tabs (default `launchTimeoutMs`). */
  launchTimeoutMs?: number;
  /**
   * A browser the caller keeps running for many runs: the tabs are opened in it and only they are
   * closed. Without it, the renderer starts its own browser and stops it on close.
   */
  browser?: SharedBrowser;
}

const defaultPages = 4;
/** Our document deadlines stay under the backstop, so ours always fire first (in Vietnamese). */
const longestDocumentMs = protocolTimeoutMs - 30_000;
/**
 * One document's budget: a minute, plus a second per 20 kB of HTML (loading), 10 ms per block or
 * footnote (layout) and 250 ms per page (printing), at most 9.5 minutes. Measured: the sample
 * report takes well under a second, 12,000 title-only sections about 6 s on 2 busy cores.
 */
export function documentTimeoutMs(size: DocumentSize): number {
  const ms = 60_000 + Math.ceil(size.htmlLength / 20_000) * 1_000 + 10 * size.blocks + 250 * size.pages;
  return Math.min(ms, longestDocumentMs);
}
/**
 * A tab's garbage is collected after this many reports, and after each new document head (whose
 * HTML holds the fonts). Nothing in the page runs JavaScript, so V8 and Blink seldom see a reason
 * to collect and the renderers grow with every report; a collection (`HeapProfiler.collectGarbage`,
 * V8's low-memory one, which also returns the pages) costs the tab little. 100 keeps the memory of
 * a long run bounded at almost no cost (the measurements are in docs/decisions.md).
 */
export const reportsPerCollection = 100;
/** Closing a tab or opening a new one on a healthy browser takes milliseconds. */
const tabTimeoutMs = 10_000;

/**
 * Whether printing may succeed on a new browser: any failure but the templates' own (a template
 * error would fail again, and the browser is fine).
 */
export function isBrowserFailure(error: unknown): boolean {
  return !(error instanceof DiagnosticError && error.diagnostics.some((d) => d.ruleId === 'template-error'));
}

/** Why the renderer cannot print any more (already in Vietnamese). */
class Unavailable extends Error {}

/** The browser's reason in a clerk's words; never puppeteer's advice about its settings. */
function reasonOf(error: unknown): string {
  return error instanceof Unavailable ? error.message : browserReason(error);
}

/** A pooled tab and the document head (style sheet, fonts) it has loaded, without the title. */
interface Tab {
  page: Page;
  /** The tab's own protocol session, for what puppeteer has no call for (garbage collection). */
  session: CDPSession;
  head: string | null;
  /** Reports printed since the page's garbage was last collected; a new head makes a collection due. */
  sinceCollected: number;
  /** This renderer's listeners on the page, taken off when a shared browser's tab is handed back. */
  listeners: { request: (request: HTTPRequest) => void; close: () => void };
}

/**
 * Splits a rendered document into its head (minus the per-report title) and its `<body>` element,
 * so a tab that already holds the same head only swaps the body (no new document, no font decoding).
 */
function splitDocument(html: string): { head: string; body: string } | null {
  const start = html.indexOf('<body');
  const end = html.lastIndexOf('</body>');
  if (start < 0 || end < start) return null;
  return {
    head: html.slice(0, start).replace(/<title>[^<]*<\/title>/, ''),
    body: html.slice(start, end + '</body>'.length),
  };
}

/** An error of the whole document `model` comes from. */
function documentError(model: ReportModel, ruleId: RuleId, message: string): DiagnosticError {
  return new DiagnosticError([
    { file: `${model.unitPath}/${model.period}`, line: 0, column: 0, ruleId, severity: 'error', message },
  ]);
}

/**
 * @internal Exported for tests: why a document's PDF failed, as its `render-failed` diagnostic in
 * Vietnamese (a missed deadline says how long it had; puppeteer's own messages never show through).
 */
export function renderFailed(model: ReportModel, reason: unknown): DiagnosticError {
  const message =
    reason instanceof Deadline
      ? `Trình duyệt chưa in xong PDF sau ${Math.round(reason.ms / 1000)} giây (văn bản quá dài hoặc trình duyệt bị treo); tệp PDF không được ghi.`
      : `Không in được PDF: ${reasonOf(reason)}.`;
  return documentError(model, 'render-failed', message);
}

const tooLargeWhat: Record<NonNullable<PaginationResult['tooLarge']>['kind'], string> = {
  header: 'Phần đầu văn bản (cơ quan ban hành, số, ngày)',
  signature: 'Phần nơi nhận và chữ ký',
  title: 'Tên loại và trích yếu',
  block: 'Một khối nội dung',
  note: 'Một chú thích',
};

/** Content that no page can hold: the document gets this diagnostic and no PDF (never a clipped one). */
function tooLarge(model: ReportModel, what: NonNullable<PaginationResult['tooLarge']>): DiagnosticError {
  const text = what.text.length >= 80 ? `${what.text}…` : what.text;
  return documentError(
    model,
    'content-too-large',
    `${tooLargeWhat[what.kind]} cao hơn một trang giấy, không vừa một trang và không chia được: «${text}». Hãy rút ngắn phần này; không tạo tệp PDF.`,
  );
}

/** Lets through only our own font data: URLs; everything else (http, file, data images …) is aborted. */
function guardRequests(page: Page, allowed: ReadonlySet<string>): (request: HTTPRequest) => void {
  const guard = (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const action = allowed.has(request.url()) ? request.continue() : request.abort('blockedbyclient');
    action.catch(() => undefined);
  };
  page.on('request', guard);
  return guard;
}

/**
 * Minimizes the tab's (headless) window. A visible tab draws every change to a screen nobody sees:
 * a frame after each layout, raster threads, the compositor. A hidden one only lays out and
 * prints; the PDF is the same, byte for byte. A browser without windows to minimize
 * (chrome-headless-shell) gets frameless tabs instead (./frameless-tab.ts); should one refuse to
 * minimize, it prints as before, only slower: its refusal is no reason to fail.
 */
async function hideWindow(session: CDPSession): Promise<void> {
  try {
    const { windowId } = await session.send('Browser.getWindowForTarget');
    await session.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } });
  } catch {
    // no window: nothing drawn to hide
  }
}

/**
 * `Page.printToPDF` as puppeteer's `page.pdf` sends it for our options (its defaults: letter paper,
 * which `preferCSSPageSize` overrides with the style sheet's A4, no margins, scale 1), with the
 * PDF returned in the answer itself: one protocol round trip instead of a stream read in chunks.
 */
const printParameters = {
  transferMode: 'ReturnAsBase64',
  landscape: false,
  displayHeaderFooter: false,
  headerTemplate: '',
  footerTemplate: '',
  // Nothing in the style sheet is a background; rules are borders, which always print.
  printBackground: false,
  scale: 1,
  paperWidth: 8.5,
  paperHeight: 11,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  pageRanges: '',
  preferCSSPageSize: true,
  // Untagged: a structure tree costs ~25% more printing and 4x the post-processing time.
  generateTaggedPDF: false,
  generateDocumentOutline: false,
} as const;

export class PdfRenderer {
  readonly #launched: LaunchedBrowser;
  readonly #options: PdfRendererOptions;
  readonly #idle: Tab[] = [];
  /** Every tab this renderer opened and has not closed. */
  readonly #pages = new Set<Page>();
  readonly #waiting: { resolve: (tab: Tab) => void; reject: (error: Error) => void }[] = [];
  readonly #unregister: () => void;
  readonly #onDisconnected = () => this.#fail('trình duyệt đã dừng');
  readonly #collectEvery: number;
  /** @internal How many times a tab's garbage was collected (tests). */
  collections = 0;
  #closed = false;
  /** Why renders can no longer run (the browser died), or null while it is healthy. */
  #broken: string | null = null;

  readonly #fonts: EmbeddedFonts;

  private constructor(launched: LaunchedBrowser, options: PdfRendererOptions, fonts: EmbeddedFonts) {
    this.#fonts = fonts;
    this.#launched = launched;
    this.#options = options;
    this.#collectEvery = Math.max(0, Math.floor(options.collectEvery ?? reportsPerCollection));
    this.#unregister = registerCleanup(() => this.killNow());
    launched.browser.on('disconnected', this.#onDisconnected);
  }

  /** Whether the browser is this renderer's own (stopped on close), not a caller's `SharedBrowser` (only the tabs are closed). */
  get #ownsBrowser(): boolean {
    return this.#options.browser === undefined;
  }

  /** No more renders: reject the ones waiting for a tab, and any later one, at once. */
  #fail(reason: string): void {
    this.#broken ??= reason;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new Unavailable(reason));
  }

  /**
   * Starts the browser (or takes the caller's `browser`) and opens the tabs. Throws a
   * DiagnosticError: `browser-missing` when there is no browser, `browser-failed` when it cannot
   * be started, stops at once, or does not answer within `launchTimeoutMs` (it is then killed,
   * with its profile folder).
   */
  static async open(options: PdfRendererOptions): Promise<PdfRenderer> {
    const fonts = await options.templates.fonts();
    const launchMs = options.launchTimeoutMs ?? launchTimeoutMs;
    const launched = options.browser
      ? await options.browser.acquire()
      : await LaunchedBrowser.launch({ ...(options.browserEnv ? { browserEnv: options.browserEnv } : {}), launchTimeoutMs: launchMs });
    const renderer = new PdfRenderer(launched, options, fonts);
    try {
      const count = Math.max(1, Math.floor(options.pages ?? defaultPages));
      const tabs = await withDeadline(Promise.all(Array.from({ length: count }, () => renderer.#newTab())), launchMs);
      renderer.#idle.push(...tabs);
    } catch (error) {
      renderer.killNow();
      await renderer.close();
      throw browserFailed(
        launched.executablePath,
        `Trình duyệt ${launched.executablePath} không mở được thẻ in: ${error instanceof Deadline ? 'không trả lời' : reasonOf(error)}. Không in được PDF.`,
      );
    }
    return renderer;
  }

  /** A tab a finished run of the shared browser handed back (set up already), else a new one. */
  async #newTab(): Promise<Tab> {
    const spare = this.#ownsBrowser ? undefined : this.#launched.takeSpareTab();
    const page = spare?.page ?? (await this.#launched.newTab(tabTimeoutMs));
    this.#pages.add(page);
    const close = () => this.#pages.delete(page);
    // `on`, not `once`: puppeteer's `once` wraps the listener, which `off` then cannot find.
    page.on('close', close);
    const session = await page.createCDPSession();
    if (!spare) {
      if (!this.#launched.frameless) await hideWindow(session);
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
    }
    const request = guardRequests(page, this.#fonts.urls);
    // Its document is reused (only the body swapped in) when the head and the fonts are the same.
    const head = spare && spare.fontsCss === this.#fonts.css ? spare.head : null;
    return { page, session, head, sinceCollected: 0, listeners: { request, close } };
  }

  /**
   * Hands an idle tab of a shared browser back for the next run: its document stays (a run with the
   * same head only swaps its body in), this renderer's listeners and session go. False: close it.
   */
  async #handBack(tab: Tab): Promise<boolean> {
    if (tab.page.isClosed()) return false;
    tab.page.off('request', tab.listeners.request);
    tab.page.off('close', tab.listeners.close);
    await withDeadline(tab.session.detach(), tabTimeoutMs).catch(() => undefined);
    return this.#launched.keepSpareTab({ page: tab.page, head: tab.head, fontsCss: this.#fonts.css });
  }

  /**
   * Collects the tab's garbage when it is due (`reportsPerCollection`). A failure here is the
   * tab's, not the printed document's: the tab is replaced, and the document keeps its PDF.
   */
  async #collectIfDue(tab: Tab): Promise<Tab> {
    if (this.#collectEvery === 0 || ++tab.sinceCollected < this.#collectEvery) return tab;
    tab.sinceCollected = 0;
    try {
      await withDeadline(tab.session.send('HeapProfiler.collectGarbage'), tabTimeoutMs);
      this.collections += 1;
      return tab;
    } catch {
      return this.#replace(tab);
    }
  }

  /** Closes a tab in an unknown state and opens a new one; on failure the renderer cannot print any more. */
  async #replace(tab: Tab): Promise<Tab> {
    await withDeadline(tab.page.close(), tabTimeoutMs).catch(() => undefined);
    if (this.#closed || this.#broken) return tab;
    return withDeadline(this.#newTab(), tabTimeoutMs).catch(() => {
      this.#fail('không mở được thẻ mới trong trình duyệt');
      return tab;
    });
  }

  #acquire(): Promise<Tab> {
    if (this.#closed) return Promise.reject(new Unavailable('bộ in PDF đã đóng'));
    if (this.#broken) return Promise.reject(new Unavailable(this.#broken));
    const tab = this.#idle.pop();
    if (tab) return Promise.resolve(tab);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  #release(tab: Tab): void {
    const next = this.#waiting.shift();
    if (next) next.resolve(tab);
    else this.#idle.push(tab);
  }

  /** Loads one document on a tab (or swaps its body in) and lays it out into pages. */
  async #layOut(tab: Tab, html: string, parts: { head: string; body: string } | null): Promise<PaginationResult> {
    if (parts && tab.head === parts.head) return tab.page.evaluate(runPaginate, parts.body);
    tab.head = null;
    // Our deadline (in `render`) bounds the whole document, not puppeteer's per-call one.
    await tab.page.setContent(withFonts(html, this.#fonts), { waitUntil: 'load', timeout: 0 });
    await tab.page.evaluate(installPaginate);
    tab.head = parts?.head ?? null;
    // The whole document's HTML, fonts included, is garbage once it is parsed: collect after this report.
    tab.sinceCollected = Number.POSITIVE_INFINITY;
    return tab.page.evaluate(runPaginate, null);
  }

  /** Prints the laid-out document of a tab (our deadline, in `render`, bounds it). */
  async #print(tab: Tab): Promise<Uint8Array> {
    const { data } = await tab.session.send('Page.printToPDF', printParameters);
    return Buffer.from(data, 'base64');
  }

  /**
   * One report as PDF bytes; the same model always gives the same bytes. Throws a DiagnosticError:
   * `content-too-large` when a part that cannot be split is taller than a page (the tab stays in
   * use), `render-failed` (in Vietnamese) when the browser fails or the document's deadline passes
   * (the tab is then replaced, so the other documents go on).
   */
  async render(model: ReportModel): Promise<Uint8Array> {
    // The fonts' rules go in only when a tab loads a new head: most reports only swap their body in.
    const html = renderReportHtml(model, await this.#options.templates.html(), 'deferred');
    const parts = splitDocument(html);
    const timeoutFor = this.#options.timeoutFor ?? ((_model, size) => documentTimeoutMs(size));
    const size: DocumentSize = { htmlLength: html.length, blocks: model.body.length + model.footnotes.length, pages: 0 };
    let raw: Uint8Array;
    let tab = await this.#acquire().catch((error: unknown) => {
      throw renderFailed(model, error);
    });
    // The document's time starts once it has a tab: waiting for one is other documents' time.
    const started = Date.now();
    try {
      const layout = await withDeadline(this.#layOut(tab, html, parts), timeoutFor(model, size));
      if (layout.tooLarge) throw tooLarge(model, layout.tooLarge);
      const budget = timeoutFor(model, { ...size, pages: layout.pages });
      raw = await withDeadline(this.#print(tab), budget - (Date.now() - started), budget);
      tab = await this.#collectIfDue(tab);
    } catch (error) {
      if (error instanceof DiagnosticError) throw error; // the content, not the tab: the tab stays usable
      // The tab may be in any state now (still printing, even): replace it so the next report starts clean.
      tab = await this.#replace(tab);
      throw renderFailed(model, error);
    } finally {
      if (!tab.page.isClosed()) this.#release(tab);
    }
    const epoch = this.#options.sourceDateEpoch;
    return normalizePdf(raw, { title: model.documentTitle, date: documentDate(model.issueDate, epoch) });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const healthy = this.#broken === null;
    this.#fail('bộ in PDF đã đóng');
    const idle = this.#idle.splice(0);
    if (this.#ownsBrowser) {
      await this.#launched.close();
      this.#unregister();
      return;
    }
    // A shared browser stays up for its holder: this renderer's idle tabs are handed back for the
    // next run (a healthy browser only), the others closed.
    this.#launched.browser.off('disconnected', this.#onDisconnected);
    const kept = new Set<Page>();
    if (healthy) for (const tab of idle) if (await this.#handBack(tab)) kept.add(tab.page);
    const pages = [...this.#pages].filter((page) => !kept.has(page));
    this.#pages.clear();
    await withDeadline(Promise.all(pages.map((page) => page.close())), 5_000).catch(() => undefined);
    this.#unregister();
  }

  /**
   * @internal Synchronous last resort (Ctrl-C, exit), also run after a normal close: kills the
   * renderer's own browser's whole process group and removes its profile. A shared browser is its
   * holder's to stop.
   */
  killNow(): void {
    this.#unregister();
    if (this.#ownsBrowser) this.#launched.killNow();
  }
}
