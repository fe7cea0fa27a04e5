/**
 * The words of a report model's content, and an "in order" check against a document's text that
 * is robust to what layout adds (labels, page numbers, footnote markers glued to words, footnotes
 * interleaved with the body at page bottoms, line breaks): each word must be found after the
 * previous one, white space ignored. Greedy earliest matching finds an embedding whenever one exists.
 */
import type { Inline, ReportModel } from '../../src/core/model.js';

const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

function inlineText(inlines: readonly Inline[]): string {
  // a footnote marker separates words (the PDF prints its number there)
  return inlines.map((i) => ('footnote' in i ? ' ' : i.text)).join('');
}

const split = (text: string) => text.split(/\s+/).map(fold).filter((w) => w !== '');

/** Body words in reading order (labels included), and footnote words in footnote order. */
export function modelWords(model: ReportModel): { body: string[]; footnotes: string[] } {
  return {
    body: model.body.flatMap((b) => split(`${b.label} ${inlineText(b.inlines)}`)),
    footnotes: model.footnotes.flatMap((f) => split(inlineText(f.inlines))),
  };
}

/** The first word that is not found in order in `text` (with the text before and after it), or undefined. */
export function firstMissing(words: readonly string[], text: string): string | undefined {
  const haystack = fold(text);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const found = haystack.indexOf(word, at);
    if (found < 0) {
      return `word ${i + 1}/${words.length} "${word}" (after "${words.slice(Math.max(0, i - 6), i).join(' ')}"), not found after …${haystack.slice(Math.max(0, at - 60), at)}`;
    }
    at = found + word.length;
  }
  return undefined;
}
