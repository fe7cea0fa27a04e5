/**
 * Report model → PDF: the HTML from `renderHtml`, laid out into page boxes by `paginate` inside a
 * headless Chromium, printed, then made reproducible by `normalizePdf`.
 *
 * One browser per run and a small pool of reused tabs; each render waits for a free tab. The page
 * is inert: its scripts are disabled (our pagination runs through the DevTools protocol, which
 * works without page scripts), a Content-Security-Policy forbids every source but the inline style
 * sheet and the embedded fonts, and request interception aborts every request that is not one of
 * our own font data: URLs. The browser dies with the process (exit, SIGINT, SIGTERM).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { ReportModel } from '../../compute/model.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { RuleId } from '../../diagnostics/rules.js';
import { embeddedFonts } from '../html/fonts.js';
import { renderHtml } from '../html/render-html.js';
import { browserArgs, findBrowser } from './find-browser.js';
import { documentDate, normalizePdf } from './normalize-pdf.js';
import { paginate, type PaginationResult } from './paginate.js';

export interface PdfRendererOptions {
  /** Tabs rendering in parallel (default 4). */
  pages?: number;
  /** The project's templates folder (`templates/`); the HTML templates are in its `html/` folder. */
  templatesDir: string;
}

const defaultPages = 4;
/** Loading a document, and the fixed part of printing it. */
const timeoutMs = 60_000;
/** Time allowed per page (printing) and per block or note (pagination) on top of `timeoutMs`. */
const printMsPerPage = 250;
const layoutMsPerBlock = 10;
/**
 * The DevTools protocol's own limit, above every time we allow ourselves (ours are capped below
 * it): ours fire first and give a Vietnamese message; this one only stops a browser that stopped
 * answering in a call we do not time.
 */
const protocolTimeoutMs = 5 * 60_000;
const longestMs = protocolTimeoutMs - 10_000;
const allowed = (ms: number): number => Math.min(ms, longestMs);

/** `promise`, or a TimeoutError after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// ---- no orphan browsers: one set of process handlers for every open renderer ----
const live = new Set<PdfRenderer>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killAllNow(): void {
  for (const renderer of live) renderer.killNow();
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  uninstallHandlers();
  // Nobody else handles it: behave as if we had never listened (the default action ends the process).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;
function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllNow);
  for (const signal of signals) process.on(signal, onSignal);
}
function uninstallHandlers(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', killAllNow);
  for (const signal of signals) process.off(signal, onSignal);
}

/** A pooled tab and the document head (style sheet, fonts) it has loaded, without the title. */
interface Tab {
  page: Page;
  head: string | null;
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

/** @internal Exported for tests: a failed render as the diagnostic of its document (a timeout in Vietnamese). */
export function renderFailed(model: ReportModel, reason: unknown): DiagnosticError {
  const timedOut = reason instanceof Error && (reason.name === 'TimeoutError' || /timed? ?out|exceeded/i.test(reason.message));
  const detail = timedOut
    ? 'trình duyệt không in xong trong thời gian cho phép (văn bản quá lớn hoặc trình duyệt bị treo)'
    : reason instanceof Error
      ? reason.message.split('\n')[0]
      : String(reason);
  return documentError(model, 'render-failed', `Không in được PDF: ${detail}`);
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
function guardRequests(page: Page, allowed: ReadonlySet<string>): void {
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const action = allowed.has(request.url()) ? request.continue() : request.abort('blockedbyclient');
    action.catch(() => undefined);
  });
}

export class PdfRenderer {
  readonly #browser: Browser;
  readonly #userDataDir: string;
  readonly #templatesDir: string;
  readonly #idle: Tab[] = [];
  readonly #waiting: { resolve: (tab: Tab) => void; reject: (error: Error) => void }[] = [];
  #closed = false;
  /** Why renders can no longer run (the browser died), or null while it is healthy. */
  #broken: string | null = null;

  private constructor(browser: Browser, userDataDir: string, templatesDir: string) {
    this.#browser = browser;
    this.#userDataDir = userDataDir;
    this.#templatesDir = templatesDir;
    browser.on('disconnected', () => this.#fail('trình duyệt đã dừng'));
  }

  /** No more renders: reject the ones waiting for a tab, and any later one, at once. */
  #fail(reason: string): void {
    this.#broken ??= reason;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error(reason));
  }

  static async open(options: PdfRendererOptions): Promise<PdfRenderer> {
    const executablePath = findBrowser();
    const userDataDir = mkdtempSync(join(tmpdir(), 'baocao-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true,
        userDataDir,
        args: browserArgs(),
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        protocolTimeout: protocolTimeoutMs,
      });
    } catch (error) {
      rmSync(userDataDir, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new DiagnosticError([
        {
          file: executablePath,
          line: 0,
          column: 0,
          ruleId: 'browser-missing',
          severity: 'error',
          message: `Không khởi động được trình duyệt ${executablePath}: ${reason}`,
        },
      ]);
    }
    // The default context is already private: the profile folder is new and removed on close.
    const renderer = new PdfRenderer(browser, userDataDir, options.templatesDir);
    live.add(renderer);
    installHandlers();
    try {
      const count = Math.max(1, Math.floor(options.pages ?? defaultPages));
      const tabs = await Promise.all(Array.from({ length: count }, () => renderer.#newTab()));
      renderer.#idle.push(...tabs);
    } catch (error) {
      await renderer.close();
      throw error;
    }
    return renderer;
  }

  async #newTab(): Promise<Tab> {
    const page = await this.#browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    guardRequests(page, embeddedFonts().urls);
    return { page, head: null };
  }

  #acquire(): Promise<Tab> {
    if (this.#closed) return Promise.reject(new Error('PdfRenderer is closed'));
    if (this.#broken) return Promise.reject(new Error(this.#broken));
    const tab = this.#idle.pop();
    if (tab) return Promise.resolve(tab);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  #release(tab: Tab): void {
    const next = this.#waiting.shift();
    if (next) next.resolve(tab);
    else this.#idle.push(tab);
  }

  /** One report as PDF bytes; the same model always gives the same bytes. */
  async render(model: ReportModel): Promise<Uint8Array> {
    const html = renderHtml(model, this.#templatesDir);
    const parts = splitDocument(html);
    let raw: Uint8Array;
    let tab = await this.#acquire().catch((error: unknown) => {
      throw renderFailed(model, error);
    });
    try {
      const layoutMs = allowed(timeoutMs + layoutMsPerBlock * (model.body.length + model.footnotes.length));
      let layout: PaginationResult;
      if (parts && tab.head === parts.head) {
        layout = await withTimeout(tab.page.evaluate(paginate, parts.body), layoutMs);
      } else {
        tab.head = null;
        await tab.page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
        tab.head = parts?.head ?? null;
        layout = await withTimeout(tab.page.evaluate(paginate, null), layoutMs);
      }
      if (layout.tooLarge) throw tooLarge(model, layout.tooLarge);
      raw = await tab.page.pdf({
        preferCSSPageSize: true,
        // Nothing in the style sheet is a background; rules are borders, which always print.
        printBackground: false,
        // Untagged: a structure tree costs ~25% more printing and 4x the post-processing time.
        tagged: false,
        outline: false,
        waitForFonts: false,
        timeout: allowed(timeoutMs + printMsPerPage * layout.pages),
      });
    } catch (error) {
      if (error instanceof DiagnosticError) throw error; // the content, not the tab: the tab stays usable
      // The tab may be in any state now: replace it so the next report starts clean.
      await tab.page.close().catch(() => undefined);
      if (!this.#closed && !this.#broken) {
        tab = await this.#newTab().catch(() => {
          this.#fail('không mở được thẻ mới trong trình duyệt');
          return tab;
        });
      }
      throw renderFailed(model, error);
    } finally {
      if (!tab.page.isClosed()) this.#release(tab);
    }
    return normalizePdf(raw, { title: model.documentTitle, date: documentDate(model.issueDate) });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    live.delete(this);
    if (live.size === 0) uninstallHandlers();
    this.#fail('PdfRenderer is closed');
    this.#idle.length = 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#browser.close().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, 5_000))),
    ]);
    clearTimeout(timer);
    this.killNow();
  }

  /**
   * @internal Synchronous last resort, also run after a normal close: kill the browser's whole process group
   * (zygotes, renderers and utilities may outlive the main process for a moment), remove its profile.
   */
  killNow(): void {
    const child = this.#browser.process();
    if (child?.pid !== undefined) {
      try {
        // Launched detached on POSIX, so the browser leads its own process group.
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.#userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
