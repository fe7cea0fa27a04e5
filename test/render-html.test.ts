import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/core/model.js';
import { DiagnosticError } from '../src/diagnostics/diagnostic.js';
import { readEmbeddedFonts } from '../src/render/html/fonts.js';
import { compileHtmlTemplates, FONTS_PLACEHOLDER, renderReportHtml, withFonts } from '../src/render/html/report-html.js';
import { shippedTypes } from './helpers/document-types.js';
import { sampleModel } from './fixtures/sample-model.js';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));
const fonts = readEmbeddedFonts();
const compiled = compileHtmlTemplates(templatesDir, shippedTypes());

/** The model's HTML from a templates folder's HTML templates, fonts inline or deferred. */
function htmlOf(model: ReportModel, dir?: string, deferred = false): string {
  return renderReportHtml(model, dir === undefined ? compiled : compileHtmlTemplates(dir, shippedTypes()), deferred ? 'deferred' : fonts);
}

/** The document without the embedded style sheet (fonts are 140 kB of base64). */
function bodyOf(html: string): string {
  return html.slice(html.indexOf('<body'));
}

describe('renderReportHtml', () => {
  it('writes the fixed wording of the decree and the model text', () => {
    const html = bodyOf(htmlOf(sampleModel()));
    expect(html).toContain('<div class="national-name">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>');
    expect(html).toContain('<span>Độc lập - Tự do - Hạnh phúc</span>');
    expect(html).toContain('<div class="parent-agency">UBND THÀNH PHỐ HÀ TĨNH</div>');
    expect(html).toContain('<div class="agency"><div>ỦY BAN NHÂN DÂN</div><div>PHƯỜNG MẪU</div></div>');
    expect(html).toContain('<div class="number">Số: 07/BC-UBND</div>');
    expect(html).toContain('<div class="place-date">Mẫu, ngày 05 tháng 9 năm 2024</div>');
    expect(html).toContain('<div class="type-name">BÁO CÁO</div>');
    expect(html).toContain('<div class="addressees-label">Kính gửi:</div>');
    expect(html).toContain('<div class="addressees-line">- Phòng Nội vụ thành phố.</div>');
    expect(html).toContain('<div class="recipients-label">Nơi nhận:</div>');
    expect(html).toContain('<div class="recipient">- Lưu: VT, VP.</div>');
    expect(html).toContain('<div class="authority">TM. ỦY BAN NHÂN DÂN</div>');
    expect(html).toContain('<div class="position">CHỦ TỊCH</div>');
    expect(html).toContain('<div class="signer-name">Nguyễn Văn An</div>');
    expect(html).not.toContain('undefined');
    expect(html).not.toContain('[object Object]');
  });

  it('maps blocks to classes, runs to spans and footnote markers to numbered superscripts', () => {
    const html = bodyOf(htmlOf(sampleModel()));
    expect(html).toContain('<p class="blk heading1 first"><span class="label">I.</span> <span class="r">MỤC SỐ 1:');
    expect(html).toContain('<p class="blk heading3"><span class="label">1.1.</span> <span class="r">Kết quả rà soát');
    expect(html).toContain('<p class="blk bullet"><span class="label">-</span> <span class="r">Số nhiệm vụ');
    expect(html).toContain('<span class="b">1.067</span>');
    expect(html).toContain('<span class="i">96,67%</span>');
    expect(html).toContain('trước và đúng hạn</span><sup class="fnref" data-fn="1">1</sup><span class="r">; ');
    expect(html.match(/<sup class="fnref"/g)).toHaveLength(9);
    expect(html).toMatch(/<p class="blk body closing"><span class="r">Trên đây là báo cáo[^<]*<\/span><\/p>\s*<table class="signature blk">/);
    expect(html.match(/<div class="fn" data-fn="\d+">/g)).toHaveLength(9);
    expect(html).toContain('<div class="fn" data-fn="9"><sup class="fn-number">9</sup> <span class="r">Chú thích số 9:');
  });

  it('escapes everything that comes from data', () => {
    const model: ReportModel = sampleModel();
    model.title.summary = '<img src="http://127.0.0.1:1/x"> & "quotes" \'single\'';
    model.body = [
      { style: 'body', depth: 0, label: '<b>a)</b>', inlines: [{ text: '<script>alert(1)</script>{{{x}}}', bold: false, italic: false }] },
    ];
    model.footnotes = [];
    model.recipients = ['- <a href="file:///etc/passwd">x</a>;'];
    model.signature.name = '</td></tr></table><p>';
    const html = bodyOf(htmlOf(model));
    expect(html).toContain('&lt;img src&#x3D;&quot;http://127.0.0.1:1/x&quot;&gt; &amp; &quot;quotes&quot; &#x27;single&#x27;');
    expect(html).toContain('<span class="label">&lt;b&gt;a)&lt;/b&gt;</span>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;{{{x}}}');
    expect(html).toContain('&lt;a href&#x3D;&quot;file:///etc/passwd&quot;&gt;x&lt;/a&gt;;');
    expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;');
    expect(html).not.toMatch(/<(img|script|a)\b/);
    expect(html).not.toContain('id="footnotes"');
  });

  it('forbids every source but inline style and the embedded fonts', () => {
    const html = htmlOf(sampleModel());
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">`,
    );
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    expect(fonts.urls.size).toBe(4);
    for (const url of fonts.urls) {
      expect(url.startsWith('data:font/woff2;base64,d09GMg')).toBe(true); // "wOF2"
      expect(html).toContain(url);
    }
    // One font per face for Latin and Vietnamese alike: no unicode-range splitting a word into runs.
    expect(fonts.css.match(/font-family: 'Tinos'/g)).toHaveLength(4);
    expect(fonts.css).toMatch(/font-style: italic; font-weight: 700;/);
    expect(fonts.css).not.toContain('unicode-range');
  });

  it('leaves the fonts out when asked (the PDF tabs load them once), and puts them back in the same place', () => {
    const inline = htmlOf(sampleModel());
    const deferred = htmlOf(sampleModel(), undefined, true);
    expect(deferred.split(FONTS_PLACEHOLDER)).toHaveLength(2);
    expect(deferred).not.toContain('@font-face');
    expect(inline).not.toContain(FONTS_PLACEHOLDER);
    expect(inline.length - deferred.length).toBe(fonts.css.length - FONTS_PLACEHOLDER.length);
    expect(withFonts(deferred, fonts)).toBe(inline);
  });

  it('covers the optional parts: one addressee on the line, no parent agency, issued-with, no authority', () => {
    const model: ReportModel = sampleModel();
    model.addressees = { sameLine: true, lines: ['UBND thành phố Hà Tĩnh.'] };
    delete model.header.parentAgency;
    model.title.issuedWith = '(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của Ủy ban nhân dân phường Phù Liễn)';
    model.signature.authority = [];
    const html = bodyOf(htmlOf(model));
    expect(html).toContain('<div class="addressees-one">Kính gửi: UBND thành phố Hà Tĩnh.</div>');
    expect(html).not.toContain('parent-agency');
    expect(html).toContain('<div class="issued-with">(Ban hành kèm theo Quyết định số 19/QĐ-UBND');
    expect(html).not.toContain('class="authority"');
    model.addressees = undefined;
    expect(bodyOf(htmlOf(model))).not.toContain('Kính gửi');
  });

  it('uses ke-hoach.hbs for a kế hoạch (no Kính gửi)', () => {
    const model: ReportModel = { ...sampleModel(), type: 'ke_hoach' };
    model.title = { typeName: 'KẾ HOẠCH', summary: 'Cải cách hành chính năm 2024' };
    const html = bodyOf(htmlOf(model));
    expect(html).toContain('<body class="ke-hoach">');
    expect(html).toContain('<div class="type-name">KẾ HOẠCH</div>');
    expect(html).not.toContain('Kính gửi');
  });

  it('normalises text to NFC', () => {
    const model: ReportModel = sampleModel();
    model.signature.name = 'Nguyễn Văn An'.normalize('NFD');
    const html = htmlOf(model);
    expect(html).toContain('<div class="signer-name">Nguyễn Văn An</div>');
    expect(html).toBe(html.normalize('NFC'));
  });

  it('reports template problems as template-error diagnostics', () => {
    const broken = mkdtempSync(join(tmpdir(), 'baocao-templates-'));
    try {
      cpSync(join(templatesDir, 'html'), join(broken, 'html'), { recursive: true });
      writeFileSync(join(broken, 'html', 'partials', 'title.hbs'), '<div>{{title.typo}}</div>');
      const error = (() => {
        try {
          htmlOf(sampleModel(), broken);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(DiagnosticError);
      const [diagnostic] = (error as DiagnosticError).diagnostics;
      expect(diagnostic?.ruleId).toBe('template-error');
      // on the partial whose code failed, at the name it used (not on bao-cao.hbs, which includes it)
      expect(diagnostic?.file).toBe(join(broken, 'html', 'partials', 'title.hbs'));
      expect([diagnostic?.line, diagnostic?.column]).toEqual([1, 8]);
      expect(diagnostic?.message).toContain('typo');

      const missing = join(broken, 'nothing-here');
      expect(() => htmlOf(sampleModel(), missing)).toThrow(DiagnosticError);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
