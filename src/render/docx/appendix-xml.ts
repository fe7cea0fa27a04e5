/**
 * The phụ lục as WordprocessingML, after the signature: each starts a section of its own (a new
 * page, landscape when the model says so), then, centred, "Phụ lục I" (bold, 14 pt), the title
 * (bold capitals), the "(Kèm theo …)" line (italic) and a short rule under it as in Mẫu 2.1, then
 * its content, written as the body's blocks are.
 */
import type { AppendixModel, TextRun } from '../../core/model.js';
import { bodyXml, inlinesXml, type FootnoteIdOf } from './body-xml.js';
import type { SectionBreaks } from './sections-xml.js';
import type { StyleIds } from './style-ids.js';
import { textRun } from './xml-text.js';

/** Half of the text width minus half the rule (1.5 cm), in twips: the rule under the Kèm theo line is 3 cm long. */
const RULE_INDENT = { portrait: 3827, landscape: 6435 };

function centred(styles: StyleIds, runs: string, options: { before: number; keepNext?: boolean; rule?: 'portrait' | 'landscape' }): string {
  const indent = options.rule ? RULE_INDENT[options.rule] : 0;
  const border = options.rule ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="000000"/></w:pBdr>' : '';
  return (
    `<w:p><w:pPr><w:pStyle w:val="${styles.body}"/>${options.keepNext ? '<w:keepNext/>' : ''}${border}` +
    `<w:spacing w:before="${options.before}" w:after="${options.rule ? 120 : 0}"/><w:ind w:left="${indent}" w:right="${indent}" w:firstLine="0"/><w:jc w:val="center"/>${options.rule ? '<w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr>' : ''}</w:pPr>${runs}</w:p>`
  );
}

export function appendixXml(appendix: AppendixModel, styles: StyleIds, footnoteIdOf: FootnoteIdOf, sections: SectionBreaks): string {
  const bold = appendix.title.map((inline) => ('text' in inline ? ({ ...inline, bold: true } satisfies TextRun) : inline));
  return (
    sections.newSection(appendix.landscape) +
    centred(styles, textRun(appendix.heading, true, false), { before: 0, keepNext: true }) +
    centred(styles, inlinesXml(bold, styles, footnoteIdOf), { before: 0, keepNext: true }) +
    centred(styles, textRun(appendix.attachedTo, false, true), { before: 0, keepNext: true }) +
    centred(styles, '', { before: 0, keepNext: true, rule: appendix.landscape ? 'landscape' : 'portrait' }) +
    bodyXml(appendix.body, styles, footnoteIdOf)
  );
}
