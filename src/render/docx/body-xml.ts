/**
 * The body of the document as WordprocessingML paragraphs, built in code (faster than template
 * loops) and inserted through the template's `{@noi_dung}` tag. Each block is one paragraph of
 * the template style named for its `BlockStyle`; the printed label comes first, then a space,
 * then the runs: "I. CÔNG TÁC…", "1. Cải cách…", "a) Chỉ đạo…", "- Tham mưu…".
 * A footnote marker becomes a real Word footnote reference.
 */
import { isFootnoteRef, type Block, type Inline } from '../../core/model.js';
import type { SectionBreaks } from './sections-xml.js';
import type { StyleIds } from './style-ids.js';
import { tableXml } from './table-xml.js';
import { textRun } from './xml-text.js';

/** Maps a model footnote number to its w:id in footnotes.xml. */
export type FootnoteIdOf = (footnoteNumber: number) => number;

export function footnoteReferenceRun(id: number, styles: StyleIds): string {
  return `<w:r><w:rPr><w:rStyle w:val="${styles.footnoteReference}"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
}

export function inlinesXml(inlines: readonly Inline[], styles: StyleIds, footnoteIdOf: FootnoteIdOf): string {
  let out = '';
  for (const inline of inlines) {
    if (isFootnoteRef(inline)) out += footnoteReferenceRun(footnoteIdOf(inline.footnote), styles);
    else if (inline.text !== '') out += textRun(inline.text, inline.bold, inline.italic);
  }
  return out;
}

export function blockXml(block: Block, styles: StyleIds, footnoteIdOf: FootnoteIdOf): string {
  if (block.table) return tableXml(block.table, styles, (inlines) => inlinesXml(inlines, styles, footnoteIdOf));
  const label = block.label === '' ? '' : block.strongLabel ? textRun(block.label, true, false) + textRun(' ', false, false) : textRun(`${block.label} `, false, false);
  return (
    `<w:p><w:pPr><w:pStyle w:val="${styles[block.style]}"/></w:pPr>` +
    label +
    inlinesXml(block.inlines, styles, footnoteIdOf) +
    '</w:p>'
  );
}

/**
 * With `sections`, a table marked landscape (wider than the portrait text) gets a landscape section
 * of its own: a section break before it and another before the next block (sections-xml.ts).
 */
export function bodyXml(blocks: readonly Block[], styles: StyleIds, footnoteIdOf: FootnoteIdOf, sections?: SectionBreaks): string {
  let out = '';
  for (const block of blocks) {
    if (sections) out += sections.switchTo(block.table?.landscape === true);
    out += blockXml(block, styles, footnoteIdOf);
  }
  return out;
}
