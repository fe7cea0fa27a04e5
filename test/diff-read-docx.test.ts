/**
 * Reading any Word file whole (issue 22): text boxes (DrawingML with its VML fallback, read once),
 * a run holding both a drawing and text, field results, hyperlinks, content controls, tracked
 * changes as accepted; the decree's own sample against what LibreOffice reads; a one-word edit
 * re-saved by LibreOffice is one change; a DOCTYPE anywhere and a part too deep are refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../src/diff/read/read-docx.js';
import { paraText, printedText } from '../src/diff/comparable-document.js';
import { runCli } from './helpers/cli.js';
import { libreOfficeJobs } from './helpers/libreoffice-macro.js';

const DECREE_SAMPLE = '/work/shared/reference/nd30-2020/phu-luc-III-mau-van-ban.docx';
const dir = mkdtempSync(path.join(os.tmpdir(), 'baocao-read-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const NS = `${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`;

function docx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${NS}><w:body>${body}</w:body></w:document>`);
  for (const [name, text] of Object.entries(extra)) zip.file(name, text);
  return zip.generate({ type: 'uint8array' });
}

const texts = (bytes: Uint8Array) => readDocx(bytes, 'x.docx').document.paragraphs.map((p) => paraText(p));
const p = (inner: string) => `<w:p>${inner}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;

const textBox = (text: string) =>
  `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>${p(r(text))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
  `<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${p(r(text))}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent><w:t>Neo</w:t></w:r>`;

describe('a foreign Word file read whole', () => {
  it('a text box is read once (DrawingML, not again from its VML fallback), and the text of the run holding it is kept', () => {
    expect(texts(docx(p(`${r('Trước ')}${textBox('Trong hộp')}`)))).toEqual(['Trước Neo', 'Trong hộp']);
  });

  it('a field by its result, never its instruction; hyperlinks, content controls and smart tags by their runs', () => {
    const field = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "dd/MM/yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('16/9/2024')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const body =
      p(`${r('Ngày ')}${field}`) +
      p(`<w:hyperlink w:anchor="x">${r('liên kết')}</w:hyperlink>`) +
      `<w:sdt><w:sdtPr><w:alias w:val="Tiêu đề"/></w:sdtPr><w:sdtContent>${p(`<w:fldSimple w:instr="PAGE">${r('3')}</w:fldSimple>`)}</w:sdtContent></w:sdt>` +
      p(`<w:sdt><w:sdtPr/><w:sdtContent>${r('trong điều khiển')}</w:sdtContent></w:sdt>`);
    expect(texts(docx(body))).toEqual(['Ngày 16/9/2024', 'liên kết', '3', 'trong điều khiển']);
  });

  it('tracked changes as accepted (deleted text, moved-from text and a deleted row left out), with a notice', () => {
    const row = (text: string, deleted = false) => `<w:tr>${deleted ? '<w:trPr><w:del w:id="9" w:author="a"/></w:trPr>' : ''}<w:tc>${p(r(text))}</w:tc></w:tr>`;
    const body =
      p(`${r('Giữ ')}<w:del w:id="1" w:author="a"><w:r><w:delText>bỏ </w:delText></w:r></w:del><w:ins w:id="2" w:author="a">${r('thêm')}</w:ins>`) +
      p(`<w:moveFrom w:id="3" w:author="a">${r('cũ')}</w:moveFrom>${r('mới')}`) +
      `<w:tbl>${row('dòng còn')}${row('dòng xóa', true)}</w:tbl>`;
    const read = readDocx(docx(body), 'x.docx');
    expect(read.document.paragraphs.map((x) => paraText(x))).toEqual(['Giữ thêm', 'mới', 'dòng còn']);
    expect(read.document.notices.join(' ')).toMatch(/track changes/);
  });

  it('a DOCTYPE in any part is refused as corrupt-document (exit 2), and so is a part nested deeper than Word writes', async () => {
    const withDtd = path.join(dir, 'dtd.docx');
    writeFileSync(withDtd, docx(p(r('a')), { 'customXml/item1.xml': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>' }));
    const good = path.join(dir, 'good.docx');
    writeFileSync(good, docx(p(r('a'))));
    const dtd = await runCli(['diff', good, withDtd]);
    expect(dtd.code).toBe(2);
    expect(dtd.stderr).toMatch(/DOCTYPE[\s\S]*corrupt-document/);

    const deep = path.join(dir, 'deep.docx');
    const nest = (n: number): string => (n === 0 ? p(r('lõi')) : `<w:tbl><w:tr><w:tc>${nest(n - 1)}</w:tc></w:tr></w:tbl>`);
    writeFileSync(deep, docx(nest(200)));
    const tooDeep = await runCli(['text', deep]);
    expect(tooDeep.code).toBe(2);
    expect(tooDeep.stderr).toMatch(/input-too-large/);
  });

  it("Word's automatic numbering is read as the label Word shows: levels, formats, start values, restarts, overrides, a style's list, legal numbering", () => {
    const lvl = (ilvl: number, format: string, text: string, start = 1, extra = '') =>
      `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
    const numbering =
      `<?xml version="1.0"?><w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'decimal', '%2.')}${lvl(2, 'lowerLetter', '%3)')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1.', 4)}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
      `<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
      // a level redefined by the list; a list of a numbering style (its abstract only links to the style); legal numbering
      `<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">${lvl(0, 'lowerLetter', '%1)', 3)}</w:lvlOverride></w:num>` +
      `<w:abstractNum w:abstractNumId="5"><w:styleLink w:val="DanhSach"/>${lvl(0, 'upperLetter', 'Phần %1.')}${lvl(1, 'lowerRoman', '%1.%2.', 1, '<w:isLgl/>')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="6"><w:numStyleLink w:val="DanhSach"/></w:abstractNum>` +
      `<w:num w:numId="5"><w:abstractNumId w:val="6"/></w:num>` +
      `</w:numbering>`;
    const styles = `<?xml version="1.0"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Mục"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="Mục con"/><w:basedOn w:val="Muc"/></w:style></w:styles>`;
    const numbered = (numId: number, ilvl: number, text: string) => p(`<w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${r(text)}`);
    const styled = (style: string, text: string) => p(`<w:pPr><w:pStyle w:val="${style}"/></w:pPr>${r(text)}`);
    const body = [
      styled('Muc', 'KẾT QUẢ'),
      numbered(1, 1, 'Cải cách thể chế'),
      numbered(1, 2, 'Rà soát'),
      numbered(1, 2, 'Kiểm tra'),
      numbered(1, 1, 'Cải cách thủ tục'),
      numbered(1, 2, 'Một cửa'),
      styled('Muc2', 'PHƯƠNG HƯỚNG'),
      p(r('Không đánh số')),
      numbered(2, 0, 'bắt đầu từ 4'),
      numbered(2, 0, 'tiếp'),
      numbered(3, 0, 'danh sách mới'),
      `<w:tbl><w:tr><w:tc>${numbered(3, 0, '')}</w:tc><w:tc>${p(r('ô'))}</w:tc></w:tr></w:tbl>`,
      numbered(4, 0, 'từ c'),
      numbered(5, 0, 'theo kiểu danh sách'),
      numbered(5, 1, 'số pháp lý'),
      p(`<w:pPr><w:pStyle w:val="Muc"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>${r('bỏ số')}`),
    ].join('');
    const read = readDocx(docx(body, { 'word/numbering.xml': numbering, 'word/styles.xml': styles }), 'x.docx').document.paragraphs;
    expect(read.map((x) => printedText(x))).toEqual([
      'I. KẾT QUẢ',
      '1. Cải cách thể chế',
      'a) Rà soát',
      'b) Kiểm tra',
      '2. Cải cách thủ tục',
      'a) Một cửa',
      'II. PHƯƠNG HƯỚNG',
      'Không đánh số',
      '4. bắt đầu từ 4',
      '5. tiếp',
      '1. danh sách mới',
      '2. ',
      'ô',
      'c) từ c',
      'Phần A. theo kiểu danh sách',
      '1.1. số pháp lý',
      'bỏ số',
    ]);
  });

  it('an item inserted in a numbered list is one added paragraph: the items after it are renumbered by Word, not changed', async () => {
    const numbering = `<?xml version="1.0"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const item = (text: string) => p(`<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${r(text)}`);
    const before = path.join(dir, 'list-old.docx');
    const after = path.join(dir, 'list-new.docx');
    writeFileSync(before, docx(['Việc thứ nhất', 'Việc thứ hai', 'Việc thứ ba'].map(item).join(''), { 'word/numbering.xml': numbering }));
    writeFileSync(after, docx(['Việc thứ nhất', 'Việc chèn thêm', 'Việc thứ hai', 'Việc thứ ba'].map(item).join(''), { 'word/numbering.xml': numbering }));
    const run = await runCli(['diff', '--json', before, after]);
    expect(run.code, run.stderr).toBe(1);
    const value = JSON.parse(run.stdout) as { changes: { kind: string; text?: string }[]; numbers: unknown[] };
    expect(value.changes).toEqual([expect.objectContaining({ kind: 'paragraph-added', text: 'Việc chèn thêm' })]);
    expect(value.numbers).toEqual([]);
    // baocao text shows the numbers Word draws
    expect((await runCli(['text', after])).stdout).toContain('\n1. Việc thứ nhất\n2. Việc chèn thêm\n3. Việc thứ hai\n4. Việc thứ ba\n');
  });

  it('headers and footers holding text are read in reading order, with a notice; page numbers and a part a later section inherits are not', async () => {
    const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const part = (root: 'hdr' | 'ftr', inner: string) => `<?xml version="1.0"?><w:${root} ${W}>${inner}</w:${root}>`;
    const pageField = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const refs = (...list: [string, string, string][]) => list.map(([kind, type, id]) => `<w:${kind}Reference w:type="${type}" r:id="${id}"/>`).join('');
    const files = (body: string) => ({
      'word/_rels/document.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="h1" Type="header" Target="header1.xml"/><Relationship Id="h2" Type="header" Target="header2.xml"/><Relationship Id="h3" Type="header" Target="/word/header3.xml"/><Relationship Id="f1" Type="footer" Target="footer1.xml"/></Relationships>`,
      'word/header1.xml': part('hdr', p(r('DỰ THẢO')) + p(pageField)),
      'word/header2.xml': part('hdr', p(`${r('- ')}${pageField}${r(' -')}`)),
      'word/header3.xml': part('hdr', p(r('PHỤ LỤC'))),
      'word/footer1.xml': part('ftr', p(`${r('Trang ')}${pageField}${r('/12')}`) + p(r('Lưu hành nội bộ'))),
      'word/document.xml': `<?xml version="1.0"?><w:document ${NS} ${R}><w:body>${body}</w:body></w:document>`,
    });
    const body = (word: string) =>
      p(r(`Đoạn ${word}`)) +
      p(`<w:pPr><w:sectPr>${refs(['header', 'default', 'h1'], ['header', 'first', 'h2'], ['footer', 'default', 'f1'])}</w:sectPr></w:pPr>${r('Hết phần một')}`) +
      p(r('Phần hai')) +
      `<w:sectPr>${refs(['header', 'default', 'h3'], ['footer', 'default', 'f1'])}</w:sectPr>`;
    const make = (word: string) => {
      const zip = new PizZip();
      zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
      for (const [name, text] of Object.entries(files(body(word)))) zip.file(name, text);
      return zip.generate({ type: 'uint8array' });
    };
    const read = readDocx(make('một'), 'x.docx').document;
    expect(read.paragraphs.map((x) => paraText(x))).toEqual(['DỰ THẢO', 'Đoạn một', 'Hết phần một', 'Lưu hành nội bộ', 'PHỤ LỤC', 'Phần hai']);
    expect(read.paragraphs.map((x) => x.frame ?? '')).toEqual(['header', '', '', 'footer', 'header', '']);
    expect(read.notices.join(' ')).toMatch(/Đầu trang hoặc chân trang có chữ/);
    // the redline leaves headers and footers as they are and marks the body's change
    const before = path.join(dir, 'frames-old.docx');
    const after = path.join(dir, 'frames-new.docx');
    writeFileSync(before, make('một'));
    writeFileSync(after, make('hai'));
    const redline = path.join(dir, 'frames-redline.docx');
    const run = await runCli(['diff', before, after, '--docx', redline]);
    expect(run.code, run.stderr).toBe(1);
    const xml = new PizZip(readFileSync(redline)).file('word/document.xml')!.asText();
    expect(xml).toMatch(/<w:delText[^>]*>một<\/w:delText>/);
    expect(new PizZip(readFileSync(redline)).file('word/header1.xml')!.asText()).toBe(files('')['word/header1.xml']);
  });

  it('thousands of text boxes are read, each once', () => {
    const body = Array.from({ length: 3000 }, (_, i) => p(textBox(`hộp ${i}`))).join('');
    const read = texts(docx(body));
    expect(read.filter((t) => t.startsWith('hộp '))).toHaveLength(3000);
  });

  it('control characters in a document are shown escaped by baocao text, never sent to the terminal', async () => {
    const file = path.join(dir, 'esc.docx');
    // XML 1.0 forbids C0 controls but allows C1 ones (U+009B is a terminal's CSI) and bidi overrides.
    writeFileSync(file, docx(p(r('đỏ &#x9b;31m và &#x202e;ngược'))));
    const out = await runCli(['text', file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('đỏ \\x9b31m và \\u202engược');
    expect(out.stdout).not.toMatch(/[\u009b\u202e]/);
  });
});

describe("the decree's sample (phụ lục III of Nghị định 30/2020)", () => {
  const words = (text: string) => {
    const counts = new Map<string, number>();
    for (const w of text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    return counts;
  };
  const officeText = path.join(dir, 'phu-luc-III-mau-van-ban.txt');
  const edited = path.join(dir, 'sua.docx');
  const resaved = path.join(dir, 'lo', 'sua.docx');

  // LibreOffice, in one start: the sample as its plain text, and the sample with one word changed saved again as DOCX
  beforeAll(async () => {
    const zip = new PizZip(readFileSync(DECREE_SAMPLE));
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml.split('>Chỉ thị<')).toHaveLength(2);
    zip.file('word/document.xml', xml.replace('>Chỉ thị<', '>Chỉ dẫn<'));
    writeFileSync(edited, zip.generate({ type: 'nodebuffer' }));
    await libreOfficeJobs([
      { file: DECREE_SAMPLE, out: officeText, filter: 'Text' },
      { file: edited, out: resaved, filter: 'MS Word 2007 XML' },
    ]);
  }, 180_000);

  it('loses no word LibreOffice reads as text, the numbers Word draws for its numbered lists included', async () => {
    const office = words(readFileSync(officeText, 'utf8'));
    const ours = await runCli(['text', DECREE_SAMPLE]);
    expect(ours.code).toBe(0);
    const read = words(ours.stdout);
    const missing = [...office].filter(([w, n]) => (read.get(w) ?? 0) < n).map(([w]) => w);
    expect(missing).toEqual([]);
    // The STT column's numbers come from numbering.xml (the cells hold no text): 1. … 29. in reading order.
    expect(ours.stdout).toMatch(/^1\.\nNghị quyết \(cá biệt\)\nNQ\n2\.\nQuyết định \(cá biệt\)/m);
    expect(ours.stdout).toContain('Mẫu văn bản (được ban hành, phê duyệt kèm theo quyết định) đối với văn bản điện tử');
  });

  it('one word changed and re-saved by LibreOffice is reported as exactly that one change', async () => {
    const diff = await runCli(['diff', '--json', DECREE_SAMPLE, resaved]);
    expect(diff.code).toBe(1);
    const changes = (JSON.parse(diff.stdout) as { changes: { kind: string; words: { op: string; text: string }[] }[] }).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]!.words.filter((w) => w.op !== '=')).toEqual([
      { op: '-', text: 'thị' },
      { op: '+', text: 'dẫn' },
    ]);
  });
});
