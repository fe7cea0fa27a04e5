/**
 * `baocao xem` as a clerk uses it: the CLI as a process on a copy of the real samples, the page
 * opened in the real Chromium through puppeteer-core, the YAML edited on disk.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserArgs, findBrowser, headlessMode } from '../src/render/pdf/find-browser.js';
import { CLI, ROOT } from './helpers/cli.js';

const DOC = '/d/ha-tinh/phuong-thach-quy/2024-q3/';
const PERIOD_FILE = 'data/ha-tinh/phuong-thach-quy/2024-q3.yaml';
const UNIT_FILE = 'data/ha-tinh/phuong-thach-quy/don-vi.yaml';

let dir: string;
let child: ChildProcess;
let url: string;
let port: number;
let browser: Browser;
let stderr = '';

function get(pathname: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Processes below `pid` (the browsers the preview started). */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=']).toString();
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp!, [...(children.get(pp!) ?? []), p!]);
  }
  const found: number[] = [];
  const walk = (id: number) => {
    for (const c of children.get(id) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

/** Running, not a zombie waiting for a parent that does not reap (PID 1 in a container). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'baocao-xem-test-'));
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  await cp(path.join(ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true });
  child = spawn(process.execPath, [CLI, 'xem', 'data', '--templates', 'templates'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Mở (http:\/\/127\.0\.0\.1:(\d+)\/) trong trình duyệt/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`xem exited ${code}: ${stderr}`)));
  });
  port = Number(new URL(url).port);
  const executablePath = findBrowser(process.env);
  browser = await puppeteer.launch({ executablePath, args: browserArgs(), headless: headlessMode(executablePath) });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

async function openDocument(): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(url + DOC.slice(1), { waitUntil: 'load' });
  const frame = (await (await page.waitForSelector('#ban-in'))!.contentFrame())!;
  await frame.waitForSelector('.page');
  return { page, frame };
}

const pageText = (frame: Frame, index: number) => frame.$$eval('.page', (pages, i) => (pages[i] as HTMLElement).innerText, index);

describe('baocao xem', () => {
  it('serves only its own pages on 127.0.0.1: 404 for other paths, 403 for a foreign Host header', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(Buffer.from(index.body, 'latin1').toString('utf8')).toContain('data/ha-tinh/phuong-thach-quy/2024-q3.yaml</a></td><td class="ok">ok</td>');
    expect((await get('/', `localhost:${port}`)).status).toBe(200);
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) expect((await get('/', host)).status, host).toBe(403);
    for (const other of ['/etc/passwd', '/data/ha-tinh/tinh.yaml', '/d/../package.json', `${DOC}../../../../package.json`, `${DOC}khac`, '/d/ha-tinh/khong-co/2024-q3/', '/favicon.ico']) {
      expect((await get(other)).status, other).toBe(404);
    }
    const report = await get(`${DOC}ban-in`);
    expect(report.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'");
    expect(report.body).not.toContain('<script');
    const docx = await get(`${DOC}2024-q3.docx`);
    expect(docx.status).toBe(200);
    expect(docx.body.slice(0, 2)).toBe('PK');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('shows the report laid out as the PDF, and updates on save keeping the scroll position', async () => {
    const { page, frame } = await openDocument();
    expect(await frame.$$eval('.page', (pages) => pages.length)).toBeGreaterThan(3);
    const first = await pageText(frame, 0);
    expect(first).toContain('Kết quả thực hiện công tác cải cách hành chính quý III năm 2024');
    expect(first).toContain('Thực hiện chỉ đạo của Thành ủy');
    await frame.evaluate(() => window.scrollTo(0, 700));
    const scrolled = await frame.evaluate(() => window.scrollY);
    expect(scrolled).toBe(700);

    // Each page box is marked (a property, not an attribute: the HTML stays the server's), to see which ones the update swaps.
    await frame.evaluate(() => document.querySelectorAll('.page').forEach((p, i) => Object.assign(p, { xemMark: String(i) })));
    const file = path.join(dir, PERIOD_FILE);
    const original = await readFile(file, 'utf8');
    const started = Date.now();
    await writeFile(file, original.replace('Thực hiện chỉ đạo của Thành ủy', 'Thực hiện chỉ đạo quyết liệt của Thành ủy'));
    await frame.waitForFunction(() => document.querySelector('.page')?.textContent?.includes('chỉ đạo quyết liệt của Thành ủy'), { timeout: 10_000, polling: 10 });
    const elapsed = Date.now() - started;
    console.log(`xem: cập nhật sau ${elapsed} ms`);
    expect(elapsed).toBeLessThan(2_000);
    expect(await frame.evaluate(() => window.scrollY)).toBe(scrolled);
    const highlighted = await frame.$$eval('.xem-doi', (els) => els.map((el) => el.textContent ?? ''));
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0]).toContain('quyết liệt');
    // Only the page that changed is new (the edit is on page 1, no line moves to page 2 or later):
    // the other pages keep their boxes, so the frame lays out one page, not the report.
    const marks = await frame.$$eval('.page', (pages) => pages.map((p) => (p as Element & { xemMark?: string }).xemMark ?? 'mới'));
    expect(marks[0]).toBe('mới');
    expect(marks.slice(1)).toEqual(marks.slice(1).map((_, i) => String(i + 1)));

    // Another layer: the signer in don-vi.yaml.
    const unit = path.join(dir, UNIT_FILE);
    const unitText = await readFile(unit, 'utf8');
    const signer = /ho_ten: "?([^"\n]+)"?/.exec(unitText)![1]!;
    await writeFile(unit, unitText.replace(signer, 'Nguyễn Văn Thử'));
    await frame.waitForFunction(() => document.getElementById('pages')?.textContent?.includes('Nguyễn Văn Thử'), { timeout: 10_000 });
    // The highlights are those of the last save only, also on the pages that were kept.
    const marked = await frame.$$eval('.xem-doi', (els) => els.map((el) => el.textContent ?? ''));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.join(' ')).not.toContain('quyết liệt');
    expect(marked.join(' ')).toContain('Nguyễn Văn Thử');
    await page.close();
  });

  it('shows a broken file as errors with file:line:col over the last good version, dimmed, and recovers', async () => {
    const { page, frame } = await openDocument();
    const file = path.join(dir, PERIOD_FILE);
    const good = await readFile(file, 'utf8');
    const lines = good.split('\n');
    const line = lines.findIndex((l) => l === '    tong: 32') + 1;
    // An unclosed quote: a syntax error ("tong: 32: 33" is read as a sentence needing quotes since 38e424f).
    await writeFile(file, good.replace('    tong: 32\n', '    tong: "32\n'));
    await page.waitForFunction(() => document.body.classList.contains('co-loi'), { timeout: 10_000 });
    const panel = await page.$eval('#chan-doan', (el) => (el as HTMLElement).innerText);
    expect(panel).toMatch(new RegExp(`data/ha-tinh/phuong-thach-quy/2024-q3\\.yaml:${line}:\\d+  lỗi  .+\\[yaml-syntax\\]`));
    expect(await page.$eval('#trang-thai', (el) => el.textContent)).toMatch(/^\d+ lỗi — đang hiện bản đúng gần nhất$/);
    expect(await page.$eval('#ban-in', (el) => getComputedStyle(el).opacity)).toBe('0.45');
    expect(await pageText(frame, 0)).toContain('quý III năm 2024');
    expect((await get(`${DOC}2024-q3.pdf`)).status).toBe(409);

    const index = Buffer.from((await get('/')).body, 'latin1').toString('utf8');
    expect(index).toMatch(/2024-q3\.yaml<\/a><\/td><td class="loi">\d+ lỗi/);

    await writeFile(file, good.replace('năm 2024 của UBND phường Thạch Quý"', 'năm 2024 của UBND phường Thạch Quý (đã sửa)"'));
    await page.waitForFunction(() => !document.body.classList.contains('co-loi'), { timeout: 10_000 });
    await frame.waitForFunction(() => document.getElementById('pages')?.textContent?.includes('(đã sửa)'), { timeout: 10_000 });
    expect(await page.$eval('#chan-doan', (el) => el.children.length)).toBe(0);
    await page.screenshot({ path: path.join(dir, 'xem.png') });
    await page.close();
  });

  it('shows content no page can hold as an error (content-too-large), as the PDF renderer refuses it', async () => {
    const { page } = await openDocument();
    const file = path.join(dir, PERIOD_FILE);
    const good = await readFile(file, 'utf8');
    const recipients = Array.from({ length: 90 }, (_, i) => `  - Phòng số ${i + 1}`).join('\n');
    await writeFile(file, `${good}\nnoi_nhan:\n${recipients}\n`);
    await page.waitForFunction(() => document.body.classList.contains('co-loi'), { timeout: 10_000 });
    expect(await page.$eval('#chan-doan', (el) => (el as HTMLElement).innerText)).toMatch(/2024-q3\.yaml {2}lỗi {2}Một phần cao hơn một trang giấy .*\[content-too-large\]/);
    await writeFile(file, good);
    await page.waitForFunction(() => !document.body.classList.contains('co-loi'), { timeout: 10_000 });
    await page.close();
  });

  it('reloads the pages when a template is saved', async () => {
    const { page, frame } = await openDocument();
    const css = path.join(dir, 'templates/html/print.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n.blk { color: rgb(1, 2, 3); }\n`);
    const reloaded = (await (await page.$('#ban-in'))!.contentFrame())!;
    await reloaded.waitForFunction(() => getComputedStyle(document.querySelector('p.blk')!).color === 'rgb(1, 2, 3)', { timeout: 15_000 });
    expect(frame).toBeDefined();
    await page.close();
  });

  it('picks up a new period file, shows its errors until it can be laid out, then its pages', async () => {
    const unitDir = path.join(dir, 'data/ha-tinh/phuong-thach-quy');
    const q3 = await readFile(path.join(unitDir, '2024-q3.yaml'), 'utf8');
    await writeFile(path.join(unitDir, '2024-q4.yaml'), q3.replace(/^ngay: .*\n/m, '').replaceAll('quý III năm 2024', 'quý IV năm 2024'));
    const page = await browser.newPage();
    const q4 = '/d/ha-tinh/phuong-thach-quy/2024-q4/';
    for (let wait = 0; wait < 100 && (await get(q4)).status !== 200; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    await page.goto(url + q4.slice(1), { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('chan-doan')!.children.length > 0, { timeout: 10_000 });
    expect(await page.$eval('#chan-doan', (el) => (el as HTMLElement).innerText)).toContain('2024-q4.yaml:1:1  lỗi  Thiếu trường bắt buộc "ngay".  [missing-field]');
    const frame = (await (await page.$('#ban-in'))!.contentFrame())!;
    expect(await frame.evaluate(() => document.body.innerText)).toContain('chưa dựng được');
    await writeFile(path.join(unitDir, '2024-q4.yaml'), `ngay: "2024-12-16"\n${await readFile(path.join(unitDir, '2024-q4.yaml'), 'utf8')}`);
    const shown = (await (await page.$('#ban-in'))!.contentFrame())!;
    await shown.waitForFunction(() => document.querySelector('.page')?.textContent?.includes('quý IV năm 2024'), { timeout: 10_000 });
    expect(await page.$eval('#chan-doan', (el) => el.children.length)).toBe(0);
    await page.close();
  });

  it('stops cleanly on Ctrl-C: exit 130 (stopped by SIGINT), no browser left, and no word of written files', async () => {
    const pdf = await get(`${DOC}2024-q3.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.slice(0, 5)).toBe('%PDF-');
    const below = descendants(child.pid!);
    expect(below.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const closed = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    // xem writes nothing: it does not vouch for "the files already written".
    await closed;
    expect(stderr).toContain('Đã dừng (SIGINT).');
    expect(stderr).not.toContain('các tệp đã ghi xong');
    for (let wait = 0; wait < 50 && below.some(alive); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(below.filter(alive)).toEqual([]);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
}, 180_000);
