/**
 * The paragraph and character styles that code refers to. The templates define them (and own
 * how they look); code only names them. A template saved again by Word keeps these ids; one saved
 * by LibreOffice may get new ids derived from the style names ("Body Text" → "TextBody",
 * "footnote text" → "Footnote"), so each style is found by its id or, failing that, its name.
 */
import type { BlockStyle } from '../../core/model.js';

export type CodeStyle = BlockStyle | 'footnoteText' | 'footnoteReference';

export interface StyleCandidates {
  /** The id the shipped templates use. */
  id: string;
  type: 'paragraph' | 'character';
  /** Other ids and names the same style is known by after a round trip through an editor. */
  aliases: readonly string[];
}

export const codeStyles: Readonly<Record<CodeStyle, StyleCandidates>> = {
  heading1: { id: 'Heading1', type: 'paragraph', aliases: ['heading 1'] },
  heading2: { id: 'Heading2', type: 'paragraph', aliases: ['heading 2'] },
  heading3: { id: 'Heading3', type: 'paragraph', aliases: ['heading 3'] },
  body: { id: 'BodyText', type: 'paragraph', aliases: ['Body Text', 'TextBody', 'Text Body'] },
  bullet: { id: 'GachDauDong', type: 'paragraph', aliases: ['Gạch đầu dòng'] },
  footnoteText: { id: 'FootnoteText', type: 'paragraph', aliases: ['footnote text', 'Footnote'] },
  footnoteReference: {
    id: 'FootnoteReference',
    type: 'character',
    aliases: ['footnote reference', 'FootnoteCharacters', 'Footnote Characters', 'FootnoteAnchor', 'Footnote Anchor'],
  },
};

/** The style ids of one template, resolved once at load. */
export type StyleIds = Readonly<Record<CodeStyle, string>>;

const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Finds each code style in a styles.xml by id, then by alias (id or name, case-insensitive).
 * Returns the ids, or the list of styles that could not be found.
 */
export function resolveStyleIds(stylesXml: string): { ids: StyleIds } | { missing: CodeStyle[] } {
  const styles: { type: string; id: string; name: string }[] = [];
  for (const m of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const attrs = m[1] ?? '';
    const type = /\bw:type="([^"]+)"/.exec(attrs)?.[1] ?? 'paragraph';
    const id = /\bw:styleId="([^"]+)"/.exec(attrs)?.[1];
    const name = /<w:name w:val="([^"]*)"/.exec(m[2] ?? '')?.[1] ?? '';
    if (id) styles.push({ type, id, name });
  }
  const ids: Partial<Record<CodeStyle, string>> = {};
  const missing: CodeStyle[] = [];
  for (const [key, c] of Object.entries(codeStyles) as [CodeStyle, StyleCandidates][]) {
    const ofType = styles.filter((s) => s.type === c.type);
    const wanted = [c.id, ...c.aliases].map(fold);
    const found =
      ofType.find((s) => s.id === c.id) ??
      wanted.map((w) => ofType.find((s) => fold(s.id) === w || fold(s.name) === w)).find((s) => s !== undefined);
    if (found) ids[key] = found.id;
    else missing.push(key);
  }
  return missing.length > 0 ? { missing } : { ids: ids as StyleIds };
}
