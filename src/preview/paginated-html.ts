/**
 * The preview's pages are laid out by the PDF renderer's own code: the report HTML of
 * `renderHtml`, paginated by `paginate` in a headless Chromium whose page scripts are disabled and
 * whose requests are all refused but the embedded fonts (as for the PDF). What comes back is the
 * laid-out document, static: the preview serves it as is, with no script in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { embeddedFonts } from '../render/html/fonts.js';
import { browserArgs, findBrowser } from '../render/pdf/find-browser.js';
import { paginate } from '../render/pdf/paginate.js';

export interface PaginatedHtml {
  /** Everything before `<body`: doctype, head (style sheet, fonts). */
  head: string;
  /** The `<body>` element holding the page boxes. */
  body: string;
}

const bodyStart = (html: string): number => html.indexOf('<body');

export class HtmlPaginator {
  #queue: Promise<unknown> = Promise.resolve();
  #head: string | null = null;

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly profile: string,
  ) {}

  static async open(): Promise<HtmlPaginator> {
    const executablePath = findBrowser();
    const profile = mkdtempSync(join(tmpdir(), 'baocao-xem-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true,
        userDataDir: profile,
        args: browserArgs(),
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      rmSync(profile, { recursive: true, force: true });
      throw new DiagnosticError([
        {
          file: executablePath,
          line: 0,
          column: 0,
          ruleId: 'browser-missing',
          severity: 'error',
          message: `Không khởi động được trình duyệt ${executablePath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        },
      ]);
    }
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    const fonts = embeddedFonts().urls;
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      (fonts.has(request.url()) ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
    });
    return new HtmlPaginator(browser, page, profile);
  }

  /** One report's HTML (from renderHtml) laid out in A4 page boxes. One at a time. */
  paginate(html: string): Promise<PaginatedHtml> {
    const run = this.#queue.then(() => this.#paginate(html));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #paginate(html: string): Promise<PaginatedHtml> {
    const head = html.slice(0, bodyStart(html));
    // The title differs per report; the rest of the head (style sheet, fonts) is what the tab keeps.
    const kept = head.replace(/<title>[^<]*<\/title>/, '');
    if (kept === this.#head) {
      await this.page.evaluate(paginate, html.slice(bodyStart(html), html.lastIndexOf('</body>') + '</body>'.length));
    } else {
      this.#head = null;
      await this.page.setContent(html, { waitUntil: 'load' });
      this.#head = kept;
      await this.page.evaluate(paginate, null);
    }
    const body = await this.page.evaluate(() => document.body.outerHTML);
    return { head, body };
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.browser.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
    clearTimeout(timer);
    const child = this.browser.process();
    if (child?.pid !== undefined) {
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
