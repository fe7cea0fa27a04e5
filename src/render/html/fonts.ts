/**
 * Tinos (metric-compatible with Times New Roman, Apache-2.0) from @fontsource/tinos, embedded as
 * data: URLs so every machine prints with the same font and the page never fetches anything.
 * Built once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** In the package's order: where ranges overlap (a few combining marks) the later face wins. */
const subsets = ['vietnamese', 'latin'] as const;
const faces = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

export interface EmbeddedFonts {
  /** `@font-face` rules for family 'Tinos'. */
  css: string;
  /** Every data: URL the rules use, so a request filter can let exactly these through. */
  urls: ReadonlySet<string>;
}

let cached: EmbeddedFonts | undefined;

export function embeddedFonts(): EmbeddedFonts {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@fontsource/tinos/package.json'));
  const rules: string[] = [];
  const urls = new Set<string>();
  for (const { weight, style } of faces) {
    // The package's combined sheet for this weight and style gives each subset's unicode-range;
    // keep them so Chromium picks the subset per character exactly as the package intends.
    const packageCss = readFileSync(join(root, `${weight}${style === 'italic' ? '-italic' : ''}.css`), 'utf8');
    for (const subset of subsets) {
      const name = `tinos-${subset}-${weight}-${style}`;
      const block = packageCss.slice(packageCss.indexOf(`/* ${name} */`));
      const range = /unicode-range:\s*([^;}]+);/.exec(block.slice(0, block.indexOf('}')))?.[1]?.trim();
      if (!range) throw new Error(`@fontsource/tinos: no unicode-range for ${name}`);
      const url = `data:font/woff2;base64,${readFileSync(join(root, 'files', `${name}.woff2`)).toString('base64')}`;
      urls.add(url);
      rules.push(
        `@font-face { font-family: 'Tinos'; font-style: ${style}; font-weight: ${weight}; font-display: block; ` +
          `src: url(${url}) format('woff2'); unicode-range: ${range}; }`,
      );
    }
  }
  cached = { css: rules.join('\n'), urls };
  return cached;
}
