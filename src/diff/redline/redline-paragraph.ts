/**
 * One paragraph with tracked changes: the old text (label, words, footnote markers) against the
 * new paragraph's own pieces, word by word. Unchanged and inserted words keep the new runs'
 * formatting; deleted words take the formatting at the place they were; a footnote marker is one
 * token, so an inserted or deleted footnote reference is one tracked change.
 */
import type { XmlPiece } from '../comparable-document.js';
import { Revisions, textRunXml } from './revision-xml.js';
import { diffTokens, tokens } from '../compare/word-diff.js';

/** What the old side holds: text, and footnote markers named by their alignment key. */
export type OldItem = { text: string } | { marker: string; oldFootnote?: number };

export interface MarkerTable {
  /** One private-use character per footnote alignment key. */
  charOf(key: string): string;
  keyOf(char: string): string | undefined;
}

export function markerTable(): MarkerTable {
  const chars = new Map<string, string>();
  const keys = new Map<string, string>();
  return {
    charOf(key) {
      let c = chars.get(key);
      if (!c) {
        c = String.fromCodePoint(0xf0000 + chars.size);
        chars.set(key, c);
        keys.set(c, key);
      }
      return c;
    },
    keyOf: (c) => keys.get(c),
  };
}

interface Segment {
  start: number;
  end: number;
  piece: XmlPiece;
}

export interface RedlineContext {
  revisions: Revisions;
  markers: MarkerTable;
  /** Key of a new footnote reference (by its w:id). */
  newRefKey(id: number): string;
  /** The run for a deleted footnote marker (it creates the deleted footnote it points to). */
  deletedRef(key: string): string;
}

export function redlineContent(
  oldItems: readonly OldItem[],
  newPieces: readonly XmlPiece[],
  ctx: RedlineContext,
  whole?: 'inserted' | 'deleted',
): { xml: string; changed: boolean } {
  let oldText = '';
  for (const item of oldItems) oldText += 'text' in item ? item.text : ctx.markers.charOf(item.marker);
  let newText = '';
  const segments: Segment[] = [];
  for (const piece of newPieces) {
    const start = newText.length;
    if (piece.kind === 'text') newText += piece.text;
    else if (piece.kind === 'ref') newText += ctx.markers.charOf(ctx.newRefKey(piece.footnote));
    segments.push({ start, end: newText.length, piece });
  }
  const parts =
    whole === 'inserted'
      ? [{ op: '+' as const, text: newText }]
      : whole === 'deleted'
        ? [{ op: '-' as const, text: oldText }]
        : diffTokens(tokens(oldText), tokens(newText));
  if (!parts.some((p) => p.op !== '=')) return { xml: '', changed: false };

  let xml = '';
  let pos = 0;
  let next = 0; // next segment to (partly) emit
  const rPrAt = (at: number) => {
    const s = segments.find((seg) => seg.piece.kind === 'text' && seg.start <= at && at < seg.end) ?? segments.findLast((seg) => seg.piece.kind === 'text' && seg.end <= at);
    return s && s.piece.kind === 'text' ? s.piece.rPr : '';
  };
  const emitNew = (end: number): string => {
    let out = '';
    while (next < segments.length) {
      const seg = segments[next]!;
      if (seg.start >= end && !(seg.start === end && seg.end === end && end === newText.length)) break;
      const from = Math.max(seg.start, pos);
      const to = Math.min(seg.end, end);
      if (seg.piece.kind === 'text') out += textRunXml(newText.slice(from, to), seg.piece.rPr, false);
      else if (from === seg.start) out += seg.piece.xml;
      if (seg.end <= end) next++;
      else break;
    }
    pos = end;
    return out;
  };
  const emitOld = (text: string): string => {
    let out = '';
    const rPr = rPrAt(pos);
    let chunk = '';
    for (const ch of text) {
      const key = ctx.markers.keyOf(ch);
      if (key === undefined) {
        chunk += ch;
        continue;
      }
      out += textRunXml(chunk, rPr, true);
      chunk = '';
      out += ctx.deletedRef(key);
    }
    return out + textRunXml(chunk, rPr, true);
  };
  for (const part of parts) {
    if (part.op === '=') xml += emitNew(pos + part.text.length);
    else if (part.op === '+') xml += ctx.revisions.ins(emitNew(pos + part.text.length));
    else xml += ctx.revisions.del(emitOld(part.text));
  }
  xml += emitNew(newText.length);
  return { xml, changed: true };
}
