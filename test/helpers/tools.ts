/** The real office tools the tests use: LibreOffice, pandoc, poppler. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { libreOfficeJobs } from './libreoffice-macro.js';

export const exec = promisify(execFile);

/** Converts DOCX files to PDF (`<outDir>/<name>.pdf`) with the test process's LibreOffice (./libreoffice-macro.ts), in one job list. */
export async function libreOfficeToPdf(files: string[], outDir: string): Promise<void> {
  await libreOfficeJobs(files.map((file) => ({ file, out: path.join(outDir, path.basename(file).replace(/\.docx$/, '.pdf')), filter: 'writer_pdf_Export' })));
}

export async function pdfText(file: string, args: string[] = []): Promise<string> {
  const { stdout } = await exec('pdftotext', [...args, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function pandoc(file: string, to: string): Promise<string> {
  const { stdout } = await exec('pandoc', ['--wrap=none', '-t', to, file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
