/**
 * One browser for many runs: a program that prints PDFs again and again (a server, an editor
 * plug-in, a test process) hands a `SharedBrowser` to each run (`RunContext.browser`, the CLI's
 * `CliIo.browser`), and each run's PDF writer works in tabs of its own, which it hands back when it
 * ends (up to four are kept for the next runs; the others, and any in an unknown state, are closed).
 * Starting Chromium costs about a second of CPU, and opening a tab (a renderer process) ~0.3 s; a
 * run that prints one document would pay both for nothing.
 *
 * The browser starts on the first run that asks for it and again after it stopped (crashed,
 * killed); `close()` stops it. It is the holder's: runs never close it.
 */
import { LaunchedBrowser, type LaunchOptions } from './launch-browser.js';

export class SharedBrowser {
  readonly #options: LaunchOptions;
  #launched: Promise<LaunchedBrowser> | null = null;
  #closed = false;

  constructor(options: LaunchOptions = {}) {
    this.#options = options;
  }

  /** The running browser, started now if none is (a failed start is not kept: the next call tries again). */
  async acquire(): Promise<LaunchedBrowser> {
    if (this.#closed) throw new Error('SharedBrowser: closed');
    const current = this.#launched;
    if (current) {
      const running = await current.catch(() => null);
      if (running?.connected) return running;
      running?.killNow();
      if (this.#launched !== current) return this.acquire();
    }
    const launching = LaunchedBrowser.launch(this.#options);
    this.#launched = launching;
    launching.catch(() => {
      if (this.#launched === launching) this.#launched = null;
    });
    return launching;
  }

  /** Whether a browser is running now (started and still answering). */
  async running(): Promise<boolean> {
    const launched = await this.#launched?.catch(() => null);
    return launched?.connected ?? false;
  }

  /** Stops the browser, if one was started; later `acquire` calls fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const launched = await this.#launched?.catch(() => null);
    this.#launched = null;
    await launched?.close();
  }
}
