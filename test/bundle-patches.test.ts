/**
 * The package files the bundle holds with a few words changed (scripts/bundle.mjs `PATCHED`) behave
 * as the package's own: each edited file, run as CommonJS where the package has it, exports the
 * same values as the file itself.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PATCHED, patchedSource } from '../scripts/bundle.mjs';

const require = createRequire(import.meta.url);

/** The exports of `file` with its PATCHED edits made, evaluated as Node would evaluate the file. */
function patchedExports(file: string): Record<string, unknown> {
  const patch = PATCHED.find((p) => p.module.test(file));
  if (!patch) throw new Error(`no PATCHED entry for ${file}`);
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInThisContext(Module.wrap(patchedSource(file, readFileSync(file, 'utf8'), patch.edits)), { filename: file }) as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

describe('package files the bundle edits', () => {
  it('@xmldom/xmldom entities.js: the HTML table is built on first use, equal to the package’s and frozen; entityMap is it', () => {
    const file = require.resolve('@xmldom/xmldom/lib/entities.js');
    const original = require(file) as Record<string, object>;
    const patched = patchedExports(file);
    expect(typeof Object.getOwnPropertyDescriptor(patched, 'HTML_ENTITIES')?.get).toBe('function');
    expect(Object.keys(patched)).toEqual(Object.keys(original));
    expect(patched['XML_ENTITIES']).toEqual(original['XML_ENTITIES']);
    expect(Object.keys(original['HTML_ENTITIES']!).length).toBeGreaterThan(2000);
    expect(patched['HTML_ENTITIES']).toEqual(original['HTML_ENTITIES']);
    expect(Object.isFrozen(patched['HTML_ENTITIES'])).toBe(true);
    expect(patched['HTML_ENTITIES']).toBe(patched['HTML_ENTITIES']);
    expect(patched['entityMap']).toBe(patched['HTML_ENTITIES']);
  });

  it('stops the build when an edit no longer applies exactly once', () => {
    expect(() => patchedSource('x.js', 'a = 1;', [['b = 2;', 'c']])).toThrow(/no longer holds "b = 2;" once/);
    expect(() => patchedSource('x.js', 'a; a;', [['a;', 'c']])).toThrow(/once/);
    expect(patchedSource('x.js', 'a = $1;', [['a', "b$&'"]])).toBe("b$&' = $1;");
  });
});
