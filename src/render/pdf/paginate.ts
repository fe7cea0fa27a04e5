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
 * Phases (docs/dev-pagination.md):
 *   1. measure, in the page: each part of the flow (`.page-break` cuts it) is laid out ONCE inside
 *      its first page box, blocks in its body and notes in its note area, at their final width;
 *      tables of figures taller than a page are first cut between rows (the row groups are
 *      decided by `tableRowGroups`, pure) and the part measured again;
 *   2. decide, pure (`decideBreaks` in ./page-breaks.ts, no DOM): which lines of which block and
 *      of which note each page holds, by arithmetic on the measured boxes;
 *   3. cut and rebuild, in the page: each paragraph or note cut at a line boundary is cut at the
 *      character offset that starts that line (binary search over `Range.getClientRects()`), the
 *      DOM is rebuilt into page boxes, and every box is checked: if anything overflows a page, the
 *      result says so (the renderer then writes no PDF).
 *
 * The in-page function is sent to the page as source text, with the pure functions' source passed
 * in as arguments (`paginate` below is that composition): none of them may use imports or outer names.
 */
import { decideBreaks, tableRowGroups, type LineBox, type MeasuredBlock, type MeasuredNote, type MeasuredSegment } from './page-breaks.js';

export interface PaginationResult {
  pages: number;
  /** What no page can hold (an unsplittable block taller than a page), or null: then nothing is printed. */
  tooLarge: { kind: 'header' | 'signature' | 'title' | 'block' | 'note'; text: string } | null;
}

/**
 * The in-page part (phases 1 and 3), given the pure phase-2 functions.
 *
 * @param body When given, the HTML of a `<body>` element (from the same templates) that replaces
 *   the current body first: a tab keeps its head (style sheet, decoded fonts) between reports.
 */
async function paginateInPage(body: string | null, decide: typeof decideBreaks, rowGroups: typeof tableRowGroups): Promise<PaginationResult> {
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

  // ---- the flow cut at its page breaks: each part starts a new page of its orientation ----
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

  // ---- 1. measure: each part laid out once, in its first page box ----
  /** A measured element with the facts phase 3 needs to cut it at a line. */
  interface Lines {
    el: HTMLElement;
    lineHeight: number;
    padTop: number;
  }
  const measureLines = (el: HTMLElement, rect: DOMRect, style: CSSStyleDeclaration, splittable: boolean): LineBox => {
    const padTop = px(style.paddingTop) + px(style.borderTopWidth);
    const padBottom = px(style.paddingBottom) + px(style.borderBottomWidth);
    const declared = px(style.lineHeight);
    const contentHeight = rect.height - padTop - padBottom;
    const count = declared > 0 ? Math.round(contentHeight / declared) : 0;
    // Layout rounds each line box to 1/64 px: the real pitch, over a thousand lines, is not the declared one.
    const pitch = count > 0 ? contentHeight / count : declared;
    const uniform = count > 0 && Math.abs(pitch - declared) < 0.05;
    return {
      height: rect.height,
      lines: splittable && uniform ? count : 0,
      lineHeight: pitch,
      padTop,
      padBottom,
      orphans: Math.max(1, parseInt(style.orphans, 10) || 2),
      widows: Math.max(1, parseInt(style.widows, 10) || 2),
    };
  };
  /** Each part's block elements, in the order of its measured blocks. */
  const blockEls: HTMLElement[][] = [];
  const noteMeasures = new Map<string, Lines>();
  const measured: MeasuredSegment[] = [];
  const firstBoxes: HTMLElement[] = [];
  for (const segment of parts) {
    const first = newBox(segment.landscape);
    firstBoxes.push(first.box);
    let blocks = segment.blocks;
    first.body.append(...blocks);
    first.notes.append(...segment.notes);
    const capacity = first.box.getBoundingClientRect().height;
    const bodyTop = first.body.getBoundingClientRect().top;

    // Tables of figures taller than a page: measured, their row groups decided, then cut.
    if (blocks.some((el) => el.matches('table.data'))) {
      /** Height from the top of the run of break-after: avoid blocks just before block `i` to its top. */
      const leadOf = (i: number): number => {
        let j = i;
        while (j > 0 && getComputedStyle(blocks[j - 1] as HTMLElement).breakAfter.startsWith('avoid')) j--;
        return j === i ? 0 : (blocks[i] as HTMLElement).getBoundingClientRect().top - (blocks[j] as HTMLElement).getBoundingClientRect().top;
      };
      const groupsOf = blocks.map((el, i) => {
        if (!el.matches('table.data')) return null;
        const rows = Array.from(el.querySelectorAll<HTMLElement>(':scope > tbody > tr'));
        const table = {
          capacity,
          marginTop: px(getComputedStyle(el).marginTop),
          height: el.getBoundingClientRect().height,
          rowHeights: rows.map((row) => row.getBoundingClientRect().height),
          lead: leadOf(i),
        };
        return { rows, groups: rowGroups(table) };
      });
      const cutTable = (el: HTMLElement, rows: HTMLElement[], groups: number[] | null): HTMLElement[] => {
        if (!groups) return [el];
        const head = el.querySelector(':scope > thead');
        const cols = el.querySelector(':scope > colgroup');
        let next = 0;
        return groups.map((count, i) => {
          const part = el.cloneNode(false) as HTMLElement;
          if (i > 0) part.classList.add('cont');
          if (cols) part.append(cols.cloneNode(true));
          if (head) part.append(head.cloneNode(true));
          const tbody = document.createElement('tbody');
          tbody.append(...rows.slice(next, next + count));
          next += count;
          part.append(tbody);
          return part;
        });
      };
      blocks = blocks.flatMap((el, i) => {
        const table = groupsOf[i];
        return table ? cutTable(el, table.rows, table.groups) : [el];
      });
      first.body.replaceChildren(...blocks);
    }

    const measures: MeasuredBlock[] = blocks.map((el) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const lines = measureLines(el, rect, style, el.tagName === 'P' && !style.breakInside.startsWith('avoid'));
      const contentTop = rect.top + lines.padTop;
      const refLines = Array.from(el.querySelectorAll<HTMLElement>('sup.fnref'), (sup) => {
        const r = sup.getBoundingClientRect();
        const line = lines.lines > 0 ? Math.floor((r.top + r.height / 2 - contentTop) / lines.lineHeight) : 0;
        return { id: sup.dataset.fn ?? '', line: Math.max(0, Math.min(line, Math.max(lines.lines - 1, 0))) };
      });
      return {
        ...lines,
        top: rect.top - bodyTop,
        bottom: rect.bottom - bodyTop,
        marginTop: px(style.marginTop),
        keep: style.breakAfter.startsWith('avoid'),
        rank: parseInt(style.getPropertyValue('--heading-rank'), 10) || 0,
        refLines,
      };
    });
    let noteSum = 0;
    const notes: MeasuredNote[] = segment.notes.map((note) => {
      const m = { id: note.dataset.fn ?? '', ...measureLines(note, note.getBoundingClientRect(), getComputedStyle(note), true) };
      noteMeasures.set(m.id, { el: note, lineHeight: m.lineHeight, padTop: m.padTop });
      noteSum += m.height;
      return m;
    });
    // Separator rule and its spacing: what the note area adds to this part's notes.
    const separator = segment.notes.length > 0 ? first.notes.getBoundingClientRect().height - noteSum : 0;
    blockEls.push(blocks);
    measured.push({ landscape: segment.landscape, capacity, separator, blocks: measures, notes });
  }

  // ---- 2. decide the breaks (pure) ----
  const decision = decide(measured);
  if (decision.tooLarge) {
    const el = (blockEls[decision.tooLarge.segment] as HTMLElement[])[decision.tooLarge.block] as HTMLElement;
    const kind = el.matches('table.header') ? 'header' : el.matches('table.signature') ? 'signature' : el.matches('.title') ? 'title' : 'block';
    return { pages: 0, tooLarge: { kind, text: snippet(el) } };
  }
  const sheets = decision.sheets;
  const blockLines = (segment: number, block: number): Lines => {
    const m = (measured[segment] as MeasuredSegment).blocks[block] as MeasuredBlock;
    return { el: (blockEls[segment] as HTMLElement[])[block] as HTMLElement, lineHeight: m.lineHeight, padTop: m.padTop };
  };

  // ---- 3. cut where the pages break: the character offset that starts each cut line ----
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
    const pieces: HTMLElement[] = [];
    // Last cut first, so earlier offsets stay valid.
    for (const offset of [...offsets].reverse()) {
      range.setStart(...point(offset));
      range.setEnd(el, el.childNodes.length);
      const part = el.cloneNode(false) as HTMLElement;
      part.classList.remove('first');
      part.classList.add('cont');
      part.append(range.extractContents());
      pieces.unshift(part);
    }
    pieces.unshift(el);
    pieces.slice(0, -1).forEach((part) => part.classList.add('split')); // keeps its last line justified
    return pieces;
  };
  /** Lines where each cut element is cut, by element, in page order. */
  const cutLines = new Map<HTMLElement, { lines: Lines; cuts: number[] }>();
  const cutBefore = (lines: Lines, from: number): void => {
    const entry = cutLines.get(lines.el) ?? { lines, cuts: [] };
    entry.cuts.push(from);
    cutLines.set(lines.el, entry);
  };
  for (const s of sheets) {
    for (const piece of s.pieces) {
      const m = (measured[s.segment] as MeasuredSegment).blocks[piece.block] as MeasuredBlock;
      if (m.lines > 0 && piece.from > 0) cutBefore(blockLines(s.segment, piece.block), piece.from);
    }
    for (const n of s.notes) if (n.from > 0) cutBefore(noteMeasures.get(n.id) as Lines, n.from);
  }
  const partsOf = new Map<HTMLElement, HTMLElement[]>();
  const offsets = new Map<HTMLElement, number[]>();
  cutLines.forEach(({ lines, cuts }, el) => offsets.set(el, offsetsOf(lines, cuts)));
  offsets.forEach((list, el) => partsOf.set(el, cutAt(el, list)));
  const partFor = (el: HTMLElement, from: number): HTMLElement => {
    const pieces = partsOf.get(el);
    if (!pieces) return el;
    return pieces[(cutLines.get(el)?.cuts ?? []).filter((line) => line <= from).length] as HTMLElement;
  };

  // ---- ... and rebuild the DOM into page boxes, and check that every box holds its content ----
  firstBoxes.forEach((box) => box.remove());
  const placed = new Set<string>();
  const boxes = sheets.map((s) => {
    const page = newBox(s.landscape);
    for (const piece of s.pieces) page.body.append(partFor((blockEls[s.segment] as HTMLElement[])[piece.block] as HTMLElement, piece.from));
    if (s.notes[0] && s.notes[0].from > 0) page.notes.classList.add('continued');
    page.notes.append(...s.notes.map((n) => partFor((noteMeasures.get(n.id) as Lines).el, n.from)));
    s.notes.forEach((n) => placed.add(n.id));
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

/**
 * Lays the document of the page out into page boxes; run with `page.evaluate(paginate, body)`.
 * The in-page function with the pure decision functions' source passed in, as one function text.
 */
export const paginate = new Function(
  'body',
  `return (${paginateInPage.toString()})(body, ${decideBreaks.toString()}, ${tableRowGroups.toString()});`,
) as (body: string | null) => Promise<PaginationResult>;

/** Where `installPaginate` keeps the function in a page: a registry symbol, which no element id can shadow. */
const installedKey = JSON.stringify('baocao.paginate');
/**
 * Defines `paginate` in the page, once per loaded document (a tab keeps it while it only swaps
 * bodies); each report then sends only its body to `runPaginate`, not the 25 KB of source.
 */
export const installPaginate = new Function(`globalThis[Symbol.for(${installedKey})] = ${paginate.toString()};`) as () => void;
const runInstalled = `const run = globalThis[Symbol.for(${installedKey})];
  if (typeof run !== 'function') throw new Error('paginate: not installed');`;
/** `paginate` as installed by `installPaginate`; run with `page.evaluate(runPaginate, body)`. */
export const runPaginate = new Function('body', `${runInstalled}\n  return run(body);`) as (body: string | null) => Promise<PaginationResult>;
/** `runPaginate`, answering also the laid-out `<body>` element's HTML (the preview serves it). */
export const runPaginateForHtml = new Function(
  'body',
  `${runInstalled}\n  return run(body).then((layout) => ({ layout, html: document.body.outerHTML }));`,
) as (body: string | null) => Promise<{ layout: PaginationResult; html: string }>;
