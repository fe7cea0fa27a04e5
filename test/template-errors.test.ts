/**
 * A broken template, as the clerk who edits templates/ meets it (issue 7, low): the CLI prints
 * docxtemplater's explanation of a Word template error, and a Handlebars error names the file it
 * is in (a partial, not the page template that includes it) with its line and column.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { validTree } from './helpers/data-tree.js';

/** A data tree with its own copy of templates/ (in `mau/`), edited by `edit`. */
async function treeWithTemplates(edit: (templates: string) => void): Promise<string> {
  const root = await validTree();
  cpSync(join(ROOT, 'templates'), join(root, 'mau'), { recursive: true });
  edit(join(root, 'mau'));
  return root;
}

function editText(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

// In-process: each run opens its templates folder afresh (openTemplates), and each test edits its own copy.
const render = (root: string, format: string) =>
  runCli(['render', 'data', '--format', format, '--out', 'out', '--templates', 'mau'], { cwd: root });

const templateLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes('[template-error]'));

/** Line and column (1-based) of the first occurrence of `needle` in a file. */
function lineColumnOf(file: string, needle: string): string {
  const text = readFileSync(file, 'utf8');
  const before = text.slice(0, text.indexOf(needle));
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

describe('template errors, as the CLI prints them', () => {
  it('a Word template error shows docxtemplater\'s explanation and the part it is in', async () => {
    const root = await treeWithTemplates((mau) => {
      const file = join(mau, 'word', 'bao-cao.docx');
      const zip = new PizZip(readFileSync(file));
      const xml = zip.file('word/document.xml')?.asText() ?? '';
      expect(xml).toContain('{chuc_vu}');
      zip.file('word/document.xml', xml.replace('{chuc_vu}', '{chuc_vu'));
      writeFileSync(file, zip.generate({ type: 'uint8array', compression: 'DEFLATE' }));
    });
    const run = await render(root, 'docx');
    expect(run.code).toBe(1);
    const [line, ...more] = templateLines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toContain(join('mau', 'word', 'bao-cao.docx'));
    expect(line).toContain('thẻ "{chuc_vu" mở mà không đóng');
    expect(line).toContain('Ở phần word/document.xml của tệp mẫu.');
    expect(line).toContain('Giải thích của docxtemplater: "The tag beginning with "{chuc_vu" is unclosed".');
  });

  it('a syntax error in a partial is reported on the partial, at its line and column', async () => {
    let title = '';
    const root = await treeWithTemplates((mau) => {
      title = join(mau, 'html', 'partials', 'title.hbs');
      editText(title, '{{title.summary}}', '{{title.summary');
    });
    const run = await render(root, 'pdf');
    expect(run.code).toBe(1);
    const lines = templateLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${join('mau', 'html', 'partials', 'title.hbs')}:3:\\d+  lỗi  Mẫu HTML sai cú pháp`));
    expect(run.stderr).not.toContain('bao-cao.hbs');
  });

  it('an error while a partial runs names the partial and its line:column; one in the page template names the page', async () => {
    let title = '';
    let page = '';
    const root = await treeWithTemplates((mau) => {
      title = join(mau, 'html', 'partials', 'title.hbs');
      page = join(mau, 'html', 'bao-cao.hbs');
      editText(title, '{{title.summary}}', '{{title.tom_tat}}');
    });
    const run = await render(root, 'pdf');
    expect(run.code).toBe(1);
    expect(templateLines(run.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`^${join('mau', 'html', 'partials', 'title.hbs')}:${lineColumnOf(title, 'title.tom_tat')}  lỗi  .*"tom_tat"`),
      ),
    ]);

    // inside the block the page gives to the document partial: the page's own code
    editText(title, '{{title.tom_tat}}', '{{title.summary}}');
    editText(page, '{{> title}}', '{{> title}}\n{{khong_co}}');
    const again = await render(root, 'pdf');
    expect(again.code).toBe(1);
    expect(templateLines(again.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^${join('mau', 'html', 'bao-cao.hbs')}:${lineColumnOf(page, 'khong_co')}  lỗi  .*"khong_co"`)),
    ]);
  });
});
