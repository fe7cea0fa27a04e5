/**
 * Reads the parts of a Word package without trusting it: PizZip reads the central directory (it
 * inflates nothing by itself), each wanted part is inflated by zlib with a hard output cap, so a
 * zip bomb stops at the cap whatever sizes it declares. An encrypted Word file is an OLE compound
 * file, not a zip: recognised by its signature and refused with its own message.
 */
import { inflateRawSync } from 'node:zlib';
import PizZip from 'pizzip';

export const MAX_PART_BYTES = 32 * 1024 * 1024;
export const MAX_PACKAGE_BYTES = 96 * 1024 * 1024;

export type PackageProblemKind = 'not-word' | 'encrypted' | 'too-large' | 'corrupt';

export class PackageProblem extends Error {
  constructor(
    readonly kind: PackageProblemKind,
    message: string,
  ) {
    super(message);
  }
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface CompressedData {
  uncompressedSize: number;
  compressionMethod: string;
  getCompressedContent(): Uint8Array | string;
}

export class WordPackage {
  private inflated = 0;
  private readonly zip: PizZip;

  constructor(bytes: Uint8Array) {
    if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
      throw new PackageProblem(
        'encrypted',
        'tệp là tệp Word được mã hóa (đặt mật khẩu) hoặc tệp .doc cũ: mở bằng Word, bỏ mật khẩu (hoặc lưu thành .docx) rồi nhập lại',
      );
    }
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new PackageProblem('not-word', 'tệp không phải tệp Word .docx (không phải gói ZIP)');
    try {
      this.zip = new PizZip(bytes);
    } catch (error) {
      throw new PackageProblem('corrupt', `gói ZIP bị hỏng: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!this.has('word/document.xml')) throw new PackageProblem('not-word', 'gói ZIP không có word/document.xml: không phải tệp Word');
  }

  has(name: string): boolean {
    return this.zip.files[name] !== undefined;
  }

  names(): string[] {
    return Object.keys(this.zip.files);
  }

  /** The part as UTF-8 text, or undefined when the package has no such part. */
  text(name: string): string | undefined {
    const entry = this.zip.files[name] as unknown as { _data?: CompressedData } | undefined;
    if (!entry) return undefined;
    const data = entry._data;
    if (!data || typeof data.getCompressedContent !== 'function') throw new PackageProblem('corrupt', `phần ${name} không đọc được`);
    const budget = Math.min(MAX_PART_BYTES, MAX_PACKAGE_BYTES - this.inflated);
    if (data.uncompressedSize > budget) throw new PackageProblem('too-large', `phần ${name} giải nén ra ${data.uncompressedSize} byte, quá giới hạn`);
    const raw = data.getCompressedContent();
    const compressed = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const method = data.compressionMethod.charCodeAt(0) | (data.compressionMethod.charCodeAt(1) << 8);
    let out: Buffer;
    if (method === 0) out = compressed;
    else if (method === 8) {
      try {
        out = inflateRawSync(compressed, { maxOutputLength: budget + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new PackageProblem('too-large', `phần ${name} giải nén ra hơn ${budget} byte (nghi là "bom nén")`);
        }
        throw new PackageProblem('corrupt', `phần ${name} bị hỏng: ${(error as Error).message}`);
      }
    } else throw new PackageProblem('corrupt', `phần ${name} dùng kiểu nén không hỗ trợ (${method})`);
    if (out.length > budget) throw new PackageProblem('too-large', `phần ${name} giải nén ra hơn ${budget} byte (nghi là "bom nén")`);
    this.inflated += out.length;
    return out.toString('utf8');
  }
}
