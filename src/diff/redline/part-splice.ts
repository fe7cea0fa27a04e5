/**
 * A part's XML rewritten paragraph by paragraph: each `w:p` replaced, or with deleted paragraphs
 * put before or after it, everything else copied as is. Paragraphs inside text boxes sit inside
 * another paragraph's run: a range is written with its own paragraphs' edits, recursively, so a
 * change in a text box is tracked whether or not the paragraph holding the box changed too.
 */
import type { OoxmlParagraph } from '../read/ooxml-paragraphs.js';

export interface PartEdits {
  replace: ReadonlyMap<number, () => string>;
  before: ReadonlyMap<number, readonly string[]>;
  after: ReadonlyMap<number, readonly string[]>;
  /** Text put at an offset outside every paragraph (a table row's revision mark). */
  points?: ReadonlyMap<number, string>;
}

export class PartSplice {
  /** Paragraph indices (sorted by start) of the outermost paragraphs, and the children of each. */
  private readonly roots: number[] = [];
  private readonly children = new Map<number, number[]>();
  private edits: PartEdits = { replace: new Map(), before: new Map(), after: new Map() };

  constructor(
    private readonly xml: string,
    private readonly paragraphs: readonly OoxmlParagraph[],
  ) {
    const open: number[] = [];
    paragraphs.forEach((p, i) => {
      while (open.length > 0 && end(paragraphs[open[open.length - 1]!]!) <= p.start) open.pop();
      const parent = open[open.length - 1];
      if (parent === undefined) this.roots.push(i);
      else this.children.set(parent, [...(this.children.get(parent) ?? []), i]);
      open.push(i);
    });
  }

  /** The whole part with the edits. */
  render(edits: PartEdits): string {
    this.edits = edits;
    return this.write(0, this.xml.length, this.roots, []);
  }

  /** `xml[start, end)` (inside some paragraph) with the edits of the paragraphs in it, without the `cut` ranges. */
  range(start: number, end: number, cut: readonly (readonly [number, number])[]): string {
    const inside = this.paragraphs.findIndex((p) => p.start >= start && p.start < end);
    if (inside < 0) return this.write(start, end, [], cut);
    let owner: number[] = this.roots;
    for (const [parent, kids] of this.children) if (kids.includes(inside)) owner = this.children.get(parent)!;
    return this.write(start, end, owner, cut);
  }

  private write(start: number, stop: number, candidates: readonly number[], cut: readonly (readonly [number, number])[]): string {
    const marks: { at: number; to: number; text: () => string }[] = [];
    for (const [a, b] of cut) if (a >= start && b <= stop) marks.push({ at: a, to: b, text: () => '' });
    for (const i of candidates) {
      const p = this.paragraphs[i]!;
      if (p.start < start || end(p) > stop) continue;
      marks.push({ at: p.start, to: end(p), text: () => this.paragraph(i) });
    }
    for (const [at, text] of this.edits.points ?? []) {
      if (at < start || at >= stop) continue;
      if (marks.some((m) => m.at < at && at < m.to)) continue;
      marks.push({ at, to: at, text: () => text });
    }
    marks.sort((x, y) => x.at - y.at || (x.to === x.at ? -1 : 1));
    let out = '';
    let cursor = start;
    for (const m of marks) {
      out += this.xml.slice(cursor, m.at) + m.text();
      cursor = m.to;
    }
    return out + this.xml.slice(cursor, stop);
  }

  private paragraph(i: number): string {
    const p = this.paragraphs[i]!;
    const replaced = this.edits.replace.get(i);
    const own = replaced ? replaced() : this.write(p.start, end(p), this.children.get(i) ?? [], []);
    return `${(this.edits.before.get(i) ?? []).join('')}${own}${(this.edits.after.get(i) ?? []).join('')}`;
  }
}

const end = (p: OoxmlParagraph) => p.start + p.length;
