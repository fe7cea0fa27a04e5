import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/diagnostics/rules.js';

const root = path.join(import.meta.dirname, '..');

describe('README', () => {
  it('lists every rule id with its meaning, as rules.ts says (docs/quy-tac.md)', async () => {
    const rulesPage = await readFile(path.join(root, 'docs', 'quy-tac.md'), 'utf8');
    const table = rulesPage.split('<!-- rules:start -->')[1]!.split('<!-- rules:end -->')[0]!.trim();
    const expected = ['| mã | nghĩa |', '|---|---|', ...Object.entries(rules).map(([id, meaning]) => `| \`${id}\` | ${meaning} |`)].join('\n');
    expect(table).toBe(expected);
  });

  it('is a short page for its readers (at most ~200 lines), the rest in docs/', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    for (const link of readme.matchAll(/\]\(((?:docs\/)?[\w.-]+\.md)(?:#[^)]*)?\)/g)) expect(link[1]).toMatch(/\.md$/);
  });

  it('CI runs the README test command and nothing else', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const ci = await readFile(path.join(root, '.ci', 'run'), 'utf8');
    expect(readme).toContain('npm run render:samples');
    expect(readme).toMatch(/^npm test\s/m);
    const commands = ci.split('\n').filter((line) => line.trim() && !line.startsWith('#') && !/^(set|cd) /.test(line));
    expect(commands).toEqual(['npm test']);
  });
});
