/**
 * A document as structured plain text, for `git diff` (textconv): header fields by name, one line
 * per paragraph with its number, each footnote right after the paragraph that cites it (so
 * footnotes stay next to their text when an earlier one is inserted), Nơi nhận and signature last.
 */
import { terminalText } from './wording.js';
import { footnotesCited, printedText, ZONE_LABELS, type ComparableDocument, type Zone } from '../comparable-document.js';

export function documentText(doc: ComparableDocument): string {
  const lines: string[] = [];
  let zone: Zone | undefined;
  const shown = new Set<number>();
  for (const para of doc.paragraphs) {
    if (para.zone !== zone) {
      zone = para.zone;
      if (zone === 'body') lines.push('');
      else if (doc.structured) lines.push(`${zone === 'noi_nhan' || zone === 'nguoi_ky' ? '\n' : ''}[${ZONE_LABELS[zone]}]`);
    }
    const text = `${para.prefix}${printedText(para)}`;
    const notes = footnotesCited(para);
    lines.push(terminalText(text.replace(/\s*\n\s*/g, ' ').trim()));
    for (const n of notes) {
      if (shown.has(n)) continue;
      shown.add(n);
      lines.push(`    [chú thích: ${terminalText((doc.footnotes[n]?.text ?? '').replace(/\s*\n\s*/g, ' ').trim())}]`);
    }
  }
  for (const notice of doc.notices) lines.push(`\n(${terminalText(notice)})`);
  return `${lines.join('\n')}\n`;
}
