/**
 * The one XML escaper of the Word renderer, for every text and attribute value of every part
 * (document.xml, footnotes.xml, docProps/core.xml, the template builder's parts) and the cleaner
 * of the values handed to docxtemplater. Characters XML 1.0 forbids (C0 controls other than tab,
 * line feed and carriage return; U+FFFE, U+FFFF; lone surrogates) are dropped: one of them makes
 * the whole part unreadable for Word. The load stage already warns about control characters in
 * the data; this is the defence in depth, so a part is well-formed whatever the model holds.
 * Text → WordprocessingML run content: spaces preserved, tabs and line breaks as elements.
 */

/** The code units XML 1.0's `Char` production excludes, surrogates aside (`isWellFormed` finds lone ones natively). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_UNITS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Everything `Char` excludes: those units and lone surrogates (a surrogate pair, one supplementary character, is kept). */
const FORBIDDEN = new RegExp(`${FORBIDDEN_UNITS.source}|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`, 'g');

/** The text without the characters XML cannot hold (still to be escaped). */
export function xmlChars(text: string): string {
  // Nearly every text is clean (load removed these already): two quick scans instead of the lookbehind pattern.
  if (!FORBIDDEN_UNITS.test(text) && text.isWellFormed()) return text;
  return text.replace(FORBIDDEN, '');
}

/** Text or attribute value (in double quotes) as XML: forbidden characters dropped, markup escaped. */
export function escapeXml(text: string): string {
  return xmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Every string inside a plain value (objects, arrays) cleaned with `xmlChars`, for template data. */
export function xmlCharsDeep<T>(value: T): T {
  if (typeof value === 'string') return xmlChars(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => xmlCharsDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlCharsDeep(v)])) as T;
  }
  return value;
}

/** `<w:t xml:space="preserve">…</w:t>`, with `<w:tab/>` and `<w:br/>` for tabs and newlines. */
export function textElements(text: string): string {
  if (!/[\t\n\r]/.test(text)) return `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;
  let out = '';
  for (const piece of text.replace(/\r\n?/g, '\n').split(/([\t\n])/)) {
    if (piece === '\t') out += '<w:tab/>';
    else if (piece === '\n') out += '<w:br/>';
    else if (piece !== '') out += `<w:t xml:space="preserve">${escapeXml(piece)}</w:t>`;
  }
  return out;
}

/** A run of text with optional bold/italic direct formatting. */
export function textRun(text: string, bold: boolean, italic: boolean): string {
  const props = (bold ? '<w:b/><w:bCs/>' : '') + (italic ? '<w:i/><w:iCs/>' : '');
  return `<w:r>${props === '' ? '' : `<w:rPr>${props}</w:rPr>`}${textElements(text)}</w:r>`;
}
