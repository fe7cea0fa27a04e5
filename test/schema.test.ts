import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../src/cli/schema-command.js';
import { findDocuments } from '../src/load/find-documents.js';

const committed = path.join(import.meta.dirname, '..', 'schema', 'baocao.schema.json');

describe('JSON Schema for editors', () => {
  it('is committed and matches the schema that validates (UPDATE=1 rewrites it)', async () => {
    if (process.env.UPDATE) await writeFile(committed, schemaText());
    expect(await readFile(committed, 'utf8')).toBe(schemaText());
  });

  it('describes keys in Vietnamese and requires nothing (every layer is partial)', () => {
    const schema = JSON.parse(schemaText()) as { properties: Record<string, { description?: string }>; required?: unknown };
    expect(schema.required).toBeUndefined();
    expect(schema.properties.noi_dung!.description).toContain('Nội dung');
    expect(schemaText()).not.toContain('"required"');
  });

  it('is named at the top of every data file', async () => {
    const dataDir = path.join(import.meta.dirname, '..', 'data');
    const { documents } = await findDocuments([dataDir]);
    const files = new Set(documents.flatMap((d) => d.layers));
    expect(files.size).toBeGreaterThan(4);
    for (const file of files) {
      const firstLine = (await readFile(file, 'utf8')).split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
      expect(match, file).not.toBeNull();
      expect(path.resolve(path.dirname(file), match![1]!)).toBe(committed);
    }
  });
});
