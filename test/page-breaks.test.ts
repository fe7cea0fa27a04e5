/**
 * The page-breaking rules of the PDF (src/render/pdf/page-breaks.ts), in Node, over hand-written
 * measured boxes: no browser. Lengths are CSS px; every line is 20 px high, pages are 200 px tall
 * unless a test says otherwise. docs/dev-pagination.md explains the box model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideBreaks,
  tableRowGroups,
  type MeasuredBlock,
  type MeasuredNote,
  type MeasuredSegment,
  type Sheet,
} from '../src/render/pdf/page-breaks.js';

const LINE = 20;

interface BlockSpec {
  /** Lines of a paragraph that may be cut, or 0 for a block that never is (then `height`). */
  lines?: number;
  height?: number;
  marginTop?: number;
  keep?: boolean;
  rank?: number;
  orphans?: number;
  widows?: number;
  /** Footnote markers: note id → line of the marker. */
  refs?: Record<string, number>;
}

const para = (lines: number, spec: BlockSpec = {}): BlockSpec => ({ lines, ...spec });
const box = (height: number, spec: BlockSpec = {}): BlockSpec => ({ height, ...spec });
const heading = (rank: number, spec: BlockSpec = {}): BlockSpec => ({ height: LINE, keep: true, rank, ...spec });

/** Blocks stacked one under the other as the page lays them out in one column (margins as gaps). */
function stack(specs: BlockSpec[]): MeasuredBlock[] {
  let y = 0;
  return specs.map((spec) => {
    const lines = spec.lines ?? 0;
    const height = spec.height ?? lines * LINE;
    const marginTop = spec.marginTop ?? 0;
    const top = y + marginTop;
    y = top + height;
    return {
      height,
      lines,
      lineHeight: LINE,
      padTop: 0,
      padBottom: 0,
      orphans: spec.orphans ?? 2,
      widows: spec.widows ?? 2,
      top,
      bottom: top + height,
      marginTop,
      keep: spec.keep ?? false,
      rank: spec.rank ?? 0,
      refLines: Object.entries(spec.refs ?? {}).map(([id, line]) => ({ id, line })),
    };
  });
}

const note = (id: string, lines: number): MeasuredNote => ({
  id,
  height: lines * LINE,
  lines,
  lineHeight: LINE,
  padTop: 0,
  padBottom: 0,
  orphans: 2,
  widows: 2,
});

function segment(specs: BlockSpec[], options: { capacity?: number; notes?: MeasuredNote[]; landscape?: boolean } = {}): MeasuredSegment {
  return {
    landscape: options.landscape ?? false,
    capacity: options.capacity ?? 200,
    separator: options.notes?.length ? 10 : 0,
    blocks: stack(specs),
    notes: options.notes ?? [],
  };
}

/** Each page as a list of "block[from,to)" (whole blocks as "block"), and its notes as "id[from,to)". */
function pagesOf(segments: MeasuredSegment[]): { body: string[]; notes: string[] }[] {
  const decision = decideBreaks(segments);
  if (!decision.sheets) throw new Error(`too large: ${JSON.stringify(decision.tooLarge)}`);
  return decision.sheets.map((s) => ({
    body: s.pieces.map((p) => {
      const m = segments[s.segment]!.blocks[p.block]!;
      return m.lines === 0 || (p.from === 0 && p.to === m.lines) ? `${p.block}` : `${p.block}[${p.from},${p.to})`;
    }),
    notes: s.notes.map((n) => `${n.id}[${n.from},${n.to})`),
  }));
}
const bodies = (segments: MeasuredSegment[]) => pagesOf(segments).map((p) => p.body);

describe('blocks flow in order', () => {
  it('puts everything on one page when it fits', () => {
    expect(bodies([segment([box(60), para(3), box(80)])])).toEqual([['0', '1', '2']]);
  });

  it('moves a block that does not fit whole, and one that cannot be cut, to the next page', () => {
    expect(bodies([segment([box(150), box(60), para(1)])])).toEqual([['0'], ['1', '2']]);
  });

  it('counts the space between two blocks as laid out, and only the margin at a page top', () => {
    // 100 + 20 (gap) + 80 = 200 fits; on the next page the margin counts once.
    expect(bodies([segment([box(100), box(80, { marginTop: 20 }), box(180, { marginTop: 20 })])])).toEqual([['0', '1'], ['2']]);
  });
});

describe('paragraphs are cut at line boundaries', () => {
  it('fills the page and continues the paragraph on the next', () => {
    expect(bodies([segment([box(100), para(10)])])).toEqual([['0', '1[0,5)'], ['1[5,10)']]);
  });

  it('over as many pages as it needs', () => {
    expect(bodies([segment([para(25)])])).toEqual([['0[0,10)'], ['0[10,20)'], ['0[20,25)']]);
  });

  it('leaves at least `orphans` lines at a page bottom, else moves the paragraph whole', () => {
    // one line of room: fewer than 2 orphans
    expect(bodies([segment([box(180), para(5)])])).toEqual([['0'], ['1']]);
    // with orphans: 1, the one line stays
    expect(bodies([segment([box(180), para(5, { orphans: 1 })])])).toEqual([['0', '1[0,1)'], ['1[1,5)']]);
  });

  it('carries at least `widows` lines to the next page, though more would fit', () => {
    // 9 of 10 lines would fit after the 20 px block; widows 2 keeps 8.
    expect(bodies([segment([box(20), para(10)])])).toEqual([['0', '1[0,8)'], ['1[8,10)']]);
    expect(bodies([segment([box(20), para(10, { widows: 3 })])])).toEqual([['0', '1[0,7)'], ['1[7,10)']]);
  });
});

describe('headings stay with what follows (break-after: avoid)', () => {
  it('moves a heading left at a page bottom to the next page with its paragraph', () => {
    expect(bodies([segment([para(9), heading(1), para(3)])])).toEqual([['0'], ['1', '2']]);
  });

  it('lets a heading followed by a heading of the same rank end a page (title-only sections flow)', () => {
    expect(bodies([segment([para(8), heading(2), heading(2), para(3)])])).toEqual([['0', '1'], ['2', '3']]);
  });

  it('keeps a heading with a lower-rank heading under it, both moving', () => {
    expect(bodies([segment([para(8), heading(2), heading(3), para(3)])])).toEqual([['0'], ['1', '2', '3']]);
  });

  it('moves at most half a page of such blocks', () => {
    // 120 px of kept blocks at the bottom (> 100): they stay, the paragraph goes alone.
    expect(bodies([segment([box(80), box(120, { keep: true }), para(3)])])).toEqual([['0', '1'], ['2']]);
  });

  it('cuts a long kept paragraph, sending only its last lines with the next block', () => {
    // the kept paragraph (5 lines) sits at the bottom: it keeps 3 lines here and sends 2 (widows)
    expect(bodies([segment([box(100), para(5, { keep: true }), para(3)])])).toEqual([['0', '1[0,3)'], ['1[3,5)', '2']]);
  });
});

describe('footnotes', () => {
  it('go to the note area of the page that holds their marker', () => {
    const pages = pagesOf([segment([para(3, { refs: { a: 1 } }), para(3, { refs: { b: 0 } })], { notes: [note('a', 2), note('b', 1)] })]);
    expect(pages).toEqual([{ body: ['0', '1'], notes: ['a[0,2)', 'b[0,1)'] }]);
  });

  it('take their room from the body: a paragraph is cut so that its marker and the note share a page', () => {
    // 8 body lines + separator 10 + note 40 > 200: the marker's line (1) and its note stay on page 1.
    const pages = pagesOf([segment([para(8, { refs: { a: 1 } })], { notes: [note('a', 2)] })]);
    expect(pages).toEqual([
      { body: ['0[0,6)'], notes: ['a[0,2)'] },
      { body: ['0[6,8)'], notes: [] },
    ]);
  });

  it('move with their marker line when it goes to the next page', () => {
    const pages = pagesOf([segment([box(140), para(4, { refs: { a: 3 } })], { notes: [note('a', 2)] })]);
    expect(pages).toEqual([
      { body: ['0', '1[0,2)'], notes: [] },
      { body: ['1[2,4)'], notes: ['a[0,2)'] },
    ]);
  });

  it('are placed once, at their first marker', () => {
    const pages = pagesOf([segment([para(2, { refs: { a: 0 } }), box(150), para(2, { refs: { a: 1 } })], { notes: [note('a', 1)] })]);
    expect(pages.map((p) => p.notes)).toEqual([['a[0,1)'], []]);
  });

  it('continue a note taller than any page at the top of the next pages, all its lines in order', () => {
    // 1 body line + separator + 20-line note: 8 lines under the marker, then 9 and 3 on the next pages.
    const pages = pagesOf([segment([para(1, { refs: { a: 0 } })], { notes: [note('a', 20)] })]);
    expect(pages).toEqual([
      { body: ['0'], notes: ['a[0,8)'] },
      { body: [], notes: ['a[8,17)'] },
      { body: [], notes: ['a[17,20)'] },
    ]);
  });

  it('let the body go on under a continued note on its last page', () => {
    const pages = pagesOf([segment([para(1, { refs: { a: 0 } }), para(3)], { notes: [note('a', 12)] })]);
    expect(pages).toEqual([
      { body: ['0'], notes: ['a[0,8)'] },
      { body: ['1'], notes: ['a[8,12)'] },
    ]);
  });
});

describe('tables of figures taller than a page', () => {
  // 20 rows of 20 px, 30 px of header rows and borders: 430 px; the limit is 200 - 0 - 2 = 198.
  const table = { capacity: 200, marginTop: 0, height: 430, rowHeights: Array.from({ length: 20 }, () => 20), lead: 0 };

  it('stay whole when they fit', () => {
    expect(tableRowGroups({ ...table, height: 190, rowHeights: [20, 20] })).toBeNull();
  });

  it('are cut between rows into pieces at most a page tall, each with the header rows', () => {
    expect(tableRowGroups(table)).toEqual([8, 8, 4]);
    expect(tableRowGroups({ ...table, marginTop: 20 })).toEqual([7, 7, 6]);
  });

  it('leave room in the first piece for the heading that stays with them (at most half a page)', () => {
    expect(tableRowGroups({ ...table, lead: 40 })).toEqual([6, 8, 6]);
    expect(tableRowGroups({ ...table, lead: 120 })).toEqual([8, 8, 4]);
  });

  it('never leave a piece without a row, even for a row taller than the page', () => {
    expect(tableRowGroups({ ...table, height: 330, rowHeights: [20, 280, 20] })).toEqual([1, 1, 1]);
  });
});

describe('parts of the flow (landscape sections, phụ lục)', () => {
  it('start a new page each, with their own orientation and page height', () => {
    const decision = decideBreaks([segment([box(50)]), segment([box(250), box(100)], { capacity: 300, landscape: true }), segment([box(50)])]);
    expect(decision.sheets?.map((s: Sheet) => [s.segment, s.landscape, s.pieces.map((p) => p.block)])).toEqual([
      [0, false, [0]],
      [1, true, [0]],
      [1, true, [1]],
      [2, false, [0]],
    ]);
  });

  it('keep a note on the page of its marker in a later part', () => {
    const pages = pagesOf([segment([box(50)]), segment([para(2, { refs: { a: 1 } })], { notes: [note('a', 1)] })]);
    expect(pages).toEqual([
      { body: ['0'], notes: [] },
      { body: ['0'], notes: ['a[0,1)'] },
    ]);
  });
});

describe('content too large', () => {
  it('names the first block that no page can hold, and its part', () => {
    expect(decideBreaks([segment([box(50), box(201), box(300)])])).toEqual({ sheets: null, tooLarge: { segment: 0, block: 1 } });
    expect(decideBreaks([segment([box(50)]), segment([para(3), box(400)], { capacity: 300 })]).tooLarge).toEqual({ segment: 1, block: 1 });
  });

  it('never says so for a paragraph, however long', () => {
    expect(decideBreaks([segment([para(1000)])]).tooLarge).toBeNull();
  });
});

describe('for any flow of paragraphs, blocks and notes', () => {
  const flow = fc.record({
    specs: fc.array(
      fc.oneof(
        fc.record({ lines: fc.integer({ min: 1, max: 30 }), orphans: fc.integer({ min: 1, max: 3 }), widows: fc.integer({ min: 1, max: 3 }), marginTop: fc.constantFrom(0, 5, 10) }),
        fc.record({ height: fc.integer({ min: 10, max: 150 }), keep: fc.boolean(), rank: fc.integer({ min: 0, max: 3 }) }),
      ),
      { minLength: 1, maxLength: 25 },
    ),
    noteLines: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 6 }),
  });

  it('prints every line of every block once, in order, and every note whole on the page of its marker', () => {
    fc.assert(
      fc.property(flow, ({ specs: drawn, noteLines }) => {
        const specs: BlockSpec[] = drawn;
        // each note is referenced from the last line of a paragraph, spread over the paragraphs
        const paragraphs = specs.map((s, i) => ((s.lines ?? 0) > 0 ? i : -1)).filter((i) => i >= 0);
        const notes = noteLines.slice(0, paragraphs.length).map((lines, k) => note(`n${k}`, lines));
        notes.forEach((n, k) => {
          const spec = specs[paragraphs[k]!]!;
          spec.refs = { ...spec.refs, [n.id]: (spec.lines ?? 1) - 1 };
        });
        const measured = segment(specs, { capacity: 300, notes });
        const decision = decideBreaks([measured]);
        expect(decision.tooLarge).toBeNull();
        const pieces = decision.sheets!.flatMap((s, page) => s.pieces.map((p) => ({ ...p, page })));
        // blocks in order, each block's lines covered once by consecutive pieces
        expect(pieces.map((p) => p.block)).toEqual([...pieces.map((p) => p.block)].sort((a, b) => a - b));
        measured.blocks.forEach((m, block) => {
          const own = pieces.filter((p) => p.block === block);
          expect(own.map((p) => [p.from, p.to])).toEqual(
            m.lines === 0 ? [[0, 0]] : own.map((p, i) => [i === 0 ? 0 : own[i - 1]!.to, i === own.length - 1 ? m.lines : p.to]),
          );
          own.forEach((p) => expect(p.to).toBeGreaterThan(m.lines === 0 ? -1 : p.from));
        });
        // each note whole, on the page of the piece holding its marker line
        for (const n of notes) {
          const [ref] = measured.blocks.flatMap((m, block) => m.refLines.filter((r) => r.id === n.id).map((r) => ({ block, line: r.line })));
          const markerPage = pieces.find((p) => p.block === ref!.block && p.from <= ref!.line && ref!.line < p.to)!.page;
          const placed = decision.sheets!.flatMap((s, page) => s.notes.filter((x) => x.id === n.id).map((x) => ({ ...x, page })));
          expect(placed).toEqual([{ id: n.id, from: 0, to: n.lines, page: markerPage }]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
