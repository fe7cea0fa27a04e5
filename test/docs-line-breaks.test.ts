/**
 * The YAML examples of docs/ngat-dong-va-loi-thuong-gap.md validate: each ```yaml block, completed
 * with the top-level keys it leaves out (taken from a valid document), gives no problem at all.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { formatDiagnostic } from '../src/diagnostics/report.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';

const DOC = path.join(import.meta.dirname, '..', 'docs', 'ngat-dong-va-loi-thuong-gap.md');
const UNIT = 'data/tinh-mau/phuong-mau';

/** A YAML text's top-level blocks, by key. */
function topLevel(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let key: string | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+):/.exec(line);
    if (match) key = match[1]!;
    if (key) blocks.set(key, `${blocks.get(key) ?? ''}${line}\n`);
  }
  return blocks;
}

const examples = async (): Promise<string[]> => [...(await readFile(DOC, 'utf8')).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/ngat-dong-va-loi-thuong-gap.md', () => {
  it('has YAML examples', async () => {
    expect((await examples()).length).toBeGreaterThanOrEqual(4);
  });

  it('every YAML example validates without a problem', async () => {
    const defaults = topLevel(PERIOD_DOCUMENT);
    for (const example of await examples()) {
      const own = topLevel(example);
      const named = /^# data\/.*\/([^/\s]+\.yaml)/m.exec(example)?.[1] ?? '2024-q3.yaml';
      // A speech's example shows that it needs no date: none is added to it.
      const speech = named.includes('bai-tham-luan');
      const missing = [...defaults].filter(([key]) => !own.has(key) && key !== 'so' && !(speech && key === 'ngay')).map(([, block]) => block);
      const root = await validTree({ [`${UNIT}/${named}`]: `${example}${missing.join('')}` });
      const result = await validate({ inputs: [path.join(root, UNIT, named)] });
      const problems = [...result.diagnostics, ...result.documents.flatMap((d) => d.diagnostics)].map(formatDiagnostic);
      expect(problems, example).toEqual([]);
      expect(result.documents.map((d) => d.model !== undefined)).toContain(true);
    }
  });
});
