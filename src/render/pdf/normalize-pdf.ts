/**
 * Makes Chromium's PDF reproducible: the same model gives the same bytes. Chromium stamps the
 * print time (CreationDate, ModDate) and its own Creator/Producer into the Info dictionary and
 * writes no /ID. We set the metadata from the report, write the file, and set its /ID to a hash of
 * that written file (with the /ID blank): the /ID depends only on what the PDF holds, never on
 * Chromium's raw bytes, which can differ between runs (under load) where the written file does not.
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

/** The /ID written first, then overwritten in place by the hash (same length: no offset moves). */
const blankId = '0'.repeat(32);

/**
 * Sets both trailer /ID strings of `pdf` (written with `blankId`) to the first 128 bits of the
 * SHA-256 of `pdf` itself, in place.
 */
function setContentId(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const blank = `<${blankId}>`;
  const trailer = text.lastIndexOf('trailer');
  const second = text.lastIndexOf(blank);
  const first = text.lastIndexOf(blank, second - 1);
  if (trailer < 0 || first < trailer) throw new Error('normalizePdf: no blank /ID in the trailer');
  const id = Buffer.from(createHash('sha256').update(pdf).digest('hex').slice(0, 32), 'latin1');
  for (const at of [first, second]) pdf.set(id, at + 1);
  return pdf;
}

export async function normalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  // No yielding to the event loop every few objects: the PDF is small and the work is CPU only.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(meta.title);
  doc.setCreator('baocao');
  doc.setProducer('baocao');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  const blank = PDFHexString.of(blankId);
  doc.context.trailerInfo.ID = doc.context.obj([blank, blank]);
  const written = await doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: Infinity,
  });
  return setContentId(written);
}
