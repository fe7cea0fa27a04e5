/**
 * Tinos (metric-compatible with Times New Roman, Apache-2.0) from @fontsource/tinos, embedded as
 * data: URLs so every machine prints with the same font and the page never fetches anything.
 * Built once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const subsets = ['latin', 'vietnamese'] as const;
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
  for (const subset of subsets) {
    for (const { weight, style } of faces) {
      const name = `${subset}-${weight}${style === 'italic' ? '-italic' : ''}`;
      // The package's own CSS for this face carries its unicode-range; keep it so Chromium picks
      // the subset per character exactly as the package intends.
      const packageCss = readFileSync(join(root, `${name}.css`), 'utf8');
      const range = /unicode-range:\s*([^;]+);/.exec(packageCss)?.[1]?.trim();
      const file = join(root, 'files', `tinos-${subset}-${weight}-${style}.woff2`);
      const url = `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
      urls.add(url);
      rules.push(
        `@font-face { font-family: 'Tinos'; font-style: ${style}; font-weight: ${weight}; font-display: block; ` +
          `src: url(${url}) format('woff2');${range ? ` unicode-range: ${range};` : ''} }`,
      );
    }
  }
  cached = { css: rules.join('\n'), urls };
  return cached;
}
