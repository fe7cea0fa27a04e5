/**
 * Issue 19, item 4: a line break inside a paragraph (the lines of a `|` block, or a `\` at a line's
 * end) is a real line break in Word (`<w:br/>`), HTML (`<br>`) and PDF; markup of other tools
 * (`<br>`, `<u>`, `__…__`) is printed as written, with a warning that says what to write instead.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInline } from '../src/markup/inline.js';
import { runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';
import { openDocx } from './helpers/docx.js';
import { pdfText } from './helpers/tools.js';

const PERIOD = 'data/tinh-mau/phuong-mau/2024-q3.yaml';
const figures = new Map<string, number>();

describe('the parser', () => {
  it('keeps the lines of a | block as line breaks, without the block’s final one', () => {
    const { inlines, problems } = parseInline('Thôn Trung, xã Cẩm Bình\nhuyện Cẩm Xuyên, tỉnh Hà Tĩnh\n', figures);
    expect(inlines).toEqual([{ text: 'Thôn Trung, xã Cẩm Bình\nhuyện Cẩm Xuyên, tỉnh Hà Tĩnh', bold: false, italic: false }]);
    expect(problems).toEqual([]);
  });

  it('reads a backslash at a line’s end as the line break it escapes (Pandoc’s hard line break)', () => {
    expect(parseInline('dòng một\\\ndòng hai', figures).inlines).toEqual([{ text: 'dòng một\ndòng hai', bold: false, italic: false }]);
  });

  it('warns on <br>, <u>…</u> and __…__ at their offsets, and prints them as written', () => {
    const source = 'Một<br>hai <u>gạch</u> và __đậm__, so_lieu \\_\\_x\\_\\_ <x>';
    const { inlines, problems } = parseInline(source, figures);
    expect(inlines.map((r) => ('text' in r ? r.text : '')).join('')).toBe('Một<br>hai <u>gạch</u> và __đậm__, so_lieu __x__ <x>');
    expect(problems.map((p) => [p.ruleId, p.severity, p.offset])).toEqual([
      ['unknown-markup', 'warning', source.indexOf('<br>')],
      ['unknown-markup', 'warning', source.indexOf('<u>')],
      ['unknown-markup', 'warning', source.indexOf('__đậm')],
    ]);
  });
});

const ADDRESS = '  - |\n    Địa chỉ: Thôn Trung, xã Cẩm Bình\n    Điện thoại: 0239 3861 234\n';
const MARKUP = '  - "Lưu ý<br>gửi trước ngày 15 <u>hằng tháng</u>."\n';

describe('a document with a | block and foreign markup', () => {
  let root: string;
  let validateErr: string;
  beforeAll(async () => {
    root = await validTree({ [PERIOD]: PERIOD_DOCUMENT.replace('ket_thuc:\n', `ket_thuc:\n${ADDRESS}${MARKUP}`) });
    validateErr = (await runCli(['validate', PERIOD], { cwd: root })).stderr;
    const rendered = await runCli(['render', PERIOD, '--format', 'docx,html,pdf', '--out', 'out'], { cwd: root });
    expect(rendered.code, rendered.stderr).toBe(0);
  }, 180_000);

  it('validate warns with the rule, file:line:column and the fix', async () => {
    const text = await readFile(path.join(root, PERIOD), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('<br>')) + 1;
    const lineText = text.split('\n')[line - 1]!;
    expect(validateErr.split('\n')).toEqual(
      expect.arrayContaining([
        `${PERIOD}:${line}:${lineText.indexOf('<br>') + 1}  cảnh báo  Thẻ <br> không phải định dạng của baocao và sẽ in nguyên chữ: muốn xuống dòng trong một đoạn, viết đoạn đó bằng khối "|" (mỗi dòng của khối là một dòng trong văn bản).  [unknown-markup]`,
        `${PERIOD}:${line}:${lineText.indexOf('<u>') + 1}  cảnh báo  Thẻ <u> không phải định dạng của baocao và sẽ in nguyên chữ: văn bản hành chính không gạch chân (Nghị định 30): dùng **đậm** hoặc *nghiêng*.  [unknown-markup]`,
      ]),
    );
  });

  it('DOCX: a <w:br/> between the lines, none after the last', async () => {
    const xml = openDocx(await readFile(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.docx'))).part('word/document.xml');
    expect(xml).toContain('Địa chỉ: Thôn Trung, xã Cẩm Bình</w:t><w:br/><w:t xml:space="preserve">Điện thoại: 0239 3861 234</w:t></w:r></w:p>');
    expect(xml).toContain('Lưu ý&lt;br&gt;gửi trước ngày 15 &lt;u&gt;hằng tháng&lt;/u&gt;.');
  });

  it('HTML: a <br> between the lines', async () => {
    const html = await readFile(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.html'), 'utf8');
    expect(html).toContain('Địa chỉ: Thôn Trung, xã Cẩm Bình<br>Điện thoại: 0239 3861 234</span>');
    expect(html).toContain('Lưu ý&lt;br&gt;gửi trước ngày 15 &lt;u&gt;hằng tháng&lt;/u&gt;.');
  });

  it('PDF: the two lines are two lines of text', async () => {
    const lines = (await pdfText(path.join(root, 'out/tinh-mau/phuong-mau/2024-q3.pdf'))).split('\n').map((l) => l.trim());
    const first = lines.indexOf('Địa chỉ: Thôn Trung, xã Cẩm Bình');
    expect(first, lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(lines[first + 1]).toBe('Điện thoại: 0239 3861 234');
  });
});
