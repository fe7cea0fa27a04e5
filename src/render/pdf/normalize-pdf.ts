/**
 * Makes Chromium's PDF reproducible: the same model gives the same bytes. Chromium stamps the
 * print time (CreationDate, ModDate) and its own Creator/Producer into the Info dictionary and
 * writes no /ID. We set the metadata from the report and an /ID from a hash of the content.
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDocument, PDFHexString } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  /** Creation and modification date. */
  date: Date;
}

/**
 * The date a PDF carries: `sourceDateEpoch` (seconds since 1970, the SOURCE_DATE_EPOCH
 * reproducible-builds convention, read and checked by the CLI) when given, else the report's issue
 * date (YYYY-MM-DD, at 00:00 UTC). Never the clock.
 */
export function documentDate(issueDate: string, sourceDateEpoch?: number): Date {
  if (sourceDateEpoch !== undefined) return new Date(sourceDateEpoch * 1000);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issueDate);
  if (!match) return new Date(0);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Chromium's time stamps, masked before hashing so the /ID depends on the content only. */
const volatile = /\/(CreationDate|ModDate) \([^)]*\)/g;

function contentId(bytes: Uint8Array, meta: PdfMetadata): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return createHash('sha256')
    .update(text.replace(volatile, '/$1 ()'), 'latin1')
    .update(`\0${meta.title}\0${meta.date.toISOString()}`, 'utf8')
    .digest('hex')
    .slice(0, 32);
}

export async function normalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  // No yielding to the event loop every few objects: the PDF is small and the work is CPU only.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(meta.title);
  doc.setCreator('baocao');
  doc.setProducer('baocao');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  const id = PDFHexString.of(contentId(bytes, meta));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: Infinity,
  });
}
