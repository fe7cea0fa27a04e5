/**
 * Tinos (metric-compatible with Times New Roman, SIL Open Font License 1.1), embedded as data:
 * URLs so every machine prints with the same font and the page never fetches anything. The files
 * are the package's own, templates/fonts/tinos-<weight>-<style>.woff2 (built by tools/fonts from
 * the whole family: Latin and Vietnamese in one font per face). Read once per run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';

export interface FontFace {
  weight: 400 | 700;
  style: 'normal' | 'italic';
}

export const FONT_FACES: readonly FontFace[] = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
];

/** The package's fonts folder, the same for every templates folder (a font is not a template's). */
export const FONTS_DIR = join(PACKAGE_ROOT, 'templates', 'fonts');

export function fontFileName(face: FontFace): string {
  return `tinos-${face.weight}-${face.style}.woff2`;
}

export interface EmbeddedFonts {
  /** `@font-face` rules for family 'Tinos'. */
  css: string;
  /** Every data: URL the rules use, so a request filter can let exactly these through. */
  urls: ReadonlySet<string>;
}

/** Reads the faces (a run reads them once, through its opened templates: src/render/open-templates.ts). */
export function readEmbeddedFonts(): EmbeddedFonts {
  const rules: string[] = [];
  const urls = new Set<string>();
  for (const face of FONT_FACES) {
    const url = `data:font/woff2;base64,${readFileSync(join(FONTS_DIR, fontFileName(face))).toString('base64')}`;
    urls.add(url);
    rules.push(
      `@font-face { font-family: 'Tinos'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; ` +
        `src: url(${url}) format('woff2'); }`,
    );
  }
  return { css: rules.join('\n'), urls };
}
