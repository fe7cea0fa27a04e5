/**
 * normalizePdf: the same document gives the same bytes, /ID included, whatever Chromium's raw
 * output looked like (its Creator/Producer, time stamps and layout of the file vary between runs).
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { normalizePdf } from '../src/render/pdf/normalize-pdf.js';
import { openPdf } from './helpers/pdf-tools.js';

const meta = { title: 'Báo cáo quý III', date: new Date(Date.UTC(2024, 8, 5)) };

/**
 * A one-page PDF as a printer might write it (ASCII text: the standard fonts have no Vietnamese);
 * `stamp` and `objectStreams` are what varies between runs.
 */
async function raw(text: string, stamp: { producer: string; at: Date }, objectStreams = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595, 842]).drawText(text, { x: 85, y: 780, size: 14, font });
  doc.setProducer(stamp.producer);
  doc.setCreator('Chromium');
  doc.setCreationDate(stamp.at);
  doc.setModificationDate(stamp.at);
  return doc.save({ useObjectStreams: objectStreams });
}

const trailerId = (pdf: Uint8Array): string | undefined =>
  /\/ID \[ ?<([0-9A-Fa-f]{32})> ?<([0-9A-Fa-f]{32})> ?\]/.exec(Buffer.from(pdf).toString('latin1'))?.[1];

describe('normalizePdf', () => {
  it('gives the same bytes and /ID when only the raw output differs, and another /ID for other content', async () => {
    const runs = [
      await raw('Ket qua cai cach hanh chinh', { producer: 'Skia/PDF m120', at: new Date('2026-12-01T22:00:00Z') }),
      await raw('Ket qua cai cach hanh chinh', { producer: 'Skia/PDF m120 (busy)', at: new Date('2026-12-01T22:00:07Z') }),
      await raw('Ket qua cai cach hanh chinh', { producer: 'Skia/PDF m120', at: new Date('2026-12-01T22:00:00Z') }, true),
    ];
    expect(new Set(runs.map((r) => Buffer.from(r).toString('base64'))).size).toBe(3);
    const [first, ...others] = await Promise.all(runs.map((r) => normalizePdf(r, meta)));
    const id = trailerId(first as Uint8Array);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toBe('0'.repeat(32));
    for (const again of others) {
      expect(trailerId(again)).toBe(id);
      expect(Buffer.compare(Buffer.from(again), Buffer.from(first as Uint8Array))).toBe(0);
    }

    const other = await normalizePdf(await raw('Ket qua khac', { producer: 'Skia/PDF m120', at: new Date(0) }), meta);
    expect(trailerId(other)).not.toBe(id);
    const retitled = await normalizePdf(runs[0] as Uint8Array, { ...meta, title: 'Kế hoạch' });
    expect(trailerId(retitled)).not.toBe(id);
  });

  it('writes the /ID in place: the cross-reference table still points at every object', async () => {
    const pdf = await normalizePdf(await raw('Ket qua', { producer: 'x', at: new Date(0) }), meta);
    const text = Buffer.from(pdf).toString('latin1');
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = Array.from(text.slice(startxref).matchAll(/^(\d{10}) 00000 n/gm), (m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(3);
    for (const [i, offset] of offsets.entries()) expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`));
    const file = openPdf(pdf);
    try {
      expect(file.pages).toBe(1);
      expect(file.info['Title']).toBe(meta.title);
    } finally {
      file.dispose();
    }
  });
});
