/**
 * Text → WordprocessingML run content: escaped, spaces preserved, tabs and line breaks as
 * elements, characters XML 1.0 forbids dropped (they would corrupt the package).
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
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
