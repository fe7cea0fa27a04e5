/**
 * Word sections, for pages of another orientation: a body table too wide for the portrait text,
 * and the phụ lục (each starts a section, so on a new page). The template's own section
 * properties (the `w:sectPr` ending `w:body`: page size, margins, headers with the page number,
 * `w:titlePg` hiding it on page 1) are the base of every section:
 *
 * - a section ends with a paragraph whose `w:pPr` holds its `w:sectPr` (the last paragraph of
 *   the section, as Word writes it); the body's closing `w:sectPr` describes the last section;
 * - the first section is the template's exactly; later ones drop `w:titlePg` (only page 1 hides
 *   its number) and add no `w:pgNumType` start, so page numbers run on; they name the same headers;
 * - a landscape section turns the page (`w:orient="landscape"`, width and height swapped) and its
 *   margins with it: the portrait left (binding) margin becomes the top, the right the bottom, the
 *   top and bottom the sides (so 3 cm top, 1.5 cm bottom, 2 cm left and right: 25.7 cm of text).
 *
 * A document without landscape tables and phụ lục has one section and is untouched.
 */

const SECT_PR = /<w:sectPr\b[^>]*>[\s\S]*?<\/w:sectPr>\s*<\/w:body>/;

/** Where the body's closing `w:sectPr` is in document.xml, and its XML (without `</w:body>`). */
export function bodySectPr(documentXml: string): { start: number; end: number; xml: string } | undefined {
  const m = SECT_PR.exec(documentXml);
  if (!m) return undefined;
  const xml = m[0].slice(0, m[0].lastIndexOf('</w:sectPr>') + '</w:sectPr>'.length);
  return { start: m.index, end: m.index + xml.length, xml };
}

function attributes(element: string): Map<string, string> {
  return new Map([...element.matchAll(/\b(w:[A-Za-z]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

function element(name: string, attrs: ReadonlyMap<string, string>): string {
  return `<${name}${[...attrs].map(([k, v]) => ` ${k}="${v}"`).join('')}/>`;
}

function replaceEmpty(xml: string, name: string, make: (attrs: Map<string, string>) => string): string {
  return xml.replace(new RegExp(`<${name}\\b[^>]*/>`), (found) => make(attributes(found)));
}

/** The section properties for one section, from the template's. */
export function sectionProps(base: string, options: { first: boolean; landscape: boolean }): string {
  let xml = options.first ? base : base.replace(/<w:titlePg\b[^>]*\/>/, '');
  if (options.landscape) {
    xml = replaceEmpty(xml, 'w:pgSz', (a) => {
      const w = a.get('w:w') ?? '11906';
      const h = a.get('w:h') ?? '16838';
      const out = new Map(a);
      out.set('w:w', String(Math.max(Number(w), Number(h))));
      out.set('w:h', String(Math.min(Number(w), Number(h))));
      out.set('w:orient', 'landscape');
      return element('w:pgSz', out);
    });
    xml = replaceEmpty(xml, 'w:pgMar', (a) => {
      const out = new Map(a);
      const side = (k: string) => a.get(k) ?? '0';
      out.set('w:top', side('w:left'));
      out.set('w:bottom', side('w:right'));
      out.set('w:left', side('w:top'));
      out.set('w:right', side('w:bottom'));
      return element('w:pgMar', out);
    });
  }
  return xml;
}

/** An empty, tiny paragraph that ends a section: it carries the section's properties. */
function breakParagraph(sectPr: string): string {
  return `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>${sectPr}</w:pPr></w:p>`;
}

/** The sections of one document, in order, as its blocks are written. */
export class SectionBreaks {
  #closed = 0;
  #landscape = false;

  constructor(private readonly base: string) {}

  /** Whether the document has more than one section (then the body's closing w:sectPr changes). */
  get split(): boolean {
    return this.#closed > 0;
  }

  #props(): string {
    return sectionProps(this.base, { first: this.#closed === 0, landscape: this.#landscape });
  }

  /** Ends the current section (on a new page the next starts) and opens one of that orientation. */
  newSection(landscape: boolean): string {
    const xml = breakParagraph(this.#props());
    this.#closed += 1;
    this.#landscape = landscape;
    return xml;
  }

  /** Before a block: a section break when its orientation differs from the current section's. */
  switchTo(landscape: boolean): string {
    return landscape === this.#landscape ? '' : this.newSection(landscape);
  }

  /** The properties of the last section: the body's closing w:sectPr. */
  finalProps(): string {
    return this.#props();
  }
}
