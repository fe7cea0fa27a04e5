/**
 * Word's automatic numbering (word/numbering.xml) computed to the labels Word shows: each
 * paragraph with a w:numPr (its own or its style's) advances its level's counter, resets the
 * deeper ones, and prints the level's w:lvlText with %1…%9 replaced by the counters in the
 * level's format (a legal-style level, w:isLgl, prints every counter as a decimal). Lists sharing
 * an abstract definition share counters unless a w:num restarts them (w:startOverride) or redefines
 * a level (w:lvlOverride/w:lvl); an abstract that only links to a numbering style (w:numStyleLink)
 * uses the definition of that style (w:styleLink).
 */
import { child, childElements, childVal, type XmlElement } from './xml-tree.js';

interface Level {
  start: number;
  format: string;
  text: string;
  legal: boolean;
}

function readLevel(lvl: XmlElement): Level {
  const legal = child(lvl, 'w:isLgl');
  return {
    start: Number(childVal(lvl, 'w:start') ?? 1),
    format: childVal(lvl, 'w:numFmt') ?? 'decimal',
    text: childVal(lvl, 'w:lvlText') ?? '',
    legal: legal !== undefined && !['0', 'false', 'off'].includes(legal.attributes['w:val'] ?? ''),
  };
}

export interface NumberedLabel {
  label: string;
  level: number;
  /** A bullet level ("•", "-", "+"): the label is the bullet mapped to "-" (first level) or "+". */
  bullet: boolean;
}

export class WordNumbering {
  private readonly abstracts = new Map<string, Level[]>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number>; levels: Map<number, Level> }>();
  private readonly counters = new Map<string, number[]>();

  constructor(numbering: XmlElement | undefined) {
    if (!numbering) return;
    const definesStyle = new Map<string, string>();
    const linksStyle = new Map<string, string>();
    for (const abstract of childElements(numbering, 'w:abstractNum')) {
      const id = abstract.attributes['w:abstractNumId'] ?? '';
      const levels: Level[] = [];
      for (const lvl of childElements(abstract, 'w:lvl')) levels[Number(lvl.attributes['w:ilvl'] ?? 0)] = readLevel(lvl);
      this.abstracts.set(id, levels);
      const defines = childVal(abstract, 'w:styleLink');
      if (defines !== undefined) definesStyle.set(defines, id);
      const links = childVal(abstract, 'w:numStyleLink');
      if (links !== undefined) linksStyle.set(id, links);
    }
    for (const [id, style] of linksStyle) {
      const target = definesStyle.get(style);
      if (target !== undefined && target !== id) this.abstracts.set(id, this.abstracts.get(target)!);
    }
    for (const num of childElements(numbering, 'w:num')) {
      const starts = new Map<number, number>();
      const levels = new Map<number, Level>();
      for (const override of childElements(num, 'w:lvlOverride')) {
        const ilvl = Number(override.attributes['w:ilvl'] ?? 0);
        const start = childVal(override, 'w:startOverride');
        if (start !== undefined) starts.set(ilvl, Number(start));
        const lvl = child(override, 'w:lvl');
        if (lvl) levels.set(ilvl, readLevel(lvl));
      }
      const abstractId = childVal(num, 'w:abstractNumId') ?? '';
      // a numbering style's list: its abstract links to the style that defines the levels
      const shared = linksStyle.has(abstractId) ? definesStyle.get(linksStyle.get(abstractId)!) ?? abstractId : abstractId;
      this.nums.set(num.attributes['w:numId'] ?? '', { abstractId: shared, starts, levels });
    }
  }

  /** The label of the next paragraph numbered (numId, ilvl), or undefined (numId 0 = numbering removed). */
  next(numId: string, ilvl: number): NumberedLabel | undefined {
    const num = this.nums.get(numId);
    if (!num) return undefined;
    const defined = this.abstracts.get(num.abstractId);
    const levels = defined && num.levels.size > 0 ? defined.map((l, i) => num.levels.get(i) ?? l) : defined;
    if (levels) for (const [i, l] of num.levels) levels[i] ??= l;
    const level = levels?.[ilvl];
    if (!levels || !level) return undefined;
    const key = num.starts.size > 0 || num.levels.size > 0 ? `num:${numId}` : `abstract:${num.abstractId}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = levels.map((l, i) => (num.starts.get(i) ?? l?.start ?? 1) - 1);
      this.counters.set(key, counters);
    }
    counters[ilvl] = (counters[ilvl] ?? (level.start - 1)) + 1;
    for (let deeper = ilvl + 1; deeper < levels.length; deeper++) counters[deeper] = (num.starts.get(deeper) ?? levels[deeper]?.start ?? 1) - 1;
    if (level.format === 'bullet') {
      const mark = level.text.trim();
      // A blank bullet (pandoc's continuation paragraphs) shows nothing: no label.
      if (mark === '') return { label: '', level: ilvl, bullet: false };
      return { label: mark === '+' ? '+' : mark === '-' || mark === '–' ? '-' : ilvl === 0 ? '-' : '+', level: ilvl, bullet: true };
    }
    if (level.format === 'none') return { label: '', level: ilvl, bullet: false };
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counters[i] ?? 1, level.legal ? 'decimal' : (levels[i]?.format ?? 'decimal'));
    });
    return { label: label.trim(), level: ilvl, bullet: false };
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'lowerLetter':
      return letter(n);
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

function letter(n: number): string {
  const base = LETTERS[(n - 1) % 26] ?? 'a';
  return base.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, symbol] of table) while (n >= value) { out += symbol; n -= value; }
  return out;
}

export interface NumPr {
  numId: string;
  ilvl: number;
}

/** The w:numPr of a paragraph properties element, or undefined. */
export function numPrOf(pPr: XmlElement | undefined): NumPr | undefined {
  const numPr = child(pPr, 'w:numPr');
  if (!numPr) return undefined;
  const numId = childVal(numPr, 'w:numId');
  if (numId === undefined) return undefined;
  return { numId, ilvl: Number(childVal(numPr, 'w:ilvl') ?? 0) };
}

/**
 * The numbering each paragraph style gives (word/styles.xml): its own w:numPr or one inherited
 * through w:basedOn; a paragraph without w:pStyle has the default paragraph style's.
 */
export function styleNumbering(styles: XmlElement | undefined): (styleId: string | undefined) => NumPr | undefined {
  const own = new Map<string, { numPr?: NumPr; basedOn?: string }>();
  let defaultStyle: string | undefined;
  for (const style of styles ? childElements(styles, 'w:style') : []) {
    const id = style.attributes['w:styleId'];
    if (!id || style.attributes['w:type'] !== 'paragraph') continue;
    const numPr = numPrOf(child(style, 'w:pPr'));
    const basedOn = childVal(style, 'w:basedOn');
    own.set(id, { ...(numPr ? { numPr } : {}), ...(basedOn ? { basedOn } : {}) });
    if (style.attributes['w:default'] === '1') defaultStyle = id;
  }
  return (styleId) => {
    let id = styleId ?? defaultStyle;
    for (let depth = 0; id !== undefined && depth < 20; depth++) {
      const style = own.get(id);
      if (!style) return undefined;
      if (style.numPr) return style.numPr;
      id = style.basedOn;
    }
    return undefined;
  };
}
