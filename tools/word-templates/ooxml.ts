/**
 * Small builders for the WordprocessingML the template builder writes. They emit child elements
 * in the order the OOXML schema requires (Word rejects out-of-order pPr/rPr children).
 */

import { escapeXml } from '../../src/render/docx/xml-text.js';
export { R_NS, W_NS, XML_DECL } from '../../src/render/docx/xml-names.js';

export interface RunProps {
  fonts?: string;
  lang?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  superscript?: boolean;
}

export function rPr(p: RunProps): string {
  let x = '';
  if (p.fonts) {
    const f = escapeXml(p.fonts);
    x += `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/>`;
  }
  if (p.bold !== undefined) x += p.bold ? '<w:b/><w:bCs/>' : '<w:b w:val="0"/><w:bCs w:val="0"/>';
  if (p.italic !== undefined) x += p.italic ? '<w:i/><w:iCs/>' : '<w:i w:val="0"/><w:iCs w:val="0"/>';
  if (p.size !== undefined) x += `<w:sz w:val="${p.size}"/><w:szCs w:val="${p.size}"/>`;
  if (p.superscript) x += '<w:vertAlign w:val="superscript"/>';
  if (p.lang) x += `<w:lang w:val="${p.lang}" w:eastAsia="${p.lang}" w:bidi="ar-SA"/>`;
  return x === '' ? '' : `<w:rPr>${x}</w:rPr>`;
}

export interface ParagraphProps {
  keepNext?: boolean;
  keepLines?: boolean;
  widowControl?: boolean;
  /** Bottom border (a rule line) of this weight in eighths of a point. */
  bottomBorder?: number;
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line (auto) or twips (exact). */
  line?: number;
  lineRule?: 'auto' | 'exact' | 'atLeast';
  left?: number;
  right?: number;
  firstLine?: number;
  hanging?: number;
  contextualSpacing?: boolean;
  jc?: 'left' | 'center' | 'right' | 'both';
  outlineLvl?: number;
}

export function pPr(p: ParagraphProps): string {
  let x = '';
  if (p.keepNext) x += '<w:keepNext/>';
  if (p.keepLines) x += '<w:keepLines/>';
  if (p.widowControl) x += '<w:widowControl/>';
  if (p.bottomBorder !== undefined) {
    x += `<w:pBdr><w:bottom w:val="single" w:sz="${p.bottomBorder}" w:space="0" w:color="000000"/></w:pBdr>`;
  }
  if (p.before !== undefined || p.after !== undefined || p.line !== undefined) {
    x += '<w:spacing';
    if (p.before !== undefined) x += ` w:before="${p.before}"`;
    if (p.after !== undefined) x += ` w:after="${p.after}"`;
    if (p.line !== undefined) x += ` w:line="${p.line}" w:lineRule="${p.lineRule ?? 'auto'}"`;
    x += '/>';
  }
  if (p.left !== undefined || p.right !== undefined || p.firstLine !== undefined || p.hanging !== undefined) {
    x += '<w:ind';
    if (p.left !== undefined) x += ` w:left="${p.left}"`;
    if (p.right !== undefined) x += ` w:right="${p.right}"`;
    if (p.firstLine !== undefined) x += ` w:firstLine="${p.firstLine}"`;
    if (p.hanging !== undefined) x += ` w:hanging="${p.hanging}"`;
    x += '/>';
  }
  if (p.contextualSpacing) x += '<w:contextualSpacing/>';
  if (p.jc) x += `<w:jc w:val="${p.jc}"/>`;
  if (p.outlineLvl !== undefined) x += `<w:outlineLvl w:val="${p.outlineLvl}"/>`;
  return x === '' ? '' : `<w:pPr>${x}</w:pPr>`;
}

/** A paragraph of the given style holding literal text (or a template tag), in one run. */
export function para(style: string, text = ''): string {
  const run = text === '' ? '' : `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${run}</w:p>`;
}

/**
 * A paragraph holding only a loop/condition tag (`{#x}` or `{/x}`); with docxtemplater's
 * `paragraphLoop` the whole paragraph disappears from the output.
 */
export function tagPara(tag: string, style: string): string {
  return para(style, tag);
}
