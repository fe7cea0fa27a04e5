/**
 * Light pagination, run inside the page by `page.evaluate` while the page's own scripts stay
 * disabled. In such a page timers, animation frames and DOM callbacks (FontFaceSet.forEach …)
 * never run, so this is one synchronous pass; only promises (the font wait) are awaited.
 *
 * Input (made by the HTML templates): `<main id="flow">` holding the blocks in order, and
 * `<aside id="footnotes">` holding `.fn[data-fn]` notes; markers are `sup.fnref[data-fn]`.
 * Output: `<div id="pages">` of `.page` boxes, each a `.page-body` and a `.page-footnotes` area at
 * its bottom. The style sheet sizes `.page` to the @page content box, so each box prints as one
 * PDF page. All lengths are read from the laid-out boxes: nothing here names a size.
 *
 * How: everything is laid out ONCE inside the first page box (blocks in its body, all notes in its
 * note area, both at their final width), measured, and the page breaks are decided by arithmetic
 * on those measures, in one pass over the blocks. A paragraph's (and a note's) lines all have its
 * line height (markers are `line-height: 0`), so a piece cut at a line boundary has a height known
 * without laying it out again; the character offset where each cut line starts is found by binary
 * search over `Range.getClientRects()`. Only then is the DOM rebuilt into page boxes, and every box
 * is checked: if anything overflows a page, the result says so (the renderer then writes no PDF).
 *
 * Rules, read from the style sheet: blocks move in order; the notes of the markers a page holds go
 * to that page's note area; a `<p>` that does not fit is split at a line boundary, keeping at least
 * `orphans` lines at the page bottom and `widows` at the next page top, over as many pages as it
 * needs; a note too tall for any page with its marker starts under its marker and continues at the
 * top of the next pages' note areas (`.continued`: the style sheet draws Word's continuation
 * separator); a block with `break-after: avoid` (headings, title, the closing paragraph) goes to
 * the next page with the block after it — except a heading followed by a heading of the same or a
 * higher rank (`--heading-rank`, 1 highest), so title-only sections flow — and at most half a page
 * of such blocks moves; `break-inside: avoid` blocks and anything not a `<p>` (header and signature
 * tables) never split: one taller than a page is reported in `tooLarge`. A table of figures
 * (`table.data`) taller than a page is first cut between rows into tables at most a page tall, each
 * with a copy of the header rows (`thead`); the pieces then move whole like any other block (so a
 * long table starts on a fresh page: known limit).
 *
 * This function is sent to the page as source text: it must not use imports or outer names.
 *
 * @param body When given, the HTML of a `<body>` element (from the same templates) that replaces
 *   the current body first: a tab keeps its head (style sheet, decoded fonts) between reports.
 */
export interface PaginationResult {
  pages: number;
  /** What no page can hold (an unsplittable block taller than a page), or null: then nothing is printed. */
  tooLarge: { kind: 'header' | 'signature' | 'title' | 'block' | 'note'; text: string } | null;
}

export async function paginate(body: string | null): Promise<PaginationResult> {
  if (body !== null) {
    const parsed = new DOMParser().parseFromString(`<!DOCTYPE html><html><head></head>${body}</html>`, 'text/html');
    document.body.replaceWith(document.adoptNode(parsed.body));
  }
  const faces = Array.from(document.fonts as unknown as Iterable<FontFace>);
  await Promise.all(faces.map((face) => face.load().catch(() => face)));

  const flow = document.getElementById('flow');
  if (!flow) throw new Error('paginate: no #flow');
  const flowBlocks = Array.from(flow.children) as HTMLElement[];
  const noteSource = document.getElementById('footnotes');
  const noteEls = Array.from(noteSource?.querySelectorAll<HTMLElement>('.fn[data-fn]') ?? []);

  const book = document.createElement('div');
  book.id = 'pages';
  const newBox = (landscape = false): { box: HTMLElement; body: HTMLElement; notes: HTMLElement } => {
    const box = document.createElement('div');
    box.className = landscape ? 'page landscape' : 'page';
    const pageBody = document.createElement('div');
    pageBody.className = 'page-body';
    const notes = document.createElement('div');
    notes.className = 'page-footnotes';
    box.append(pageBody, notes);
    book.append(box);
    return { box, body: pageBody, notes };
  };

  // ---- 0. the flow cut at its page breaks: each part starts a new page of its orientation ----
  // (`.page-break[data-orient]`: a landscape table of the body, each phụ lục). Without any, one part.
  interface Segment {
    landscape: boolean;
    blocks: HTMLElement[];
    notes: HTMLElement[];
  }
  const segments: Segment[] = [{ landscape: false, blocks: [], notes: [] }];
  for (const el of flowBlocks) {
    if (el.matches('.page-break')) {
      el.remove();
      segments.push({ landscape: el.dataset.orient === 'landscape', blocks: [], notes: [] });
    } else (segments[segments.length - 1] as Segment).blocks.push(el);
  }
  const parts = segments.filter((segment) => segment.blocks.length > 0);
  if (parts.length === 0) parts.push(segments[0] as Segment);
  // Each note is laid out with the part that holds its marker; one without a marker, with the last part.
  const noteHome = new Map<string, Segment>();
  for (const segment of parts) {
    for (const el of segment.blocks) {
      for (const sup of Array.from(el.querySelectorAll<HTMLElement>('sup.fnref'))) {
        if (!noteHome.has(sup.dataset.fn ?? '')) noteHome.set(sup.dataset.fn ?? '', segment);
      }
    }
  }
  for (const note of noteEls) (noteHome.get(note.dataset.fn ?? '') ?? (parts[parts.length - 1] as Segment)).notes.push(note);
  flow.replaceWith(book);
  noteSource?.remove();

  const px = (value: string): number => parseFloat(value) || 0;
  const snippet = (el: HTMLElement): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);

  /** An element's lines: a piece [from, to) of them has a height known by arithmetic. */
  interface Lines {
    el: HTMLElement;
    height: number;
    /** Lines when the element may be cut at line boundaries (uniform line height), else 0. */
    lines: number;
    lineHeight: number;
    padTop: number;
    padBottom: number;
    orphans: number;
    widows: number;
  }
  interface Measure extends Lines {
    top: number;
    bottom: number;
    marginTop: number;
    /** break-after: avoid — stays with the next block. */
    keep: boolean;
    /** Note ids by line (splittable) or all in line 0. */
    refLines: { id: string; line: number }[];
  }
  interface Piece {
    block: number;
    /** Lines [from, to) of a splittable paragraph; 0..0 for any other whole block. */
    from: number;
    to: number;
    notes: string[];
  }
  interface NotePiece {
    id: string;
    from: number;
    to: number;
  }
  interface Sheet {
    pieces: Piece[];
    used: number;
    notes: NotePiece[];
    /** The measures of the blocks of its part of the flow (`Piece.block` indexes them). */
    measures: Measure[];
    landscape: boolean;
  }
  const noteById = new Map<string, Lines>();
  const noteOf = (id: string): Lines => noteById.get(id) as Lines;
  const placed = new Set<string>();

  /** Steps 1 and 2 for one part of the flow: its pages (sheets), or what no page can hold. */
  const layOutSegment = (segment: Segment): { sheets: Sheet[]; box: HTMLElement } | { tooLarge: NonNullable<PaginationResult['tooLarge']> } => {
    // ---- 1. lay everything out once, in the first page box, and measure ----
    const first = newBox(segment.landscape);
    let blocks = segment.blocks;
    const noteEls = segment.notes;
    first.body.append(...blocks);
    first.notes.append(...noteEls);

    const capacity = first.box.getBoundingClientRect().height;
    const bodyTop = first.body.getBoundingClientRect().top;

    // A table of figures taller than a page becomes several tables, cut between rows, each with a
    // copy of the header rows and at most a page tall; each then moves whole like any other block.
    // The first piece leaves room for the blocks that stay with it (`lead`: a heading, a phụ lục's
    // heading), so they start a page together instead of the heading standing alone.
    const splitTable = (el: HTMLElement, lead: number): HTMLElement[] => {
      const limit = capacity - px(getComputedStyle(el).marginTop) - 2;
      if (el.getBoundingClientRect().height <= limit) return [el];
      const head = el.querySelector(':scope > thead');
      const cols = el.querySelector(':scope > colgroup');
      const rows = Array.from(el.querySelectorAll<HTMLElement>(':scope > tbody > tr'));
      const heights = rows.map((row) => row.getBoundingClientRect().height);
      const rowsHeight = heights.reduce((a, b) => a + b, 0);
      const frame = el.getBoundingClientRect().height - rowsHeight; // header rows and borders
      const parts: HTMLElement[] = [];
      let body: HTMLElement | null = null;
      let used = 0;
      rows.forEach((row, i) => {
        const height = heights[i] as number;
        if (!body || (used > 0 && frame + used + height > limit - (parts.length === 1 ? lead : 0))) {
          const part = el.cloneNode(false) as HTMLElement;
          if (parts.length > 0) part.classList.add('cont');
          if (cols) part.append(cols.cloneNode(true));
          if (head) part.append(head.cloneNode(true));
          body = document.createElement('tbody');
          part.append(body);
          parts.push(part);
          used = 0;
        }
        body.append(row);
        used += height;
      });
      return parts;
    };
    if (blocks.some((el) => el.matches('table.data'))) {
      /** Height from the top of the run of break-after: avoid blocks just before block `i` to its top. */
      const leadOf = (i: number): number => {
        let j = i;
        while (j > 0 && getComputedStyle(blocks[j - 1] as HTMLElement).breakAfter.startsWith('avoid')) j--;
        if (j === i) return 0;
        const lead = (blocks[i] as HTMLElement).getBoundingClientRect().top - (blocks[j] as HTMLElement).getBoundingClientRect().top;
        return lead <= capacity / 2 ? lead : 0;
      };
      blocks = blocks.flatMap((el, i) => (el.matches('table.data') ? splitTable(el, leadOf(i)) : [el]));
      first.body.replaceChildren(...blocks);
    }

    const measureLines = (el: HTMLElement, rect: DOMRect, style: CSSStyleDeclaration, splittable: boolean): Lines => {
      const padTop = px(style.paddingTop) + px(style.borderTopWidth);
      const padBottom = px(style.paddingBottom) + px(style.borderBottomWidth);
      const declared = px(style.lineHeight);
      const contentHeight = rect.height - padTop - padBottom;
      const count = declared > 0 ? Math.round(contentHeight / declared) : 0;
      // Layout rounds each line box to 1/64 px: the real pitch, over a thousand lines, is not the declared one.
      const pitch = count > 0 ? contentHeight / count : declared;
      const uniform = count > 0 && Math.abs(pitch - declared) < 0.05;
      return {
        el,
        height: rect.height,
        lines: splittable && uniform ? count : 0,
        lineHeight: pitch,
        padTop,
        padBottom,
        orphans: Math.max(1, parseInt(style.orphans, 10) || 2),
        widows: Math.max(1, parseInt(style.widows, 10) || 2),
      };
    };
    /** Height of lines [from, to) of an element; the whole element when it is not cut. */
    const partHeight = (m: Lines, from: number, to: number): number => {
      if (m.lines === 0 || (from === 0 && to === m.lines)) return m.height;
      return (from === 0 ? m.padTop : 0) + (to - from) * m.lineHeight + (to === m.lines ? m.padBottom : 0);
    };

    const ranks: number[] = [];
    const measures: Measure[] = blocks.map((el) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const lines = measureLines(el, rect, style, el.tagName === 'P' && !style.breakInside.startsWith('avoid'));
      const contentTop = rect.top + lines.padTop;
      const refLines = Array.from(el.querySelectorAll<HTMLElement>('sup.fnref'), (sup) => {
        const r = sup.getBoundingClientRect();
        const line = lines.lines > 0 ? Math.floor((r.top + r.height / 2 - contentTop) / lines.lineHeight) : 0;
        return { id: sup.dataset.fn ?? '', line: Math.max(0, Math.min(line, Math.max(lines.lines - 1, 0))) };
      });
      ranks.push(parseInt(style.getPropertyValue('--heading-rank'), 10) || 0);
      return {
        ...lines,
        top: rect.top - bodyTop,
        bottom: rect.bottom - bodyTop,
        marginTop: px(style.marginTop),
        keep: style.breakAfter.startsWith('avoid'),
        refLines,
      };
    });
    // A heading followed by a heading of the same or a higher rank does not introduce it: it may end a page.
    measures.forEach((m, i) => {
      const rank = ranks[i] as number;
      const next = ranks[i + 1] ?? 0;
      if (m.keep && rank > 0 && next > 0 && next <= rank) m.keep = false;
    });

    for (const note of noteEls) {
      noteById.set(note.dataset.fn ?? '', measureLines(note, note.getBoundingClientRect(), getComputedStyle(note), true));
    }
    const notesRect = first.notes.getBoundingClientRect();
    let noteSum = 0;
    noteById.forEach((m) => (noteSum += m.height));
    // Separator rule and its spacing: what the note area adds to its notes.
    const separator = noteEls.length > 0 ? notesRect.height - noteSum : 0;

    // ---- 2. decide the breaks, in one pass ----
    const blockOf = (piece: Piece): Measure => measures[piece.block] as Measure;
    const sheets: Sheet[] = [];
    let sheet: Sheet = { pieces: [], used: 0, notes: [], measures, landscape: segment.landscape };
    sheets.push(sheet);
    const state: {
      /** The rest of a note cut at a page bottom: it opens the next page's note area. */
      carry: NotePiece | null;
      tooLarge: PaginationResult['tooLarge'];
    } = { carry: null, tooLarge: null };

    const heightOf = (piece: Piece): number => partHeight(blockOf(piece), piece.from, piece.to);
    const gapOf = (piece: Piece, firstOnSheet: boolean): number => {
      if (piece.from > 0) return 0; // a continuation has no space before
      const m = blockOf(piece);
      if (firstOnSheet || piece.block === 0) return m.marginTop;
      return m.top - (measures[piece.block - 1] as Measure).bottom;
    };
    const notesIn = (block: number, from: number, to: number): string[] => {
      const m = measures[block] as Measure;
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
        sheet = { pieces: [], used: 0, notes: [], measures, landscape: segment.landscape };
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
     * When the last note of `piece` (or of a head of it) fits no page whole with its marker, the lines of
     * `piece` to place here with the head of that note (at least its `orphans` lines), or 0.
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
          const el = blockOf(piece).el;
          const kind = el.matches('table.header') ? 'header' : el.matches('table.signature') ? 'signature' : el.matches('.title') ? 'title' : 'block';
          state.tooLarge = { kind, text: snippet(el) };
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
        if (state.tooLarge) return;
      }
    };
    for (let i = 0; i < measures.length && !state.tooLarge; i++) place(makePiece(i, 0, (measures[i] as Measure).lines));
    if (state.carry) newSheet();
    if (state.tooLarge) return { tooLarge: state.tooLarge };
    return { sheets, box: first.box };
  };
  const sheets: Sheet[] = [];
  const firstBoxes: HTMLElement[] = [];
  for (const segment of parts) {
    const laid = layOutSegment(segment);
    if ('tooLarge' in laid) return { pages: 0, tooLarge: laid.tooLarge };
    sheets.push(...laid.sheets);
    firstBoxes.push(laid.box);
  }

  // ---- 3. where each cut element is cut: the character offset that starts a line ----
  const textPoints = (el: HTMLElement): ((offset: number) => [Text, number]) & { total: number } => {
    const texts: Text[] = [];
    const starts: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let total = 0;
    while (walker.nextNode()) {
      const text = walker.currentNode as Text;
      texts.push(text);
      starts.push(total);
      total += text.data.length;
    }
    // At a boundary between two text nodes, the end of the earlier one. Offsets count the original
    // text: a node truncated by a later cut keeps its start.
    const point = (offset: number): [Text, number] => {
      let i = texts.length - 1;
      while (i > 0 && (starts[i] as number) >= offset) i--;
      return [texts[i] as Text, offset - (starts[i] as number)];
    };
    return Object.assign(point, { total });
  };
  const range = document.createRange();
  /** Character offsets where lines `cuts` of `m` start. */
  const offsetsOf = (m: Lines, cuts: number[]): number[] => {
    const point = textPoints(m.el);
    const contentTop = m.el.getBoundingClientRect().top + m.padTop;
    const bottomOf = (offset: number): number => {
      range.setStart(m.el, 0);
      range.setEnd(...point(offset));
      let bottom = -Infinity;
      for (const rect of Array.from(range.getClientRects())) bottom = Math.max(bottom, rect.bottom);
      return bottom;
    };
    let lo = 0;
    return cuts.map((line) => {
      // Largest offset whose text ends within the first `line` lines: the next character starts that line.
      const limit = contentTop + (line + 0.5) * m.lineHeight;
      let hi = point.total;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (bottomOf(mid) <= limit) lo = mid;
        else hi = mid;
      }
      return lo;
    });
  };
  /** The element cut at those offsets into parts (the first is the element itself). */
  const cutAt = (el: HTMLElement, offsets: number[]): HTMLElement[] => {
    const point = textPoints(el);
    const parts: HTMLElement[] = [];
    // Last cut first, so earlier offsets stay valid.
    for (const offset of [...offsets].reverse()) {
      range.setStart(...point(offset));
      range.setEnd(el, el.childNodes.length);
      const part = el.cloneNode(false) as HTMLElement;
      part.classList.remove('first');
      part.classList.add('cont');
      part.append(range.extractContents());
      parts.unshift(part);
    }
    parts.unshift(el);
    parts.slice(0, -1).forEach((part) => part.classList.add('split')); // keeps its last line justified
    return parts;
  };
  const cutLines = new Map<Lines, number[]>();
  const noteCut = (n: NotePiece): void => {
    if (n.from > 0) cutLines.set(noteOf(n.id), [...(cutLines.get(noteOf(n.id)) ?? []), n.from]);
  };
  for (const s of sheets) {
    for (const piece of s.pieces) {
      const m = s.measures[piece.block] as Measure;
      if (m.lines > 0 && piece.from > 0) cutLines.set(m, [...(cutLines.get(m) ?? []), piece.from]);
    }
    s.notes.forEach(noteCut);
  }
  const partsOf = new Map<Lines, HTMLElement[]>();
  const offsets = new Map<Lines, number[]>();
  cutLines.forEach((cuts, m) => offsets.set(m, offsetsOf(m, cuts)));
  offsets.forEach((list, m) => partsOf.set(m, cutAt(m.el, list)));
  const partFor = (m: Lines, from: number): HTMLElement => {
    const parts = partsOf.get(m);
    if (!parts) return m.el;
    return parts[(cutLines.get(m) ?? []).filter((line) => line <= from).length] as HTMLElement;
  };

  // ---- 4. rebuild the DOM into page boxes, and check that every box holds its content ----
  firstBoxes.forEach((box) => box.remove());
  const boxes = sheets.map((s) => {
    const page = newBox(s.landscape);
    for (const piece of s.pieces) page.body.append(partFor(s.measures[piece.block] as Measure, piece.from));
    if (s.notes[0] && s.notes[0].from > 0) page.notes.classList.add('continued');
    page.notes.append(...s.notes.map((n) => partFor(noteOf(n.id), n.from)));
    return page;
  });
  // Notes whose marker never appeared (the model forbids it): keep them, on the last page.
  const lastNotes = book.lastElementChild?.lastElementChild;
  noteEls.filter((note) => !placed.has(note.dataset.fn ?? '')).forEach((note) => lastNotes?.append(note));
  for (const page of boxes) {
    const bottom = page.box.getBoundingClientRect().bottom;
    const last = page.notes.lastElementChild ?? page.body.lastElementChild;
    if (last && last.getBoundingClientRect().bottom > bottom + 0.5) {
      return { pages: 0, tooLarge: { kind: page.notes.lastElementChild ? 'note' : 'block', text: snippet(last as HTMLElement) } };
    }
  }
  return { pages: sheets.length, tooLarge: null };
}
