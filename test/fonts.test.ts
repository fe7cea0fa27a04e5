/**
 * The fonts the HTML and PDF embed: templates/fonts/*.woff2 are exactly what tools/fonts builds
 * (UPDATE=1 rewrites them), and they hold every letter of Vietnamese in each face, so nothing
 * prints in a fallback font.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/core/model.js';
import { FONT_FACES, FONTS_DIR, fontFileName } from '../src/render/html/fonts.js';
import { PdfRenderer } from '../src/render/pdf/pdf-renderer.js';
import { BUILT_FONTS_DIR, buildFont, licenceText } from '../tools/fonts/build-fonts.js';
import { sampleModel } from './fixtures/sample-model.js';
import { sharedBrowser } from './helpers/cli.js';
import { openPdf } from './helpers/pdf-tools.js';
import { openTemplates } from '../src/render/open-templates.js';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));

describe('the committed fonts', () => {
  it('are read from the folder the builder writes', () => {
    expect(FONTS_DIR).toBe(BUILT_FONTS_DIR);
    expect(FONTS_DIR).toBe(join(templatesDir, 'fonts'));
  });

  for (const face of FONT_FACES) {
    const file = join(FONTS_DIR, fontFileName(face));
    it(`templates/fonts/${fontFileName(face)} is what tools/fonts builds (UPDATE=1 rewrites it)`, async () => {
      const built = await buildFont(face);
      if (process.env.UPDATE) writeFileSync(file, built);
      expect(Buffer.compare(readFileSync(file), Buffer.from(built)), file).toBe(0);
    });
  }

  it('ship with the family licence (SIL OFL 1.1)', () => {
    const licence = readFileSync(join(FONTS_DIR, 'OFL.txt'), 'utf8');
    expect(licence).toBe(licenceText());
    expect(licence).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });
});

/** Each vowel with its five tones (and none), then đ: lower and upper case, composed (NFC). */
const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const vietnameseWords = [...vowels, ...vowels.map((v) => v.toUpperCase())]
  .map((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize('NFC')).join(''))
  .concat(['đĐ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789', '%,.;:!?()–“”', '₫']);

describe('printing every Vietnamese letter', () => {
  let renderer: PdfRenderer;
  beforeAll(async () => {
    renderer = await PdfRenderer.open({ templates: openTemplates(templatesDir), pages: 1, browser: sharedBrowser() });
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('uses only the embedded Tinos, in all four faces, and keeps every letter', async () => {
    const text = vietnameseWords.join(' ');
    const report: ReportModel = sampleModel();
    const closing = report.body[report.body.length - 1] as ReportModel['body'][number];
    report.footnotes = [];
    report.body = [
      {
        style: 'body',
        depth: 1,
        label: '',
        inlines: [
          { text: `${text} `, bold: false, italic: false },
          { text: `${text} `, bold: true, italic: false },
          { text: `${text} `, bold: false, italic: true },
          { text, bold: true, italic: true },
        ],
      },
      closing,
    ];
    const pdf = openPdf(await renderer.render(report));
    try {
      const fonts = pdf.fonts();
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
      expect(new Set(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))).toEqual(
        new Set(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic']),
      );
      const printed = pdf.rawText().normalize('NFC').split(/\s+/);
      for (const word of vietnameseWords) expect(printed.filter((w) => w === word), word).toHaveLength(4);
    } finally {
      pdf.dispose();
    }
  });
});
