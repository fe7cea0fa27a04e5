/**
 * Quyết định (Mẫu 1.3) issued together with the kế hoạch it issues: the sample
 * data/hai-phong/phuong-phu-lien/2024-ke-hoach.quyet-dinh.yaml through our DOCX and PDF and through
 * LibreOffice and pandoc; the plan's "(Ban hành kèm theo …)" taken from the decision (one source of
 * truth), a typed line that disagrees as a diagnostic at file:line:col, and the batch re-rendering
 * the plan when the decision changes.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentTypes } from '../src/load/load-document-types.js';
import { ROOT, runCli } from './helpers/cli.js';
import { openDocx, paragraphs, type Paragraph } from './helpers/docx.js';
import { makeTree } from './helpers/data-tree.js';
import { libreOfficeToPdf, pandoc, pdfText } from './helpers/tools.js';

const UNIT = 'data/hai-phong/phuong-phu-lien';
const DECISION = '2024-ke-hoach.quyet-dinh';
const ISSUED = '(Ban hành kèm theo Quyết định số 19/QĐ-UBND ngày 24/01/2024 của Ủy ban nhân dân phường Phù Liễn)';

const bold = (p: Paragraph, text: string) => new RegExp(`<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t[^>]*>${text}</w:t></w:r>`).test(p.xml);

describe('the declaration', () => {
  it('quyet_dinh: QUYẾT ĐỊNH, QĐ, căn cứ, articles; ke_hoach is issued by it', () => {
    const { types, diagnostics } = loadDocumentTypes(path.join(ROOT, 'templates'));
    expect(diagnostics).toEqual([]);
    expect(types.byName.get('quyet_dinh')).toMatchObject({ typeName: 'QUYẾT ĐỊNH', abbreviation: 'QĐ', grounds: true, articles: true, addressees: 'khong', recipients: true });
    expect(types.byName.get('ke_hoach')).toMatchObject({ issuedWith: true, issuedBy: 'quyet_dinh', grounds: false, articles: false });
  });

  it('the new keys and values are checked like the others, at file:line:col', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-qd-types-'));
    await cp(path.join(ROOT, 'templates'), dir, { recursive: true });
    const file = path.join(dir, 'loai', 'quyet_dinh.yaml');
    await writeFile(file, 'ten_loai: QUYẾT ĐỊNH\nviet_tat: QĐ\ncan_cu: coo\ndanh_so_muc: dieux\nban_hanh_kem_theo: Quyet\ntrich_yeu: Về việc {ky}\n');
    const { types, diagnostics } = loadDocumentTypes(dir);
    const problems = diagnostics.filter((d) => d.file === file);
    expect(problems.map((d) => [d.line, d.column, d.ruleId]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [3, 9, 'type-declaration'],
      [4, 14, 'type-declaration'],
      [5, 20, 'type-declaration'],
    ]);
    expect(problems.find((d) => d.line === 4)?.message).toContain('co, khong, dieu');
    expect(types.byName.has('quyet_dinh')).toBe(false);
  });
});

describe('the sample decision and its plan', () => {
  let out: string;
  const dir = () => path.join(out, 'hai-phong', 'phuong-phu-lien');
  const docParagraphs = async (name: string) => paragraphs(openDocx(new Uint8Array(await readFile(path.join(dir(), `${name}.docx`)))).part('word/document.xml'));
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'baocao-qd-out-'));
    const result = await runCli(['render', UNIT, '--format', 'docx,pdf', '--out', out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  }, 120_000);

  it('DOCX: QUYẾT ĐỊNH, Số …/QĐ-UBND, the authority line, căn cứ in italics, QUYẾT ĐỊNH:, bold Điều n., Như Điều 3, CHỦ TỊCH', async () => {
    const ps = await docParagraphs(DECISION);
    const texts = ps.map((p) => p.text);
    expect(texts).toContain('Số: 19/QĐ-UBND');
    const title = texts.indexOf('QUYẾT ĐỊNH');
    expect(title).toBeGreaterThan(0);
    expect(texts[title + 1]).toBe('Về việc ban hành Kế hoạch cải cách hành chính phường Phù Liễn năm 2024');
    const authority = texts.indexOf('CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN');
    expect(authority).toBeGreaterThan(title);
    // centred bold (the TrichYeu style: jc center, bold)
    expect(ps[authority]!.style).toBe('TrichYeu');
    const grounds = ps.filter((p) => p.text.startsWith('Căn cứ ') || p.text.startsWith('Theo đề nghị của '));
    expect(grounds.map((p) => p.text.slice(-1))).toEqual([';', ';', ';', '.']);
    expect(grounds.at(-1)!.text).toBe('Theo đề nghị của Công chức Văn phòng - Thống kê phường.');
    for (const p of grounds) expect(p.xml, p.text).toMatch(/<w:rPr><w:i\/><w:iCs\/><\/w:rPr>/);
    const decides = texts.indexOf('QUYẾT ĐỊNH:');
    expect(decides).toBeGreaterThan(texts.indexOf(grounds.at(-1)!.text));
    expect(ps[decides]!.style).toBe('TrichYeu');
    const articles = ps.filter((p) => /^Điều \d+\. /.test(p.text));
    expect(articles.map((p) => p.text.slice(0, 8))).toEqual(['Điều 1. ', 'Điều 2. ', 'Điều 3. ']);
    expect(articles[0]!.text).toBe('Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính phường Phù Liễn năm 2024.');
    articles.forEach((p, i) => expect(bold(p, `Điều ${i + 1}\\.`), p.text).toBe(true));
    // the article's text itself is not bold
    expect(articles[0]!.xml).toMatch(/<w:r><w:t[^>]*>Ban hành kèm theo/);
    expect(articles.at(-1)!.text.endsWith('Quyết định này./.')).toBe(true);
    expect(texts).toContain('- Như Điều 3;');
    // the Chủ tịch signs directly: no "TM. ỦY BAN NHÂN DÂN"
    expect(texts).not.toContain('TM. ỦY BAN NHÂN DÂN');
    expect(texts.slice(-2)).toEqual(['CHỦ TỊCH', 'Vũ Văn Nam']);
  });

  it('the plan prints the decision’s number and date in its Ban hành kèm theo line', async () => {
    expect((await docParagraphs('2024-ke-hoach')).map((p) => p.text)).toContain(ISSUED);
    expect(await readFile(path.join(ROOT, UNIT, '2024-ke-hoach.yaml'), 'utf8')).not.toMatch(/^ban_hanh_kem_theo:/m);
  });

  it('PDF: the same lines, and page 1 laid out as Mẫu 1.3', async () => {
    const file = path.join(dir(), `${DECISION}.pdf`);
    const text = await pdfText(file, ['-layout']);
    expect(text).toMatch(/Số: 19\/QĐ-UBND\s+Phù Liễn, ngày 24 tháng 01 năm 2024/);
    expect(text).toMatch(
      /QUYẾT ĐỊNH\s*\n\s*Về việc ban hành Kế hoạch[\s\S]*CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN\s*\n\s*Căn cứ Luật Tổ chức[\s\S]*Theo đề nghị của Công chức Văn phòng - Thống kê phường\.\s*\n\s*QUYẾT ĐỊNH:\s*\n\s*Điều 1\. Ban hành[\s\S]*Điều 2\.[\s\S]*Điều 3\./,
    );
    expect(text).toMatch(/Nơi nhận:[\s\S]*- Như Điều 3;/);
    const boxes = await pdfText(file, ['-bbox']);
    expect(boxes.match(/<page width="59[45]\.\d+" height="841\.\d+">/g)).toHaveLength(1);
    const words = [...boxes.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]+)</g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), xMax: Number(m[3]), w: m[4]! }));
    const line = (y: number) => words.filter((w) => Math.abs(w.y - y) < 2);
    const centre = (ws: { x: number; xMax: number }[]) => (Math.min(...ws.map((w) => w.x)) + Math.max(...ws.map((w) => w.xMax))) / 2;
    // centred on the text width, as the tên loại "QUYẾT ĐỊNH" above them
    const typeName = words.find((w) => w.w === 'QUYẾT' && line(w.y).length === 2)!;
    const middle = centre(line(typeName.y));
    expect(middle).toBeGreaterThan(297);
    const authority = words.find((w) => w.w === 'TỊCH' && line(w.y).some((o) => o.w === 'LIỄN'))!;
    const decides = words.find((w) => w.w === 'ĐỊNH:')!;
    expect(Math.abs(centre(line(authority.y)) - middle)).toBeLessThan(2);
    expect(Math.abs(centre(line(decides.y)) - middle)).toBeLessThan(2);
    expect(authority.y).toBeGreaterThan(typeName.y);
    const firstGround = words.find((w) => w.w === 'Luật')!;
    const article1 = words.find((w) => w.w === 'Điều')!;
    expect(firstGround.y).toBeGreaterThan(authority.y);
    expect(decides.y).toBeGreaterThan(firstGround.y);
    expect(article1.y).toBeGreaterThan(decides.y);
    // "Điều 1." starts with the first-line indent, as a body paragraph
    expect(article1.x).toBeGreaterThan(95);
    // the signer in the right half, below the articles
    const signer = words.findLast((w) => w.w === 'Nam')!;
    expect(signer.x).toBeGreaterThan(297);
    expect(signer.y).toBeGreaterThan(article1.y);
    const plan = await pdfText(path.join(dir(), '2024-ke-hoach.pdf'));
    expect(plan.replace(/\s+/g, ' ')).toContain(ISSUED);
  });

  it('LibreOffice and pandoc read the decision', async () => {
    const lo = path.join(out, 'lo');
    await libreOfficeToPdf([path.join(dir(), `${DECISION}.docx`)], lo);
    expect(await pdfText(path.join(lo, `${DECISION}.pdf`))).toMatch(/QUYẾT ĐỊNH[\s\S]*CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÙ LIỄN[\s\S]*Căn cứ Luật[\s\S]*QUYẾT ĐỊNH:[\s\S]*Điều 1\. Ban hành/);
    const plain = await pandoc(path.join(dir(), `${DECISION}.docx`), 'markdown');
    expect(plain).toMatch(/\*Căn cứ Luật Tổ chức chính quyền/);
    expect(plain).toMatch(/\*\*Điều 1\.\*\* Ban hành kèm theo/);
  }, 240_000);
});

async function planTree(plan?: (text: string) => string): Promise<string> {
  const read = (name: string) => readFile(path.join(ROOT, UNIT, name), 'utf8');
  const planText = await read('2024-ke-hoach.yaml');
  return makeTree({
    'data/mac-dinh.yaml': await readFile(path.join(ROOT, 'data', 'mac-dinh.yaml'), 'utf8'),
    'data/hai-phong/phuong-phu-lien/don-vi.yaml': await read('don-vi.yaml'),
    'data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml': plan ? plan(planText) : planText,
    [`data/hai-phong/phuong-phu-lien/${DECISION}.yaml`]: await read(`${DECISION}.yaml`),
  });
}

describe('one source of truth for the Ban hành kèm theo line', () => {
  it('a typed ban_hanh_kem_theo that disagrees with the decision is an issuing-decision at its line, and nothing of the plan is written', async () => {
    const root = await planTree((text) => text.replace('ngay: "2024-01-24"\n', 'ngay: "2024-01-24"\nban_hanh_kem_theo:\n  so: 18/QĐ-UBND\n  ngay: "2024-01-24"\n'));
    const planText = await readFile(path.join(root, 'data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml'), 'utf8');
    const line = planText.split('\n').indexOf('  so: 18/QĐ-UBND') + 1;
    const validate = await runCli(['validate', 'data'], { cwd: root });
    expect(validate.code).toBe(1);
    const problem = validate.stderr.split('\n').find((l) => l.includes('[issuing-decision]'));
    expect(problem, validate.stderr).toBeDefined();
    expect(problem).toContain(`${path.normalize('data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml')}:${line}:7`);
    expect(problem).toContain('19/QĐ-UBND');
    expect(problem).toContain(`${DECISION}.yaml:10:5`);
    const render = await runCli(['render', 'data', '--format', 'docx', '--out', 'out'], { cwd: root });
    expect(render.code).toBe(1);
    expect(render.stdout).not.toContain('2024-ke-hoach.docx\n');
    expect(render.stdout).toContain(`${DECISION}.docx`);
  }, 120_000);

  it('căn cứ keys belong to a type with can_cu: co; a decision without tham_quyen or can_cu is refused', async () => {
    const root = await planTree((text) => text.replace('ngay: "2024-01-24"\n', 'ngay: "2024-01-24"\ncan_cu: [Căn cứ Luật]\n'));
    const decisionFile = path.join(root, `data/hai-phong/phuong-phu-lien/${DECISION}.yaml`);
    await writeFile(decisionFile, (await readFile(decisionFile, 'utf8')).replace(/^tham_quyen: .*\n/m, ''));
    const validate = await runCli(['validate', 'data'], { cwd: root });
    expect(validate.code).toBe(1);
    const lines = validate.stderr.split('\n');
    const plan = lines.find((l) => l.includes('can_cu') && l.includes('[invalid-value]'));
    expect(plan, validate.stderr).toContain(`${path.normalize('data/hai-phong/phuong-phu-lien/2024-ke-hoach.yaml')}:24:1`);
    expect(lines.some((l) => l.includes(`${DECISION}.yaml`) && l.includes('tham_quyen') && l.includes('[missing-field]')), validate.stderr).toBe(true);
  }, 60_000);

  it('a typed line that agrees is accepted', async () => {
    const root = await planTree((text) => text.replace('ngay: "2024-01-24"\n', 'ngay: "2024-01-24"\nban_hanh_kem_theo:\n  so: 19/QĐ-UBND\n  ngay: "2024-01-24"\n'));
    const validate = await runCli(['validate', 'data'], { cwd: root });
    expect(validate.code, validate.stderr).toBe(0);
  }, 60_000);

  it('batch: changing the decision’s so re-renders the plan with the new number', async () => {
    const root = await planTree();
    const args = ['batch', 'data', '--ky', '2024-ke-hoach', '--format', 'docx', '--out', 'out', '--jobs', '1'];
    const planOut = path.join(root, 'out/hai-phong/phuong-phu-lien/2024-ke-hoach.docx');
    const sha = async () => createHash('sha256').update(await readFile(planOut)).digest('hex');
    const issued = async () => paragraphs(openDocx(new Uint8Array(await readFile(planOut))).part('word/document.xml')).map((p) => p.text).find((t) => t.startsWith('(Ban hành'));
    const first = await runCli(args, { cwd: root });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(await issued()).toBe(ISSUED);
    const before = await sha();
    const decisionFile = path.join(root, `data/hai-phong/phuong-phu-lien/${DECISION}.yaml`);
    await writeFile(decisionFile, (await readFile(decisionFile, 'utf8')).replace(/^so: 19$/m, 'so: 20'));
    const second = await runCli(args, { cwd: root });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(await issued()).toBe(ISSUED.replace('19/QĐ', '20/QĐ'));
    expect(await sha()).not.toBe(before);
  }, 180_000);
});
