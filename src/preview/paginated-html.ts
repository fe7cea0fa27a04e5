/**
 * The preview's pages are laid out by the PDF renderer's own code: the report HTML of
 * `renderReportHtml`, paginated by `paginate` in a headless Chromium whose page scripts are disabled and
 * whose requests are all refused but the embedded fonts (as for the PDF). What comes back is the
 * laid-out document, static: the preview serves it as is, with no script in it.
 */
import { rmSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { registerCleanup } from '../render/cleanup.js';
import type { EmbeddedFonts } from '../render/html/fonts.js';
import { browserArgs, findBrowser, headlessMode } from '../render/pdf/find-browser.js';
import { beginFrameControlFlag, newFramelessPage } from '../render/pdf/frameless-tab.js';
import { installPaginate, runPaginateForHtml, type PaginationResult } from '../render/pdf/paginate.js';
import { launchTimeoutMs } from '../render/pdf/pdf-renderer.js';
import { newProfileDir, sweepStaleProfiles } from '../render/pdf/profiles.js';

export interface PaginatedHtml {
  /** Everything before `<body`: doctype, head (style sheet, fonts). */
  head: string;
  /** The `<body>` element holding the page boxes. */
  body: string;
  /** What no page can hold (the PDF renderer refuses such a document), or null. */
  tooLarge: PaginationResult['tooLarge'];
}

const bodyStart = (html: string): number => html.indexOf('<body');

function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // still being written by a dying process: the next start sweeps it
  }
}

export class HtmlPaginator {
  #queue: Promise<unknown> = Promise.resolve();
  /** The head the tab holds (without its title), or null before the first report. */
  #head: string | null = null;
  #page: Page | undefined;
  /** The CLI kills the browser synchronously on Ctrl-C or exit (see render/cleanup.ts). */
  readonly #unregister: () => void;

  private constructor(
    private readonly browser: Browser,
    private readonly profile: string,
  ) {
    this.#unregister = registerCleanup(() => this.#killNow());
  }

  static async open(fonts: EmbeddedFonts, browserEnv: Readonly<Record<string, string | undefined>> = {}): Promise<HtmlPaginator> {
    const executablePath = findBrowser(browserEnv);
    sweepStaleProfiles();
    const profile = newProfileDir();
    // A headless shell's tab draws no frame after each layout (see frameless-tab.ts): the pages are
    // only read back as HTML, never looked at here.
    const shell = headlessMode(executablePath) === 'shell';
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: headlessMode(executablePath),
        pipe: true,
        userDataDir: profile,
        args: shell ? [...browserArgs(), beginFrameControlFlag] : browserArgs(),
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: launchTimeoutMs,
      });
    } catch (error) {
      removeProfile(profile);
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new DiagnosticError([
        { file: executablePath, line: 0, column: 0, ruleId: 'browser-failed', severity: 'error', message: `Trình duyệt ${executablePath} không khởi động được: ${reason}. Không mở được bản xem.` },
      ]);
    }
    const paginator = new HtmlPaginator(browser, profile);
    try {
      const page = shell ? await newFramelessPage(browser, await browser.target().createCDPSession(), launchTimeoutMs) : await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        (fonts.urls.has(request.url()) ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
      });
      paginator.#page = page;
    } catch (error) {
      await paginator.close();
      throw error;
    }
    return paginator;
  }

  /** One report's HTML (from renderReportHtml) laid out in A4 page boxes. One at a time. */
  paginate(html: string): Promise<PaginatedHtml> {
    const run = this.#queue.then(() => this.#paginate(html));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #paginate(html: string): Promise<PaginatedHtml> {
    const page = this.#page!;
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

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.browser.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
    clearTimeout(timer);
    this.#killNow();
  }

  /** Kills the browser's process group (renderers may outlive its main process) and removes its profile. */
  #killNow(): void {
    this.#unregister();
    const child = this.browser.process();
    if (child?.pid !== undefined) {
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    removeProfile(this.profile);
  }
}
