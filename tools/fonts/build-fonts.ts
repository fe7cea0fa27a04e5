/**
 * Builds the fonts the HTML and PDF embed, templates/fonts/tinos-<weight>-<style>.woff2, from the
 * whole Tinos family (@expo-google-fonts/tinos: Google Fonts' TTF files, OFL-1.1): one file per
 * weight and style holding every character of `COVERED_TEXT` — Latin and Vietnamese together, so
 * a Vietnamese word is one run of one font. Build-time code: not in dist/, never imported by the
 * renderer. Run it (and commit the result) after changing the family or the coverage:
 *
 *   npm run fonts               # = tsc -p tsconfig.tools.json && node dist-tools/tools/fonts/build-fonts.js
 *
 * `test/fonts.test.ts` fails while the committed files differ from what this builds
 * (`UPDATE=1 npx vitest run test/fonts.test.ts` rewrites them). harfbuzz's subsetter and the WOFF2
 * encoder are deterministic: the same inputs give the same bytes.
 *
 * Why not the per-script files of @fontsource/tinos (what was embedded before): their Latin and
 * Vietnamese subsets are two fonts, and almost every Vietnamese word mixes both (ư, ơ, đ and the
 * tone-marked vowels in one, a, n, h … in the other), so Chromium shaped each word in two or three
 * runs and the PDF embedded eight fonts instead of four (the Thạch Quý report: 148 → 92 kB, the
 * words' places the same to 0.01 pt; 1,000 such reports printed in ~27 s instead of ~35).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { FONT_FACES, fontFileName, type FontFace } from '../../src/render/html/fonts.js';
import { repoRoot } from '../repo-root.js';

/** Where the fonts are committed (the renderer reads them from the package's `FONTS_DIR`, the same folder). */
export const BUILT_FONTS_DIR = join(repoRoot(), 'templates', 'fonts');

/**
 * The characters kept: the ranges of the two subsets embedded before (Google Fonts' `latin` and
 * `vietnamese`), so nothing printable before is missing now.
 */
const COVERED_RANGES: readonly (readonly [number, number])[] = [
  // latin
  [0x0000, 0x00ff], [0x0131, 0x0131], [0x0152, 0x0153], [0x02bb, 0x02bc], [0x02c6, 0x02c6], [0x02da, 0x02da],
  [0x02dc, 0x02dc], [0x0304, 0x0304], [0x0308, 0x0308], [0x0329, 0x0329], [0x2000, 0x206f], [0x20ac, 0x20ac],
  [0x2122, 0x2122], [0x2191, 0x2191], [0x2193, 0x2193], [0x2212, 0x2212], [0x2215, 0x2215], [0xfeff, 0xfeff],
  [0xfffd, 0xfffd],
  // vietnamese
  [0x0102, 0x0103], [0x0110, 0x0111], [0x0128, 0x0129], [0x0168, 0x0169], [0x01a0, 0x01a1], [0x01af, 0x01b0],
  [0x0300, 0x0301], [0x0303, 0x0304], [0x0308, 0x0309], [0x0323, 0x0323], [0x0329, 0x0329], [0x1ea0, 0x1ef9],
  [0x20ab, 0x20ab],
];

export const COVERED_TEXT = COVERED_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)),
).join('');

const SOURCE_FILES: Record<string, string> = {
  '400-normal': '400Regular/Tinos_400Regular.ttf',
  '700-normal': '700Bold/Tinos_700Bold.ttf',
  '400-italic': '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  '700-italic': '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

function sourceFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
}

/** One face as WOFF2: the family's TTF cut to `COVERED_TEXT`; copyright and licence names kept. */
export async function buildFont(face: FontFace): Promise<Uint8Array> {
  const source = SOURCE_FILES[`${face.weight}-${face.style}`];
  if (!source) throw new Error(`no Tinos file for ${face.weight} ${face.style}`);
  const ttf = readFileSync(join(sourceFolder(), source));
  return subsetFont(ttf, COVERED_TEXT, { targetFormat: 'woff2', preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14] });
}

/** The family's licence, shipped beside the fonts. */
export function licenceText(): string {
  return readFileSync(join(sourceFolder(), 'LICENSE_FONT'), 'utf8');
}

export async function buildFonts(dir: string = BUILT_FONTS_DIR): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const face of FONT_FACES) {
    const file = join(dir, fontFileName(face));
    writeFileSync(file, await buildFont(face));
    written.push(file);
  }
  const licence = join(dir, 'OFL.txt');
  writeFileSync(licence, licenceText());
  return [...written, licence];
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  for (const file of await buildFonts(process.argv[2] ?? BUILT_FONTS_DIR)) console.log(file);
}
