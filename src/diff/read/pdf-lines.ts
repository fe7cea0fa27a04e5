/**
 * The text of a PDF as positioned lines, with pdfjs-dist (Mozilla's PDF.js, the reader Firefox
 * uses; the legacy build runs in Node without a worker thread): per page, items on one baseline
 * become a line, split into chunks where a wide gap separates two columns (the header and the
 * Nơi nhận / signature tables); a small raised item right after text is a footnote marker.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfChunk {
  page: number;
  /** Baseline, from the bottom of the page, in points. */
  y: number;
  x: number;
  end: number;
  size: number;
  bold: boolean;
  /** Text, with footnote markers as `\u0000<n>\u0000`. */
  text: string;
}

export class PdfProblem extends Error {
  constructor(
    readonly reason: 'encrypted' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

export const FOOTNOTE_MARK = /\u0000(\d+)\u0000/g;

export async function pdfChunks(bytes: Uint8Array): Promise<{ chunks: PdfChunk[]; pageHeight: number }> {
  let doc: PDFDocumentProxy;
  // Loaded here: pdf.js (and the native canvas it pulls in) only when a PDF is read.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: true }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfProblem('encrypted', 'có mật khẩu');
    throw new PdfProblem('corrupt', (error as Error).message ?? String(error));
  }
  try {
    const chunks: PdfChunk[] = [];
    let pageHeight = 842;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      pageHeight = page.view[3] ?? pageHeight;
      const content = await page.getTextContent();
      // Font names ("Tinos-Bold") are known once the page's operators have been read.
      await page.getOperatorList();
      const boldFont = new Map<string, boolean>();
      const isBold = (font: string) => {
        let b = boldFont.get(font);
        if (b === undefined) {
          try {
            b = /bold|black|heavy/i.test(String((page.commonObjs.get(font) as { name?: string }).name ?? ''));
          } catch {
            b = false;
          }
          boldFont.set(font, b);
        }
        return b;
      };
      let current: PdfChunk | undefined;
      for (const raw of content.items) {
        const item = raw as TextItem;
        if (typeof item.str !== 'string' || item.str === '') continue;
        if (item.str.trim() === '') {
          // A space item can span a column gap: it separates words, it does not join columns.
          if (current && !current.text.endsWith(' ')) current.text += ' ';
          continue;
        }
        const size = Math.abs(item.transform[0] ?? 0) || Math.abs(item.transform[3] ?? 0);
        const x = item.transform[4] ?? 0;
        const y = item.transform[5] ?? 0;
        if (current && size < current.size * 0.8 && y > current.y + 1 && y - current.y < current.size && /^\d+$/.test(item.str.trim()) && x - current.end < size) {
          current.text += `\u0000${item.str.trim()}\u0000`;
          current.end = x + item.width;
          continue;
        }
        const sameLine = current && Math.abs(current.y - y) <= 2 && x - current.end < Math.max(size, current.size) * 3 && x >= current.x;
        if (!sameLine) {
          current = { page: p, y, x, end: x + item.width, size, bold: isBold(item.fontName), text: '' };
          chunks.push(current);
        } else if (x - current!.end > size * 0.15 && !current!.text.endsWith(' ') && !item.str.startsWith(' ')) {
          current!.text += ' ';
        }
        current!.text += item.str;
        current!.end = Math.max(current!.end, x + item.width);
        current!.size = Math.max(current!.size, size);
      }
      page.cleanup();
    }
    return { chunks, pageHeight };
  } finally {
    await doc.destroy();
  }
}
