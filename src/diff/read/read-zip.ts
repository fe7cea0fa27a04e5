/**
 * Reads parts of a ZIP package (a .docx) without trusting it: the central directory through
 * PizZip (which does not inflate anything by itself), then each wanted entry inflated by zlib
 * with a hard output cap, so a zip bomb stops at the cap whatever sizes it declares.
 */
import { inflateRawSync } from 'node:zlib';
import PizZip from 'pizzip';

/** At most this many bytes are inflated per part, and in total per package. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
export const MAX_PACKAGE_BYTES = 128 * 1024 * 1024;

export class ZipProblem extends Error {
  constructor(
    readonly reason: 'not-zip' | 'too-large' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

interface CompressedData {
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: string;
  getCompressedContent(): Uint8Array | string;
}

/** How much a package may inflate: per part and in total. */
export interface ZipLimits {
  part: number;
  package: number;
}

export class SafeZip {
  private inflated = 0;
  private readonly zip: PizZip;

  constructor(
    bytes: Uint8Array,
    private readonly limits: ZipLimits = { part: MAX_PART_BYTES, package: MAX_PACKAGE_BYTES },
  ) {
    try {
      this.zip = new PizZip(bytes);
    } catch (error) {
      throw new ZipProblem('not-zip', error instanceof Error ? error.message : String(error));
    }
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
    if (!data || typeof data.getCompressedContent !== 'function') throw new ZipProblem('corrupt', `mục ${name} không đọc được`);
    const budget = Math.min(this.limits.part, this.limits.package - this.inflated);
    if (data.uncompressedSize > budget) throw new ZipProblem('too-large', `${name} khai báo ${data.uncompressedSize} byte khi giải nén`);
    const raw = data.getCompressedContent();
    const compressed = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const method = data.compressionMethod.charCodeAt(0) | (data.compressionMethod.charCodeAt(1) << 8);
    let out: Buffer;
    if (method === 0) {
      out = compressed;
      if (out.length > budget) throw new ZipProblem('too-large', `${name} lớn hơn giới hạn`);
    } else if (method === 8) {
      try {
        out = inflateRawSync(compressed, { maxOutputLength: budget + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ZipProblem('too-large', `${name} giải nén ra hơn ${budget} byte`);
        }
        throw new ZipProblem('corrupt', `${name}: ${(error as Error).message}`);
      }
      if (out.length > budget) throw new ZipProblem('too-large', `${name} giải nén ra hơn ${budget} byte`);
    } else {
      throw new ZipProblem('corrupt', `${name} dùng kiểu nén không hỗ trợ (${method})`);
    }
    this.inflated += out.length;
    return out.toString('utf8');
  }
}
