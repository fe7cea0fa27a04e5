/**
 * Two comparable documents aligned zone by zone (header fields, Kính gửi, the body, Nơi nhận …)
 * and footnote by footnote (by their text, not their number). Used by the report of changes and
 * by the redline writer.
 */
import { align, lazyTokens, type Pairing } from './align.js';
import { paraText, printedText, ZONES, type ComparableDocument, type Para, type Zone } from '../comparable-document.js';
import { tokens } from './word-diff.js';
import { renamedRows, rowKey } from './table-rows.js';

export interface DocumentAlignment {
  /** Per zone: the pairing of paragraph indices (into `document.paragraphs`). */
  zones: Map<Zone, Pairing[]>;
  footnotes: Pairing[];
}

const isHeading = (p: Para) => p.kind === 'heading1' || p.kind === 'heading2' || p.kind === 'heading3';

function zoneIndices(doc: ComparableDocument, zone: Zone): number[] {
  const out: number[] = [];
  doc.paragraphs.forEach((p, i) => {
    if (p.zone === zone) out.push(i);
  });
  return out;
}

/** `withLabels`: compare the printed text (the redline must also show a changed number). */
export function alignDocuments(before: ComparableDocument, after: ComparableDocument, withLabels = false): DocumentAlignment {
  const zones = new Map<Zone, Pairing[]>();
  const textOf = (p: Para) => (withLabels ? printedText(p) : paraText(p));
  const renamed = renamedRows(before, after);
  const sameRow = (a: Para, b: Para) => a.cell !== undefined && b.cell !== undefined && (a.cell.row === b.cell.row || renamed.get(rowKey(a.cell.table, a.cell.row)) === rowKey(b.cell.table, b.cell.row));
  for (const zone of ZONES) {
    const oldIdx = zoneIndices(before, zone);
    const newIdx = zoneIndices(after, zone);
    if (oldIdx.length === 0 && newIdx.length === 0) continue;
    const oldParas = oldIdx.map((i) => before.paragraphs[i]!);
    const newParas = newIdx.map((i) => after.paragraphs[i]!);
    const input = (paras: Para[]) => {
      const texts = paras.map((p) => textOf(p));
      return {
        keys: paras.map((p, i) => `${placeKey(p)}\u0000${texts[i]!.trim()}`),
        tokens: lazyTokens(texts, tokens),
        anchor: (i: number) => isHeading(paras[i]!),
      };
    };
    const pairings = align(
      input(oldParas),
      input(newParas),
      (o, n) => (oldParas[o]!.cell || newParas[n]!.cell ? sameCell(oldParas[o]!, newParas[n]!, sameRow) : isHeading(oldParas[o]!) === isHeading(newParas[n]!)),
      (o, n) => sameCell(oldParas[o]!, newParas[n]!, sameRow),
    );
    zones.set(zone, pairings.map((p) => remap(p, oldIdx, newIdx)));
  }
  const notes = (doc: ComparableDocument) => ({
    keys: doc.footnotes.map((f) => f.text.trim()),
    tokens: lazyTokens(doc.footnotes.map((f) => f.text), tokens),
  });
  return { zones, footnotes: align(notes(before), notes(after)) };
}

/**
 * What an item is besides its text: a heading, a paragraph, or a table cell by its table, row label
 * and column header, so that equal texts in different cells (a 0, a row's number) are never taken for
 * one another, and a column added or removed does not shift the cells of the others.
 */
function placeKey(p: Para): string {
  if (p.cell) return `t\u0000${p.cell.table}\u0000${p.cell.header ? 'h' : 'd'}\u0000${p.cell.row}\u0000${p.cell.column}`;
  return isHeading(p) ? 'h' : 'c';
}

/** Two cells of the same table, row and column (by their labels, so a row added above does not matter; a renamed row is its old self). */
function sameCell(a: Para, b: Para, sameRow: (a: Para, b: Para) => boolean): boolean {
  return a.cell !== undefined && b.cell !== undefined && a.cell.table === b.cell.table && sameRow(a, b) && a.cell.column === b.cell.column && a.cell.header === b.cell.header;
}

function remap(p: Pairing, oldIdx: number[], newIdx: number[]): Pairing {
  const o = 'old' in p ? oldIdx[p.old]! : 0;
  const n = 'new' in p ? newIdx[p.new]! : 0;
  switch (p.op) {
    case 'added':
      return { op: 'added', new: n };
    case 'removed':
      return { op: 'removed', old: o };
    default:
      return { op: p.op, old: o, new: n };
  }
}

/** A document whose sections could not be recovered: every paragraph, as printed, in one body. */
export function flatten(doc: ComparableDocument): ComparableDocument {
  return {
    ...doc,
    paragraphs: doc.paragraphs.map((p) => ({
      ...p,
      zone: 'body',
      kind: 'plain',
      depth: 0,
      label: '',
      // A foreign DOCX's label is Word's automatic numbering, no text of the paragraph: an item inserted
      // in a list renumbers the ones after it without changing them (as Word's own Compare reads it).
      inlines: (p.label === '' || p.kind === 'plain') && p.prefix === '' ? p.inlines : [{ text: `${p.prefix}${p.label === '' || p.kind === 'plain' ? '' : `${p.label} `}` }, ...p.inlines],
      prefix: '',
    })),
  };
}
