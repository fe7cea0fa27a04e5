/**
 * A Word package read without trusting it, through the diff's SafeZip (each part inflated with a
 * hard output cap, so a zip bomb stops at the cap), with import's own limits. An encrypted Word file is an OLE compound
 * file, not a zip: recognised by its signature and refused with its own message.
 */
import { SafeZip, ZipProblem } from '../diff/read/read-zip.js';

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

export class WordPackage {
  private readonly zip: SafeZip;

  constructor(bytes: Uint8Array) {
    if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
      throw new PackageProblem(
        'encrypted',
        'tệp là tệp Word được mã hóa (đặt mật khẩu) hoặc tệp .doc cũ: mở bằng Word, bỏ mật khẩu (hoặc lưu thành .docx) rồi nhập lại',
      );
    }
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new PackageProblem('not-word', 'tệp không phải tệp Word .docx (không phải gói ZIP)');
    try {
      this.zip = new SafeZip(bytes, { part: MAX_PART_BYTES, package: MAX_PACKAGE_BYTES });
    } catch (error) {
      throw new PackageProblem('corrupt', `gói ZIP bị hỏng: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!this.has('word/document.xml')) throw new PackageProblem('not-word', 'gói ZIP không có word/document.xml: không phải tệp Word');
  }

  has(name: string): boolean {
    return this.zip.has(name);
  }

  names(): string[] {
    return this.zip.names();
  }

  /** The part as UTF-8 text, or undefined when the package has no such part. */
  text(name: string): string | undefined {
    try {
      return this.zip.text(name);
    } catch (error) {
      if (!(error instanceof ZipProblem)) throw error;
      if (error.reason === 'too-large') throw new PackageProblem('too-large', `phần ${name} giải nén ra quá ${MAX_PART_BYTES} byte (nghi là "bom nén")`);
      throw new PackageProblem('corrupt', `phần ${name} bị hỏng: ${error.message}`);
    }
  }
}
