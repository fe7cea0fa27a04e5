/**
 * Throughput of the PDF renderer, opt-in (it takes a while and depends on the machine):
 *   BENCH=1 npx vitest run test/render-pdf-bench
 * Options: BENCH_PAGES (tabs, default 4), BENCH_REPORTS (default 60), BENCH_MIN (reports/s to
 * require, default 0: only print).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PdfRenderer } from '../src/render/pdf/pdf-renderer.js';
import { sampleModel } from './fixtures/sample-model.js';
import { openTemplates } from '../src/render/open-templates.js';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));

describe.skipIf(!process.env['BENCH'])('PDF throughput', () => {
  it('renders the 6-page sample with a pool of tabs', async () => {
    const pages = Number(process.env['BENCH_PAGES'] ?? 4);
    const count = Number(process.env['BENCH_REPORTS'] ?? 60);
    const renderer = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages });
    try {
      const model = sampleModel();
      await Promise.all(Array.from({ length: pages * 2 }, () => renderer.render(model))); // warm every tab
      const start = performance.now();
      const sizes = await Promise.all(Array.from({ length: count }, () => renderer.render(model).then((b) => b.length)));
      const elapsed = performance.now() - start;
      const perSecond = (count * 1000) / elapsed;
      console.log(
        `pdf: ${count} reports, ${pages} tabs: ${(elapsed / count).toFixed(1)} ms/report, ${perSecond.toFixed(1)} reports/s`,
      );
      expect(new Set(sizes).size).toBe(1);
      expect(perSecond).toBeGreaterThanOrEqual(Number(process.env['BENCH_MIN'] ?? 0));
    } finally {
      await renderer.close();
    }
  });
});
