/**
 * Build-time code stays out of the runtime, and what it built is what is committed:
 * templates/word/*.docx are exactly what tools/word-templates makes (UPDATE=1 rewrites them).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { templateFileName } from '../src/core/document-types.js';
import { buildTemplate, declaredTypes, WORD_TEMPLATES_DIR } from '../tools/word-templates/build-templates.js';
import { LOOK_CSS_FILE, lookCss } from '../tools/word-templates/look-css.js';

const root = path.join(import.meta.dirname, '..');

describe('the committed Word templates', () => {
  for (const type of declaredTypes()) {
    const file = path.join(WORD_TEMPLATES_DIR, templateFileName(type, '.docx'));
    it(`templates/word/${path.basename(file)} is what the builder makes, part by part (UPDATE=1 rewrites it)`, () => {
      const built = buildTemplate(type);
      if (process.env.UPDATE) writeFileSync(file, built);
      const committed = readFileSync(file);
      const [theirs, ours] = [new PizZip(committed), new PizZip(built)];
      expect(Object.keys(theirs.files), `${file}: parts`).toEqual(Object.keys(ours.files));
      for (const name of Object.keys(ours.files)) {
        expect(theirs.file(name)?.asText(), `${file}: ${name}`).toBe(ours.file(name)?.asText());
      }
      // Same parts but other bytes: entry dates, order or compression drifted.
      expect(Buffer.compare(committed, Buffer.from(built)), `${file}: package bytes`).toBe(0);
    });
  }

  it('templates/html/look.css is what the builder makes from the same look.ts (UPDATE=1 rewrites it)', () => {
    if (process.env.UPDATE) writeFileSync(LOOK_CSS_FILE, lookCss());
    expect(readFileSync(LOOK_CSS_FILE, 'utf8')).toBe(lookCss());
    expect(LOOK_CSS_FILE).toBe(path.join(root, 'templates', 'html', 'look.css'));
  });

  it('lives in templates/word of the repository', () => {
    expect(WORD_TEMPLATES_DIR).toBe(path.join(root, 'templates', 'word'));
  });
});

describe('build-time code', () => {
  /** Every .ts file below a folder of the repository. */
  function sources(folder: string): string[] {
    return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join(root, folder, name));
  }

  it('is never imported by the runtime: every relative import in src/ stays in src/', () => {
    const outside: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bfrom\s*'(\.[^']+)'|\bimport\s*\(?\s*'(\.[^']+)'/g)) {
        const target = path.resolve(path.dirname(file), m[1] ?? m[2]!);
        if (path.relative(path.join(root, 'src'), target).startsWith('..')) outside.push(`${path.relative(root, file)} → ${m[1] ?? m[2]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
