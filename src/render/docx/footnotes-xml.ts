/**
 * Real Word footnotes. The body carries only `w:footnoteReference` runs; after docxtemplater has
 * rendered, word/footnotes.xml is written once: the template's separator footnotes, then one
 * `w:footnote` per model footnote, in order, with ids after the highest separator id (2, 3, … for
 * the shipped templates).
 */
import type { Block, Footnote } from '../../core/model.js';
import { isFootnoteRef } from '../../core/model.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { StyleIds } from './style-ids.js';
import { inlinesXml } from './body-xml.js';

/** What a template's footnotes.xml contributes: its root element and its separator notes. */
export interface TemplateFootnotes {
  /** Everything up to and including the `<w:footnotes …>` start tag. */
  open: string;
  /** The separator / continuation notes, verbatim. */
  separators: string;
  /** The first id free for real footnotes (≥ 2). */
  firstId: number;
}

const FOOTNOTE_ELEMENT = /<w:footnote\b[^>]*?(?:\/>|>[\s\S]*?<\/w:footnote>)/g;

/** Reads the template's footnotes.xml; returns undefined when it is not a footnotes part. */
export function readTemplateFootnotes(xml: string): TemplateFootnotes | undefined {
  const start = /<w:footnotes\b[^>]*>/.exec(xml);
  if (!start || !xml.includes('</w:footnotes>')) return undefined;
  const open = xml.slice(0, start.index + start[0].length);
  let separators = '';
  let maxId = 1;
  for (const m of xml.matchAll(FOOTNOTE_ELEMENT)) {
    const element = m[0];
    const startTag = /^<w:footnote\b[^>]*>/.exec(element)?.[0] ?? element;
    // Only special notes (separators) belong to the template; any ordinary note is dropped.
    if (!/\bw:type="/.test(startTag) || /\bw:type="normal"/.test(startTag)) continue;
    separators += element;
    const id = Number(/\bw:id="(-?\d+)"/.exec(startTag)?.[1]);
    if (Number.isInteger(id)) maxId = Math.max(maxId, id);
  }
  return { open, separators, firstId: maxId + 1 };
}

function modelError(message: string): DiagnosticError {
  return new DiagnosticError([{ file: '', line: 0, column: 0, ruleId: 'internal-error', severity: 'error', message }]);
}

/**
 * Footnote number → w:id, checking that the model's references and notes match one to one
 * (a reference without a note, or a note never referenced, would be lost in Word).
 */
export function footnoteIds(footnotes: readonly Footnote[], body: readonly Block[], firstId: number): Map<number, number> {
  const ids = new Map<number, number>();
  footnotes.forEach((note, i) => {
    if (ids.has(note.number)) throw modelError(`Chú thích số ${note.number} xuất hiện hai lần trong mô hình văn bản.`);
    ids.set(note.number, firstId + i);
  });
  const referenced = new Set<number>();
  for (const block of body) {
    for (const inline of block.inlines) {
      if (!isFootnoteRef(inline)) continue;
      if (!ids.has(inline.footnote)) {
        throw modelError(`Đoạn văn gọi chú thích số ${inline.footnote} nhưng mô hình văn bản không có chú thích này.`);
      }
      referenced.add(inline.footnote);
    }
  }
  for (const note of footnotes) {
    if (!referenced.has(note.number)) {
      throw modelError(`Chú thích số ${note.number} không được gọi ở đoạn văn nào.`);
    }
  }
  return ids;
}

function noteXml(note: Footnote, id: number, styles: StyleIds): string {
  return (
    `<w:footnote w:id="${id}"><w:p><w:pPr><w:pStyle w:val="${styles.footnoteText}"/></w:pPr>` +
    `<w:r><w:rPr><w:rStyle w:val="${styles.footnoteReference}"/></w:rPr><w:footnoteRef/></w:r>` +
    '<w:r><w:t xml:space="preserve"> </w:t></w:r>' +
    inlinesXml(note.inlines, styles, () => {
      throw modelError('Một chú thích không được chứa chú thích khác.');
    }) +
    '</w:p></w:footnote>'
  );
}

/** The complete word/footnotes.xml for a document. */
export function footnotesXml(
  template: TemplateFootnotes,
  footnotes: readonly Footnote[],
  ids: ReadonlyMap<number, number>,
  styles: StyleIds,
): string {
  let notes = '';
  for (const note of footnotes) notes += noteXml(note, ids.get(note.number) ?? 0, styles);
  return template.open + template.separators + notes + '</w:footnotes>';
}
