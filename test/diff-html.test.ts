/**
 * `baocao diff --html`: one self-contained page (no script, no network), opened in the real
 * Chromium with JavaScript off and every request blocked; the screenshot is kept for a person to
 * look at (BAOCAO_KEEP_SCREENSHOT=<file>), and the page's text is checked as a reader sees it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { browserArgs, findBrowser, headlessMode } from '../src/render/pdf/find-browser.js';
import { runCli } from './helpers/cli.js';
import { useSampleTrees } from './helpers/diff-sample.js';

const trees = useSampleTrees('docx');

describe('baocao diff --html', () => {
  it('writes a self-contained page that Chromium shows without JavaScript or network', async () => {
    const html = path.join(trees.root, 'so-sanh.html');
    const run = await runCli(['diff', trees.oldYaml, trees.newYaml, '--html', html]);
    expect(run.code).toBe(1);
    const source = await readFile(html, 'utf8');
    expect(source).not.toMatch(/<script|<link|https?:\/\/|@import|url\(/i);
    expect(source).toContain('<del>quyết liệt</del><ins>sát sao</ins>');

    const executablePath = findBrowser(process.env);
    const browser = await puppeteer.launch({ executablePath, args: browserArgs(), headless: headlessMode(executablePath) });
    try {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      const requests: string[] = [];
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url().startsWith('file:')) return void request.continue();
        requests.push(request.url());
        void request.abort();
      });
      await page.setViewport({ width: 1100, height: 900 });
      await page.goto(`file://${html}`, { waitUntil: 'load' });
      const text = await page.evaluate(() => document.body.innerText);
      expect(requests).toEqual([]);
      expect(text.split('\n')[0]).toBe('So sánh văn bản');
      expect(text).toContain('6 thay đổi: 1 đoạn sửa, 1 chú thích thêm, 1 đoạn bỏ, 1 mục thêm, đánh số lại, 1 số liệu đổi.');
      const toc = await page.$$eval('nav a', (links) => links.map((a) => a.textContent));
      expect(toc).toContain('Mục II.3. Công tác dân vận chính quyền');
      expect(toc).toContain('Số liệu');
      const figureRow = await page.$$eval('#so-lieu + table tbody tr td', (cells) => cells.map((c) => (c as HTMLElement).innerText));
      expect(figureRow.slice(0, 4)).toEqual(['khac.bo_phan_mot_cua', '7', '8', '+1']);
      // Deletions are struck through and insertions underlined by the page's own CSS.
      const looks = await page.evaluate(() => [getComputedStyle(document.querySelector('del')!).textDecorationLine, getComputedStyle(document.querySelector('ins')!).textDecorationLine]);
      expect(looks).toEqual(['line-through', 'underline']);
      const png = await page.screenshot({ fullPage: true });
      expect(png.length).toBeGreaterThan(20_000);
      const keep = process.env['BAOCAO_KEEP_SCREENSHOT'];
      if (keep) await writeFile(keep, png);
    } finally {
      await browser.close();
    }
  });
});
