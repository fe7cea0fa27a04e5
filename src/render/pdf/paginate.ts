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
 * on those measures. A paragraph's lines all have the paragraph's line height (markers are
 * `line-height: 0`), so a paragraph split at a line boundary gives pieces whose heights are known
 * without laying them out again; the character offset where each line starts is found by binary
 * search over `Range.getClientRects()`. Only then is the DOM rebuilt into page boxes.
 *
 * Rules, read from the style sheet: blocks move in order; the notes of the markers a page holds go
 * to that page's note area; a `<p>` that does not fit is split at a line boundary, keeping at least
 * `orphans` lines at the page bottom and `widows` at the next page top; a block with
 * `break-after: avoid` (headings, title, the closing paragraph) goes to the next page with the block
 * after it (a long one sends only its last `widows` lines); `break-inside: avoid` blocks and
 * anything not a `<p>` (header and signature tables) never split.
 *
 * This function is sent to the page as source text: it must not use imports or outer names.
 *
 * @param body When given, the HTML of a `<body>` element (from the same templates) that replaces
 *   the current body first: a tab keeps its head (style sheet, decoded fonts) between reports.
 */
export interface PaginationResult {
  pages: number;
  /** Blocks taller than a whole page, left clipped on their page. 0 in a normal report. */
  overflowing: number;
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
  const blocks = Array.from(flow.children) as HTMLElement[];
  const noteSource = document.getElementById('footnotes');
  const noteEls = Array.from(noteSource?.querySelectorAll<HTMLElement>('.fn[data-fn]') ?? []);
  const noteById = new Map(noteEls.map((note) => [note.dataset.fn ?? '', note]));

  const book = document.createElement('div');
  book.id = 'pages';
  const newBox = (): { box: HTMLElement; body: HTMLElement; notes: HTMLElement } => {
    const box = document.createElement('div');
    box.className = 'page';
    const pageBody = document.createElement('div');
    pageBody.className = 'page-body';
    const notes = document.createElement('div');
    notes.className = 'page-footnotes';
    box.append(pageBody, notes);
    book.append(box);
    return { box, body: pageBody, notes };
  };

  // ---- 1. lay everything out once, in the first page box, and measure ----
  const first = newBox();
  first.body.append(...blocks);
  first.notes.append(...noteEls);
  flow.replaceWith(book);
  noteSource?.remove();

  const capacity = first.box.getBoundingClientRect().height;
  const bodyTop = first.body.getBoundingClientRect().top;
  const px = (value: string): number => parseFloat(value) || 0;

  interface Measure {
    el: HTMLElement;
    top: number;
    bottom: number;
    marginTop: number;
    /** break-after: avoid — stays with the next block. */
    keep: boolean;
    /** Lines of a splittable paragraph (uniform line height), else 0. */
    lines: number;
    orphans: number;
    widows: number;
    lineHeight: number;
    padTop: number;
    padBottom: number;
    /** Note ids by line (splittable) or all in line 0. */
    refLines: { id: string; line: number }[];
  }
  const measures: Measure[] = blocks.map((el) => {
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const padTop = px(style.paddingTop) + px(style.borderTopWidth);
    const padBottom = px(style.paddingBottom) + px(style.borderBottomWidth);
    const lineHeight = px(style.lineHeight);
    const contentTop = rect.top + padTop;
    const contentHeight = rect.height - padTop - padBottom;
    const count = lineHeight > 0 ? Math.round(contentHeight / lineHeight) : 0;
    const uniform = count > 0 && Math.abs(count * lineHeight - contentHeight) < 1;
    const splittable = el.tagName === 'P' && !style.breakInside.startsWith('avoid');
    const lines = splittable && uniform ? count : 0;
    const refLines = Array.from(el.querySelectorAll<HTMLElement>('sup.fnref'), (sup) => {
      const r = sup.getBoundingClientRect();
      const line = lines > 0 ? Math.floor((r.top + r.height / 2 - contentTop) / lineHeight) : 0;
      return { id: sup.dataset.fn ?? '', line: Math.max(0, Math.min(line, Math.max(lines - 1, 0))) };
    });
    return {
      el,
      top: rect.top - bodyTop,
      bottom: rect.bottom - bodyTop,
      marginTop: px(style.marginTop),
      keep: style.breakAfter.startsWith('avoid'),
      lines,
      orphans: Math.max(1, parseInt(style.orphans, 10) || 2),
      widows: Math.max(1, parseInt(style.widows, 10) || 2),
      lineHeight,
      padTop,
      padBottom,
      refLines,
    };
  });
  const noteHeight = new Map(noteEls.map((note) => [note.dataset.fn ?? '', note.getBoundingClientRect().height]));
  const notesRect = first.notes.getBoundingClientRect();
  let noteSum = 0;
  noteHeight.forEach((h) => (noteSum += h));
  // Separator rule and its spacing: what the note area adds to its notes.
  const separator = noteEls.length > 0 ? notesRect.height - noteSum : 0;

  // ---- 2. decide the breaks ----
  interface Piece {
    block: number;
    /** Lines [from, to) of a splittable paragraph; 0..0 for any other whole block. */
    from: number;
    to: number;
    notes: string[];
  }
  interface Sheet {
    pieces: Piece[];
    used: number;
    notes: string[];
  }
  const placed = new Set<string>();
  const sheets: Sheet[] = [];
  let sheet: Sheet = { pieces: [], used: 0, notes: [] };
  sheets.push(sheet);

  const whole = (piece: Piece): boolean => {
    const m = measures[piece.block] as Measure;
    return m.lines === 0 || (piece.from === 0 && piece.to === m.lines);
  };
  const heightOf = (piece: Piece): number => {
    const m = measures[piece.block] as Measure;
    if (whole(piece)) return m.bottom - m.top;
    return (
      (piece.from === 0 ? m.padTop : 0) + (piece.to - piece.from) * m.lineHeight + (piece.to === m.lines ? m.padBottom : 0)
    );
  };
  const gapOf = (piece: Piece, firstOnSheet: boolean): number => {
    if (piece.from > 0) return 0; // a continuation has no space before
    const m = measures[piece.block] as Measure;
    if (firstOnSheet || piece.block === 0) return m.marginTop;
    return m.top - (measures[piece.block - 1] as Measure).bottom;
  };
  const notesIn = (block: number, from: number, to: number): string[] => {
    const m = measures[block] as Measure;
    return m.refLines
      .filter((ref) => m.lines === 0 || (ref.line >= from && ref.line < to))
      .map((ref) => ref.id)
      .filter((id, i, all) => noteHeight.has(id) && !placed.has(id) && all.indexOf(id) === i);
  };
  const notesHeight = (ids: string[]): number =>
    ids.length === 0 ? 0 : separator + ids.reduce((sum, id) => sum + (noteHeight.get(id) ?? 0), 0);
  /** Height the sheet needs with `piece` added (and its new notes). */
  const needed = (s: Sheet, piece: Piece, newNotes: string[]): number =>
    s.used + gapOf(piece, s.pieces.length === 0) + heightOf(piece) + notesHeight([...s.notes, ...newNotes]);

  const add = (s: Sheet, piece: Piece): void => {
    s.used += gapOf(piece, s.pieces.length === 0) + heightOf(piece);
    s.pieces.push(piece);
    s.notes.push(...piece.notes);
    piece.notes.forEach((id) => placed.add(id));
  };
  const removeLast = (s: Sheet): Piece => {
    const piece = s.pieces.pop() as Piece;
    s.used -= gapOf(piece, s.pieces.length === 0) + heightOf(piece);
    s.notes = s.notes.filter((id) => !piece.notes.includes(id));
    piece.notes.forEach((id) => placed.delete(id));
    return piece;
  };
  const makePiece = (block: number, from: number, to: number): Piece => ({
    block,
    from,
    to,
    notes: notesIn(block, from, to),
  });

  /** The most lines (≥ orphans, leaving ≥ widows, at most `most`) of `piece` that fit on `s`, or 0. */
  const linesThatFit = (s: Sheet, piece: Piece, most: number): number => {
    const m = measures[piece.block] as Measure;
    if (m.lines === 0) return 0;
    for (let k = Math.min(most, piece.to - piece.from - m.widows); k >= m.orphans; k--) {
      const head = makePiece(piece.block, piece.from, piece.from + k);
      if (needed(s, head, head.notes) <= capacity + 0.01) return k;
    }
    return 0;
  };

  let overflowing = 0;
  const place = (start: Piece): void => {
    let piece = start;
    for (;;) {
      if (needed(sheet, piece, piece.notes) <= capacity + 0.01) {
        add(sheet, piece);
        return;
      }
      const k = linesThatFit(sheet, piece, Infinity);
      if (k > 0) {
        add(sheet, makePiece(piece.block, piece.from, piece.from + k));
        piece = makePiece(piece.block, piece.from + k, piece.to);
        sheet = { pieces: [], used: 0, notes: [] };
        sheets.push(sheet);
        continue;
      }
      if (sheet.pieces.length === 0) {
        overflowing += 1; // taller than a whole page even alone: leave it (clipped) rather than loop
        add(sheet, piece);
        return;
      }
      // Headings (and other break-after: avoid blocks) left at the bottom go with it to the next page.
      const carried: Piece[] = [];
      while (sheet.pieces.length > 1) {
        const last = sheet.pieces[sheet.pieces.length - 1] as Piece;
        const m = measures[last.block] as Measure;
        if (!m.keep || last.to !== m.lines) break;
        removeLast(sheet);
        // A long one keeps its head here and sends only its last `widows` lines.
        const keepHere = linesThatFit(sheet, last, Infinity);
        if (keepHere > 0) {
          add(sheet, makePiece(last.block, last.from, last.from + keepHere));
          carried.unshift(makePiece(last.block, last.from + keepHere, last.to));
          break;
        }
        carried.unshift(last);
      }
      sheet = { pieces: [], used: 0, notes: [] };
      sheets.push(sheet);
      for (const c of carried) add(sheet, makePiece(c.block, c.from, c.to));
    }
  };
  measures.forEach((m, i) => place(makePiece(i, 0, m.lines)));

  // ---- 3. where each split paragraph is cut: the character offset that starts a line ----
  const cutsByBlock = new Map<number, number[]>();
  for (const s of sheets) {
    for (const piece of s.pieces) {
      const m = measures[piece.block] as Measure;
      if (m.lines > 0 && piece.from > 0) cutsByBlock.set(piece.block, [...(cutsByBlock.get(piece.block) ?? []), piece.from]);
    }
  }
  const textPoints = (el: HTMLElement): ((offset: number) => [Text, number]) & { total: number } => {
    const texts: Text[] = [];
    const ends: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let total = 0;
    while (walker.nextNode()) {
      const text = walker.currentNode as Text;
      total += text.data.length;
      texts.push(text);
      ends.push(total);
    }
    // At a boundary between two text nodes, the end of the earlier one.
    const point = (offset: number): [Text, number] => {
      const i = ends.findIndex((end) => offset <= end);
      const text = texts[i] as Text;
      return [text, offset - ((ends[i] as number) - text.data.length)];
    };
    return Object.assign(point, { total });
  };
  const offsetsByBlock = new Map<number, number[]>();
  const range = document.createRange();
  cutsByBlock.forEach((lines, block) => {
    const m = measures[block] as Measure;
    const point = textPoints(m.el);
    const contentTop = m.el.getBoundingClientRect().top + m.padTop;
    const bottomOf = (offset: number): number => {
      range.setStart(m.el, 0);
      range.setEnd(...point(offset));
      let bottom = -Infinity;
      for (const rect of Array.from(range.getClientRects())) bottom = Math.max(bottom, rect.bottom);
      return bottom;
    };
    offsetsByBlock.set(
      block,
      lines.map((line) => {
        // Largest offset whose text ends within the first `line` lines: the next character starts that line.
        const limit = contentTop + (line + 0.5) * m.lineHeight;
        let lo = 0;
        let hi = point.total;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (bottomOf(mid) <= limit) lo = mid;
          else hi = mid;
        }
        return lo;
      }),
    );
  });

  // ---- 4. rebuild the DOM: cut paragraphs (last cut first, so earlier offsets stay valid), fill pages ----
  const piecesByBlock = new Map<number, HTMLElement[]>();
  offsetsByBlock.forEach((offsets, block) => {
    const el = (measures[block] as Measure).el;
    const point = textPoints(el);
    const parts: HTMLElement[] = [];
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
    parts.forEach((part, i) => {
      if (i < parts.length - 1) {
        part.classList.add('split'); // keeps its last line justified
      }
    });
    piecesByBlock.set(block, parts);
  });

  first.box.remove();
  sheets.forEach((s) => {
    const { body: pageBody, notes } = newBox();
    for (const piece of s.pieces) {
      const parts = piecesByBlock.get(piece.block);
      if (!parts) {
        pageBody.append((measures[piece.block] as Measure).el);
        continue;
      }
      const index = (cutsByBlock.get(piece.block) ?? []).filter((line) => line <= piece.from).length;
      pageBody.append(parts[index] as HTMLElement);
    }
    const ids = [...s.notes].sort((a, b) => Number(a) - Number(b));
    notes.append(...ids.map((id) => noteById.get(id) as HTMLElement));
  });
  // Notes whose marker never appeared (the model forbids it): keep them, on the last page.
  const lastNotes = book.lastElementChild?.lastElementChild;
  noteEls.filter((note) => !placed.has(note.dataset.fn ?? '')).forEach((note) => lastNotes?.append(note));
  return { pages: sheets.length, overflowing };
}
