/** The real office tools the tests use: LibreOffice, pandoc, poppler. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const exec = promisify(execFile);

/** Converts DOCX files to PDF with LibreOffice headless, in one call, with a private profile. */
export async function libreOfficeToPdf(files: string[], outDir: string): Promise<void> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'baocao-lo-'));
  await exec(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...files],
    { timeout: 180_000 },
  );
}

export async function pdfText(file: string, args: string[] = []): Promise<string> {
  const { stdout } = await exec('pdftotext', [...args, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function pandoc(file: string, to: string): Promise<string> {
  const { stdout } = await exec('pandoc', ['--wrap=none', '-t', to, file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
