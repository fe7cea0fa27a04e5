/**
 * The paragraph and character styles of a Word package (word/styles.xml): each style's id and
 * display name, read with the XML parser. A DOCTYPE is refused like in every other part.
 */
import { SaxesParser } from 'saxes';
import { XmlRefused } from './ooxml-paragraphs.js';

const W = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);

export function readStyleNames(xml: string): { id: string; name: string }[] {
  if (xml === '') return [];
  const out: { id: string; name: string }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let current: { id: string; name: string } | undefined;
  const attr = (attributes: Record<string, { local: string; uri: string; value: string }>, name: string) =>
    Object.values(attributes).find((a) => a.local === name && (W.has(a.uri) || a.uri === ''))?.value;
  parser.on('doctype', () => {
    throw new XmlRefused('dtd', 'word/styles.xml có khai báo DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    if (!W.has(tag.uri)) return;
    if (tag.local === 'style') {
      const id = attr(tag.attributes, 'styleId');
      current = id === undefined ? undefined : { id, name: '' };
    } else if (tag.local === 'name' && current) current.name = attr(tag.attributes, 'val') ?? '';
  });
  parser.on('closetag', (tag) => {
    if (W.has(tag.uri) && tag.local === 'style' && current) {
      out.push(current);
      current = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof XmlRefused) throw error;
    throw new XmlRefused('malformed', `word/styles.xml: ${error instanceof Error ? error.message : String(error)}`);
  }
  return out;
}
