/**
 * `baocao diff` end to end on the real sample: the Thạch Quý report against a copy with five
 * edits — each edit reported once, in the right section (its number in the new document), the
 * renumbering once, nothing else — from YAML, DOCX and PDF; exit codes like diff(1).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../src/diff/diff-result.js';
import { runCli } from './helpers/cli.js';
import { useSampleTrees, writeEditedTree } from './helpers/diff-sample.js';

const trees = useSampleTrees('docx,pdf');

interface JsonPair {
  kind: 'pair';
  same: boolean;
  summary: string;
  notices: string[];
  changes: Change[];
}

async function diffJson(a: string, b: string): Promise<{ code: number | null; json: JsonPair }> {
  const run = await runCli(['diff', a, b, '--json']);
  return { code: run.code, json: JSON.parse(run.stdout) as JsonPair };
}

const of = <K extends Change['kind']>(changes: Change[], kind: K) => changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);

/** The edits every kind of input shows the same way (the figure is shown apart from YAML). */
function expectTextEdits(changes: Change[]): void {
  const changed = of(changes, 'paragraph-changed').filter((c) => c.section.path === 'I.1.');
  expect(changed).toHaveLength(1);
  expect(changed[0]!.words.filter((w) => w.op !== '=')).toEqual([
    { op: '-', text: 'quyết liệt' },
    { op: '+', text: 'sát sao' },
  ]);

  const notes = of(changes, 'footnote-added');
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ number: 4, text: 'Kế hoạch kiểm tra số 45/KH-UBND ngày 01/7/2024.', section: { path: 'I.3.', title: 'Về kiểm tra CCHC' } });

  const removed = of(changes, 'paragraph-removed');
  expect(removed).toHaveLength(1);
  expect(removed[0]).toMatchObject({ text: '- Số nhiệm vụ trong hạn: 01 nhiệm vụ;', section: { path: 'I.5.' } });

  const sections = of(changes, 'section-added');
  expect(sections).toHaveLength(1);
  expect(sections[0]).toMatchObject({
    section: { path: 'II.3.', title: 'Công tác dân vận chính quyền' },
    paragraphs: ['3. Công tác dân vận chính quyền', 'UBND phường thực hiện tốt Quy chế dân chủ ở cơ sở, tiếp công dân định kỳ vào thứ Năm hằng tuần.'],
  });

  const renumbered = of(changes, 'renumbered');
  expect(renumbered).toHaveLength(1);
  expect(renumbered[0]!.sections).toEqual([
    { old: 'II.3.', new: 'II.4.' },
    { old: 'II.4.', new: 'II.5.' },
    { old: 'II.5.', new: 'II.6.' },
    { old: 'II.6.', new: 'II.7.' },
    { old: 'II.6.1.', new: 'II.7.1.' },
    { old: 'II.6.2.', new: 'II.7.2.' },
    { old: 'II.7.', new: 'II.8.' },
  ]);
  expect(renumbered[0]!.footnotes.map((f) => [f.old, f.new])).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => [n, n + 1]));
}

describe('baocao diff on the sample with five edits', () => {
  it('YAML against YAML: each edit once, the figure in the figures table with the sentence that prints it', async () => {
    const { code, json } = await diffJson(trees.oldYaml, trees.newYaml);
    expect(code).toBe(1);
    expect(json.same).toBe(false);
    expect(json.changes.map((c) => c.kind).sort()).toEqual(
      ['figure-changed', 'footnote-added', 'paragraph-changed', 'paragraph-removed', 'renumbered', 'section-added'],
    );
    expectTextEdits(json.changes);
    const [figure] = of(json.changes, 'figure-changed');
    expect(figure).toMatchObject({ key: 'khac.bo_phan_mot_cua', old: 7, new: 8, difference: 1 });
    expect(figure!.sentences).toHaveLength(1);
    expect(figure!.sentences[0]!.section.path).toBe('II.2.2.');
    expect(figure!.sentences[0]!.words.filter((w) => w.op !== '=')).toEqual([
      { op: '-', text: '07' },
      { op: '+', text: '08' },
    ]);
  });

  it('DOCX against DOCX (read from the files themselves): the same edits, the figure as a changed sentence in II.2.2.', async () => {
    const { code, json } = await diffJson(trees.oldDocx, trees.newDocx);
    expect(code).toBe(1);
    expect(json.changes).toHaveLength(6);
    expectTextEdits(json.changes);
    const figure = of(json.changes, 'paragraph-changed').filter((c) => c.section.path === 'II.2.2.');
    expect(figure).toHaveLength(1);
    expect(figure[0]!.words.filter((w) => w.op !== '=')).toEqual([
      { op: '-', text: '07' },
      { op: '+', text: '08' },
    ]);
  });

  it('PDF against PDF (pdfjs-dist text): the same six changes as the DOCX', async () => {
    const pdf = await diffJson(trees.oldPdf, trees.newPdf);
    const docx = await diffJson(trees.oldDocx, trees.newDocx);
    expect(pdf.code).toBe(1);
    expect(pdf.json.changes).toEqual(docx.json.changes);
  });

  it('a period file, its DOCX and its PDF read as the same document (exit 0)', async () => {
    for (const other of [trees.oldDocx, trees.oldPdf]) {
      const run = await runCli(['diff', trees.oldYaml, other]);
      expect(run.stdout.split('\n')[0]).toBe('Không có khác biệt.');
      expect(run.code).toBe(0);
    }
  });

  it('terminal: the summary line first, then changes grouped by section, plain marks when not a TTY', async () => {
    const run = await runCli(['diff', trees.oldYaml, trees.newYaml]);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('6 thay đổi: 1 đoạn sửa, 1 chú thích thêm, 1 đoạn bỏ, 1 mục thêm, đánh số lại, 1 số liệu đổi.');
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toContain('Mục I.1. Công tác xây dựng, ban hành các văn bản chỉ đạo\n  ~ sửa đoạn: … được phường quan tâm, chỉ đạo [-quyết liệt-]{+sát sao+}, coi đây là giải pháp …');
    expect(run.stdout).toContain('Mục II.3. Công tác dân vận chính quyền\n  + thêm mục II.3. (2 đoạn):');
    expect(run.stdout).toContain('Các mục sau được đánh số lại: II.3. → II.4.,');
    expect(run.stdout).toContain('Các chú thích sau được đánh số lại: 4–12 → 5–13.');
    expect(run.stdout).toContain('~ khac.bo_phan_mot_cua: 7 → 8 (+1)');
    const colored = await runCli(['diff', trees.oldYaml, trees.newYaml, '--color']);
    expect(colored.stdout).toContain('\x1b[31m');
    expect(colored.stdout).toContain('\x1b[32m');
  });

  it('header fields are compared by name: số and ngày changed, nothing else', async () => {
    const file = await writeEditedTree(path.join(trees.root, 'header'), (t) => t.replace('so: 84\n', 'so: 85\n').replace('ngay: "2024-09-16"', 'ngay: "2024-09-18"'));
    const { code, json } = await diffJson(trees.oldYaml, file);
    expect(code).toBe(1);
    expect(json.changes).toEqual([
      { kind: 'field-changed', field: 'so', label: 'Số, ký hiệu', words: [{ op: '=', text: 'Số: ' }, { op: '-', text: '84' }, { op: '+', text: '85' }, { op: '=', text: '/BC-UBND' }] },
      {
        kind: 'field-changed',
        field: 'dia_danh_ngay',
        label: 'Địa danh, ngày tháng',
        words: [{ op: '=', text: 'Thạch Quý, ngày ' }, { op: '-', text: '16' }, { op: '+', text: '18' }, { op: '=', text: ' tháng 9 năm 2024' }],
      },
    ]);
  });

  it('the same file twice: no difference, exit 0', async () => {
    const run = await runCli(['so-sanh', trees.oldDocx, trees.oldDocx, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ same: true, changes: [] });
  });

  it('help explains the command in Vietnamese with examples', async () => {
    const run = await runCli(['diff', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Ví dụ:');
    expect(run.stdout).toContain('baocao so-sanh ban-cu.docx ban-moi.docx --docx');
    expect(run.stdout).toContain('Mã thoát (như diff): 0 giống nhau, 1 có khác biệt, 2 có lỗi');
  });
});
