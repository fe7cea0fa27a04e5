/**
 * What a CLI run takes from its process, handed to main() as one object: the working folder, the
 * environment and the two output streams. src/cli/bin.ts passes the real ones; tests pass a temp
 * folder, an object and string collectors. Nothing below src/cli reads them from `process`.
 */
import type { SharedBrowser } from '../render/pdf/shared-browser.js';

export interface CliStream {
  write(text: string): unknown;
  /** A terminal: progress bars, colours. Collectors and pipes leave it unset. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Waits the production defaults make long, shortened by tests (never slept on in a test): how long
 * a browser has to start (30 s) and when a killed batch's lock of out/ goes stale (10 s).
 */
export interface CliWaits {
  readonly browserLaunchMs?: number;
  readonly lockStaleMs?: number;
  readonly statCacheRacyMs?: number;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;

export interface CliIo {
  /** The folder relative paths in the arguments are read against. */
  readonly cwd: string;
  readonly env: CliEnv;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Unset in the real program: the production defaults. */
  readonly waits?: CliWaits;
  /**
   * A browser kept running by whoever calls main() many times (a test process, a program that
   * embeds the CLI): PDF is printed in tabs opened there. Unset in the real program: each run
   * starts its own browser and stops it.
   */
  readonly browser?: SharedBrowser;
}
