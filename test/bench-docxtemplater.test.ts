/**
 * The DOCX baselines of `npm run bench` (scripts/bench-docxtemplater.mjs) fill THE SAME report as
 * baocao: the Thạch Quý sample's footnotes word for word at the same places, and every paragraph
 * of its body — so `docxtemplater=` and `floor=` measure the work baocao does, not a smaller one.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

interface Baselines {
  peerTemplate(): Buffer;
  fillPeer(template: Buffer, data: unknown): Buffer;
  peerData(report: unknown): unknown;
  floorDocx(parts: unknown, report: unknown): Buffer;
  floorParts(): unknown;
}
const { peerTemplate, fillPeer, peerData, floorDocx, floorParts } = (await import(path.join(ROOT, 'scripts', 'bench-docxtemplater.mjs'))) as Baselines;
const { reportData } = (await import(path.join(ROOT, 'scripts', 'data-of-report.mjs'))) as { reportData(report: string, unit: string): unknown };

const UNIT = path.join(ROOT, 'data', 'ha-tinh', 'phuong-thach-quy');
const part = (docx: Uint8Array, name: string) => new PizZip(docx).file(name)?.asText() ?? '';
const text = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/\s+/g, ' ').trim();
/** The real footnotes (not the separators): [id, text] in file order. */
const footnotes = (docx: Uint8Array) =>
  [...part(docx, 'word/footnotes.xml').matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)].map((m) => [Number(m[1]), text(m[2] ?? '')]);
const references = (docx: Uint8Array) => [...part(docx, 'word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
/** Each paragraph's text, its footnote references marked, so a marker in the wrong place shows. */
const paragraphs = (docx: Uint8Array) =>
  [...part(docx, 'word/document.xml').replace(/<w:footnoteReference w:id="\d+"\/>/g, '<w:t>[*]</w:t>').matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => text(m[0]))
    .filter(Boolean);

const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-dt-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the DOCX baselines of the bench', async () => {
  const result = await runCli(['render', path.join(UNIT, '2024-q3.yaml'), '--format', 'docx', '--out', scratch]);
  const baocao = await readFile(path.join(scratch, 'ha-tinh', 'phuong-thach-quy', '2024-q3.docx'));
  const report = reportData(await readFile(path.join(UNIT, '2024-q3.yaml'), 'utf8'), await readFile(path.join(UNIT, 'don-vi.yaml'), 'utf8'));
  const made = { docxtemplater: fillPeer(peerTemplate(), peerData(report)), floor: floorDocx(floorParts(), report) };

  it('baocao renders the sample', () => {
    expect(result.code).toBe(0);
    expect(footnotes(baocao)).toHaveLength(12);
  });

  for (const [name, docx] of Object.entries(made)) {
    it(`${name}: the same 12 footnotes, real ones, referenced in order`, () => {
      const notes = footnotes(docx);
      expect(notes.map(([id]) => id)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      expect(references(docx)).toEqual(notes.map(([id]) => id));
      expect(notes.map(([, t]) => t)).toEqual(footnotes(baocao).map(([, t]) => t));
    });

    it(`${name}: every paragraph of the body, as baocao prints it, footnote markers in place`, () => {
      const ours = new Set(paragraphs(baocao));
      const body = paragraphs(docx).filter((p) => p.length > 40);
      expect(body.length).toBeGreaterThan(40);
      expect(body.filter((p) => !ours.has(p))).toEqual([]);
    });
  }
});
