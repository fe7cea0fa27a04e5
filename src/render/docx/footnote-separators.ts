/**
 * The two special footnotes every Word document with footnotes carries: the separator line and
 * the continuation separator. The template builder (tools/word-templates) writes this part into
 * the shipped templates; the renderer restores it when a template saved without notes lost it.
 */
import { R_NS, W_NS, XML_DECL } from './xml-names.js';

/** Footnote ids of the separators; the renderer numbers real footnotes after the highest of these. */
export const SEPARATOR_ID = 0;
export const CONTINUATION_SEPARATOR_ID = 1;

/** word/footnotes.xml with only the two separators. */
export function separatorFootnotesXml(): string {
  const tight = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>';
  return (
    XML_DECL +
    `<w:footnotes xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    `<w:footnote w:type="separator" w:id="${SEPARATOR_ID}"><w:p>${tight}<w:r><w:separator/></w:r></w:p></w:footnote>` +
    `<w:footnote w:type="continuationSeparator" w:id="${CONTINUATION_SEPARATOR_ID}"><w:p>${tight}<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>` +
    '</w:footnotes>'
  );
}
