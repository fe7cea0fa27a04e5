/**
 * Headers and footers that hold document text (an office's name, a "DỰ THẢO" line, a
 * confidentiality line), in reading order: each section's headers before its first paragraph, its
 * footers after its last. A page number ("3", "- 3 -", "Trang 3/12") is no text of the document,
 * and a part already shown for an earlier section (a section inherits them) is not read again.
 */
import { childElements, parseXml, XmlProblem } from '../../word/xml-tree.js';
import { parseParagraphs, piecesText, XmlRefused, type OoxmlParagraph, type SectionBreak } from './ooxml-paragraphs.js';
import type { SafeZip } from './read-zip.js';

/** Only digits, punctuation and the words of a page number. */
const PAGE_NUMBER = /^[\s\d\p{P}]*(?:(?:trang|page|tr)(?![\p{L}])[\s\d\p{P}]*(?:(?:của|trên|of)(?![\p{L}])[\s\d\p{P}]*)?)?$/iu;

/** Word's order of a section's variants: the first page's, then every page's, then the even pages'. */
const TYPES = ['first', 'default', 'even'];

export interface FrameParagraphs {
  /** By section index: the header paragraphs to read before the section, the footer ones after it. */
  headers: Map<number, OoxmlParagraph[]>;
  footers: Map<number, OoxmlParagraph[]>;
}

function relationships(zip: SafeZip): Map<string, string> {
  const out = new Map<string, string>();
  const xml = zip.text('word/_rels/document.xml.rels');
  if (!xml) return out;
  let root;
  try {
    root = parseXml(xml, 'word/_rels/document.xml.rels');
  } catch (error) {
    if (error instanceof XmlProblem) throw new XmlRefused('malformed', error.message);
    throw error;
  }
  for (const rel of childElements(root, 'Relationship')) {
    const id = rel.attributes['Id'];
    const target = rel.attributes['Target'];
    if (!id || !target || rel.attributes['TargetMode'] === 'External') continue;
    out.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  return out;
}

export function readFrames(zip: SafeZip, sections: readonly SectionBreak[]): FrameParagraphs {
  const frames: FrameParagraphs = { headers: new Map(), footers: new Map() };
  if (!sections.some((s) => s.refs.length > 0)) return frames;
  const targets = relationships(zip);
  const shown = new Set<string>();
  sections.forEach((section, index) => {
    for (const kind of ['header', 'footer'] as const) {
      const refs = section.refs.filter((r) => r.kind === kind).sort((a, b) => TYPES.indexOf(a.type) - TYPES.indexOf(b.type));
      const paragraphs: OoxmlParagraph[] = [];
      for (const ref of refs) {
        const part = targets.get(ref.relationship);
        if (!part || shown.has(part)) continue;
        shown.add(part);
        const xml = zip.text(part);
        if (!xml) continue;
        for (const p of parseParagraphs(xml).paragraphs) {
          const text = piecesText(p.pieces).trim();
          if (text !== '' && !PAGE_NUMBER.test(text) && !paragraphs.some((q) => piecesText(q.pieces).trim() === text)) paragraphs.push(p);
        }
      }
      if (paragraphs.length > 0) (kind === 'header' ? frames.headers : frames.footers).set(index, paragraphs);
    }
  });
  return frames;
}
