/**
 * The preview's pages are laid out by the PDF renderer's own code: the report HTML of
 * `renderReportHtml`, paginated by `paginate` in a headless Chromium whose page scripts are disabled and
 * whose requests are all refused but the embedded fonts (as for the PDF). What comes back is the
 * laid-out document, static: the preview serves it as is, with no script in it.
 */
import type { Page } from 'puppeteer-core';
import type { EmbeddedFonts } from '../render/html/fonts.js';
import { launchTimeoutMs, withDeadline } from '../render/pdf/launch-browser.js';
import { installPaginate, runPaginateForHtml, type PaginationResult } from '../render/pdf/paginate.js';
import type { SharedBrowser } from '../render/pdf/shared-browser.js';

export interface PaginatedHtml {
  /** Everything before `<body`: doctype, head (style sheet, fonts). */
  head: string;
  /** The `<body>` element holding the page boxes. */
  body: string;
  /** What no page can hold (the PDF renderer refuses such a document), or null. */
  tooLarge: PaginationResult['tooLarge'];
}

const bodyStart = (html: string): number => html.indexOf('<body');

/** One tab of the preview's browser that lays reports out in page boxes, one at a time. */
export class HtmlPaginator {
  #queue: Promise<unknown> = Promise.resolve();
  /** The head the tab holds (without its title), or null before the first report. */
  #head: string | null = null;

  private constructor(private readonly page: Page) {}

  /**
   * Opens the tab in `browser` (started now if it is not running: a `browser-failed` or
   * `browser-missing` DiagnosticError when it cannot be). The browser is the caller's to stop.
   */
  static async open(fonts: EmbeddedFonts, browser: SharedBrowser): Promise<HtmlPaginator> {
    const launched = await browser.acquire();
    // A headless shell's tab draws no frame after each layout (see frameless-tab.ts): the pages are
    // only read back as HTML, never looked at here.
    const page = await launched.newTab(launchTimeoutMs);
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        (fonts.urls.has(request.url()) ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
      });
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
    return new HtmlPaginator(page);
  }

  /** One report's HTML (from renderReportHtml) laid out in A4 page boxes. One at a time. */
  paginate(html: string): Promise<PaginatedHtml> {
    const run = this.#queue.then(() => this.#paginate(html));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #paginate(html: string): Promise<PaginatedHtml> {
    const page = this.page;
    const head = html.slice(0, bodyStart(html));
    // The title differs per report; the rest of the head (style sheet, fonts) is what the tab keeps.
    const kept = head.replace(/<title>[^<]*<\/title>/, '');
    let laidOut: { layout: PaginationResult; html: string };
    if (kept === this.#head) {
      laidOut = await page.evaluate(runPaginateForHtml, html.slice(bodyStart(html), html.lastIndexOf('</body>') + '</body>'.length));
    } else {
      this.#head = null;
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(installPaginate);
      this.#head = kept;
      laidOut = await page.evaluate(runPaginateForHtml, null);
    }
    return { head, body: laidOut.html, tooLarge: laidOut.layout.tooLarge };
  }

  /** Closes the tab (the browser is the caller's). */
  async close(): Promise<void> {
    await withDeadline(this.page.close(), 3_000).catch(() => undefined);
  }
}
