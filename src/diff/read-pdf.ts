/** placeholder, replaced below */
import type { ComparableDocument } from './document.js';
export class PdfProblem extends Error {
  constructor(readonly reason: 'encrypted' | 'corrupt', message: string) {
    super(message);
  }
}
export async function readPdf(_bytes: Uint8Array, file: string): Promise<ComparableDocument> {
  throw new PdfProblem('corrupt', file);
}
