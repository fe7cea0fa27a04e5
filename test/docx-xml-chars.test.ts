/**
 * Issue 7 item 2: every part of every DOCX is well-formed XML whatever the model holds. A control
 * character in `trich_yeu` once made docProps/core.xml unreadable while the run said ✔; U+FFFE,
 * U+FFFF and lone surrogates went through docxtemplater into document.xml. Checked with a strict
 * XML parser (expat), for a model with every forbidden character in every text field, and through
 * the CLI for the reported case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../src/core/model.js';
import { loadDocxTemplates, renderDocx, type DocxTemplates } from '../src/render/docx/render-docx.js';
import { escapeXml, xmlChars } from '../src/render/docx/xml-text.js';
import { sampleModel } from './fixtures/sample-model.js';
import { runCli } from './helpers/cli.js';
import { PERIOD_DOCUMENT, validTree } from './helpers/data-tree.js';
import { openDocx, paragraphs } from './helpers/docx.js';
import { docxXmlProblems, xmlProblems } from './helpers/xml-check.js';
import { shippedTypes } from './helpers/document-types.js';

const templatesDir = fileURLToPath(new URL('../templates/word/', import.meta.url));
let templates: DocxTemplates;
beforeAll(async () => {
  templates = await loadDocxTemplates(templatesDir, shippedTypes());
});

/** Every character XML 1.0 forbids, and lone or reversed surrogates. */
const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i))
  .filter((c) => c !== '\t' && c !== '\n' && c !== '\r')
  .join('');
const FORBIDDEN = `${C0}\uFFFE\uFFFF\uD800x\uDFFF\uDC00\uD800`;
/** Text around them that must survive: markup characters and a real supplementary character. */
const poison = (text: string) => `${text}${FORBIDDEN} & <b> "q" 'a' 😀${FORBIDDEN}`;

/** The model with the poison in every string the renderer prints (labels, lines, runs, notes). */
function poisoned(model: ReportModel): ReportModel {
  const keep = new Set(['unitPath', 'period', 'type', 'issueDate', 'style']);
  const walk = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string') return keep.has(key) ? value : poison(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(model) as ReportModel;
}

function keHoach(): ReportModel {
  const m = sampleModel();
  m.type = 'ke_hoach';
  m.title = { typeName: 'KẾ HOẠCH', summary: 'Cải cách hành chính năm 2024', issuedWith: '(Ban hành kèm theo Quyết định số 19/QĐ-UBND)' };
  m.addressees = { sameLine: true, lines: ['UBND thành phố Hà Tĩnh'] };
  return m;
}

describe('the XML escaper', () => {
  it('drops exactly the characters XML forbids and escapes markup', () => {
    expect(xmlChars(FORBIDDEN)).toBe('x');
    expect(xmlChars('a\tb\nc\rd 😀 \u007F\u0085 đ')).toBe('a\tb\nc\rd 😀 \u007F\u0085 đ');
    expect(escapeXml(`<a href="x">&amp;</a>\u0007`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('every DOCX part is well-formed XML whatever the model holds', () => {
  it('the check (expat) can fail: a control character, an unclosed element', () => {
    const problems = xmlProblems({ 'word/a.xml': Buffer.from('<w:t>a\u0001b</w:t>'), 'word/b.xml': Buffer.from('<w:p><w:r></w:p>'), 'word/c.xml': Buffer.from('<w:p/>') });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^word\/a\.xml: not well-formed \(invalid token\)/);
    expect(problems[1]).toMatch(/^word\/b\.xml: mismatched tag/);
  });

  for (const [name, model] of [
    ['báo cáo', () => sampleModel()],
    ['kế hoạch', keHoach],
  ] as const) {
    it(`${name}: forbidden characters in every field`, () => {
      const bytes = renderDocx(poisoned(model()), templates);
      expect(docxXmlProblems(bytes)).toEqual([]);
      const docx = openDocx(bytes);
      const text = paragraphs(docx.part('word/document.xml')).map((p) => p.text).join('\n');
      // the rest of the text is kept, markup characters as text
      expect(text).toContain(`${sampleModel().header.agencyLines[1]}x & <b> "q" 'a' 😀x`);
      expect(docx.part('docProps/core.xml')).toContain('x &amp; &lt;b&gt; &quot;q&quot;');
      expect(paragraphs(docx.part('word/footnotes.xml')).map((p) => p.text).join('')).toContain('😀');
    });
  }

  it('the reported case through the CLI: a BEL in trich_yeu gives a readable package', async () => {
    const root = await validTree({
      'data/tinh-mau/phuong-mau/2024-q3.yaml': `trich_yeu: "Kết quả CCHC quý III\\u0007\\uFFFF"\n${PERIOD_DOCUMENT}`,
    });
    const run = await runCli(['render', 'data', '--format', 'docx', '--out', 'out'], { cwd: root });
    expect(run.stderr).not.toContain('[internal-error]');
    const bytes = new Uint8Array(readFileSync(join(root, 'out', 'tinh-mau', 'phuong-mau', '2024-q3.docx')));
    expect(docxXmlProblems(bytes)).toEqual([]);
    expect(openDocx(bytes).part('docProps/core.xml')).toContain('<dc:title>BÁO CÁO Kết quả CCHC quý III</dc:title>');
  });
});
