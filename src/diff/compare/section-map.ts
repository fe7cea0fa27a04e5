/**
 * The section tree of a document's body, as the reader sees it: which section each paragraph
 * belongs to and that section's number path ("II.2.b)") and heading.
 */
import { paraText, type ComparableDocument, type Para } from '../comparable-document.js';
import { numberPath } from '../read/section-labels.js';

export interface SectionInfo {
  path: string;
  title: string;
}

export interface SectionMap {
  /** Paragraph index → index of the paragraph that opens its section (itself for a heading), or -1. */
  sectionOf: number[];
  info: Map<number, SectionInfo>;
}

/** A paragraph that opens a section: a heading, or a numbered paragraph without a title ("3. Tiếp tục …"). */
export function opensSection(para: Para): boolean {
  return para.zone === 'body' && para.label !== '' && para.kind !== 'bullet' && para.kind !== 'plain';
}

const TITLE_WORDS = 12;

function titleOf(para: Para): string {
  const text = paraText(para).trim();
  if (para.kind !== 'body') return text;
  const words = text.split(/\s+/);
  return words.length > TITLE_WORDS ? `${words.slice(0, TITLE_WORDS).join(' ')} …` : text;
}

export function mapSections(doc: ComparableDocument): SectionMap {
  const sectionOf: number[] = [];
  const info = new Map<number, SectionInfo>();
  const stack: { depth: number; label: string; index: number }[] = [];
  doc.paragraphs.forEach((para, index) => {
    if (para.zone !== 'body') {
      sectionOf.push(-1);
      return;
    }
    if (opensSection(para)) {
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= para.depth) stack.pop();
      stack.push({ depth: para.depth, label: para.label, index });
      info.set(index, { path: numberPath(stack.map((s) => s.label)), title: titleOf(para) });
      sectionOf.push(index);
      return;
    }
    sectionOf.push(stack.length > 0 ? stack[stack.length - 1]!.index : -1);
  });
  return { sectionOf, info };
}
