/**
 * The old formats an office's archive holds (.doc, .odt, .rtf) as DOCX bytes, converted by
 * LibreOffice — every file of one `nhap` run in one start of it, in a private folder with a fresh
 * profile. A start costs seconds of CPU and a conversion a fraction of one, so a folder of thirty
 * old reports waits for LibreOffice once, not thirty times.
 *
 * Each file is copied in under a name of its own (its index): LibreOffice names each output after
 * its input, so a.doc and a.odt, or one name in two folders, would otherwise be written to one
 * a.docx. A file LibreOffice cannot read gets no output and its own problem; the others are
 * converted. When LibreOffice itself fails (not installed, killed at its time limit, crashed), no
 * output of that start is trusted: each file gets the failure.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The extensions LibreOffice converts for `nhap`; .docx and .docm are read as they are. */
export const OLD_WORD_EXTENSIONS: readonly string[] = ['.doc', '.odt', '.rtf'];

/** How long one start may take: a start and a first file, then this much more per further file. */
const FIRST_FILE_MS = 120_000;
const FURTHER_FILE_MS = 30_000;

/** Why a file could not be converted, in Vietnamese, with what to do instead. */
export class ConvertProblem extends Error {}

/** A converted file's bytes, or why there are none (a ConvertProblem; another Error: it could not be read). */
export type Conversion = Uint8Array | Error;

export function isOldWordFormat(file: string): boolean {
  return OLD_WORD_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Each file converted to DOCX, by one start of LibreOffice (`soffice` on the PATH of `env`).
 * Never throws: a file's failure is its entry of the map.
 */
export async function convertOldFormats(files: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<Map<string, Conversion>> {
  const result = new Map<string, Conversion>();
  if (files.length === 0) return result;
  const folder = await mkdtemp(path.join(tmpdir(), 'baocao-nhap-'));
  try {
    const inputs = path.join(folder, 'vao');
    const outputs = path.join(folder, 'ra');
    await mkdir(inputs);
    const copies: { file: string; copy: string }[] = [];
    for (const [index, file] of files.entries()) {
      const copy = path.join(inputs, `${index}${path.extname(file).toLowerCase()}`);
      try {
        await copyFile(file, copy);
        copies.push({ file, copy });
      } catch (error) {
        result.set(file, error as Error);
      }
    }
    if (copies.length === 0) return result;
    const args = ['--headless', '--norestore', `-env:UserInstallation=file://${folder}/profile`, '--convert-to', 'docx', '--outdir', outputs, ...copies.map((c) => c.copy)];
    const timeout = FIRST_FILE_MS + FURTHER_FILE_MS * (copies.length - 1);
    let failure: ((file: string) => ConvertProblem) | undefined;
    try {
      await run('soffice', args, { timeout, ...(env ? { env: definedOnly(env) } : {}) });
    } catch (error) {
      failure =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? (file) => new ConvertProblem(`Tệp ${path.extname(file).toLowerCase()} cần LibreOffice để chuyển sang .docx nhưng máy chưa cài (lệnh soffice). Cài LibreOffice, hoặc mở tệp bằng Word và "Lưu thành" .docx rồi nhập tệp đó.`)
          : () => new ConvertProblem(`LibreOffice không chuyển được tệp sang .docx: ${(error as Error).message.split('\n')[0]}`);
    }
    for (const { file, copy } of copies) {
      if (failure) {
        result.set(file, failure(file));
        continue;
      }
      const converted = path.join(outputs, `${path.basename(copy, path.extname(copy))}.docx`);
      result.set(
        file,
        await readFile(converted).catch(() => new ConvertProblem('LibreOffice không tạo ra tệp .docx (tệp hỏng hoặc có mật khẩu?).')),
      );
    }
    return result;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
