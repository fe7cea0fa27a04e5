/**
 * templates/html/look.css, generated from look.ts: the print CSS reads every measure it shares with
 * the Word templates as a custom property (`var(--body-size)`), so the look is defined once.
 * `@page` margins cannot take var() (custom properties do not apply in @page), so that rule itself
 * is generated here. Built by `npm run templates`; test/word-templates.test.ts checks the committed file.
 */
import { join } from 'node:path';
import { repoRoot } from '../repo-root.js';
import { look } from './look.js';

/** Where the generated style sheet is committed (next to print.css, which the renderer embeds after it). */
export const LOOK_CSS_FILE = join(repoRoot(), 'templates', 'html', 'look.css');

/**
 * Word's single line for Times New Roman/Tinos is 1.149 em: CSS line-height = (line / 240) × 1.149.
 */
const SINGLE_LINE_EM = 1.149;

/** Twips to mm, to 0.1 mm (below that the figure is Word's twip rounding: 15 mm = 850.4 → 851 twips). */
const mm = (twips: number): string => `${Number((twips / 56.7).toFixed(1))}mm`;
/** Twips to pt (exact: 1 pt = 20 twips). */
const ptTwips = (twips: number): string => `${twips / 20}pt`;
/** Half-points to pt (exact). */
const pt = (halfPoints: number): string => `${halfPoints / 2}pt`;

export function lookCss(): string {
  const { page, body, headerTable, header, rules, title, kinhGui, closing, footnote, pageNumber } = look;
  const vars: [name: string, value: string][] = [
    ['content-width', mm(page.width - page.marginLeft - page.marginRight)],
    ['content-height', mm(page.height - page.marginTop - page.marginBottom)],
    ['body-size', pt(body.size)],
    ['body-first-line', mm(body.firstLine)],
    ['body-before', ptTwips(body.before)],
    ['body-line-height', String(Number(((body.line / 240) * SINGLE_LINE_EM).toFixed(2)))],
    ['header-width', mm(headerTable.leftWidth + headerTable.rightWidth)],
    ['header-left-width', mm(headerTable.leftWidth)],
    ['header-right-width', mm(headerTable.rightWidth)],
    ['header-indent', mm(headerTable.indent)],
    ['header-offset', mm(-headerTable.indent)],
    ['agency-size', pt(header.agencySize)],
    ['national-title-size', pt(header.nationalTitleSize)],
    ['motto-size', pt(header.mottoSize)],
    ['number-size', pt(header.numberSize)],
    ['place-date-size', pt(header.placeDateSize)],
    ['number-row-before', ptTwips(header.numberRowBefore)],
    ['rule-weight', `${rules.weight / 8}pt`],
    ['summary-after', ptTwips(rules.summaryAfter)],
    ['title-size', pt(title.size)],
    ['title-before', ptTwips(title.before)],
    ['kinh-gui-label-indent', mm(kinhGui.labelIndent)],
    ['kinh-gui-lines-indent', mm(kinhGui.linesIndent)],
    ['closing-before', ptTwips(closing.before)],
    ['recipients-label-size', pt(closing.labelSize)],
    ['recipient-size', pt(closing.lineSize)],
    ['signature-size', pt(closing.signatureSize)],
    ['footnote-size', pt(footnote.size)],
  ];
  return [
    '/* Generated from tools/word-templates/look.ts by `npm run templates`: do not edit. */',
    '@page {',
    `  margin: ${[page.marginTop, page.marginRight, page.marginBottom, page.marginLeft].map(mm).join(' ')};`,
    '  @top-center {',
    `    font-size: ${pt(pageNumber.size)};`,
    '  }',
    '}',
    ':root {',
    ...vars.map(([name, value]) => `  --${name}: ${value};`),
    '}',
    '',
  ].join('\n');
}
