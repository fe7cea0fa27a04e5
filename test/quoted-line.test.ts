/**
 * When a line YAML misread is a sentence to put in quotes (issue 19): a sentence with ": " or in
 * Word's quotes is; a line of numbers is not (quoting `tong: 32: 33` would make a count a text).
 */
import { describe, expect, it } from 'vitest';
import { correctedLine } from '../src/load/quoted-line.js';

describe('correctedLine', () => {
  it('quotes a sentence holding ": ", keeping the list mark or the key', () => {
    expect(correctedLine('      - Quá hạn: không có nhiệm vụ quá hạn.')).toEqual({ line: '      - "Quá hạn: không có nhiệm vụ quá hạn."', curly: false });
    expect(correctedLine('    tieu_de: Kết quả: tốt')).toEqual({ line: '    tieu_de: "Kết quả: tốt"', curly: false });
  });

  it('gives no advice for a line without a letter: a number field is not a sentence', () => {
    expect(correctedLine('  tong: 32: 33')).toBeUndefined();
    expect(correctedLine('  - 12: 5')).toBeUndefined();
  });
});
