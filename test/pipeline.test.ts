import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { findDocuments } from '../src/load/find-documents.js';
import { parseYamlText } from '../src/load/load-yaml.js';
import { mergeLayers, placeOf } from '../src/merge/merge-layers.js';
import { LayerCache, prepareDocument } from '../src/pipeline.js';
import { PERIOD_DOCUMENT, UNIT_PROFILE, validTree } from './helpers/data-tree.js';
import { shippedTemplates } from './helpers/document-types.js';

const encode = (text: string) => new TextEncoder().encode(text);

async function diagnosticsFor(overrides: Record<string, string | Uint8Array>, file = 'data/tinh-mau/phuong-mau/2024-q3.yaml') {
  const root = await validTree(overrides);
  const { documents, diagnostics } = await findDocuments([path.join(root, file)]);
  expect(diagnostics).toEqual([]);
  const prepared = await prepareDocument(documents[0]!, shippedTemplates());
  return prepared.diagnostics.map((d: Diagnostic) => ({ ...d, file: path.relative(root, d.file.startsWith('/') ? d.file : path.resolve(d.file)) }));
}

describe('load', () => {
  it('keeps the line and column of every key and value', () => {
    const layer = parseYamlText('x.yaml', encode('a: 1\nnoi_dung:\n  - tieu_de: "Tiêu đề"\n'));
    expect(layer.diagnostics).toEqual([]);
    const place = layer.places.get('noi_dung.0.tieu_de')!;
    expect(place).toMatchObject({ key: { file: 'x.yaml', line: 3, column: 5 }, value: { file: 'x.yaml', line: 3, column: 14 } });
    expect(place.textAt?.(0)).toEqual({ file: 'x.yaml', line: 3, column: 15 });
  });

  it('rejects duplicate keys, aliases, non-UTF-8 and syntax errors with positions', () => {
    const duplicate = parseYamlText('d.yaml', encode('so: 1\nso: 2\n')).diagnostics;
    expect(duplicate[0]).toMatchObject({ ruleId: 'yaml-duplicate-key', line: 2 });
    const alias = parseYamlText('a.yaml', encode('x: &a [1]\ny: *a\n')).diagnostics.map((d) => d.ruleId);
    expect(alias).toContain('yaml-alias');
    const latin1 = parseYamlText('l.yaml', Uint8Array.from([0x61, 0x3a, 0x20, 0x0a, 0x62, 0x3a, 0x20, 0xe0, 0x0a])).diagnostics;
    expect(latin1[0]).toMatchObject({ ruleId: 'file-not-utf8', line: 2 });
    const syntax = parseYamlText('s.yaml', encode('a: "không đóng\nb: 2\n')).diagnostics;
    expect(syntax[0]).toMatchObject({ ruleId: 'yaml-syntax' });
    expect(syntax[0]!.line).toBeGreaterThan(0);
    expect(syntax[0]!.message).toMatch(/[ạ-ỹ]/u);
  });

  it('normalises text to NFC', () => {
    const decomposed = 'Thạch Quý'.normalize('NFD');
    const layer = parseYamlText('n.yaml', encode(`dia_danh: ${decomposed}\n`));
    expect(layer.value.dia_danh).toBe('Thạch Quý'.normalize('NFC'));
  });

  it('keeps tab, line break and plain ASCII text as written, and a lone surrogate escape is removed', () => {
    const layer = parseYamlText('t.yaml', encode('a: "x\\ty\\nz"\nb: "m\\ud800n"\n'));
    expect(layer.value).toEqual({ a: 'x\ty\nz', b: 'mn' });
    expect(layer.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['control-character', 2, 6]]);
  });

});

describe('merge', () => {
  it('merges objects deeply, replaces lists, and remembers which file set each value', () => {
    const base = parseYamlText('mac-dinh.yaml', encode('luu: [VT]\nnguoi_ky:\n  chuc_vu: CHỦ TỊCH\n  ho_ten: A\n'));
    const unit = parseYamlText('don-vi.yaml', encode('luu: [VT, VP]\nnguoi_ky:\n  ho_ten: B\n'));
    const merged = mergeLayers([base, unit]);
    expect(merged.value).toEqual({ luu: ['VT', 'VP'], nguoi_ky: { chuc_vu: 'CHỦ TỊCH', ho_ten: 'B' } });
    expect(placeOf(merged, ['nguoi_ky', 'chuc_vu'], 'x')).toMatchObject({ file: 'mac-dinh.yaml', line: 3 });
    expect(placeOf(merged, ['nguoi_ky', 'ho_ten'], 'x')).toMatchObject({ file: 'don-vi.yaml', line: 3 });
    expect(placeOf(merged, ['luu', 1], 'x')).toMatchObject({ file: 'don-vi.yaml', line: 1 });
  });
});

describe('find documents', () => {
  it('finds period files and their layers, most general first', async () => {
    const root = await validTree();
    const { documents } = await findDocuments([path.join(root, 'data')]);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.unitPath).toBe('tinh-mau/phuong-mau');
    expect(documents[0]!.period).toBe('2024-q3');
    expect(documents[0]!.layers.map((l) => path.basename(l))).toEqual(['mac-dinh.yaml', 'don-vi.yaml', '2024-q3.yaml']);
  });
});

describe('validate', () => {
  it('accepts the valid tree', async () => {
    expect(await diagnosticsFor({})).toEqual([]);
  });

  it('reports an unknown key at its line with a suggestion', async () => {
    const broken = PERIOD_DOCUMENT.replace('  - tieu_de: Phương hướng', '  - tieu_dee: Phương hướng');
    const [d] = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': broken });
    expect(d).toMatchObject({ ruleId: 'unknown-key', file: 'data/tinh-mau/phuong-mau/2024-q3.yaml', line: 13, column: 5 });
    expect(d!.message).toContain('Có phải ý bạn là "tieu_de"?');
  });

  it('points a missing profile field at don-vi.yaml', async () => {
    const profile = UNIT_PROFILE.replace('  ho_ten: Nguyễn Văn An\n', '');
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/don-vi.yaml': profile });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'missing-field', file: 'data/tinh-mau/phuong-mau/don-vi.yaml', line: 9, column: 1 })]);
    expect(diagnostics[0]!.message).toContain('nguoi_ky.ho_ten');
  });

  it('reports wrong types, impossible dates, malformed numbers and empty sections together', async () => {
    const broken = PERIOD_DOCUMENT.replace('so: 7', 'so: 70/BC-UBND')
      .replace('"2024-09-05"', '"2024-02-31"')
      .replace('  - tieu_de: Phương hướng\n    doan:\n      - "Tiếp tục **đẩy mạnh** *chuyển đổi số*."\n', '  - {}\n');
    const rules = (await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': broken })).map((d) => `${d.ruleId}@${d.line}`).sort();
    expect(rules).toEqual(['empty-section@13', 'invalid-date@2', 'invalid-number@1']);
    const wrongType = PERIOD_DOCUMENT.replace('tiep_nhan: 1067', 'tiep_nhan: "nhiều"');
    const [d] = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': wrongType });
    expect(d).toMatchObject({ ruleId: 'wrong-type', line: 20 });
  });

  it('checks that statistics add up and that typed percentages match', async () => {
    const broken = PERIOD_DOCUMENT.replace('qua_han: 0', 'qua_han: 2')
      .replace('da_giai_quyet: 1050, dung_han: 1015', 'da_giai_quyet: 1100, dung_han: 1065')
      .replace('Tiếp tục **đẩy mạnh**', 'Đạt 239/266, tỷ lệ 89,84% và **đẩy mạnh**');
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': broken });
    const byRule = Object.fromEntries(diagnostics.map((d) => [d.ruleId, d]));
    expect(Object.keys(byRule).sort()).toEqual(['percent-mismatch', 'stats-order', 'stats-sum']);
    expect(byRule['stats-sum']).toMatchObject({ expected: '12', actual: '10', line: 19 });
    expect(byRule['percent-mismatch']).toMatchObject({ expected: '89,85%', line: 15 });
    expect(byRule['stats-order']!.line).toBe(20);
  });

  it('checks typed percentages with glued units, English grouping and the precision typed, not targets', async () => {
    const sentences = [
      'Thu 81.889.689.373đ/87.400.000.000đ, đạt 93%.',
      'Giải quyết 752/1.049 hồ sơ (chỉ tiêu thành phố giao 50 %).',
      'Giải quyết 752/1,049 hồ sơ, đạt 71,69%.',
      'Giải quyết 752/1.049 hồ sơ, đạt 71.6 %.',
    ];
    const broken = PERIOD_DOCUMENT.replace('ket_thuc:\n', `ket_thuc:\n${sentences.map((t) => `  - "${t}"`).join('\n')}\n`);
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': broken });
    const lines = broken.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    expect(diagnostics.map(({ ruleId, line, column, expected, actual }) => ({ ruleId, line, column, expected, actual }))).toEqual([
      { ruleId: 'percent-mismatch', line: lineOf(sentences[0]!), column: 5 + sentences[0]!.indexOf('93%') + 1, expected: '94%', actual: '93%' },
      { ruleId: 'percent-mismatch', line: lineOf(sentences[3]!), column: 5 + sentences[3]!.indexOf('71.6') + 1, expected: '71,7%', actual: '71.6 %' },
    ]);
  });

  it('checks a paragraph of 120,000 typed percentages in linear time', async () => {
    const long = PERIOD_DOCUMENT.replace('ket_thuc:\n', `ket_thuc:\n  - "${'1/2 50% '.repeat(120_000)}và 1/4 30%."\n`);
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': long });
    expect(diagnostics.map((d) => [d.ruleId, d.column, d.expected])).toEqual([['percent-mismatch', 6 + 120_000 * 8 + 'và 1/4 '.length, '25%']]);
  }, 60_000);

  it('still checks statistics when another part of the document breaks the schema', async () => {
    const broken = PERIOD_DOCUMENT.replace('qua_han: 0', 'qua_han: 2').replace('ket_thuc:', 'ket_thuch:');
    const rules = (await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': broken })).map((d) => d.ruleId).sort();
    expect(rules).toEqual(['stats-sum', 'unknown-key']);
  });

  it('reports expressions naming a missing figure at the expression', async () => {
    const broken = PERIOD_DOCUMENT.replace('{{ho_so.tiep_nhan}}', '{{ho_so.tiep_nhn}}');
    const [d] = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': broken });
    expect(d).toMatchObject({ ruleId: 'unknown-figure', line: 8, column: 26 });
  });

  it('rejects a period file name it does not know', async () => {
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-quy3.yaml': PERIOD_DOCUMENT }, 'data/tinh-mau/phuong-mau/2024-quy3.yaml');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['unknown-period']);
  });
});

describe('compute', () => {
  it('builds the model: header, numbering, footnotes, computed figures, recipients', async () => {
    const root = await validTree();
    const { documents } = await findDocuments([path.join(root, 'data')]);
    const { model, diagnostics } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(diagnostics).toEqual([]);
    expect(model!.header).toEqual({
      parentAgency: 'UBND THÀNH PHỐ HÀ TĨNH',
      agencyLines: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG MẪU'],
      numberLine: 'Số: 07/BC-UBND',
      placeDate: 'Mẫu, ngày 05 tháng 9 năm 2024',
    });
    expect(model!.title.summary).toBe('Kết quả thực hiện công tác cải cách hành chính quý III năm 2024');
    const text = (i: number) => model!.body[i]!.inlines.map((r) => ('text' in r ? r.text : `[^${r.footnote}]`)).join('');
    expect(model!.body.map((b) => `${b.style}:${b.label}`)).toEqual([
      'heading1:I.', 'heading2:1.', 'body:', 'bullet:-', 'body:2.', 'heading1:II.', 'body:', 'body:',
    ]);
    expect(text(0)).toBe('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH');
    expect(text(2)).toBe('Tiếp nhận 1.067 hồ sơ, đúng hạn đạt 96,67%[^1].');
    expect(text(3)).toBe('Trước hạn: 03 nhiệm vụ;');
    expect(text(7)).toBe('Trên đây là báo cáo của UBND phường Mẫu./.');
    expect(model!.footnotes.map((f) => f.inlines.map((r) => r.text).join(''))).toEqual([
      'Chi tiết: 1.015 hồ sơ đúng hạn.',
      'Chú thích thứ hai.',
    ]);
    expect(model!.addressees).toEqual({ sameLine: true, lines: ['UBND thành phố Hà Tĩnh'] });
    expect(model!.recipients).toEqual(['- Như trên;', '- Chủ tịch, các PCT UBND phường;', '- Lưu: VT, VP.']);
    expect(model!.signature).toEqual({ authority: ['TM. ỦY BAN NHÂN DÂN'], position: 'CHỦ TỊCH', name: 'Nguyễn Văn An' });
  });
});

describe('document types', () => {
  it('gives a plan no Kính gửi and no "Như trên", even when the unit has a default addressee', async () => {
    const root = await validTree({ 'data/tinh-mau/phuong-mau/2024-ke-hoach.yaml': PERIOD_DOCUMENT });
    const { documents } = await findDocuments([path.join(root, 'data/tinh-mau/phuong-mau/2024-ke-hoach.yaml')]);
    const { model } = await prepareDocument(documents[0]!, shippedTemplates());
    expect(model!.title.typeName).toBe('KẾ HOẠCH');
    expect(model!.title.summary).toBe('Cải cách hành chính phường Mẫu năm 2024');
    expect(model!.addressees).toBeUndefined();
    expect(model!.recipients[0]).toBe('- Chủ tịch, các PCT UBND phường;');
  });

  it('refuses "ban hành kèm theo" on a report', async () => {
    const withDecision = `${PERIOD_DOCUMENT}ban_hanh_kem_theo: { so: 19/QĐ-UBND, ngay: "2024-01-24" }\n`;
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': withDecision });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'invalid-value', line: 21, column: 1 })]);
  });
});

describe('an unexpected exception while preparing a document', () => {
  it('is an internal-error on that document, and the other documents are prepared', async () => {
    const root = await validTree({
      'data/tinh-mau/phuong-khac/don-vi.yaml': UNIT_PROFILE,
      'data/tinh-mau/phuong-khac/2024-q3.yaml': PERIOD_DOCUMENT,
    });
    const { documents } = await findDocuments([path.join(root, 'data')]);
    expect(documents).toHaveLength(2);
    class FailingCache extends LayerCache {
      override load(file: string) {
        if (file.includes('phuong-khac')) return Promise.reject(new Error('đĩa hỏng'));
        return super.load(file);
      }
    }
    const cache = new FailingCache();
    const prepared = await Promise.all(documents.map((d) => prepareDocument(d, shippedTemplates(), cache)));
    const failed = prepared.find((p) => p.source.file.includes('phuong-khac'))!;
    expect(failed.model).toBeUndefined();
    expect(failed.diagnostics).toEqual([
      expect.objectContaining({ file: failed.source.file, ruleId: 'internal-error', severity: 'error', message: expect.stringContaining('đĩa hỏng') }),
    ]);
    const other = prepared.find((p) => p.source.file.includes('phuong-mau'))!;
    expect(other.model).toBeDefined();
    expect(other.diagnostics).toEqual([]);
  });
});

describe('non-finite numbers in so_lieu', () => {
  it('say that the number is too large or not a number, in Vietnamese', async () => {
    const document = PERIOD_DOCUMENT.replace('so_lieu:\n', 'so_lieu:\n  khac: { lon: .inf, rong: .nan }\n');
    const diagnostics = await diagnosticsFor({ 'data/tinh-mau/phuong-mau/2024-q3.yaml': document });
    const messages = diagnostics.filter((d) => d.ruleId === 'wrong-type').map((d) => d.message);
    expect(messages).toEqual([
      '"so_lieu.khac.lon" phải là một số hữu hạn, nhưng đang là một số quá lớn (vô cực, .inf hoặc quá nhiều chữ số).',
      '"so_lieu.khac.rong" phải là một số hữu hạn, nhưng đang là .nan (không phải số).',
    ]);
    expect(messages.join(' ')).not.toContain('Infinity');
  });
});
