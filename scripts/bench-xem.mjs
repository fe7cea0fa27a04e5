#!/usr/bin/env node
/**
 * The latency of `baocao xem` (issue 24): save → page painted, beside the server's own rebuild time.
 *
 * The preview (dist/preview/start-preview.js, as `baocao xem` starts it) runs on a copy of the
 * Thạch Quý sample; a real Chromium (the same browser the PDF uses, scripts enabled) shows its
 * document page. Each round writes the YAML with a new `so` (the header's number changes) and
 * waits, inside that page, for the new version to be in the document and one frame to be painted
 * after it (two animation frames); the time is from just before the write to that answer in Node.
 * The server's rebuild time is what it reports itself (`onRefresh`: from the watcher's change to
 * the rebuilt document, the part the page cannot be faster than). Done twice: on the machine as it
 * is, then with two CPU hogs (busy-looping Node processes, ended by their pid) running.
 *
 *   node scripts/bench-xem.mjs [--saves N]     prints the two `bench-xem:` lines
 *   (XEM_DEBUG=1: each save's split on stderr — rebuild, save → rebuild start, rebuild end → painted)
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);
const UNIT = path.join('ha-tinh', 'phuong-thach-quy');
const PERIOD = '2024-q3';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** Two busy-looping processes; returns how to end them (by pid). */
function startHogs(count) {
  const hogs = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return async () => {
    for (const hog of hogs) hog.kill('SIGKILL');
    await Promise.all(hogs.map((hog) => (hog.exitCode !== null || hog.signalCode !== null ? undefined : new Promise((resolve) => hog.once('exit', resolve)))));
  };
}

/** `saves` rounds on a running preview: { paint: ms[], rebuild: ms[] }. */
async function rounds(page, file, text, preview, hooks, saves, firstNumber) {
  const paint = [];
  const rebuild = [];
  for (let i = 0; i < saves; i++) {
    const expected = preview.state.documents.get(`${UNIT.split(path.sep).join('/')}/${PERIOD}`).version + 1;
    // Installed before the save: resolves once the page shows `expected` and has painted a frame since.
    const painted = page.evaluate(
      (version) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`version ${version} never shown`)), 30_000);
          const done = () =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                clearTimeout(timer);
                resolve(true);
              }),
            );
          if (Number(document.body.dataset.version) >= version) return done();
          const observer = new MutationObserver(() => {
            if (Number(document.body.dataset.version) >= version) {
              observer.disconnect();
              done();
            }
          });
          observer.observe(document.body, { attributes: true, attributeFilter: ['data-version'] });
        }),
      expected,
    );
    // Let the observer be in place before the file changes.
    await page.evaluate(() => true);
    const rebuilt = new Promise((resolve) => (hooks.nextRefresh = resolve));
    const started = performance.now();
    await writeFile(file, text.replace(/^so: \d+$/m, `so: ${firstNumber + i}`));
    await painted;
    paint.push(performance.now() - started);
    rebuild.push(await rebuilt);
    if (process.env.XEM_DEBUG) console.error(`paint ${paint.at(-1).toFixed(0)} rebuild ${rebuild.at(-1)} watch ${(hooks.at - started - rebuild.at(-1)).toFixed(0)} after ${(started + paint.at(-1) - hooks.at).toFixed(0)}`);
  }
  return { paint, rebuild };
}

/** The preview's latency, calm and with two CPU hogs: { calm, loaded } of { paint, rebuild } ms lists, or { error }. */
export async function benchXem({ saves = 20 } = {}) {
  const { startPreview } = await dist('preview/start-preview.js');
  const { findBrowser, headlessMode } = await dist('render/pdf/find-browser.js');
  const { DEFAULT_TEMPLATES_DIR } = await dist('paths.js');
  const work = await mkdtemp(path.join(tmpdir(), 'baocao-xem-bench-'));
  let preview;
  let browser;
  try {
    await cp(path.join(root, 'data'), path.join(work, 'data'), { recursive: true });
    const file = path.join(work, 'data', UNIT, `${PERIOD}.yaml`);
    const text = await readFile(file, 'utf8');
    const hooks = { nextRefresh: null };
    preview = await startPreview({
      templatesDir: DEFAULT_TEMPLATES_DIR,
      browserEnv: process.env,
      inputs: [path.join(work, 'data')],
      port: 0,
      onRefresh: (_ids, ms) => {
        hooks.at = performance.now();
        hooks.nextRefresh?.(ms);
        hooks.nextRefresh = null;
      },
    });
    const executablePath = findBrowser(process.env);
    browser = await puppeteer.launch({ executablePath, headless: headlessMode(executablePath), pipe: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    const page = await browser.newPage();
    await page.goto(`${preview.url}d/${UNIT.split(path.sep).join('/')}/${PERIOD}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.version !== undefined && document.getElementById('ban-in')?.contentDocument?.querySelector('.page'));
    await rounds(page, file, text, preview, hooks, 3, 100); // warm-up, not counted
    const calm = await rounds(page, file, text, preview, hooks, saves, 200);
    const stopHogs = startHogs(2);
    let loaded;
    try {
      loaded = await rounds(page, file, text, preview, hooks, saves, 300);
    } finally {
      await stopHogs();
    }
    return { calm, loaded, saves };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await browser?.close().catch(() => undefined);
    await preview?.close().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

/** The `bench-xem:` lines: p50/p95 of save → painted and of the rebuild, and their p95 ratio. */
export function benchXemLines(result) {
  if (result.error) return [`bench-xem: lỗi (${result.error})`];
  const line = (name, { paint, rebuild }) => {
    const p = (list, q) => percentile(list, q).toFixed(0);
    return `bench-xem: ${name} save→painted p50=${p(paint, 50)}ms p95=${p(paint, 95)}ms; rebuild p50=${p(rebuild, 50)}ms p95=${p(rebuild, 95)}ms; p95 ratio=${(percentile(paint, 95) / percentile(rebuild, 95)).toFixed(2)}× (${paint.length} lần lưu)`;
  };
  return [line('calm', result.calm), line('2 hogs', result.loaded)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { saves: { type: 'string', default: '20' } } });
  for (const l of benchXemLines(await benchXem({ saves: Number(values.saves) }))) console.log(l);
}
