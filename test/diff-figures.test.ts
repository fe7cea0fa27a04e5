/**
 * The figures table (issue 22): on top of every output, before the sections. For two period files
 * it names the data's figures with every sentence that prints them, also when the figure cannot be
 * reverted alone (the Thiên Cầm sample: đúng hạn + trễ hạn must equal đã giải quyết, so changing
 * one without the other breaks a rule of the data — the sentence whose computed percentage moved is
 * still listed). For two DOCX or two PDF it is read from the text: every number that changed, old
 * and new as printed, with the sentence or the table cell (row × column) it sits in.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from './helpers/cli.js';
import { editedSample, renderOldAndNew, writeEditedTree } from './helpers/diff-sample.js';

const UNIT = 'ha-tinh/xa-thien-cam';
const oldYaml = path.join(ROOT, 'data', UNIT, '2025-q3.yaml');
let root: string;
let newYaml: string;
const out = (side: string, ext: string) => path.join(root, side, UNIT, `2025-q3.${ext}`);

/** đúng hạn 1.291 → 1.293 and trễ hạn 7 → 5 (their sum stays 1.298): the rate moves 99,46% → 99,61%; one word edited elsewhere. */
const EDITS: [string, string][] = [
  ['    dung_han: 1291\n', '    dung_han: 1293\n'],
  ['    tre_han: 7\n', '    tre_han: 5\n'],
  ['bảo đảm hoạt động thông suốt', 'bảo đảm hoạt động liên tục'],
];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'baocao-diff-figures-'));
  newYaml = await writeEditedTree(root, (text) => editedSample(text, EDITS), `${UNIT}/2025-q3`);
  await renderOldAndNew(root, oldYaml, newYaml, 'docx,pdf');
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Words {
  op: string;
  text: string;
}
const oldText = (words: Words[]) => words.filter((w) => w.op !== '+').map((w) => w.text).join('');
const newText = (words: Words[]) => words.filter((w) => w.op !== '-').map((w) => w.text).join('');

describe('the figures table', () => {
  it('two period files: a figure that cannot be reverted alone still lists the sentence whose percentage moved; the table comes before the sections', async () => {
    const json = await runCli(['diff', '--json', oldYaml, newYaml]);
    expect(json.code, json.stderr).toBe(1);
    const changes = (JSON.parse(json.stdout) as { changes: { kind: string; key?: string; old?: number; new?: number; sentences?: { section: { path: string }; words: Words[] }[] }[] }).changes;
    const figure = changes.find((c) => c.key === 'ho_so.dung_han');
    expect(figure).toMatchObject({ kind: 'figure-changed', old: 1291, new: 1293 });
    expect(figure!.sentences).toHaveLength(1);
    const sentence = figure!.sentences![0]!;
    expect(sentence.section.path).toBe('II.1.b)');
    expect(oldText(sentence.words)).toContain('đúng hạn 1.291 hồ sơ, đạt 99,46%');
    expect(newText(sentence.words)).toContain('đúng hạn 1.293 hồ sơ, đạt 99,61%');
    expect(changes.find((c) => c.key === 'ho_so.tre_han')!.sentences).toHaveLength(1);
    // reported once: the sentence is in the figures table, not again as a changed paragraph
    expect(changes.map((c) => c.kind).sort()).toEqual(['figure-changed', 'figure-changed', 'paragraph-changed']);

    const terminal = await runCli(['diff', '--no-color', oldYaml, newYaml]);
    const lines = terminal.stdout.split('\n');
    expect(lines.indexOf('Số liệu')).toBeGreaterThan(0);
    expect(lines.indexOf('Số liệu')).toBeLessThan(lines.findIndex((l) => l.startsWith('Mục ')));
    expect(terminal.stdout).toContain('~ ho_so.dung_han: 1.291 → 1.293 (+2)\n      in ở II.1.b): … đó trước và đúng hạn 1.[-291-]{+293+} hồ sơ, đạt 99,[-46-]{+61+}%');
  });

  for (const ext of ['docx', 'pdf']) {
    it(`two ${ext.toUpperCase()}: every number that changed, with its sentence, in the terminal, JSON and HTML, before the sections`, async () => {
      const json = await runCli(['diff', '--json', out('out-old', ext), out('out-new', ext)]);
      expect(json.code, json.stderr).toBe(1);
      const value = JSON.parse(json.stdout) as { summary: string; numbers: { old?: string; new?: string; difference?: number; section: { path: string }; words: Words[] }[] };
      // the numbers are a view of the changes, not changes of their own
      expect(value.summary).toBe('2 thay đổi: 2 đoạn sửa.');
      expect(value.numbers.map((n) => [n.old, n.new, n.difference, n.section.path])).toEqual([
        ['1.291', '1.293', 2, 'II.1.b)'],
        ['99,46%', '99,61%', 0.15, 'II.1.b)'],
        ['07', '05', -2, 'II.1.b)'],
      ]);
      expect(newText(value.numbers[1]!.words)).toContain('đạt 99,61%, trễ hạn 05 hồ sơ');

      const terminal = await runCli(['diff', '--no-color', out('out-old', ext), out('out-new', ext)]);
      const lines = terminal.stdout.split('\n');
      const table = lines.indexOf('Số liệu thay đổi');
      expect(table).toBeGreaterThan(0);
      expect(table).toBeLessThan(lines.findIndex((l) => l.startsWith('Mục ')));
      expect(lines.slice(table + 1, table + 5)).toEqual([
        '  ~ [-1.291-] → {+1.293+} (+2), ở II.1.b)',
        '  ~ [-99,46%-] → {+99,61%+} (+0,15), ở II.1.b)',
        '  ~ [-07-] → {+05+} (−2), ở II.1.b)',
        '      … đó trước và đúng hạn 1.[-291-]{+293+} hồ sơ, đạt 99,[-46-]{+61+}%, trễ hạn [-07-]{+05+} hồ sơ; đang giải quyết 49 …',
      ]);

      const html = path.join(root, `so-sanh-${ext}.html`);
      expect((await runCli(['diff', out('out-old', ext), out('out-new', ext), '--html', html])).code).toBe(1);
      const page = await readFile(html, 'utf8');
      expect(page).toContain('<h2 id="so-lieu-thay-doi">Số liệu thay đổi</h2>');
      expect(page.indexOf('id="so-lieu-thay-doi"')).toBeLessThan(page.indexOf('id="m0"'));
      expect(page).toContain('<tr><td class="num"><del>99,46%</del></td><td class="num"><ins>99,61%</ins></td><td class="num">+0,15</td><td><b>II.1.b)</b>');
    });
  }

  it('a table cell is named by row × column; dates and document numbers are not figures', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const docx = async (name: string, done: string, date: string) => {
      const zip = new PizZip();
      zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
      const table = `<w:tbl><w:tr>${cell('Lĩnh vực')}${cell('Đã giải quyết')}</w:tr><w:tr>${cell('Đất đai')}${cell(done)}</w:tr><w:tr>${cell('Tư pháp')}${cell('312')}</w:tr></w:tbl>`;
      zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Theo Kế hoạch số 45/KH-UBND ngày ${date}:</w:t></w:r></w:p>${table}</w:body></w:document>`);
      const file = path.join(root, name);
      await writeFile(file, zip.generate({ type: 'nodebuffer' }));
      return file;
    };
    const before = await docx('bang-cu.docx', '380', '01/7/2024');
    const after = await docx('bang-moi.docx', '1.383', '02/7/2024');
    const run = await runCli(['diff', '--json', before, after]);
    expect(run.code, run.stderr).toBe(1);
    const numbers = (JSON.parse(run.stdout) as { numbers: { old?: string; new?: string; difference?: number; cell?: { row: string; column: string } }[] }).numbers;
    expect(numbers).toEqual([expect.objectContaining({ old: '380', new: '1.383', difference: 1003, cell: { table: 1, row: 'Đất đai', column: 'Đã giải quyết' } })]);
    const terminal = await runCli(['diff', '--no-color', before, after]);
    expect(terminal.stdout).toContain('Số liệu thay đổi\n  ~ [-380-] → {+1.383+} (+1.003), ở Bảng 1, dòng Đất đai × cột Đã giải quyết\n');
  });
});
