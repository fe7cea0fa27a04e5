/**
 * Two comparable documents → the list of changes a reviewer reads: header fields by name, lines
 * of Kính gửi and Nơi nhận, sections added or removed as one change each, paragraphs changed word
 * by word, moved paragraphs, footnotes by their text, and one note for everything renumbered.
 */
import type { Pairing } from './align.js';
import { alignDocuments, flatten, type DocumentAlignment } from './align-documents.js';
import { footnotesCited, paraText, printedText, ZONE_LABELS, type CellRef, type ComparableDocument, type Zone } from '../comparable-document.js';
import type { Change, DocumentDiff, SectionRef, TableCellName } from '../diff-result.js';
import { mapSections, opensSection } from './section-map.js';
import { diffWordsVi, hasChanges } from './word-diff.js';
import { tableDiffs } from './table-grid.js';
import { changedColumnOf, columnCells, findColumnChanges } from './table-columns.js';

/** Zones that are one value (compared as a whole) rather than a list of lines. */
const SINGLE_FIELDS: ReadonlySet<Zone> = new Set(['co_quan_chu_quan', 'co_quan', 'so', 'dia_danh_ngay', 'ten_loai', 'trich_yeu', 'ban_hanh_kem_theo', 'nguoi_ky']);

interface Ordered {
  order: number;
  change: Change;
}

export function compareDocuments(before: ComparableDocument, after: ComparableDocument): DocumentDiff {
  const structured = before.structured && after.structured;
  const oldDoc = structured ? before : flatten(before);
  const newDoc = structured ? after : flatten(after);
  const alignment = alignDocuments(oldDoc, newDoc);
  const changes = describeChanges(oldDoc, newDoc, alignment);
  const tables = tableDiffs(oldDoc, newDoc, changes);
  return {
    old: { file: before.file, kind: before.kind },
    new: { file: after.file, kind: after.kind },
    notices: [...before.notices.map((n) => `${before.file}: ${n}`), ...after.notices.map((n) => `${after.file}: ${n}`)],
    changes,
    ...(tables.length > 0 ? { tables } : {}),
  };
}

export function describeChanges(oldDoc: ComparableDocument, newDoc: ComparableDocument, alignment: DocumentAlignment): Change[] {
  const out: Ordered[] = [];
  const oldSections = mapSections(oldDoc);
  const newSections = mapSections(newDoc);
  const newOfOld = new Map<number, number>();
  for (const pairings of alignment.zones.values()) {
    for (const p of pairings) if (p.op === 'same' || p.op === 'changed' || p.op === 'moved-to') newOfOld.set(p.old, p.new);
  }
  const sectionRef = (side: 'old' | 'new', index: number): SectionRef => {
    const map = side === 'new' ? newSections : oldSections;
    const head = map.sectionOf[index] ?? -1;
    if (head < 0) return { path: '', title: '' };
    if (side === 'new') return { ...map.info.get(head)! };
    const mapped = newOfOld.get(head);
    if (mapped !== undefined && newSections.info.has(mapped)) return { ...newSections.info.get(mapped)! };
    return { ...oldSections.info.get(head)!, oldOnly: true };
  };
  const renumberedSections: { old: string; new: string }[] = [];
  /** Footnotes that are part of an added or removed paragraph (reported with it). */
  const foldedNew = new Set<number>();
  const foldedOld = new Set<number>();
  /** Position of a paragraph in the new document's order, for sorting the changes. */
  const at = (newIndex: number, offset = 0) => newIndex * 4 + offset;
  const columns = findColumnChanges(oldDoc, newDoc);
  /** Columns added or removed already reported (one change a column). */
  const columnsSeen = new Set<string>();

  for (const [zone, pairings] of alignment.zones) {
    if (zone !== 'body') {
      out.push(...fieldChanges(zone, pairings, oldDoc, newDoc, at));
      continue;
    }
    let lastNew = -1;
    for (let i = 0; i < pairings.length; i++) {
      const p = pairings[i]!;
      if ('new' in p && p.op !== 'moved-from') lastNew = p.new;
      const order = at(Math.max(lastNew, 0), 1);
      if (p.op === 'same' || p.op === 'changed') {
        const o = oldDoc.paragraphs[p.old]!;
        const n = newDoc.paragraphs[p.new]!;
        if (opensSection(n) && o.label !== n.label) {
          renumberedSections.push({ old: oldSections.info.get(p.old)?.path ?? o.label, new: newSections.info.get(p.new)?.path ?? n.label });
        }
        if (p.op === 'changed') {
          const words = diffWordsVi(paraText(o), paraText(n));
          if (hasChanges(words)) {
            const section = sectionRef('new', p.new);
            out.push({
              order: at(p.new, 1),
              change: n.cell && o.cell ? { kind: 'cell-changed', section, cell: cellNameOf(n.cell), words, old: paraText(o), new: paraText(n) } : { kind: 'paragraph-changed', section, words },
            });
          }
        }
      } else if (p.op === 'moved-to') {
        out.push({
          order: at(p.new, 1),
          change: { kind: 'paragraph-moved', section: sectionRef('new', p.new), from: sectionRef('old', p.old), text: printedText(newDoc.paragraphs[p.new]!) },
        });
      } else if (p.op === 'added' || p.op === 'removed') {
        const side = p.op === 'added' ? 'new' : 'old';
        const doc = side === 'new' ? newDoc : oldDoc;
        const index = p.op === 'added' ? p.new : p.old;
        const head = doc.paragraphs[index]!;
        const other = side === 'new' ? oldDoc : newDoc;
        const rowKnown = head.cell !== undefined && other.paragraphs.some((x) => x.cell?.table === head.cell!.table && x.cell.row === head.cell!.row && !x.cell.header);
        const column = changedColumnOf(head, side, columns);
        if (head.cell && column !== undefined && (rowKnown || head.cell.header)) {
          // a cell of a column added or removed, in a row both documents have: part of the column's one change
          if (!columnsSeen.has(column)) {
            columnsSeen.add(column);
            out.push({
              order: p.op === 'added' ? at(p.new, 1) : order,
              change: { kind: p.op === 'added' ? 'column-added' : 'column-removed', section: sectionRef(side, index), table: head.cell.table, column: head.cell.column, cells: columnCells(doc, head.cell.table, head.cell.column) },
            });
          }
          continue;
        }
        if (head.cell && !head.cell.header) {
          const cells = [index];
          while (!rowKnown && i + 1 < pairings.length) {
            const next = pairings[i + 1]!;
            if (next.op !== p.op) break;
            const ni = next.op === 'added' ? next.new : next.old;
            const cell = doc.paragraphs[ni]!.cell;
            if (!cell || cell.table !== head.cell.table || cell.rowIndex !== head.cell.rowIndex) break;
            cells.push(ni);
            i++;
            if (next.op === 'added') lastNew = next.new;
          }
          const section = sectionRef(side, index);
          const place = p.op === 'added' ? at(p.new, 1) : order;
          const text = paraText(head);
          out.push({
            order: place,
            change: rowKnown
              ? { kind: 'cell-changed', section, cell: cellNameOf(head.cell), words: diffWordsVi(side === 'old' ? text : '', side === 'new' ? text : ''), old: side === 'old' ? text : '', new: side === 'new' ? text : '' }
              : { kind: p.op === 'added' ? 'row-added' : 'row-removed', section, table: head.cell.table, row: head.cell.row, cells: cells.map((c) => paraText(doc.paragraphs[c]!)) },
          });
          continue;
        }
        const group = [index];
        if (opensSection(head)) {
          while (i + 1 < pairings.length) {
            const next = pairings[i + 1]!;
            if (next.op !== p.op) break;
            const ni = next.op === 'added' ? next.new : next.old;
            const para = doc.paragraphs[ni]!;
            if (opensSection(para) && para.depth <= head.depth) break;
            group.push(ni);
            i++;
            if (next.op === 'added') lastNew = next.new;
          }
        }
        const folded = side === 'new' ? foldedNew : foldedOld;
        const notes = group.flatMap((g) => footnotesCited(doc.paragraphs[g]!));
        for (const f of notes) folded.add(f);
        const footnotes = notes.map((f) => doc.footnotes[f]?.text ?? '');
        const section = sectionRef(side, index);
        const place = p.op === 'added' ? at(p.new, 1) : order;
        if (opensSection(head)) {
          out.push({
            order: place,
            change: { kind: p.op === 'added' ? 'section-added' : 'section-removed', section, paragraphs: group.map((g) => printedText(doc.paragraphs[g]!)), footnotes },
          });
        } else {
          out.push({ order: place, change: { kind: p.op === 'added' ? 'paragraph-added' : 'paragraph-removed', section, text: printedText(head), footnotes } });
        }
      }
    }
  }

  out.push(...footnoteChanges(oldDoc, newDoc, alignment.footnotes, { foldedNew, foldedOld, sectionRef, at, newOfOld }));
  const renumberedNotes = alignment.footnotes
    .filter((p): p is Extract<Pairing, { old: number; new: number }> => (p.op === 'same' || p.op === 'changed' || p.op === 'moved-to') && p.old !== p.new)
    .map((p) => ({ old: p.old + 1, new: p.new + 1 }));
  if (renumberedSections.length > 0 || renumberedNotes.length > 0) {
    out.push({ order: Number.MAX_SAFE_INTEGER, change: { kind: 'renumbered', sections: renumberedSections, footnotes: renumberedNotes } });
  }
  return foldRowNumbers(foldTotals(out.sort((a, b) => a.order - b.order).map((o) => o.change)));
}

/** A column of row numbers, by its header. */
const NUMBER_COLUMN = /^(stt|tt|số tt|số thứ tự)$/iu;

/** A row's number (STT) that changed because a row was added or removed above it is shown under that row's change. */
function foldRowNumbers(changes: Change[]): Change[] {
  const folded = new Set<Change>();
  for (const c of changes) {
    if (c.kind !== 'cell-changed' || !NUMBER_COLUMN.test(c.cell.column.trim()) || !/^\d+$/.test(c.old.trim()) || !/^\d+$/.test(c.new.trim())) continue;
    const cause = changes.find((r) => (r.kind === 'row-added' || r.kind === 'row-removed') && r.table === c.cell.table);
    if (cause?.kind !== 'row-added' && cause?.kind !== 'row-removed') continue;
    cause.renumbered = [...(cause.renumbered ?? []), { row: c.cell.row, old: c.old, new: c.new }];
    folded.add(c);
  }
  return changes.filter((c) => !folded.has(c));
}

const cellNameOf = (cell: CellRef): TableCellName => ({ table: cell.table, row: cell.row, column: cell.column });

const TOTAL_ROW = /^(tổng|cộng)/iu;

/** A total row's cell that changed with a cell of its column (or with a row added or removed) is shown under that change, not as a change of its own. */
function foldTotals(changes: Change[]): Change[] {
  const folded = new Set<Change>();
  for (const total of changes) {
    if (total.kind !== 'cell-changed' || !TOTAL_ROW.test(total.cell.row)) continue;
    const cause =
      changes.find(
        (c) => c.kind === 'cell-changed' && !folded.has(c) && c !== total && !TOTAL_ROW.test(c.cell.row) && c.cell.table === total.cell.table && c.cell.column === total.cell.column,
      ) ?? changes.find((c) => (c.kind === 'row-added' || c.kind === 'row-removed') && c.table === total.cell.table);
    if (cause?.kind !== 'cell-changed' && cause?.kind !== 'row-added' && cause?.kind !== 'row-removed') continue;
    cause.totals = [...(cause.totals ?? []), { cell: total.cell, old: total.old, new: total.new }];
    folded.add(total);
  }
  return changes.filter((c) => !folded.has(c));
}

function fieldChanges(zone: Zone, pairings: Pairing[], oldDoc: ComparableDocument, newDoc: ComparableDocument, at: (n: number, o?: number) => number): Ordered[] {
  const label = ZONE_LABELS[zone];
  const order = (zone === 'noi_nhan' || zone === 'nguoi_ky' ? 1e12 : -1e6) + zoneOrder(zone);
  if (SINGLE_FIELDS.has(zone)) {
    const text = (doc: ComparableDocument) => doc.paragraphs.filter((p) => p.zone === zone).map((p) => paraText(p).trim()).join('\n');
    const before = text(oldDoc);
    const after = text(newDoc);
    if (before === after) return [];
    const words = diffWordsVi(before, after);
    return hasChanges(words) ? [{ order, change: { kind: 'field-changed', field: zone, label, words } }] : [];
  }
  const out: Ordered[] = [];
  for (const p of pairings) {
    if (p.op === 'added' || p.op === 'moved-to') out.push({ order, change: { kind: 'line-added', field: zone, label, text: paraText(newDoc.paragraphs[p.new]!) } });
    else if (p.op === 'removed' || p.op === 'moved-from') out.push({ order, change: { kind: 'line-removed', field: zone, label, text: paraText(oldDoc.paragraphs[p.old]!) } });
    else if (p.op === 'changed') {
      const words = diffWordsVi(paraText(oldDoc.paragraphs[p.old]!), paraText(newDoc.paragraphs[p.new]!));
      if (hasChanges(words)) out.push({ order, change: { kind: 'field-changed', field: zone, label, words } });
    }
  }
  void at;
  return out;
}

function zoneOrder(zone: Zone): number {
  return ['co_quan_chu_quan', 'co_quan', 'so', 'dia_danh_ngay', 'ten_loai', 'trich_yeu', 'ban_hanh_kem_theo', 'kinh_gui', 'body', 'noi_nhan', 'nguoi_ky'].indexOf(zone);
}

interface FootnoteContext {
  foldedNew: Set<number>;
  foldedOld: Set<number>;
  sectionRef(side: 'old' | 'new', index: number): SectionRef;
  at(newIndex: number, offset?: number): number;
  newOfOld: Map<number, number>;
}

function citingParagraph(doc: ComparableDocument, footnote: number): number {
  return doc.paragraphs.findIndex((p) => p.inlines.some((inline) => 'footnote' in inline && inline.footnote === footnote));
}

function footnoteChanges(oldDoc: ComparableDocument, newDoc: ComparableDocument, pairings: Pairing[], ctx: FootnoteContext): Ordered[] {
  const out: Ordered[] = [];
  for (const p of pairings) {
    if (p.op === 'added' && !ctx.foldedNew.has(p.new)) {
      const cite = citingParagraph(newDoc, p.new);
      out.push({
        order: ctx.at(Math.max(cite, 0), 2),
        change: { kind: 'footnote-added', section: cite >= 0 ? ctx.sectionRef('new', cite) : { path: '', title: '' }, number: p.new + 1, text: newDoc.footnotes[p.new]!.text },
      });
    } else if (p.op === 'removed' && !ctx.foldedOld.has(p.old)) {
      const cite = citingParagraph(oldDoc, p.old);
      const mapped = cite >= 0 ? ctx.newOfOld.get(cite) : undefined;
      out.push({
        order: ctx.at(mapped ?? 0, 2),
        change: { kind: 'footnote-removed', section: cite >= 0 ? ctx.sectionRef('old', cite) : { path: '', title: '' }, number: p.old + 1, text: oldDoc.footnotes[p.old]!.text },
      });
    } else if (p.op === 'changed') {
      const words = diffWordsVi(oldDoc.footnotes[p.old]!.text, newDoc.footnotes[p.new]!.text);
      const cite = citingParagraph(newDoc, p.new);
      if (hasChanges(words)) {
        out.push({
          order: ctx.at(Math.max(cite, 0), 2),
          change: { kind: 'footnote-changed', section: cite >= 0 ? ctx.sectionRef('new', cite) : { path: '', title: '' }, number: p.new + 1, oldNumber: p.old + 1, words },
        });
      }
    }
  }
  return out;
}
