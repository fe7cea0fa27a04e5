/**
 * Report model → PDF: the HTML from `renderHtml`, laid out into page boxes by `paginate` inside a
 * headless Chromium, printed, then made reproducible by `normalizePdf`.
 *
 * One browser per run and a small pool of reused tabs; each render waits for a free tab. The page
 * is inert: its scripts are disabled (our pagination runs through the DevTools protocol, which
 * works without page scripts), a Content-Security-Policy forbids every source but the inline style
 * sheet and the embedded fonts, and request interception aborts every request that is not one of
 * our own font data: URLs.
 *
 * Nothing here waits forever: the launch has a deadline (a browser that never answers is killed),
 * and so has each document (a tab that does not finish is closed and replaced; the other documents
 * go on). The process's signals are not ours: each open renderer registers a synchronous kill with
 * `../cleanup.js`, which the CLI runs on Ctrl-C and on exit.
 */
import { rmSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { ReportModel } from '../../compute/model.js';
import { DiagnosticError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { registerCleanup } from '../cleanup.js';
import { embeddedFonts } from '../html/fonts.js';
import { renderHtml } from '../html/render-html.js';
import { browserArgs, findBrowser } from './find-browser.js';
import { documentDate, normalizePdf } from './normalize-pdf.js';
import { paginate } from './paginate.js';
import { newProfileDir, sweepStaleProfiles } from './profiles.js';

export interface PdfRendererOptions {
  /** Tabs rendering in parallel (default 4). */
  pages?: number;
  /** The project's templates folder (`templates/`); the HTML templates are in its `html/` folder. */
  templatesDir: string;
  /** Seconds since 1970 (UTC) to date every PDF with (SOURCE_DATE_EPOCH); else each report's issue date. */
  sourceDateEpoch?: number;
  /** Milliseconds one document may take to lay out and print (default: `documentTimeoutMs`). */
  timeoutFor?: (model: ReportModel, htmlLength: number) => number;
}

const defaultPages = 4;
/** A browser that has not answered by then never will: it is killed. */
export const launchTimeoutMs = 30_000;
/**
 * One document's budget: a minute, plus a second per 20 kB of HTML (a 1 MB report, some 10,000
 * blocks, gets almost two minutes). Measured: the sample report takes well under a second.
 */
export function documentTimeoutMs(htmlLength: number): number {
  return 60_000 + Math.ceil(htmlLength / 20_000) * 1_000;
}
/** Puppeteer's own limit on one protocol call: only a backstop behind our deadlines. */
const protocolTimeoutMs = 10 * 60_000;
/** Closing a tab or opening a new one on a healthy browser takes milliseconds. */
const tabTimeoutMs = 10_000;

class Deadline extends Error {}

/** `work`, or a `Deadline` error after `ms`; the loser's later outcome is ignored. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Deadline()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Puppeteer's failure when the browser went away (crashed, killed, closed the tab). */
function browserGone(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Target closed|Session closed|Connection closed|detached|disconnected|browser has disconnected/i.test(text);
}

/** The browser's reason in a clerk's words; never puppeteer's advice about its settings. */
function reasonOf(error: unknown): string {
  if (browserGone(error)) return 'trình duyệt đã dừng hoặc đóng thẻ in giữa chừng';
  const text = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (/timed out|timeout/i.test(text)) return 'trình duyệt không trả lời kịp';
  return `trình duyệt báo lỗi (${text.replace(/\s*Increase the 'protocolTimeout'.*$/, '')})`;
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

function renderFailed(model: ReportModel, message: string): DiagnosticError {
  return new DiagnosticError([
    { file: `${model.unitPath}/${model.period}`, line: 0, column: 0, ruleId: 'render-failed', severity: 'error', message },
  ]);
}

function browserFailed(executablePath: string, message: string): DiagnosticError {
  const diagnostic: Diagnostic = { file: executablePath, line: 0, column: 0, ruleId: 'browser-failed', severity: 'error', message };
  return new DiagnosticError([diagnostic]);
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
  readonly #options: PdfRendererOptions;
  readonly #idle: Tab[] = [];
  readonly #waiting: { resolve: (tab: Tab) => void; reject: (error: Error) => void }[] = [];
  readonly #unregister: () => void;
  #closed = false;
  /** Why renders can no longer run (the browser died), or null while it is healthy. */
  #broken: string | null = null;

  private constructor(browser: Browser, userDataDir: string, options: PdfRendererOptions) {
    this.#browser = browser;
    this.#userDataDir = userDataDir;
    this.#options = options;
    this.#unregister = registerCleanup(() => this.killNow());
    browser.on('disconnected', () => this.#fail('trình duyệt đã dừng'));
  }

  /** No more renders: reject the ones waiting for a tab, and any later one, at once. */
  #fail(reason: string): void {
    this.#broken ??= reason;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error(reason));
  }

  /**
   * Starts the browser and its tabs. Throws a DiagnosticError: `browser-missing` when there is no
   * browser, `browser-failed` when it cannot be started, stops at once, or does not answer within
   * `launchTimeoutMs` (it is then killed, with its profile folder).
   */
  static async open(options: PdfRendererOptions): Promise<PdfRenderer> {
    const executablePath = findBrowser();
    sweepStaleProfiles();
    const userDataDir = newProfileDir();
    // Aborting kills the browser's process group: a launch that lost the race leaves nothing running.
    const abort = new AbortController();
    const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    const unregister = registerCleanup(() => {
      abort.abort();
      removeProfile();
    });
    const launching = puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir,
      args: browserArgs(),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: launchTimeoutMs,
      protocolTimeout: protocolTimeoutMs,
      signal: abort.signal,
    });
    let browser: Browser;
    try {
      browser = await withDeadline(launching, launchTimeoutMs);
    } catch (error) {
      abort.abort();
      // Should the launch still succeed after the deadline, that browser is closed too.
      launching.then((late) => late.close()).catch(() => undefined);
      removeProfile();
      const why =
        error instanceof Deadline
          ? `không trả lời sau ${launchTimeoutMs / 1000} giây (có thể không phải Chrome/Chromium/Edge, hoặc bị treo); đã dừng nó`
          : browserGone(error)
            ? 'dừng ngay khi khởi động (có thể không phải Chrome/Chromium/Edge, hoặc bị hỏng)'
            : `không khởi động được: ${reasonOf(error)}`;
      throw browserFailed(executablePath, `Trình duyệt ${executablePath} ${why}. Không in được PDF; kiểm tra trình duyệt hoặc đặt BAOCAO_BROWSER=<đường dẫn>.`);
    } finally {
      unregister();
    }
    // The default context is already private: the profile folder is new and removed on close.
    const renderer = new PdfRenderer(browser, userDataDir, options);
    try {
      const count = Math.max(1, Math.floor(options.pages ?? defaultPages));
      const tabs = await withDeadline(Promise.all(Array.from({ length: count }, () => renderer.#newTab())), launchTimeoutMs);
      renderer.#idle.push(...tabs);
    } catch (error) {
      renderer.killNow();
      await renderer.close();
      throw browserFailed(
        executablePath,
        `Trình duyệt ${executablePath} không mở được thẻ in: ${error instanceof Deadline ? 'không trả lời' : reasonOf(error)}. Không in được PDF.`,
      );
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

  /** Lays out and prints one document on a tab. */
  async #print(tab: Tab, html: string, parts: { head: string; body: string } | null): Promise<Uint8Array> {
    if (parts && tab.head === parts.head) {
      await tab.page.evaluate(paginate, parts.body);
    } else {
      tab.head = null;
      await tab.page.setContent(html, { waitUntil: 'load', timeout: 0 });
      tab.head = parts?.head ?? null;
      await tab.page.evaluate(paginate, null);
    }
    return tab.page.pdf({
      preferCSSPageSize: true,
      // Nothing in the style sheet is a background; rules are borders, which always print.
      printBackground: false,
      // Untagged: a structure tree costs ~25% more printing and 4x the post-processing time.
      tagged: false,
      outline: false,
      waitForFonts: false,
      // Our deadline (below) bounds the whole document, not puppeteer's per-call one.
      timeout: 0,
    });
  }

  /**
   * One report as PDF bytes; the same model always gives the same bytes. Throws a DiagnosticError
   * `render-failed` (in Vietnamese) when the browser fails or the document's deadline passes; the
   * tab is then replaced, so the other documents go on.
   */
  async render(model: ReportModel): Promise<Uint8Array> {
    const html = renderHtml(model, this.#templatesDir);
    const parts = splitDocument(html);
    const budget = (this.#options.timeoutFor ?? ((_model, length) => documentTimeoutMs(length)))(model, html.length);
    let raw: Uint8Array;
    let tab = await this.#acquire().catch((error: unknown) => {
      throw renderFailed(model, `Không in được PDF: ${reasonOf(error)}.`);
    });
    try {
      raw = await withDeadline(this.#print(tab, html, parts), budget);
    } catch (error) {
      // The tab may be in any state now (still printing, even): replace it so the next report starts clean.
      await withDeadline(tab.page.close(), tabTimeoutMs).catch(() => undefined);
      if (!this.#closed && !this.#broken) {
        tab = await withDeadline(this.#newTab(), tabTimeoutMs).catch(() => {
          this.#fail('không mở được thẻ mới trong trình duyệt');
          return tab;
        });
      }
      const seconds = Math.round(budget / 1000);
      throw renderFailed(
        model,
        error instanceof Deadline
          ? `Trình duyệt chưa in xong PDF sau ${seconds} giây (văn bản quá dài hoặc trình duyệt bị treo); tệp PDF không được ghi.`
          : `Không in được PDF: ${reasonOf(error)}.`,
      );
    } finally {
      if (!tab.page.isClosed()) this.#release(tab);
    }
    const epoch = this.#options.sourceDateEpoch;
    return normalizePdf(raw, { title: model.documentTitle, date: documentDate(model.issueDate, epoch) });
  }

  get #templatesDir(): string {
    return this.#options.templatesDir;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#fail('PdfRenderer is closed');
    this.#idle.length = 0;
    await withDeadline(this.#browser.close(), 5_000).catch(() => undefined);
    this.killNow();
  }

  /**
   * @internal Synchronous last resort, also run after a normal close: kill the browser's whole process group
   * (zygotes, renderers and utilities may outlive the main process for a moment), remove its profile.
   */
  killNow(): void {
    this.#unregister();
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
    try {
      rmSync(this.#userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // still being written by a dying process: the next start sweeps it
    }
  }
}
