/**
 * Which Chrome/Chromium/Edge prints the PDF, and with which flags.
 * Order: BAOCAO_BROWSER, then the standard install places of Chrome, Chromium and Edge.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';

export const browserEnvVar = 'BAOCAO_BROWSER';

const installHint =
  'Cài Chromium: sudo apt-get install chromium, hoặc cài Google Chrome/Microsoft Edge, hoặc đặt BAOCAO_BROWSER=<đường dẫn>';

/** Standard places, most specific first, for one platform. */
export function browserCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
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

function browserMissing(message: string, file = ''): DiagnosticError {
  return new DiagnosticError([{ file, line: 0, column: 0, ruleId: 'browser-missing', severity: 'error', message }]);
}

/**
 * The browser executable to use. Throws a DiagnosticError `browser-missing` when BAOCAO_BROWSER
 * names a file that does not exist (no silent fallback) or when no standard place has one.
 */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): string {
  const chosen = env[browserEnvVar]?.trim();
  if (chosen) {
    if (exists(chosen)) return chosen;
    throw browserMissing(`${browserEnvVar}=${chosen}: không có tệp trình duyệt ở đường dẫn này. ${installHint}.`, chosen);
  }
  const found = browserCandidates(platform, env).find((path) => exists(path));
  if (found) return found;
  throw browserMissing(`Không tìm thấy Chrome, Chromium hay Edge để in PDF. ${installHint}.`);
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
    '--disable-features=site-per-process,IsolateOrigins,Translate,MediaRouter,OptimizationHints',
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-ipc-flooding-protection',
  ];
}
