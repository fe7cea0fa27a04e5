/**
 * Starting and stopping the headless browser, for the PDF renderer and the preview's page layout:
 * the browser found on the machine (./find-browser.ts), a new profile folder removed when it
 * stops, frameless tabs on a headless shell (./frameless-tab.ts), no signal handlers of its own.
 *
 * Nothing waits forever: a browser that has not answered within `launchTimeoutMs` is killed, with
 * its whole process group. The process's signals are not ours: each running browser registers a
 * synchronous kill with `../cleanup.js`, which the CLI runs on Ctrl-C and on exit.
 */
import { rmSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import { registerCleanup } from '../cleanup.js';
import { browserArgs, findBrowser, headlessMode } from './find-browser.js';
import { beginFrameControlFlag, newFramelessPage } from './frameless-tab.js';
import { newProfileDir, sweepStaleProfiles } from './profiles.js';

/** A browser that has not answered by then never will: it is killed. */
export const launchTimeoutMs = 30_000;
/** Puppeteer's own limit on one protocol call: only a backstop behind the callers' deadlines. */
export const protocolTimeoutMs = 10 * 60_000;

export interface LaunchOptions {
  /** BAOCAO_BROWSER and the folders the standard install places depend on (from the run context); default none. */
  browserEnv?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds the browser has to start (default `launchTimeoutMs`). */
  launchTimeoutMs?: number;
  /** What cannot be done without it, ending the Vietnamese message (default: no PDF). */
  consequence?: string;
}

/** A deadline that passed: `ms` is the time that was allowed. */
export class Deadline extends Error {
  constructor(readonly ms: number) {
    super(`deadline of ${ms} ms passed`);
  }
}

/** `work`, or a `Deadline` error after `ms` (at once when `ms` ≤ 0); the loser's later outcome is ignored. */
export async function withDeadline<T>(work: Promise<T>, ms: number, allowedMs: number = ms): Promise<T> {
  work.catch(() => undefined);
  if (ms <= 0) throw new Deadline(allowedMs);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Deadline(allowedMs)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Puppeteer's failure when the browser went away (crashed, killed, closed the tab). */
export function browserGone(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Target closed|Session closed|Connection closed|detached|disconnected|browser has disconnected/i.test(text);
}

/** The browser's reason in a clerk's words; never puppeteer's advice about its settings. */
export function browserReason(error: unknown): string {
  if (browserGone(error)) return 'trình duyệt đã dừng hoặc đóng thẻ in giữa chừng';
  const text = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (/timed? ?out|timeout/i.test(text)) return 'trình duyệt không trả lời trong thời gian cho phép';
  return `trình duyệt báo lỗi (${text.replace(/\s*Increase the 'protocolTimeout'.*$/, '')})`;
}

export function browserFailed(executablePath: string, message: string): DiagnosticError {
  return new DiagnosticError([{ file: executablePath, line: 0, column: 0, ruleId: 'browser-failed', severity: 'error', message }]);
}

/**
 * A PDF renderer's tab on a shared browser, handed back when its run ended (JavaScript off,
 * requests intercepted, none of that run's listeners left) with the document head it holds.
 */
export interface SpareTab {
  page: Page;
  head: string | null;
  /** The `@font-face` rules the tab's document was loaded with: its head is reused only with the same. */
  fontsCss: string;
}

/** How many tabs a browser keeps for later runs; more are closed. */
const MAX_SPARE_TABS = 4;

/** A started browser, its profile folder and how to stop it. */
export class LaunchedBrowser {
  readonly #unregister: () => void;
  /**
   * Tabs the PDF renderers of finished runs handed back (a shared browser's): a new tab costs a
   * renderer process, ~0.3 s of CPU and a quarter of a second; a kept one, nothing.
   */
  readonly #spareTabs: SpareTab[] = [];
  /** The browser's own protocol session, which makes frameless tabs (opened with the first). */
  #session: Promise<CDPSession> | null = null;

  private constructor(
    readonly browser: Browser,
    readonly executablePath: string,
    /** Whether its tabs are made frameless (a headless shell, launched with `beginFrameControlFlag`). */
    readonly frameless: boolean,
    private readonly profile: string,
  ) {
    this.#unregister = registerCleanup(() => this.killNow());
  }

  /**
   * Starts the browser. Throws a DiagnosticError: `browser-missing` when there is none,
   * `browser-failed` when it cannot be started, stops at once, or does not answer within the
   * launch time (it is then killed, with its profile folder).
   */
  static async launch(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
    // Loaded here: a program that only holds a SharedBrowser for later loads no browser driver.
    const { default: puppeteer } = await import('puppeteer-core');
    const launchMs = options.launchTimeoutMs ?? launchTimeoutMs;
    const consequence = options.consequence ?? 'Không in được PDF';
    const executablePath = findBrowser(options.browserEnv ?? {});
    sweepStaleProfiles();
    const profile = newProfileDir();
    const shell = headlessMode(executablePath) === 'shell';
    // Aborting kills the browser's process group: a launch that lost the race leaves nothing running.
    const abort = new AbortController();
    const removeProfile = () => rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    const unregister = registerCleanup(() => {
      abort.abort();
      removeProfile();
    });
    const launching = puppeteer.launch({
      executablePath,
      headless: headlessMode(executablePath),
      pipe: true,
      userDataDir: profile,
      args: shell ? [...browserArgs(), beginFrameControlFlag] : browserArgs(),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: launchMs,
      protocolTimeout: protocolTimeoutMs,
      signal: abort.signal,
    });
    try {
      // The default context is already private: the profile folder is new and removed on close.
      return new LaunchedBrowser(await withDeadline(launching, launchMs), executablePath, shell, profile);
    } catch (error) {
      abort.abort();
      // Should the launch still succeed after the deadline, that browser is closed too.
      launching.then((late) => late.close()).catch(() => undefined);
      removeProfile();
      const why =
        error instanceof Deadline
          ? `không trả lời sau ${launchMs / 1000} giây (có thể không phải Chrome/Chromium/Edge, hoặc bị treo); đã dừng nó`
          : browserGone(error)
            ? 'dừng ngay khi khởi động (có thể không phải Chrome/Chromium/Edge, hoặc bị hỏng)'
            : `không khởi động được: ${browserReason(error)}`;
      throw browserFailed(executablePath, `Trình duyệt ${executablePath} ${why}. ${consequence}; kiểm tra trình duyệt hoặc đặt BAOCAO_BROWSER=<đường dẫn>.`);
    } finally {
      unregister();
    }
  }

  /**
   * A new tab (at most `timeoutMs` of waiting for it): frameless on a headless shell (it draws no
   * frame of its own, see ./frameless-tab.ts), else a plain one. Closing it is the caller's.
   */
  async newTab(timeoutMs: number): Promise<Page> {
    if (!this.frameless) return this.browser.newPage();
    const session = (this.#session ??= this.browser.target().createCDPSession());
    // A session that could not be opened is not kept: the next tab asks again.
    session.catch(() => {
      if (this.#session === session) this.#session = null;
    });
    return newFramelessPage(this.browser, await session, timeoutMs);
  }

  /** A tab a finished run handed back (./pdf-renderer.ts), if one is still open. */
  takeSpareTab(): SpareTab | undefined {
    for (let spare = this.#spareTabs.pop(); spare; spare = this.#spareTabs.pop()) if (!spare.page.isClosed()) return spare;
    return undefined;
  }

  /** Keeps a finished run's tab for the next one; false when enough are kept or the browser is gone (the caller closes it). */
  keepSpareTab(spare: SpareTab): boolean {
    if (!this.connected || spare.page.isClosed() || this.#spareTabs.length >= MAX_SPARE_TABS) return false;
    this.#spareTabs.push(spare);
    return true;
  }

  /** Whether it still answers (not crashed, killed or closed). */
  get connected(): boolean {
    return this.browser.connected;
  }

  /** Closes it (at most `ms` of waiting), then kills whatever is left of it. */
  async close(ms = 5_000): Promise<void> {
    await withDeadline(this.browser.close(), ms).catch(() => undefined);
    this.killNow();
  }

  /**
   * Synchronous last resort, also run after a normal close: kill the browser's whole process group
   * (zygotes, renderers and utilities may outlive the main process for a moment), remove its profile.
   */
  killNow(): void {
    this.#unregister();
    const child = this.browser.process();
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
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // still being written by a dying process: the next start sweeps it
    }
  }
}
