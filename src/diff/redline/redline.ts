/**
 * `--docx`: the new document with real Word tracked changes against the old one. The new side's
 * own .docx (or, for a period file, the .docx our renderer makes from it) is rewritten in place:
 * changed paragraphs word by word, added paragraphs inserted, removed ones put back as deleted
 * where they stood, footnotes likewise in word/footnotes.xml; everything else is copied as is.
 * Accepting every change gives the new text, rejecting every change the old one.
 */
import PizZip from 'pizzip';
import { diagnosticAt, DiagnosticError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Pairing } from '../compare/align.js';
import { alignDocuments, flatten } from '../compare/align-documents.js';
import { paraText, ZONES, type ComparableDocument, type Para, type XmlPiece, type Zone } from '../comparable-document.js';
import { parseParagraphs, type OoxmlParagraph } from '../read/ooxml-paragraphs.js';
import { PartSplice } from './part-splice.js';
import { modelToDocx, openDocxTemplates, packageWriter } from '../read/pipeline-adapter.js';
import { readDocx } from '../read/read-docx.js';
import type { Side } from '../read/read-input.js';
import type { Templates } from '../../render/open-templates.js';
import { markerTable, redlineContent, type OldItem, type RedlineContext } from './redline-paragraph.js';
import { footnoteReferenceXml, revisionDate, Revisions, textRunXml } from './revision-xml.js';
import { nextCellParagraph, placeDeletedRow, type RemovedRow } from './deleted-row.js';

export interface RedlineOptions {
  sourceDateEpoch?: number;
  /** The run's opened templates folder (`--templates`), for a YAML side's Word file. */
  templates: Templates;
}

type RedlineResult = { bytes: Uint8Array } | { diagnostics: Diagnostic[] };

async function newDocx(after: Side, options: RedlineOptions): Promise<{ bytes: Uint8Array } | { diagnostics: Diagnostic[] }> {
  if (after.docx) return { bytes: after.docx.bytes };
  if (after.yaml?.model) {
    try {
      const templates = await openDocxTemplates(options.templates);
      return { bytes: await modelToDocx(after.yaml.model, templates, options.sourceDateEpoch) };
    } catch (error) {
      if (error instanceof DiagnosticError) return { diagnostics: error.diagnostics };
      throw error;
    }
  }
  return {
    diagnostics: [
      diagnosticAt(
        { file: after.document.file, line: 0, column: 0 },
        'usage',
        'Tùy chọn --docx cần bản mới là tệp Word (.docx) hoặc tệp dữ liệu (.yaml); không tạo được bản Word từ một tệp PDF.',
      ),
    ],
  };
}

/** The issue date printed in a document's "…, ngày 16 tháng 9 năm 2024" line. */
function printedIssueDate(doc: ComparableDocument): string | undefined {
  const line = doc.paragraphs.find((p) => p.zone === 'dia_danh_ngay');
  const m = line ? /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(paraText(line)) : null;
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
}

export async function buildRedline(before: Side, after: Side, options: RedlineOptions): Promise<RedlineResult> {
  const made = await newDocx(after, options);
  if ('diagnostics' in made) return made;
  const read = readDocx(made.bytes, after.document.file);
  const structured = before.document.structured && read.document.structured;
  const oldDoc = structured ? before.document : flatten(before.document);
  const newDoc = structured ? read.document : flatten(read.document);
  const alignment = alignDocuments(oldDoc, newDoc, true);
  const date = revisionDate(options.sourceDateEpoch, after.document.issueDate ?? printedIssueDate(newDoc));
  const writer = new RedlineWriter(oldDoc, newDoc, read.parts.footnotes, new Revisions(date));
  const documentXml = writer.document(read.parts.document, alignment.zones, alignment.footnotes);
  const footnotesXml = writer.footnotes();
  const zip = new PizZip(made.bytes);
  zip.file('word/document.xml', documentXml);
  if (footnotesXml !== undefined) zip.file('word/footnotes.xml', footnotesXml);
  return { bytes: await regenerate(zip, made.bytes, date) };
}

/** The package written as our renderer writes its own: one fixed instant, the original entry order. */
async function regenerate(zip: PizZip, original: Uint8Array, date: string): Promise<Uint8Array> {
  const writePackage = await packageWriter();
  return writePackage(zip, new Date(date), Object.keys(new PizZip(original).files));
}

class RedlineWriter {
  private readonly markers = markerTable();
  /** Old footnote index → new footnote index, for footnotes on both sides. */
  private readonly newOfOldNote = new Map<number, number>();
  private readonly addedNotes = new Set<number>();
  private readonly changedNotes = new Map<number, number>(); // new → old
  private readonly extraNotes: string[] = [];
  private nextNoteId: number;
  private readonly refStyle: string;
  private cellOf: (index: number) => OoxmlParagraph['cell'] = () => undefined;

  constructor(
    private readonly oldDoc: ComparableDocument,
    private readonly newDoc: ComparableDocument,
    private readonly footnotesXml: string | undefined,
    private readonly revisions: Revisions,
  ) {
    const ids = newDoc.footnotes.map((f) => f.docx?.id ?? 0);
    const allIds = [...(footnotesXml ?? '').matchAll(/<w:footnote\b[^>]*\bw:id="(-?\d+)"/g)].map((m) => Number(m[1]));
    this.nextNoteId = Math.max(1, ...ids, ...allIds) + 1;
    this.refStyle =
      /<w:rStyle w:val="([^"]+)"\/><\/w:rPr><w:footnoteReference/.exec(
        newDoc.paragraphs.flatMap((p) => p.docx?.pieces ?? []).find((x) => x.kind === 'ref')?.xml ?? '',
      )?.[1] ?? 'FootnoteReference';
  }

  private context(): RedlineContext {
    return {
      revisions: this.revisions,
      markers: this.markers,
      newRefKey: (id) => {
        const index = this.newDoc.footnotes.findIndex((f) => f.docx?.id === id);
        return index >= 0 ? `n${index}` : `w${id}`;
      },
      deletedRef: (key) => this.deletedFootnote(key),
    };
  }

  private oldKey(footnote: number): string {
    const n = this.newOfOldNote.get(footnote);
    return n !== undefined ? `n${n}` : `o${footnote}`;
  }

  private oldItems(para: Para): OldItem[] {
    const items: OldItem[] = [];
    if (para.label !== '') items.push({ text: `${para.label} ` });
    for (const inline of para.inlines) {
      if ('text' in inline) items.push({ text: inline.text });
      else items.push({ marker: this.oldKey(inline.footnote), oldFootnote: inline.footnote });
    }
    return items;
  }

  /** The run of a deleted footnote reference: a new footnote holding the old note's text as deleted. */
  private deletedFootnote(key: string): string {
    const oldIndex = key.startsWith('o') ? Number(key.slice(1)) : this.oldIndexOfNew(Number(key.slice(1)));
    const text = oldIndex !== undefined ? (this.oldDoc.footnotes[oldIndex]?.text ?? '') : '';
    // A package without a footnotes part cannot hold the note: its text is kept as deleted words.
    if (this.footnotesXml === undefined) return textRunXml(` [${text}]`, '', true);
    const id = this.nextNoteId++;
    const pPr = this.newDoc.footnotes[0]?.docx?.pPr ?? '<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>';
    const mark = `<w:r><w:rPr><w:rStyle w:val="${this.refStyle}"/></w:rPr><w:footnoteRef/></w:r>`;
    this.extraNotes.push(
      `<w:footnote w:id="${id}"><w:p>${this.revisions.markParagraph(pPr, 'del')}${mark}${this.revisions.del(textRunXml(` ${text}`, '', true))}</w:p></w:footnote>`,
    );
    // The caller wraps the run in its w:del.
    return footnoteReferenceXml(id, this.refStyle);
  }

  private oldIndexOfNew(n: number): number | undefined {
    for (const [o, nn] of this.newOfOldNote) if (nn === n) return o;
    return undefined;
  }

  document(xml: string, zones: Map<Zone, Pairing[]>, footnotes: Pairing[]): string {
    for (const p of footnotes) {
      if (p.op === 'same' || p.op === 'changed' || p.op === 'moved-to') this.newOfOldNote.set(p.old, p.new);
      if (p.op === 'changed') this.changedNotes.set(p.new, p.old);
      if (p.op === 'added') this.addedNotes.add(p.new);
    }
    const parsed = parseParagraphs(xml).paragraphs;
    this.cellOf = (index) => parsed[index]?.cell;
    const splice = new PartSplice(xml, parsed);
    /** XML paragraph index → replacement XML (made when the part is written, so that text boxes inside it are redlined too), and deleted paragraphs to put after (or before) it. */
    const replace = new Map<number, () => string>();
    const after = new Map<number, string[]>();
    const before = new Map<number, string[]>();
    const points = new Map<number, string>();
    const ctx = this.context();
    const rowsAdded = this.addedRows(zones.get('body') ?? []);
    const rowKey = (cell: NonNullable<Para['cell']>) => `${cell.table}\u0000${cell.row}`;
    const rowsKept = new Set(this.newDoc.paragraphs.flatMap((p) => (p.cell && !p.cell.header ? [rowKey(p.cell)] : [])));
    /** Old rows the new document no longer has: their cells, and the new paragraph (of the same table) after or before which they go back. */
    const rowsRemoved = new Map<string, RemovedRow>();
    let lastOfPreviousZones: number | undefined;
    for (const zone of ZONES) {
      const pairings = zones.get(zone) ?? [];
      let previous: number | undefined;
      let previousPara: Para | undefined;
      const orphans: string[] = [];
      /**
       * Deleted cell paragraphs of a row the new document keeps (a removed column's cells): before the
       * next paragraph when it is in the same row (the cell now in the column's place), so that accepting
       * joins them to it and leaves no empty paragraph; otherwise after the one before them.
       */
      const cellsDeleted: { xml: string; cell: NonNullable<Para['cell']>; previous: number | undefined; previousPara: Para | undefined }[] = [];
      const inRow = (para: Para | undefined, cell: NonNullable<Para['cell']>) => para?.cell !== undefined && para.cell.table === cell.table && para.cell.row === cell.row && para.cell.header === cell.header;
      const placeCellsDeleted = (next: Para | undefined, nextIndex: number | undefined) => {
        for (const d of cellsDeleted.splice(0)) {
          // the cell after it in the row, even an empty one (no paragraph of the comparison)
          const following = nextIndex !== undefined && inRow(next, d.cell) ? nextIndex : d.previous !== undefined && inRow(d.previousPara, d.cell) ? nextCellParagraph(parsed, d.previous) : undefined;
          if (following !== undefined) before.set(following, [...(before.get(following) ?? []), d.xml]);
          else if (d.previous !== undefined) after.set(d.previous, [...(after.get(d.previous) ?? []), d.xml]);
          else orphans.push(d.xml);
        }
      };
      for (const p of pairings) {
        // headers and footers read with the text stay as they are in the new document's own parts
        if (('new' in p && this.newDoc.paragraphs[p.new]?.frame) || ('old' in p && this.oldDoc.paragraphs[p.old]?.frame)) continue;
        if (p.op === 'same' || p.op === 'changed' || p.op === 'added' || p.op === 'moved-to') {
          const para = this.newDoc.paragraphs[p.new]!;
          for (const row of rowsRemoved.values()) if (!row.after && !row.before && row.table === para.cell?.table) row.before = para;
          placeCellsDeleted(para, para.docx!.index);
          previousPara = para;
          const source = para.docx!;
          const inserted = p.op === 'added' || p.op === 'moved-to';
          const oldItems = inserted ? [] : this.oldItems(this.oldDoc.paragraphs[p.old]!);
          const kept: NonNullable<Extract<XmlPiece, { kind: 'other' }>['source']>[] = [];
          const move = p.op === 'moved-to' && this.movable(this.oldDoc.paragraphs[p.old]!, para) ? `baocao-chuyen-${p.old}` : undefined;
          const pieces = this.placeholders(this.newPiecesAfterPrefix(para), kept);
          const { xml: written, changed } = move
            ? { xml: this.revisions.moved('moveTo', move, this.plainRuns(pieces)), changed: true }
            : redlineContent(oldItems, pieces, ctx, inserted ? 'inserted' : undefined);
          const content = () => written.replace(/\u0001(\d+)\u0001/g, (_, n: string) => splice.range(kept[Number(n)]!.start, kept[Number(n)]!.end, kept[Number(n)]!.cut));
          if (changed) {
            const original = parsed[source.index]!;
            const open = /^<w:p\b[^>]*>/.exec(xml.slice(original.start, original.start + original.length))?.[0] ?? '<w:p>';
            const pPr = move ? this.revisions.markParagraph(source.pPr, 'moveTo') : inserted ? this.revisions.markParagraph(source.pPr, 'ins') : source.pPr;
            replace.set(source.index, () => `${open}${pPr}${this.prefixXml(para)}${content()}</w:p>`);
          }
          const place = parsed[source.index]?.cell;
          if (inserted && place && rowsAdded.has(`${place.table}:${place.row}`) && !points.has(place.rowMarkAt)) {
            const mark = this.revisions.rowMark('ins');
            points.set(place.rowMarkAt, place.trPr ? mark : `<w:trPr>${mark}</w:trPr>`);
          }
          if (orphans.length > 0) {
            before.set(source.index, [...(before.get(source.index) ?? []), ...orphans.splice(0)]);
          }
          previous = source.index;
        } else {
          const old = this.oldDoc.paragraphs[p.old]!;
          if (p.op === 'removed' && old.cell && !old.cell.header && !rowsKept.has(rowKey(old.cell))) {
            const key = `${old.cell.table}:${old.cell.rowIndex}`;
            let row = rowsRemoved.get(key);
            if (!row) {
              row = { table: old.cell.table, cells: [], after: previousPara?.cell?.table === old.cell.table ? previousPara : undefined, previous };
              rowsRemoved.set(key, row);
            }
            row.cells.push(old);
            continue;
          }
          const target = p.op === 'moved-from' ? this.newDoc.paragraphs[p.new] : undefined;
          const deleted = target && this.movable(old, target) ? this.movedFromParagraph(old, `baocao-chuyen-${p.old}`) : this.deletedParagraph(old, ctx);
          if (old.cell && !target) cellsDeleted.push({ xml: deleted, cell: old.cell, previous, previousPara });
          else if (previous !== undefined) after.set(previous, [...(after.get(previous) ?? []), deleted]);
          else orphans.push(deleted);
        }
      }
      placeCellsDeleted(undefined, undefined);
      if (orphans.length > 0) {
        // A zone with nothing left in the new document: after the zones before it.
        const anchor = lastOfPreviousZones ?? parsed.length - 1;
        after.set(anchor, [...(after.get(anchor) ?? []), ...orphans]);
      }
      if (previous !== undefined) lastOfPreviousZones = previous;
    }
    for (const row of rowsRemoved.values()) {
      const placed = placeDeletedRow(xml, parsed, this.newDoc, row, this.revisions);
      if (placed) points.set(placed.at, `${points.get(placed.at) ?? ''}${placed.xml}`);
      else if (row.previous !== undefined) after.set(row.previous, [...(after.get(row.previous) ?? []), ...row.cells.map((c) => this.deletedParagraph(c, ctx))]);
    }
    return splice.render({ replace, before, after, points });
  }

  /** Rows of the new document whose every paragraph is added: they get Word's row-level insertion mark. */
  private addedRows(pairings: readonly Pairing[]): Set<string> {
    const added = new Set<string>();
    const kept = new Set<string>();
    for (const p of pairings) {
      if (!('new' in p) || p.op === 'moved-from') continue;
      const source = this.newDoc.paragraphs[p.new]?.docx;
      const cell = source ? this.cellOf(source.index) : undefined;
      if (!cell) continue;
      (p.op === 'added' ? added : kept).add(`${cell.table}:${cell.row}`);
    }
    for (const k of kept) added.delete(k);
    return added;
  }

  /**
   * Runs kept verbatim (a picture, a text box) stand in the paragraph's new XML as numbered marks,
   * replaced when the part is written by their XML with the changes made inside their text boxes.
   */
  private placeholders(pieces: XmlPiece[], kept: NonNullable<Extract<XmlPiece, { kind: 'other' }>['source']>[]): XmlPiece[] {
    return pieces.map((piece) => {
      if (piece.kind !== 'other' || !piece.source) return piece;
      kept.push(piece.source);
      return { kind: 'other', xml: `\u0001${kept.length - 1}\u0001` };
    });
  }

  private newPiecesAfterPrefix(para: Para): XmlPiece[] {
    let skip = para.prefix.length;
    const out: XmlPiece[] = [];
    for (const piece of para.docx!.pieces) {
      if (skip > 0 && piece.kind === 'text') {
        const rest = piece.text.slice(skip);
        skip = Math.max(0, skip - piece.text.length);
        if (rest !== '') out.push({ ...piece, text: rest });
        continue;
      }
      out.push(piece);
    }
    return out;
  }

  private prefixXml(para: Para): string {
    if (para.prefix === '') return '';
    const first = para.docx!.pieces.find((x) => x.kind === 'text');
    return textRunXml(para.prefix, first && first.kind === 'text' ? first.rPr : '', false);
  }

  /** A paragraph moved whole, without footnotes (a moved footnote reference stays a deletion and an insertion). */
  private movable(old: Para, now: Para): boolean {
    return !old.inlines.some((i) => 'footnote' in i) && !now.inlines.some((i) => 'footnote' in i) && old.prefix === '' && now.prefix === '';
  }

  /** The runs of a paragraph's pieces as they are (a moved paragraph's text is not changed). */
  private plainRuns(pieces: readonly XmlPiece[]): string {
    return pieces.map((piece) => (piece.kind === 'text' ? textRunXml(piece.text, piece.rPr, false) : piece.xml)).join('');
  }

  /** The old place of a moved paragraph: its text inside a move-from range (Word keeps it as w:t, not w:delText). */
  private movedFromParagraph(old: Para, name: string): string {
    const like = this.newDoc.paragraphs.find((p) => p.zone === old.zone && p.kind === old.kind && p.docx) ?? this.newDoc.paragraphs.find((p) => p.zone === old.zone && p.docx);
    const pPr = like?.docx?.pPr ?? old.docx?.pPr ?? '';
    const first = like?.docx?.pieces.find((x) => x.kind === 'text');
    const rPr = first?.kind === 'text' ? first.rPr : '';
    const text = this.oldItems(old).map((item) => ('text' in item ? item.text : '')).join('');
    return `<w:p>${this.revisions.markParagraph(pPr, 'moveFrom')}${this.revisions.moved('moveFrom', name, textRunXml(text, rPr, false))}</w:p>`;
  }

  /** An old paragraph put back as deleted, in the style the new document gives that kind. */
  private deletedParagraph(old: Para, ctx: RedlineContext): string {
    const like = this.newDoc.paragraphs.find((p) => p.zone === old.zone && p.kind === old.kind && p.docx) ?? this.newDoc.paragraphs.find((p) => p.zone === old.zone && p.docx);
    const pPr = like?.docx?.pPr ?? old.docx?.pPr ?? '';
    const { xml } = redlineContent(this.oldItems(old), [], ctx, 'deleted');
    const prefix = old.prefix === '' ? '' : this.revisions.del(textRunXml(old.prefix, '', true));
    return `<w:p>${this.revisions.markParagraph(pPr, 'del')}${prefix}${xml}</w:p>`;
  }

  footnotes(): string | undefined {
    if (this.footnotesXml === undefined) return undefined;
    const ctx = this.context();
    let xml = this.footnotesXml.replace(/<w:footnote\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:footnote>)/g, (whole, attrs: string) => {
      const id = Number(/\bw:id="(-?\d+)"/.exec(attrs)?.[1]);
      const index = this.newDoc.footnotes.findIndex((f) => f.docx?.id === id);
      if (index < 0) return whole;
      const added = this.addedNotes.has(index);
      const oldIndex = this.changedNotes.get(index);
      if (!added && oldIndex === undefined) return whole;
      const note = this.newDoc.footnotes[index]!;
      const oldItems: OldItem[] = oldIndex !== undefined ? [{ text: this.oldDoc.footnotes[oldIndex]!.text }] : [];
      const { xml: content } = redlineContent(oldItems, note.docx!.pieces, ctx, added ? 'inserted' : undefined);
      const mark = `<w:r><w:rPr><w:rStyle w:val="${this.refStyle}"/></w:rPr><w:footnoteRef/></w:r>`;
      const space = textRunXml(' ', '', false);
      const pPr = added ? this.revisions.markParagraph(note.docx!.pPr, 'ins') : note.docx!.pPr;
      return `<w:footnote${attrs}><w:p>${pPr}${mark}${added ? this.revisions.ins(space) : space}${content}</w:p></w:footnote>`;
    });
    if (this.extraNotes.length > 0) xml = xml.replace(/<\/w:footnotes>\s*$/, `${this.extraNotes.join('')}</w:footnotes>`);
    return xml;
  }
}
