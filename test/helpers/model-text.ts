/** The text of a report model as lines, the way the reference .txt files write it. */
import type { ReportModel } from '../../src/core/model.js';

export function bodyLines(model: ReportModel): string[] {
  return model.body.map((block) => {
    const text = block.inlines.map((inline) => ('footnote' in inline ? `[${inline.footnote}]` : inline.text)).join('');
    return block.label ? `${block.label} ${text}` : text;
  });
}

export function footnoteLines(model: ReportModel): string[] {
  return model.footnotes.map((f) => `[${f.number}] ${f.inlines.map((r) => r.text).join('')}`);
}

/** Collapses runs of white space, so line wrapping in the reference does not matter. */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
