/**
 * `baocao diff --docx`: the new document with real tracked changes. Checked with the real tools:
 * pandoc sees every insertion and deletion, accepting all gives the new text and rejecting all the
 * old one; LibreOffice opens and converts it; the bytes are the same run to run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import PizZip from 'pizzip';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { useSampleTrees } from './helpers/diff-sample.js';
import { libreOfficeJobs } from './helpers/libreoffice-macro.js';
import { exec, pdfText } from './helpers/tools.js';

const trees = useSampleTrees('docx');

async function pandocPlain(file: string, mode?: 'accept' | 'reject' | 'all', to = 'plain'): Promise<string> {
  const args = ['--wrap=none', '-t', to, ...(mode ? [`--track-changes=${mode}`] : []), file];
  const { stdout } = await exec('pandoc', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function redline(oldFile: string, newFile: string, name: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const out = path.join(trees.root, name);
  const run = await runCli(['diff', oldFile, newFile, '--docx', out], { env });
  expect(run.code, run.stderr).toBe(1);
  return out;
}

describe('baocao diff --docx', () => {
  const saved = () => path.join(trees.root, 'lo-saved');
  // LibreOffice, in one start: the redline as PDF, and both samples saved again as DOCX by LibreOffice
  beforeAll(async () => {
    const file = await redline(trees.oldDocx, trees.newDocx, 'redline-lo.docx');
    await libreOfficeJobs([
      { file, out: path.join(trees.root, 'redline-lo.pdf'), filter: 'writer_pdf_Export' },
      { file: trees.oldDocx, out: path.join(saved(), 'cu.docx'), filter: 'MS Word 2007 XML' },
      { file: trees.newDocx, out: path.join(saved(), 'moi.docx'), filter: 'MS Word 2007 XML' },
    ]);
  }, 180_000);

  for (const from of ['yaml', 'docx'] as const) {
    it(`${from} → a redline that pandoc accepts into the new text and rejects into the old`, async () => {
      const [a, b] = from === 'yaml' ? [trees.oldYaml, trees.newYaml] : [trees.oldDocx, trees.newDocx];
      const file = await redline(a, b, `redline-${from}.docx`);
      expect(await pandocPlain(file, 'accept')).toBe(await pandocPlain(trees.newDocx));
      expect(await pandocPlain(file, 'reject')).toBe(await pandocPlain(trees.oldDocx));
      const all = await pandocPlain(file, 'all', 'markdown');
      const revisions = [...all.matchAll(/\[([^\]]*)\]\{\.(insertion|deletion) author="baocao"/g)].map((m) => `${m[2]}:${m[1]}`);
      for (const expected of [
        'deletion:quyết liệt',
        'insertion:sát sao',
        'deletion:07',
        'insertion:08',
        'deletion:- Số nhiệm vụ trong hạn: 01 nhiệm vụ;',
        'insertion:3. Công tác dân vận chính quyền',
        'deletion:3',
        'insertion:4',
      ]) {
        expect(revisions).toContain(expected);
      }
      const zip = new PizZip(await readFile(file));
      const footnotes = zip.file('word/footnotes.xml')!.asText();
      expect(footnotes).toMatch(/<w:ins w:id="\d+" w:author="baocao" w:date="2024-09-16T00:00:00Z"><w:r><w:t xml:space="preserve">Kế hoạch kiểm tra số 45\/KH-UBND/);
      const documentXml = zip.file('word/document.xml')!.asText();
      expect(documentXml).toMatch(/<w:del [^>]*><w:r><w:delText xml:space="preserve">quyết liệt<\/w:delText><\/w:r><\/w:del>/);
      expect(documentXml).toMatch(/<w:ins [^>]*><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="\d+"\/><\/w:r><\/w:ins>/);
    });
  }

  it('the other way round (a footnote and a section removed, a bullet added): accept gives the old sample, reject the edited one', async () => {
    const file = await redline(trees.newDocx, trees.oldDocx, 'redline-reverse.docx');
    expect(await pandocPlain(file, 'accept')).toBe(await pandocPlain(trees.oldDocx));
    expect(await pandocPlain(file, 'reject')).toBe(await pandocPlain(trees.newDocx));
    const footnotes = new PizZip(await readFile(file)).file('word/footnotes.xml')!.asText();
    expect(footnotes).toMatch(/<w:del [^>]*><w:r><w:delText xml:space="preserve"> Kế hoạch kiểm tra số 45\/KH-UBND/);
  });

  it('is byte-identical run to run, dated by SOURCE_DATE_EPOCH when set', async () => {
    const env = { SOURCE_DATE_EPOCH: '1735689600' };
    const one = await readFile(await redline(trees.oldYaml, trees.newYaml, 'r1.docx', env));
    const two = await readFile(await redline(trees.oldYaml, trees.newYaml, 'r2.docx', env));
    expect(Buffer.compare(one, two)).toBe(0);
    const xml = new PizZip(one).file('word/document.xml')!.asText();
    const dates = new Set([...xml.matchAll(/w:date="([^"]+)"/g)].map((m) => m[1]));
    expect([...dates]).toEqual(['2025-01-01T00:00:00Z']);
    const authors = new Set([...xml.matchAll(/w:author="([^"]+)"/g)].map((m) => m[1]));
    expect([...authors]).toEqual(['baocao']);
  });

  it('LibreOffice opens and converts the redline; its PDF shows the revisions', async () => {
    const text = await pdfText(path.join(trees.root, 'redline-lo.pdf'));
    expect(text).toContain('sát sao');
    expect(text).toContain('Công tác dân vận chính quyền');
  });

  it('DOCX saved again by another editor (LibreOffice): read as the same text, and redlined', async () => {
    const same = await runCli(['diff', trees.oldYaml, path.join(saved(), 'cu.docx')]);
    expect(same.stdout.split('\n')[0]).toBe('Không có khác biệt.');
    const file = await redline(path.join(saved(), 'cu.docx'), path.join(saved(), 'moi.docx'), 'redline-lo-saved.docx');
    expect(await pandocPlain(file, 'accept')).toBe(await pandocPlain(path.join(saved(), 'moi.docx')));
    expect(await pandocPlain(file, 'reject')).toBe(await pandocPlain(path.join(saved(), 'cu.docx')));
  });

  it('a DOCX that already has tracked changes is compared as accepted, and says so', async () => {
    const file = await redline(trees.oldDocx, trees.newDocx, 'redline-again.docx');
    const run = await runCli(['diff', file, trees.newDocx]);
    expect(run.stdout.split('\n')[0]).toBe('Không có khác biệt.');
    expect(run.stdout).toContain('Tệp có sẵn thay đổi được theo dõi (track changes): so sánh văn bản như khi đã chấp nhận mọi thay đổi.');
    expect(run.code).toBe(0);
  });

  it('--docx from a PDF new side: a clear message, exit 2, nothing written', async () => {
    const out = path.join(trees.root, 'never.docx');
    const pdfRun = await runCli(['render', trees.newYaml, '--format', 'pdf', '--out', path.join(trees.root, 'pdf-new')]);
    expect(pdfRun.code).toBe(0);
    const run = await runCli(['diff', trees.oldDocx, path.join(trees.root, 'pdf-new', 'ha-tinh/phuong-thach-quy/2024-q3.pdf'), '--docx', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('không tạo được bản Word từ một tệp PDF');
    await expect(readFile(out)).rejects.toThrow();
  });
});
