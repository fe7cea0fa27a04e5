/**
 * Where the pages break: pure functions over measured boxes (numbers in CSS px, read from the
 * laid-out page by `paginate`). No DOM, no browser: they run in Node (unit tests, with hand-written
 * boxes) and in the page, where `paginate` receives their source text. So each function here must
 * not use imports or names from outside its own body (types are erased; nothing else may be shared).
 * docs/dev-pagination.md describes the box model and every rule.
 */

/** A box whose lines may be cut apart: a piece [from, to) of them has a height known by arithmetic. */
export interface LineBox {
  /** Border-box height. */
  height: number;
  /** Lines when it may be cut at line boundaries (a `<p>` or note with a uniform line height), else 0. */
  lines: number;
  /** The pitch of its lines (the real one: layout rounds each line box). */
  lineHeight: number;
  /** Padding and border above its first line and below its last. */
  padTop: number;
  padBottom: number;
  /** CSS `orphans` and `widows` (at least 1). */
  orphans: number;
  widows: number;
}

/** One block of the flow (a paragraph, a heading, a table, the header or signature table), measured. */
export interface MeasuredBlock extends LineBox {
  /** Border-box top and bottom from the top of the page body, as laid out in one column. */
  top: number;
  bottom: number;
  /** CSS `margin-top`: the space above it at the top of a page. */
  marginTop: number;
  /** CSS `break-after: avoid`: it stays with the block after it. */
  keep: boolean;
  /** CSS `--heading-rank` (1 highest), 0 when it is no heading. */
  rank: number;
  /** Its footnote markers: note id and the line (0-based) that holds the marker (0 when not splittable). */
  refLines: { id: string; line: number }[];
}

/** One footnote, measured in the note area (at the page's width). */
export interface MeasuredNote extends LineBox {
  id: string;
}

/** A part of the flow that starts a new page of its orientation (the body, a landscape table, a phụ lục). */
export interface MeasuredSegment {
  landscape: boolean;
  /** The height of a page box (its content box). */
  capacity: number;
  /** What a page's note area adds to its notes (the separator rule and its spacing). */
  separator: number;
  blocks: MeasuredBlock[];
  /** The notes whose first marker is in this segment (or, without a marker, the last segment's). */
  notes: MeasuredNote[];
}

/** Lines [from, to) of block `block`; 0..0 for a block that is not cut at lines. */
export interface Piece {
  block: number;
  from: number;
  to: number;
  /** The notes first referenced in these lines (their markers), in order. */
  notes: string[];
}

/** Lines [from, to) of note `id`. */
export interface NotePiece {
  id: string;
  from: number;
  to: number;
}

/** One page: pieces of its segment's blocks in order, and the note area under them. */
export interface Sheet {
  /** Index of its segment; `Piece.block` indexes that segment's blocks. */
  segment: number;
  landscape: boolean;
  pieces: Piece[];
  notes: NotePiece[];
  /** Height of the body pieces with the spaces between them. */
  used: number;
}

export type BreakDecision = { sheets: Sheet[]; tooLarge: null } | { sheets: null; tooLarge: { segment: number; block: number } };

/**
 * A table of figures taller than a page becomes several tables, cut between rows, each with a copy
 * of the header rows (which `height` minus the rows counts, with the borders) and at most a page
 * tall (`capacity` less its `marginTop` and 2 px); each then moves whole like any other block. The
 * first piece leaves room for the blocks that stay with the table (`lead`: from the top of the run
 * of `break-after: avoid` blocks just before it to its top, a heading, a phụ lục's heading) when
 * they take at most half a page, so they start a page together instead of the heading standing
 * alone. Returns the number of rows of each piece, or null when the table fits (it stays as it is).
 */
export function tableRowGroups(table: { capacity: number; marginTop: number; height: number; rowHeights: number[]; lead: number }): number[] | null {
  const { capacity, height: tableHeight, rowHeights } = table;
  const limit = capacity - table.marginTop - 2;
  if (tableHeight <= limit) return null;
  const lead = table.lead <= capacity / 2 ? table.lead : 0;
  const rowsHeight = rowHeights.reduce((a, b) => a + b, 0);
  const frame = tableHeight - rowsHeight; // header rows and borders
  const groups: number[] = [];
  let used = 0;
  rowHeights.forEach((height) => {
    if (groups.length === 0 || (used > 0 && frame + used + height > limit - (groups.length === 1 ? lead : 0))) {
      groups.push(0);
      used = 0;
    }
    groups[groups.length - 1] = (groups[groups.length - 1] as number) + 1;
    used += height;
  });
  return groups;
}

/**
 * The page breaks of the whole flow, segment after segment, in one pass over the blocks: which
 * lines of which block and which lines of which note each page holds, or the first block that no
 * page can hold. Rules: see docs/dev-pagination.md.
 */
export function decideBreaks(segments: MeasuredSegment[]): BreakDecision {
  const noteById = new Map<string, MeasuredNote>();
  const noteOf = (id: string): MeasuredNote => noteById.get(id) as MeasuredNote;
  const placed = new Set<string>();
  const sheets: Sheet[] = [];
  /** Height of lines [from, to) of a block or note; the whole box when it is not cut. */
  const partHeight = (m: LineBox, from: number, to: number): number => {
    if (m.lines === 0 || (from === 0 && to === m.lines)) return m.height;
    return (from === 0 ? m.padTop : 0) + (to - from) * m.lineHeight + (to === m.lines ? m.padBottom : 0);
  };

  for (let segmentIndex = 0; segmentIndex < segments.length; segmentIndex++) {
    const segment = segments[segmentIndex] as MeasuredSegment;
    const { capacity, separator } = segment;
    for (const note of segment.notes) noteById.set(note.id, note);
    // A heading followed by a heading of the same or a higher rank does not introduce it: it may end a page.
    const measures = segment.blocks.map((m, i) => {
      const next = segment.blocks[i + 1]?.rank ?? 0;
      return m.keep && m.rank > 0 && next > 0 && next <= m.rank ? { ...m, keep: false } : m;
    });
    const blockOf = (piece: Piece): MeasuredBlock => measures[piece.block] as MeasuredBlock;
    let sheet: Sheet = { segment: segmentIndex, landscape: segment.landscape, pieces: [], used: 0, notes: [] };
    sheets.push(sheet);
    const state: {
      /** The rest of a note cut at a page bottom: it opens the next page's note area. */
      carry: NotePiece | null;
      tooLarge: number | null;
    } = { carry: null, tooLarge: null };

    const heightOf = (piece: Piece): number => partHeight(blockOf(piece), piece.from, piece.to);
    const gapOf = (piece: Piece, firstOnSheet: boolean): number => {
      if (piece.from > 0) return 0; // a continuation has no space before
      const m = blockOf(piece);
      if (firstOnSheet || piece.block === 0) return m.marginTop;
      return m.top - (measures[piece.block - 1] as MeasuredBlock).bottom;
    };
    const notesIn = (block: number, from: number, to: number): string[] => {
      const m = measures[block] as MeasuredBlock;
      return m.refLines
        .filter((ref) => m.lines === 0 || (ref.line >= from && ref.line < to))
        .map((ref) => ref.id)
        .filter((id, i, all) => noteById.has(id) && !placed.has(id) && all.indexOf(id) === i);
    };
    const wholeNotes = (ids: string[]): NotePiece[] => ids.map((id) => ({ id, from: 0, to: noteOf(id).lines }));
    const notesHeight = (list: NotePiece[]): number =>
      list.length === 0 ? 0 : separator + list.reduce((sum, n) => sum + partHeight(noteOf(n.id), n.from, n.to), 0);
    const bodyAfter = (s: Sheet, piece: Piece): number => s.used + gapOf(piece, s.pieces.length === 0) + heightOf(piece);
    const fits = (s: Sheet, piece: Piece, notes: NotePiece[]): boolean =>
      bodyAfter(s, piece) + notesHeight([...s.notes, ...notes]) <= capacity + 0.01;

    const add = (s: Sheet, piece: Piece, notes: NotePiece[]): void => {
      s.used = bodyAfter(s, piece);
      s.pieces.push(piece);
      s.notes.push(...notes);
      piece.notes.forEach((id) => placed.add(id));
    };
    const removeLast = (s: Sheet): Piece => {
      const piece = s.pieces.pop() as Piece;
      s.used -= gapOf(piece, s.pieces.length === 0) + heightOf(piece);
      s.notes = s.notes.filter((n) => !piece.notes.includes(n.id));
      piece.notes.forEach((id) => placed.delete(id));
      return piece;
    };
    const makePiece = (block: number, from: number, to: number): Piece => ({ block, from, to, notes: notesIn(block, from, to) });
    /** A new page; the rest of a cut note opens its note area (over as many pages as it needs). */
    const newSheet = (): void => {
      for (;;) {
        sheet = { segment: segmentIndex, landscape: segment.landscape, pieces: [], used: 0, notes: [] };
        sheets.push(sheet);
        const carry = state.carry;
        if (!carry) return;
        const m = noteOf(carry.id);
        const room = Math.max(1, Math.floor((capacity + 0.01 - separator) / m.lineHeight));
        if (carry.to - carry.from <= room) {
          sheet.notes.push(carry);
          state.carry = null;
          return;
        }
        sheet.notes.push({ id: carry.id, from: carry.from, to: carry.from + room });
        state.carry = { id: carry.id, from: carry.from + room, to: carry.to };
      }
    };

    /** The most lines (≥ orphans, leaving ≥ widows) of `piece` that fit on `s` with their notes whole, or 0. */
    const linesThatFit = (s: Sheet, piece: Piece): number => {
      const m = blockOf(piece);
      if (m.lines === 0) return 0;
      const room = capacity - s.used - gapOf(piece, s.pieces.length === 0) - notesHeight(s.notes) - (piece.from === 0 ? m.padTop : 0);
      for (let k = Math.min(Math.floor(room / m.lineHeight) + 1, piece.to - piece.from - m.widows); k >= m.orphans; k--) {
        const head = makePiece(piece.block, piece.from, piece.from + k);
        if (fits(s, head, wholeNotes(head.notes))) return k;
      }
      return 0;
    };

    /**
     * When the last note of `piece` (or of a head of it) fits no page whole with its marker, places
     * here the lines of `piece` that go with the head of that note (at least its `orphans` lines),
     * and carries the rest of the note to the next pages. False when that does not apply.
     */
    const placeWithCutNote = (s: Sheet, piece: Piece): boolean => {
      if (state.carry) return false;
      const m = blockOf(piece);
      const most = piece.to - piece.from;
      const least = m.lines === 0 ? most : Math.min(most, m.orphans);
      for (let k = most; k >= least; k--) {
        if (k < most && most - k < m.widows) continue;
        const head = k === most ? piece : makePiece(piece.block, piece.from, piece.from + k);
        const last = head.notes[head.notes.length - 1];
        if (last === undefined) continue;
        const note = noteOf(last);
        const others = wholeNotes(head.notes.slice(0, -1));
        // Only a note that no fresh page could hold whole with one line of its paragraph is cut.
        if (m.marginTop + Math.min(m.lineHeight || m.height, m.height) + notesHeight(wholeNotes(head.notes)) <= capacity) return false;
        if (note.lines === 0) continue;
        // The note's separator, the other notes and its own top padding, then as many of its lines as fit.
        const room = capacity + 0.01 - bodyAfter(s, head) - notesHeight([...s.notes, ...others, { id: last, from: 0, to: 0 }]);
        const lines = Math.min(Math.floor(room / note.lineHeight), note.lines - 1);
        if (lines < note.orphans) continue;
        add(s, head, [...others, { id: last, from: 0, to: lines }]);
        state.carry = { id: last, from: lines, to: note.lines };
        if (k < most) {
          newSheet();
          place(makePiece(piece.block, piece.from + k, piece.to));
        }
        return true;
      }
      return false;
    };

    const place = (start: Piece): void => {
      let piece = start;
      for (;;) {
        if (state.carry) newSheet(); // the page of a cut note is full
        if (fits(sheet, piece, wholeNotes(piece.notes))) {
          add(sheet, piece, wholeNotes(piece.notes));
          return;
        }
        const k = linesThatFit(sheet, piece);
        if (k > 0) {
          const head = makePiece(piece.block, piece.from, piece.from + k);
          add(sheet, head, wholeNotes(head.notes));
          piece = makePiece(piece.block, piece.from + k, piece.to);
          newSheet();
          continue;
        }
        if (placeWithCutNote(sheet, piece)) return;
        if (sheet.pieces.length === 0) {
          // A page holding only a note's continuation: the next one is empty.
          if (sheet.notes.length > 0) {
            newSheet();
            continue;
          }
          state.tooLarge = piece.block;
          return;
        }
        // Headings (and other break-after: avoid blocks) left at the bottom go with it to the next page,
        // at most half a page of them.
        const carried: Piece[] = [];
        let carriedHeight = 0;
        while (sheet.pieces.length > 1) {
          const last = sheet.pieces[sheet.pieces.length - 1] as Piece;
          const m = blockOf(last);
          if (!m.keep || last.to !== m.lines || carriedHeight + heightOf(last) > capacity / 2) break;
          carriedHeight += heightOf(last);
          removeLast(sheet);
          // A long one keeps its head here and sends only its last `widows` lines.
          const keepHere = linesThatFit(sheet, last);
          if (keepHere > 0) {
            const head = makePiece(last.block, last.from, last.from + keepHere);
            add(sheet, head, wholeNotes(head.notes));
            carried.unshift(makePiece(last.block, last.from + keepHere, last.to));
            break;
          }
          carried.unshift(last);
        }
        newSheet();
        for (const c of carried) place(makePiece(c.block, c.from, c.to));
        if (state.tooLarge !== null) return;
      }
    };
    for (let i = 0; i < measures.length && state.tooLarge === null; i++) place(makePiece(i, 0, (measures[i] as MeasuredBlock).lines));
    if (state.carry) newSheet();
    if (state.tooLarge !== null) return { sheets: null, tooLarge: { segment: segmentIndex, block: state.tooLarge } };
  }
  return { sheets, tooLarge: null };
}
