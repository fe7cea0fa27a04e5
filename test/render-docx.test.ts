/**
 * The Word renderer, checked on the XML parts of its output (as Pandoc's OOXML tests do), and
 * through the real tools a clerk's document meets: LibreOffice (→ PDF → pdftotext) and pandoc.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/core/model.js';
import { DiagnosticError } from '../src/diagnostics/diagnostic.js';
import { buildTemplate } from '../tools/word-templates/build-templates.js';
import { loadDocxTemplates, renderDocx, type DocxTemplates } from '../src/render/docx/render-docx.js';
import { packageFromTemplate } from '../src/render/docx/package.js';
import { sampleModel } from './fixtures/sample-model.js';
import {
  attrNumber,
  countPandocNodes,
  openDocx,
  pandocJson,
  paragraphs,
  pdfPageCount,
  pdfText,
  tables,
  tempDir,
  writeBytes,
  zipEntryDates,
} from './helpers/docx.js';
import { shippedType, shippedTypes } from './helpers/document-types.js';
import { libreOfficeJobs } from './helpers/libreoffice-macro.js';

/** A scratch word/ folder holds only the báo cáo and kế hoạch templates. */
const TWO_TYPES = shippedTypes('bao_cao', 'ke_hoach');

const templatesDir = fileURLToPath(new URL('../templates/word/', import.meta.url));
let templates: DocxTemplates;
const scratch = tempDir('baocao-docx-test-');

beforeAll(async () => {
  templates = await loadDocxTemplates(templatesDir, shippedTypes());
});
afterAll(() => scratch.remove());

function keHoachModel(): ReportModel {
  const m = sampleModel();
  m.type = 'ke_hoach';
  m.header.parentAgency = undefined;
  m.header.numberLine = 'Số: 12/KH-UBND';
  m.title = {
    typeName: 'KẾ HOẠCH',
    summary: 'Cải cách hành chính phường Mẫu năm 2024',
    issuedWith: '(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của Ủy ban nhân dân phường Mẫu)',
  };
  m.addressees = undefined;
  m.recipients = ['- UBND thành phố Hà Tĩnh;', '- Lưu: VT, VP.'];
  m.signature = { authority: [], position: 'CHỦ TỊCH', name: 'Trần Thị Bình' };
  m.documentTitle = 'KẾ HOẠCH Cải cách hành chính phường Mẫu năm 2024';
  return m;
}

const render = (model: ReportModel = sampleModel()) => openDocx(renderDocx(model, templates));

describe('page setup and styles (the template owns the look)', () => {
  const doc = () => render().part('word/document.xml');

  it('is A4 portrait with margins inside the decree ranges', () => {
    const xml = doc();
    expect(attrNumber(xml, 'w:pgSz', 'w:w')).toBe(11906);
    expect(attrNumber(xml, 'w:pgSz', 'w:h')).toBe(16838);
    const mm = (twips: number) => (twips / 1440) * 25.4;
    const top = mm(attrNumber(xml, 'w:pgMar', 'w:top'));
    const bottom = mm(attrNumber(xml, 'w:pgMar', 'w:bottom'));
    const left = mm(attrNumber(xml, 'w:pgMar', 'w:left'));
    const right = mm(attrNumber(xml, 'w:pgMar', 'w:right'));
    expect(top).toBeGreaterThanOrEqual(19.99);
    expect(top).toBeLessThanOrEqual(25.01);
    expect(bottom).toBeGreaterThanOrEqual(19.99);
    expect(bottom).toBeLessThanOrEqual(25.01);
    expect(left).toBeGreaterThanOrEqual(29.99);
    expect(left).toBeLessThanOrEqual(35.01);
    expect(right).toBeGreaterThanOrEqual(14.99);
    expect(right).toBeLessThanOrEqual(20.01);
  });

  it('uses Times New Roman everywhere, body 14 pt justified, indent 1.27 cm, 6 pt before, line in range', () => {
    const styles = render().part('word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    for (const attr of ['w:ascii', 'w:hAnsi', 'w:cs', 'w:eastAsia']) {
      expect(defaults).toContain(`${attr}="Times New Roman"`);
    }
    const fonts = [...styles.matchAll(/<w:rFonts [^>]*>/g)].flatMap((m) =>
      [...m[0].matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((a) => a[1]),
    );
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(fonts)).toEqual(new Set(['Times New Roman']));
    expect(defaults).toContain('<w:sz w:val="28"/>');

    const body = /<w:style [^>]*w:styleId="BodyText">[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(attrNumber(body, 'w:ind', 'w:firstLine')).toBe(720);
    expect(attrNumber(body, 'w:spacing', 'w:before')).toBeGreaterThanOrEqual(120);
    const line = attrNumber(body, 'w:spacing', 'w:line');
    expect(line).toBeGreaterThanOrEqual(240);
    expect(line).toBeLessThanOrEqual(360);
  });

  it('defines a style for every block style and the frame, with the decree sizes', () => {
    const styles = render().part('word/styles.xml');
    const style = (id: string) => {
      const s = new RegExp(`<w:style [^>]*w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles)?.[0];
      if (!s) throw new Error(`no style ${id}`);
      return s;
    };
    for (const id of ['Heading1', 'Heading2']) expect(style(id)).toContain('<w:b/>');
    expect(style('Heading3')).toMatch(/<w:b\/>[\s\S]*<w:i\/>/);
    expect(style('GachDauDong')).toContain('<w:basedOn w:val="BodyText"/>');
    expect(style('CoQuanChuQuan')).toContain('<w:b w:val="0"/>');
    expect(style('CoQuanBanHanh')).toContain('<w:b/>');
    expect(style('QuocHieu')).toMatch(/<w:b\/>[\s\S]*<w:sz w:val="26"\/>/);
    expect(style('TieuNgu')).toMatch(/<w:b\/>[\s\S]*<w:sz w:val="28"\/>/);
    expect(style('DiaDanhNgay')).toContain('<w:i/>');
    expect(style('NoiNhan')).toMatch(/<w:b\/>[\s\S]*<w:i\/>[\s\S]*<w:sz w:val="24"\/>/);
    expect(style('NoiNhanDong')).toContain('<w:sz w:val="22"/>');
    expect(style('QuyenHanChucVu')).toMatch(/<w:b\/>[\s\S]*<w:sz w:val="28"\/>/);
    expect(style('FootnoteText')).toContain('<w:sz w:val="24"/>');
    expect(style('FootnoteReference')).toContain('<w:vertAlign w:val="superscript"/>');
    // rule lines: a bottom border narrowed by equal indents
    for (const id of ['KeDuoiCoQuan', 'KeDuoiTieuNgu', 'KeDuoiTrichYeu']) {
      const s = style(id);
      expect(s).toContain('<w:bottom w:val="single"');
      expect(attrNumber(s, 'w:ind', 'w:left')).toBe(attrNumber(s, 'w:ind', 'w:right'));
      expect(attrNumber(s, 'w:ind', 'w:left')).toBeGreaterThan(0);
    }
  });

  it('gives body paragraphs no direct formatting beyond bold and italic runs', () => {
    const xml = doc();
    const body = paragraphs(xml).filter((p) => ['Heading1', 'Heading2', 'Heading3', 'BodyText', 'GachDauDong'].includes(p.style ?? ''));
    expect(body.length).toBe(sampleModel().body.length);
    for (const p of body) {
      expect(p.xml).not.toMatch(/<w:(?:sz|rFonts|jc|ind|spacing)\b/);
    }
  });

  it('numbers pages from page 2 only: titlePg, an empty first header, PAGE in the default header', () => {
    const d = render();
    const xml = d.part('word/document.xml');
    expect(xml).toContain('<w:titlePg/>');
    const rels = d.part('word/_rels/document.xml.rels');
    const target = (type: 'default' | 'first') => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(xml)?.[1];
      const file = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      if (!file) throw new Error(`no ${type} header`);
      return d.part(`word/${file}`);
    };
    expect(target('default')).toMatch(/<w:instrText[^>]*> PAGE <\/w:instrText>/);
    expect(target('first')).not.toContain('PAGE');
    expect(paragraphs(target('first')).map((p) => p.text).join('')).toBe('');
  });
});

describe('header, title and closing', () => {
  it('lays out the header table: agency lines, Số line | Quốc hiệu, Tiêu ngữ, date line', () => {
    const xml = render().part('word/document.xml');
    const header = tables(xml)[0] ?? '';
    expect(header).toContain('<w:gridCol w:w="3829"/><w:gridCol w:w="5670"/>');
    expect(header).toContain('<w:top w:val="nil"/>');
    const lines = paragraphs(header).map((p) => [p.style, p.text]);
    expect(lines).toEqual([
      ['CoQuanChuQuan', 'UBND THÀNH PHỐ HÀ TĨNH'],
      ['CoQuanBanHanh', 'ỦY BAN NHÂN DÂN'],
      ['CoQuanBanHanh', 'PHƯỜNG MẪU'],
      ['KeDuoiCoQuan', ''],
      ['QuocHieu', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['TieuNgu', 'Độc lập - Tự do - Hạnh phúc'],
      ['KeDuoiTieuNgu', ''],
      ['SoKyHieu', 'Số: 07/BC-UBND'],
      ['DiaDanhNgay', 'Mẫu, ngày 05 tháng 9 năm 2024'],
    ]);
    expect(xml).not.toMatch(/\{[#/@]?[a-z_]+\}/); // no tag left behind
  });

  it('drops the parent agency line when there is none, and keeps a draft number’s spaces', () => {
    const m = sampleModel();
    m.header.parentAgency = undefined;
    m.header.numberLine = 'Số:      /BC-UBND';
    const header = tables(render(m).part('word/document.xml'))[0] ?? '';
    const texts = paragraphs(header).map((p) => p.text);
    expect(texts.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG MẪU']);
    expect(header).not.toContain('CoQuanChuQuan');
    expect(texts).toContain('Số:      /BC-UBND');
    expect(header).toContain('<w:t xml:space="preserve">Số:      /BC-UBND</w:t>');
  });

  it('writes the title block and several addressees one per line under "Kính gửi:"', () => {
    const ps = paragraphs(render().part('word/document.xml'));
    const from = ps.findIndex((p) => p.style === 'TenLoai');
    expect(ps.slice(from, from + 6).map((p) => [p.style, p.text])).toEqual([
      ['TenLoai', 'BÁO CÁO'],
      ['TrichYeu', 'Kết quả thực hiện công tác cải cách hành chính quý III năm 2024'],
      ['KeDuoiTrichYeu', ''],
      ['KinhGuiNhan', 'Kính gửi:'],
      ['KinhGuiDong', '- UBND thành phố Hà Tĩnh;'],
      ['KinhGuiDong', '- Phòng Nội vụ thành phố.'],
    ]);
  });

  it('puts a single addressee on the "Kính gửi:" line', () => {
    const m = sampleModel();
    m.addressees = { sameLine: true, lines: ['Ủy ban nhân dân thành phố Hà Tĩnh.'] };
    const ps = paragraphs(render(m).part('word/document.xml'));
    expect(ps.filter((p) => p.style?.startsWith('KinhGui')).map((p) => p.text)).toEqual([
      'Kính gửi: Ủy ban nhân dân thành phố Hà Tĩnh.',
    ]);
  });

  it('kế hoạch: no Kính gửi, the issued-with line before the rule, no authority line', () => {
    const d = render(keHoachModel());
    const ps = paragraphs(d.part('word/document.xml'));
    expect(ps.some((p) => p.style?.startsWith('KinhGui') || p.text.startsWith('Kính gửi'))).toBe(false);
    const from = ps.findIndex((p) => p.style === 'TenLoai');
    expect(ps.slice(from, from + 4).map((p) => p.text)).toEqual([
      'KẾ HOẠCH',
      'Cải cách hành chính phường Mẫu năm 2024',
      '(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của Ủy ban nhân dân phường Mẫu)',
      '',
    ]);
    expect(ps[from + 2]?.style).toBe('BanHanhKemTheo');
    expect(ps[from + 3]?.style).toBe('KeDuoiTrichYeu');
    const closing = tables(d.part('word/document.xml')).at(-1) ?? '';
    expect(paragraphs(closing).filter((p) => p.style === 'QuyenHanChucVu').map((p) => p.text)).toEqual(['CHỦ TỊCH']);
  });

  it('ends with the Nơi nhận lines and the signature in a borderless two-column table', () => {
    const xml = render().part('word/document.xml');
    const closing = tables(xml).at(-1) ?? '';
    expect(closing).toContain('<w:insideV w:val="nil"/>');
    expect(closing).toContain('<w:cantSplit/>');
    const cells = [...closing.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => paragraphs(m[0]).map((p) => [p.style, p.text]));
    expect(cells).toEqual([
      [
        ['NoiNhan', 'Nơi nhận:'],
        ['NoiNhanDong', '- Như trên;'],
        ['NoiNhanDong', '- Chủ tịch, các PCT UBND phường;'],
        ['NoiNhanDong', '- Lưu: VT, VP.'],
      ],
      [
        ['QuyenHanChucVu', 'TM. ỦY BAN NHÂN DÂN'],
        ['QuyenHanChucVu', 'CHỦ TỊCH'],
        ['HoTenNguoiKy', 'Nguyễn Văn An'],
      ],
    ]);
    // the body (ending with ./.) comes right before the closing table
    const before = xml.slice(0, xml.lastIndexOf('<w:tbl>'));
    expect(paragraphs(before).at(-1)?.text).toMatch(/\.\/\.$/);
  });
});

describe('body and footnotes', () => {
  it('writes each block with its style, label, a space and the runs, in order', () => {
    const model = sampleModel();
    const ps = paragraphs(render(model).part('word/document.xml')).filter((p) =>
      ['Heading1', 'Heading2', 'Heading3', 'BodyText', 'GachDauDong'].includes(p.style ?? ''),
    );
    const styleOf = { heading1: 'Heading1', heading2: 'Heading2', heading3: 'Heading3', body: 'BodyText', bullet: 'GachDauDong' };
    expect(ps.map((p) => p.style)).toEqual(model.body.map((b) => styleOf[b.style]));
    const labels = ps.map((p) => /^([IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+]) /.exec(p.text)?.[1] ?? '');
    expect(labels).toEqual(model.body.map((b) => b.label));
    expect(labels.slice(0, 8)).toEqual(['I.', '1.', '', '1.1.', 'a)', 'đ)', '-', '+']);
    expect(labels.filter((l) => /^[IVX]+\.$/.test(l))).toEqual(['I.', 'II.', 'III.']);
    expect(ps[0]?.text).toBe('I. MỤC SỐ 1: CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH');
    expect(ps[4]?.text).toMatch(/^a\) Ủy ban nhân dân phường/);
    expect(ps.at(-1)?.text).toBe('Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2024./.');
    // bold and italic runs
    expect(ps[2]?.xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">1.067</w:t></w:r>');
    expect(ps[2]?.xml).toContain('<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">96,67%</w:t></w:r>');
  });

  it('escapes XML in every text and keeps the package well formed', () => {
    const m = sampleModel();
    m.header.agencyLines = ['PHÒNG TÀI CHÍNH & KẾ HOẠCH'];
    m.body[2]!.inlines.push({ text: ' <b>"a" & \'b\'</b>', bold: false, italic: false });
    m.footnotes[0]!.inlines.push({ text: ' 5 < 6 & 7 > 3', bold: false, italic: false });
    m.signature.name = 'Nguyễn <Văn> An';
    const d = render(m);
    const xml = d.part('word/document.xml');
    expect(xml).toContain('PHÒNG TÀI CHÍNH &amp; KẾ HOẠCH');
    expect(xml).toContain(' &lt;b&gt;&quot;a&quot; &amp; \'b\'&lt;/b&gt;');
    expect(xml).toContain('Nguyễn &lt;Văn&gt; An');
    expect(d.part('word/footnotes.xml')).toContain(' 5 &lt; 6 &amp; 7 &gt; 3');
    const pdfDir = join(scratch.dir, 'escape');
    mkdirSync(pdfDir, { recursive: true });
    // pandoc parses every part strictly: it fails on malformed XML
    const ast = pandocJson(writeBytes(join(pdfDir, 'escape.docx'), renderDocx(m, templates)));
    expect(JSON.stringify(ast)).toContain('<Văn>');
  });

  it('writes real footnotes: ids unique from 2, matched 1:1 with the references, texts in order', () => {
    const model = sampleModel();
    const d = render(model);
    const refs = [...d.part('word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const notesXml = d.part('word/footnotes.xml');
    const notes = [...notesXml.matchAll(/<w:footnote( w:type="[^"]+")? w:id="(-?\d+)">([\s\S]*?)<\/w:footnote>/g)];
    const real = notes.filter((n) => n[1] === undefined);
    const ids = real.map((n) => Number(n[2]));

    expect(model.footnotes.length).toBe(9);
    expect(ids).toEqual(model.footnotes.map((_, i) => i + 2));
    expect(new Set(ids).size).toBe(ids.length);
    expect(refs).toEqual(ids); // each reference once, in order
    // the separators come from the template
    expect(notes.filter((n) => n[1] !== undefined).map((n) => [n[1]?.trim(), n[2]])).toEqual([
      ['w:type="separator"', '0'],
      ['w:type="continuationSeparator"', '1'],
    ]);
    real.forEach((n, i) => {
      const [p] = paragraphs(n[3] ?? '');
      expect(p?.style).toBe('FootnoteText');
      expect(p?.xml).toMatch(/^<w:p><w:pPr><w:pStyle w:val="FootnoteText"\/><\/w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/);
      expect(p?.text).toBe(' ' + model.footnotes[i]!.inlines.map((r) => r.text).join(''));
    });
    expect(real[0]?.[3]).toContain('<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">Tự kiểm tra CCHC năm 2024</w:t>');
    // the package declares the part
    expect(d.part('[Content_Types].xml')).toContain('PartName="/word/footnotes.xml"');
    expect(d.part('word/_rels/document.xml.rels')).toContain('Target="footnotes.xml"');
    expect(d.part('word/settings.xml')).toMatch(/<w:footnotePr><w:footnote w:id="0"\/><w:footnote w:id="1"\/><\/w:footnotePr>/);
  });

  it('handles any number of footnotes, none included', () => {
    const m = sampleModel();
    for (const b of m.body) b.inlines = b.inlines.filter((i) => !('footnote' in i));
    m.footnotes = [];
    const d = render(m);
    expect(d.part('word/document.xml')).not.toContain('w:footnoteReference');
    expect(d.part('word/footnotes.xml')).not.toMatch(/<w:footnote w:id=/);

    const many = sampleModel();
    const extra = 150;
    for (let i = 1; i <= extra; i++) {
      const n = many.footnotes.length + 1;
      many.body.push({ style: 'body', depth: 0, label: '', inlines: [{ text: `Đoạn ${i}`, bold: false, italic: false }, { footnote: n }] });
      many.footnotes.push({ number: n, inlines: [{ text: `Ghi chú ${n}`, bold: false, italic: false }] });
    }
    const notes = render(many).part('word/footnotes.xml');
    expect([...notes.matchAll(/<w:footnote w:id="(\d+)">/g)].length).toBe(9 + extra);
    expect(notes).toContain(`<w:footnote w:id="${9 + extra + 1}">`);
  });

  it('refuses a model whose references and footnotes do not match', () => {
    const m = sampleModel();
    m.footnotes.pop();
    expect(() => renderDocx(m, templates)).toThrow(DiagnosticError);
    try {
      renderDocx(m, templates);
    } catch (e) {
      expect((e as DiagnosticError).diagnostics[0]?.ruleId).toBe('internal-error');
      expect((e as DiagnosticError).diagnostics[0]?.message).toContain('số 9');
    }
  });
});

describe('reproducible output', () => {
  it('reads every part of every shipped template as unzip does (the parts are inflated by Node’s zlib, not PizZip’s pako)', () => {
    for (const name of readdirSync(templatesDir).filter((n) => n.endsWith('.docx'))) {
      const file = join(templatesDir, name);
      const unzipped = join(scratch.dir, `unzip-${name}`);
      execFileSync('unzip', ['-q', '-o', file, '-d', unzipped]);
      const zip = packageFromTemplate(readFileSync(file));
      const parts = Object.values(zip.files).filter((entry) => !entry.dir);
      expect(parts.length, name).toBeGreaterThan(5);
      for (const entry of parts) {
        expect(Buffer.from(entry.asUint8Array()).equals(readFileSync(join(unzipped, entry.name))), `${name} ${entry.name}`).toBe(true);
      }
    }
  });

  it('gives the same bytes for the same model, in any time zone', () => {
    const saved = process.env['TZ'];
    try {
      const offsets = new Set<number>();
      const outputs = ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((tz) => {
        process.env['TZ'] = tz;
        offsets.add(new Date(2024, 8, 5).getTimezoneOffset());
        return Buffer.from(renderDocx(sampleModel(), templates));
      });
      expect(offsets.size).toBe(4); // the zones really changed
      for (const o of outputs) expect(o.equals(outputs[0]!)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
    // a different model gives different bytes
    const other = sampleModel();
    other.signature.name = 'Lê Văn Cường';
    expect(Buffer.from(renderDocx(other, templates)).equals(Buffer.from(renderDocx(sampleModel(), templates)))).toBe(false);
  });

  it('renders each report as a fresh template would, after other reports and after a failed one', async () => {
    // The compiled frame is kept per template (frame-renderer.ts): nothing of one report may leak into the next.
    const first = sampleModel();
    const second = sampleModel();
    second.header.numberLine = 'Số: 99/BC-UBND';
    second.header.agencyLines = ['ỦY BAN NHÂN DÂN', 'PHƯỜNG KHÁC'];
    second.addressees = { sameLine: false, lines: ['- Phòng Một;', '- Phòng Hai;', '- Phòng Ba.'] };
    second.recipients = ['- Như trên;', '- Lưu: VT.'];
    second.signature = { ...second.signature, authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], name: 'Lê Văn Cường' };
    const alone = async (model: ReportModel) => Buffer.from(renderDocx(model, await loadDocxTemplates(templatesDir, shippedTypes())));
    const shared = await loadDocxTemplates(templatesDir, shippedTypes());
    renderDocx(first, shared);
    renderDocx(keHoachModel(), shared);
    const afterOthers = Buffer.from(renderDocx(second, shared));
    expect(afterOthers.equals(await alone(second))).toBe(true);
    expect(openDocx(afterOthers).part('word/document.xml')).toContain('Số: 99/BC-UBND');
    // a report the frame cannot render (a tag without a value) leaves the next one whole
    const broken = sampleModel();
    // (the place/date line may be absent since issue 19: the speaker's title may not)
    (broken.signature as { position?: string }).position = undefined;
    expect(() => renderDocx(broken, shared)).toThrow(DiagnosticError);
    expect(Buffer.from(renderDocx(first, shared)).equals(await alone(first))).toBe(true);
  });

  it('starts each package from the template as parsed once, leaving nothing of one report in the next', async () => {
    // The template's parsed entries are shared by every report of a thread (package.ts): dates and parts set for one must not stay.
    const other = sampleModel();
    other.issueDate = '2025-01-02';
    other.documentTitle = 'BÁO CÁO khác';
    other.footnotes = [];
    other.body = other.body.map((block) => ({ ...block, inlines: block.inlines.filter((inline) => !('footnote' in inline)) }));
    const shared = await loadDocxTemplates(templatesDir, shippedTypes());
    const otherBytes = renderDocx(other, shared);
    expect(new Set(zipEntryDates(otherBytes))).toEqual(new Set(['2025-01-02 00:00:00']));
    const after = Buffer.from(renderDocx(sampleModel(), shared));
    const alone = Buffer.from(renderDocx(sampleModel(), await loadDocxTemplates(templatesDir, shippedTypes())));
    expect(after.equals(alone)).toBe(true);
    expect(new Set(zipEntryDates(after))).toEqual(new Set(['2024-09-05 00:00:00']));
    expect(openDocx(after).part('docProps/core.xml')).not.toContain('BÁO CÁO khác');
  });

  it('stamps entries and properties with the issue date, or SOURCE_DATE_EPOCH', () => {
    const bytes = renderDocx(sampleModel(), templates);
    const dates = zipEntryDates(bytes);
    expect(dates.length).toBe(Object.keys(new PizZip(bytes).files).length);
    expect(new Set(dates)).toEqual(new Set(['2024-09-05 00:00:00']));
    const core = openDocx(bytes).part('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-09-05T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-09-05T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:title>BÁO CÁO Kết quả thực hiện công tác cải cách hành chính quý III năm 2024</dc:title>');

    const epoch = renderDocx(sampleModel(), templates, { sourceDateEpoch: 1_700_000_000 }); // 2023-11-14T22:13:20Z
    expect(new Set(zipEntryDates(epoch))).toEqual(new Set(['2023-11-14 22:13:20']));
    expect(openDocx(epoch).part('docProps/core.xml')).toContain('2023-11-14T22:13:20Z</dcterms:created>');
  });

  it('keeps [Content_Types].xml first and a stable entry order', () => {
    const names = render().names;
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names[1]).toBe('_rels/.rels');
    expect(render().names).toEqual(names);
    expect(render(keHoachModel()).names).toEqual(names);
  });

  it('builds the templates deterministically', () => {
    expect(Buffer.from(buildTemplate(shippedType('bao_cao'))).equals(Buffer.from(buildTemplate(shippedType('bao_cao'))))).toBe(true);
    expect(Buffer.from(buildTemplate(shippedType('ke_hoach'))).equals(Buffer.from(buildTemplate(shippedType('bao_cao'))))).toBe(false);
  });
});

/** The DiagnosticError a render throws, or undefined. */
function renderError(model: ReportModel, templates: DocxTemplates): DiagnosticError | undefined {
  try {
    renderDocx(model, templates);
  } catch (error) {
    if (error instanceof DiagnosticError) return error;
    throw error;
  }
  return undefined;
}

describe('templates and their errors', () => {
  /** A copy of the shipped templates with one part of bao-cao.docx edited. */
  function editedTemplates(name: string, part: string, edit: (xml: string) => string): string {
    const dir = join(scratch.dir, name);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(templatesDir, 'ke-hoach.docx'), join(dir, 'ke-hoach.docx'));
    const zip = new PizZip(readFileSync(join(templatesDir, 'bao-cao.docx')));
    const original = zip.file(part)?.asText();
    if (original === undefined) throw new Error(`no ${part}`);
    const changed = edit(original);
    expect(changed).not.toBe(original);
    zip.file(part, changed);
    writeFileSync(join(dir, 'bao-cao.docx'), zip.generate({ type: 'uint8array', compression: 'DEFLATE' }));
    return dir;
  }

  it('reports an unknown tag as a template-error naming the tag and the template file', async () => {
    const dir = editedTemplates('unknown-tag', 'word/document.xml', (xml) =>
      xml.replace('{ho_ten}', '{ho_ten}</w:t></w:r><w:r><w:t xml:space="preserve">{chu_ky_so}'),
    );
    const broken = await loadDocxTemplates(dir, TWO_TYPES);
    const error = renderError(sampleModel(), broken);
    expect(error).toBeInstanceOf(DiagnosticError);
    const [d] = error!.diagnostics;
    expect(d?.ruleId).toBe('template-error');
    expect(d?.file).toBe(join(dir, 'bao-cao.docx'));
    expect(d?.message).toContain('{chu_ky_so}');
    expect(d?.message).not.toContain('undefined');
    // the other template still renders
    expect(() => renderDocx(keHoachModel(), broken)).not.toThrow();
  });

  it('refuses a template without the body tag, or with it twice, instead of dropping the body', async () => {
    const cases = {
      'no-body': (xml: string) => xml.replace('{@noi_dung}', ''),
      'two-bodies': (xml: string) => xml.replace('{ho_ten}', '{ho_ten}</w:t></w:r></w:p><w:p><w:r><w:t>{@noi_dung}'),
    };
    for (const [name, edit] of Object.entries(cases)) {
      const broken = await loadDocxTemplates(editedTemplates(name, 'word/document.xml', edit), TWO_TYPES);
      const error = renderError(sampleModel(), broken);
      expect(error, name).toBeInstanceOf(DiagnosticError);
      const [d] = error!.diagnostics;
      expect(d?.ruleId).toBe('template-error');
      expect(d?.message).toContain('{@noi_dung}');
    }
  });

  it('reports a broken tag (docxtemplater multi_error) as template-error diagnostics', async () => {
    const dir = editedTemplates('unclosed-tag', 'word/document.xml', (xml) =>
      xml.replace('{chuc_vu}', '{chuc_vu').replace('{ho_ten}', '{/noi_nhan}{ho_ten}'),
    );
    const broken = await loadDocxTemplates(dir, TWO_TYPES);
    const error = renderError(sampleModel(), broken);
    expect(error).toBeInstanceOf(DiagnosticError);
    const diagnostics = error!.diagnostics;
    expect(diagnostics.length).toBeGreaterThanOrEqual(1);
    for (const d of diagnostics) {
      expect(d.ruleId).toBe('template-error');
      expect(d.file).toBe(join(dir, 'bao-cao.docx'));
      expect(d.actual).toBeTruthy(); // docxtemplater's explanation
    }
    expect(diagnostics.map((d) => d.message).join(' ')).toMatch(/chuc_vu|noi_nhan/);
  });

  it('reports missing templates and missing styles when loading', async () => {
    const empty = join(scratch.dir, 'empty');
    mkdirSync(empty, { recursive: true });
    await expect(loadDocxTemplates(empty, TWO_TYPES)).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof DiagnosticError &&
        e.diagnostics.length === 2 &&
        e.diagnostics.every((d) => d.ruleId === 'template-error'),
    );
    const dir = editedTemplates('no-style', 'word/styles.xml', (xml) =>
      xml.replace(/<w:style [^>]*w:styleId="GachDauDong">[\s\S]*?<\/w:style>/, ''),
    );
    await expect(loadDocxTemplates(dir, TWO_TYPES)).rejects.toSatisfy(
      (e: unknown) => e instanceof DiagnosticError && /GachDauDong/.test(e.diagnostics[0]?.message ?? ''),
    );
  });

  it('follows a restyled template: its styles, not code, decide the look', async () => {
    const dir = editedTemplates('restyled', 'word/styles.xml', (xml) =>
      xml.replace(/(<w:style [^>]*w:styleId="BodyText">[\s\S]*?)w:firstLine="720"/, '$1w:firstLine="567"'),
    );
    const restyled = await loadDocxTemplates(dir, TWO_TYPES);
    const styles = openDocx(renderDocx(sampleModel(), restyled)).part('word/styles.xml');
    expect(/<w:style [^>]*w:styleId="BodyText">[\s\S]*?<\/w:style>/.exec(styles)?.[0]).toContain('w:firstLine="567"');
  });
});

describe('with the real tools', () => {
  const dir = join(scratch.dir, 'resaved');
  const saved = join(dir, 'saved');
  const loDir = join(scratch.dir, 'lo');
  const loPdf = join(loDir, 'bao-cao.pdf');

  // LibreOffice, in one start: both templates restyled by a user, saved again; a rendered report printed to PDF
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    for (const name of ['bao-cao.docx', 'ke-hoach.docx']) {
      const zip = new PizZip(readFileSync(join(templatesDir, name)));
      // the user's restyle: Nơi nhận lines at 12 pt instead of 11
      const styles = zip.file('word/styles.xml')?.asText() ?? '';
      zip.file('word/styles.xml', styles.replace(/(w:styleId="NoiNhanDong">[\s\S]*?)<w:sz w:val="22"\/>/, '$1<w:sz w:val="24"/>'));
      writeFileSync(join(dir, `src-${name}`), zip.generate({ type: 'uint8array', compression: 'DEFLATE' }));
    }
    mkdirSync(loDir, { recursive: true });
    const report = writeBytes(join(loDir, 'bao-cao.docx'), renderDocx(sampleModel(), templates));
    await libreOfficeJobs([
      ...['bao-cao', 'ke-hoach'].map((name) => ({ file: join(dir, `src-${name}.docx`), out: join(saved, `${name}.docx`), filter: 'MS Word 2007 XML' })),
      { file: report, out: loPdf, filter: 'writer_pdf_Export' },
    ]);
  }, 180_000);

  it('renders from templates restyled and saved again by LibreOffice (style ids renamed, footnotes part dropped)', async () => {
    const resaved = await loadDocxTemplates(saved, TWO_TYPES);
    const model = sampleModel();
    const d = openDocx(renderDocx(model, resaved));
    const xml = d.part('word/document.xml');
    const refs = [...xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs.length).toBe(model.footnotes.length);
    const notes = d.part(resaved.byType.get('bao_cao')!.footnotesPart);
    for (const id of refs) expect(notes).toContain(`<w:footnote w:id="${id}">`);
    // every style the body uses exists in the (renamed) styles
    const styles = d.part('word/styles.xml');
    for (const id of new Set([...xml.matchAll(/<w:pStyle w:val="([^"]+)"/g)].map((m) => m[1]))) {
      expect(styles).toContain(`w:styleId="${id}"`);
    }
    const recipientStyle = paragraphs(xml).find((p) => p.text === '- Như trên;')?.style ?? '';
    expect(recipientStyle).not.toBe('');
    const recipientStyleXml = new RegExp(`w:styleId="${recipientStyle}">[\\s\\S]*?</w:style>`).exec(styles)?.[0];
    expect(recipientStyleXml).toContain('<w:sz w:val="24"/>'); // the user's restyle, kept
    expect(xml).not.toMatch(/\{[#/@]?[a-z_]+\}/);
    const pandoc = pandocJson(writeBytes(join(dir, 'out.docx'), renderDocx(model, resaved)));
    expect(countPandocNodes(pandoc, 'Note')).toBe(model.footnotes.length);
  });

  it('LibreOffice prints the Số line, the footnotes and the signer; page numbers from page 2', () => {
    const model = sampleModel();
    const pdf = loPdf;
    const text = pdfText(pdf).normalize('NFC');
    // Without a Vietnamese Times-compatible font LibreOffice falls back per glyph and pdftotext
    // may split words ("b ảo"): compare with the white space squeezed out.
    const squeezed = text.replace(/\s+/g, '');
    const has = (s: string) => expect(squeezed).toContain(s.replace(/\s+/g, ''));
    has('Số: 07/BC-UBND');
    has('Mẫu, ngày 05 tháng 9 năm 2024');
    has('Chú thích số 1: Kế hoạch số 23/KH-UBND ngày 22/02/2024');
    has(`Chú thích số ${model.footnotes.length}: Kế hoạch số 23/KH-UBND`);
    has('Nguyễn Văn An');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const pageTexts = text.split('\f');
    expect(pageTexts[0]?.trim().split('\n')[0]?.trim()).not.toMatch(/^\d+$/);
    expect(pageTexts[1]?.trim().split('\n')[0]?.trim()).toBe('2');
    expect(pageTexts[pages - 1]?.trim().split('\n')[0]?.trim()).toBe(String(pages));
  });

  it('pandoc sees exactly the model’s footnotes', () => {
    const dir = join(scratch.dir, 'pandoc');
    mkdirSync(dir, { recursive: true });
    const model = sampleModel();
    const ast = pandocJson(writeBytes(join(dir, 'bao-cao.docx'), renderDocx(model, templates)));
    expect(countPandocNodes(ast, 'Note')).toBe(model.footnotes.length);
    const ke = pandocJson(writeBytes(join(dir, 'ke-hoach.docx'), renderDocx(keHoachModel(), templates)));
    expect(countPandocNodes(ke, 'Note')).toBe(keHoachModel().footnotes.length);
  });
});
