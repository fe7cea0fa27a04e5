/**
 * The parts of the comparison that need no files: Vietnamese word diff (NFC, diacritics, phrases),
 * alignment (changed, moved, inserted), number paths, and a foreign DOCX read as paragraphs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { align, lazyTokens } from '../src/diff/compare/align.js';
import { compareDocuments } from '../src/diff/compare/compare-documents.js';
import { numberPath } from '../src/diff/read/section-labels.js';
import { readDocx } from '../src/diff/read/read-docx.js';
import { diffWordsVi, tokens } from '../src/diff/compare/word-diff.js';

const input = (texts: string[]) => ({ keys: texts, tokens: lazyTokens(texts, tokens) });

describe('Vietnamese word diff', () => {
  it('diacritics matter, composition does not', () => {
    expect(diffWordsVi('đã hoàn thành', 'đã hoàn thanh').filter((p) => p.op !== '=')).toEqual([
      { op: '-', text: 'thành' },
      { op: '+', text: 'thanh' },
    ]);
    const decomposed = 'hoàn thành'.normalize('NFD');
    expect(diffWordsVi('hoàn thành', decomposed)).toEqual([{ op: '=', text: 'hoàn thành' }]);
  });

  it('a phrase replaced reads as one change, punctuation apart from words', () => {
    expect(diffWordsVi('chỉ đạo quyết liệt, coi', 'chỉ đạo sát sao, coi')).toEqual([
      { op: '=', text: 'chỉ đạo ' },
      { op: '-', text: 'quyết liệt' },
      { op: '+', text: 'sát sao' },
      { op: '=', text: ', coi' },
    ]);
    expect(diffWordsVi('công tác CCHC;', 'công tác CCHC.').filter((p) => p.op !== '=')).toEqual([
      { op: '-', text: ';' },
      { op: '+', text: '.' },
    ]);
  });
});

describe('alignment', () => {
  it('pairs a changed paragraph, finds a moved one, keeps an inserted one', () => {
    const before = ['Mở đầu báo cáo.', 'Đoạn sẽ được chuyển xuống cuối.', 'Công tác cải cách hành chính được quan tâm.', 'Kết thúc.'];
    const after = ['Mở đầu báo cáo.', 'Công tác cải cách hành chính được chú trọng.', 'Đoạn mới hoàn toàn khác.', 'Kết thúc.', 'Đoạn sẽ được chuyển xuống cuối.'];
    const ops = align(input(before), input(after)).map((p) => p.op);
    expect(ops).toEqual(['same', 'moved-from', 'changed', 'added', 'same', 'moved-to']);
  });

  it('number paths as a reader writes them', () => {
    expect(numberPath(['II.', '2.', 'b)'])).toBe('II.2.b)');
    expect(numberPath(['II.', '2.', '2.1.'])).toBe('II.2.1.');
    expect(numberPath(['I.'])).toBe('I.');
  });
});

describe('a DOCX we did not make', () => {
  it('is compared as paragraphs and footnotes, with a notice', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'baocao-foreign-'));
    try {
      const make = (name: string, markdown: string) => {
        writeFileSync(path.join(dir, `${name}.md`), markdown);
        execFileSync('pandoc', [path.join(dir, `${name}.md`), '-o', path.join(dir, `${name}.docx`)]);
        return readDocx(new Uint8Array(readFileSync(path.join(dir, `${name}.docx`))), `${name}.docx`).document;
      };
      const a = make('a', '# Tiêu đề\n\nĐoạn thứ nhất có chú thích[^1].\n\nĐoạn thứ hai.\n\n[^1]: Chú thích cũ.\n');
      const b = make('b', '# Tiêu đề\n\nĐoạn thứ nhất có chú thích[^1].\n\nĐoạn thứ hai đã sửa.\n\n[^1]: Chú thích mới.\n');
      expect(a.structured).toBe(false);
      const diff = compareDocuments(a, b);
      expect(diff.notices.some((n) => n.includes('không do baocao tạo'))).toBe(true);
      expect(diff.changes.map((c) => c.kind)).toEqual(['footnote-changed', 'paragraph-changed']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
