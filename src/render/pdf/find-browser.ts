/**
 * Which Chrome/Chromium/Edge prints the PDF, and with which flags.
 * Order: BAOCAO_BROWSER, then the standard install places: on Linux Chromium's headless shell
 * first (Debian's chromium-headless-shell), then Chrome, Chromium and Edge.
 *
 * Why the headless shell first: it is the same Blink, Skia and fonts, so the PDFs are the same byte
 * for byte (checked on every sample), but it has no browser UI and prints inside the tab's renderer.
 * Chrome/Chromium (--headless=new is the whole browser) send every print job to a PrintCompositor
 * utility process started for that job alone; measured on 200 Thạch Quý-size reports, that process
 * start and composition took ~23% of the run's CPU, and the batch printed 10.9 PDF/s against 13.1–13.5
 * with the shell.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';

export const browserEnvVar = 'BAOCAO_BROWSER';

/**
 * The part of the environment that locates the browser, handed down by the CLI (nothing below it
 * reads process.env): BAOCAO_BROWSER, and the folders the standard install places depend on.
 */
export type BrowserEnv = Readonly<Record<string, string | undefined>>;
export const browserEnvVars = [browserEnvVar, 'PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA', 'HOME'] as const;

const installHint =
  'Cài Chromium: sudo apt-get install chromium-headless-shell (hoặc chromium), hoặc cài Google Chrome/Microsoft Edge, hoặc đặt BAOCAO_BROWSER=<đường dẫn>';

/** Standard places, most specific first, for one platform. */
export function browserCandidates(
  platform: NodeJS.Platform,
  env: BrowserEnv,
): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'];
    if (env['LOCALAPPDATA']) roots.push(env['LOCALAPPDATA']);
    const apps = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ];
    // win32 paths joined by hand: path.join would use '/' when this runs (or is tested) elsewhere.
    return apps.flatMap((parts) => roots.map((root) => [root, ...parts].join('\\')));
  }
  if (platform === 'darwin') {
    const apps = [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const home = env['HOME'];
    return home ? [...apps, ...apps.map((app) => join(home, app))] : apps;
  }
  return [
    // The binary itself before Debian's /usr/bin wrapper, a `sh -e` script that does not exec: under
    // it the browser would be a grandchild behind a shell.
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium-headless-shell',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
  ];
}

/** True for a headless shell (Debian's chromium-headless-shell, Google's chrome-headless-shell): no browser UI. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(executablePath);
}

/** Puppeteer's launch mode for the executable: a headless shell is started as one ('shell'). */
export function headlessMode(executablePath: string): true | 'shell' {
  return isHeadlessShell(executablePath) ? 'shell' : true;
}

function browserProblem(ruleId: 'browser-missing' | 'browser-failed', message: string, file = ''): DiagnosticError {
  return new DiagnosticError([{ file, line: 0, column: 0, ruleId, severity: 'error', message }]);
}

/** What is at a path, as far as starting it as a browser goes. */
export type BrowserFileState = 'ok' | 'missing' | 'directory' | 'not-a-file' | 'not-executable';

export function browserFileState(path: string): BrowserFileState {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 'missing';
  }
  if (stats.isDirectory()) return 'directory';
  if (!stats.isFile()) return 'not-a-file';
  if (process.platform === 'win32') return 'ok';
  try {
    accessSync(path, constants.X_OK);
    return 'ok';
  } catch {
    return 'not-executable';
  }
}

const stateProblems: Record<Exclude<BrowserFileState, 'ok' | 'missing'>, string> = {
  directory: 'đây là một thư mục, không phải tệp chương trình của trình duyệt',
  'not-a-file': 'đây không phải một tệp thường (có thể là thiết bị hoặc ống dẫn)',
  'not-executable': 'tệp này không có quyền chạy (chmod +x) hoặc không phải tệp chương trình',
};

/**
 * The browser executable to use. Throws a DiagnosticError `browser-missing` when BAOCAO_BROWSER
 * names a file that does not exist (no silent fallback) or when no standard place has one, and
 * `browser-failed` when it names something that cannot be started (a folder, a file without the
 * execute permission). The standard places count only when they hold a startable file.
 */
export function findBrowser(
  env: BrowserEnv,
  platform: NodeJS.Platform = process.platform,
  state: (path: string) => BrowserFileState = browserFileState,
): string {
  const chosen = env[browserEnvVar]?.trim();
  if (chosen) {
    const found = state(chosen);
    if (found === 'ok') return chosen;
    if (found === 'missing') {
      throw browserProblem('browser-missing', `${browserEnvVar}=${chosen}: không có tệp trình duyệt ở đường dẫn này. ${installHint}.`, chosen);
    }
    throw browserProblem('browser-failed', `${browserEnvVar}=${chosen}: ${stateProblems[found]}. Hãy trỏ ${browserEnvVar} tới tệp chạy của Chrome, Chromium hoặc Edge.`, chosen);
  }
  const found = browserCandidates(platform, env).find((path) => state(path) === 'ok');
  if (found) return found;
  throw browserProblem('browser-missing', `Không tìm thấy Chrome, Chromium hay Edge để in PDF. ${installHint}.`);
}

/** True when this process runs as root (Chromium's sandbox refuses root). */
function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Flags for a quiet, offline, reproducible headless browser. Puppeteer adds --headless and
 * --user-data-dir (a fresh temporary folder per run, removed on close).
 */
export function browserArgs(asRoot: boolean = runningAsRoot()): string[] {
  return [
    ...(asRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--metrics-recording-only',
    '--no-pings',
    '--font-render-hinting=none',
    '--disable-site-isolation-trials',
    '--disable-features=site-per-process,IsolateOrigins,Translate,MediaRouter,OptimizationHints,WebUIOmniboxPopup',
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-ipc-flooding-protection',
  ];
}
