/**
 * Bad input to `baocao diff`: each case a clear Vietnamese message naming the file and a rule id,
 * exit 2, nothing written.
 */
import { deflateRawSync } from 'node:zlib';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, ROOT } from './helpers/cli.js';
import { SAMPLE, writeEditedTree } from './helpers/diff-sample.js';

let dir: string;
const sample = path.join(ROOT, 'data', `${SAMPLE}.yaml`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-diff-bad-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A ZIP by hand: one stored-as-deflate entry whose header may lie about its size. */
function zipWith(name: string, data: Buffer, declaredSize = data.length): Buffer {
  const compressed = deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // crc (not checked before inflating)
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const body = Buffer.concat([local, nameBytes, compressed]);
  const cd = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, cd, end]);
}

/** A minimal PDF whose trailer names a Standard security handler with an unknown password. */
function encryptedPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'12'.repeat(16)}> <${'12'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function expectTrouble(args: string[], file: string, ruleId: string, words: string): Promise<void> {
  const html = path.join(dir, `never-${ruleId}.html`);
  const run = await runCli(['diff', ...args, '--html', html]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(file);
  expect(run.stderr).toContain(`[${ruleId}]`);
  expect(run.stderr).toContain(words);
  await expect(readFile(html)).rejects.toThrow();
}

describe('baocao diff refuses bad input', () => {
  it('a file that is not a document', async () => {
    const file = path.join(dir, 'ghi-chu.txt');
    await writeFile(file, 'chỉ là ghi chú');
    await expectTrouble([sample, file], file, 'not-a-document', 'không phải văn bản Word (.docx), PDF hay tệp dữ liệu');
  });

  it('a corrupt zip with a .docx name', async () => {
    const file = path.join(dir, 'hong.docx');
    await writeFile(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    await expectTrouble([sample, file], file, 'corrupt-document', 'Tệp ZIP bị hỏng');
  });

  it('a .docx that is not a zip at all', async () => {
    const file = path.join(dir, 'gia.docx');
    await writeFile(file, 'không phải zip');
    await expectTrouble([file, sample], file, 'corrupt-document', 'không phải tệp Word hợp lệ');
  });

  it('a zip bomb: the inflater stops at the cap, whatever the entry declares', async () => {
    const file = path.join(dir, 'bom.docx');
    // 200 MB of zeros compress to ~200 KB; the header claims 1 KB.
    await writeFile(file, zipWith('word/document.xml', Buffer.alloc(200 * 1024 * 1024), 1024));
    await expectTrouble([sample, file], file, 'unpacked-too-large', 'giải nén ra quá lớn');
  });

  it('a zip that is not a Word document', async () => {
    const zip = new PizZip();
    zip.file('hello.txt', 'xin chào');
    const file = path.join(dir, 'khac.docx');
    await writeFile(file, zip.generate({ type: 'nodebuffer' }));
    await expectTrouble([sample, file], file, 'not-a-document', 'không có word/document.xml');
  });

  it('an encrypted PDF', async () => {
    const file = path.join(dir, 'mat-khau.pdf');
    await writeFile(file, encryptedPdf());
    await expectTrouble([file, sample], file, 'pdf-encrypted', 'có mật khẩu');
  });

  it('a folder against a file', async () => {
    const folder = path.join(dir, 'thu-muc');
    await mkdir(folder, { recursive: true });
    await expectTrouble([folder, sample], folder, 'diff-mismatch', 'Không so sánh được một thư mục với một tệp');
  });

  it('a report against a plan', async () => {
    const plan = path.join(ROOT, 'data', 'hai-phong', 'phuong-phu-lien', '2024-ke-hoach.yaml');
    await expectTrouble([sample, plan], plan, 'diff-mismatch', 'Hai văn bản khác loại');
  });

  it('a missing file, and a period file with a YAML error', async () => {
    const missing = path.join(dir, 'khong-co.docx');
    await expectTrouble([sample, missing], missing, 'file-unreadable', 'Không đọc được');
    const broken = await writeEditedTree(path.join(dir, 'loi'), (text) => text.replace('so: 84', 'so: [84'));
    await expectTrouble([sample, broken], broken, 'yaml-syntax', '  lỗi  ');
  });

  it('a bad SOURCE_DATE_EPOCH is a usage error', async () => {
    const run = await runCli(['diff', sample, sample], { env: { SOURCE_DATE_EPOCH: 'hôm qua' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[usage]');
  });
});
