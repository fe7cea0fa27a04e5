/**
 * The body between the header and the signature as `mo_dau`, `noi_dung` and `ket_thuc`:
 * numbered paragraphs (typed or Word's) open sections at the level their kind of number says
 * (I. → 1. → a), or 2.1. under 2.), the parent's `danh_so` recording a kind that is not the
 * default; headings in our heading styles without a number are `danh_so: khong`; "-" and "+"
 * lines are `gach`/`cong` lists; tables are `bang`. A decision's thẩm quyền, căn cứ and
 * "Theo đề nghị của …" come first; its articles "Điều 1." are the top-level sections.
 */
import { defaultStyleAt } from '../compute/numbering.js';
import type { DocumentTypeInfo } from '../core/document-types.js';
import type { NumberingStyle, SectionData } from '../core/schema.js';
import { UNNUMBERED } from '../core/schema.js';
import type { Block, Paragraph, Piece } from './read-docx.js';
import { dropLeadingText, markupOf, roleOf, textOf, trimLeading, type Role } from './paragraph-text.js';
import { importTable } from './table.js';
import { autoLabelKind, typedLabel, type LabelKind, type TypedLabel } from './typed-label.js';

export type Entry = string | { gach?: string[]; cong?: string[] } | { bang: ReturnType<typeof importTable>['bang'] };
export type YamlPath = (string | number)[];

export interface Note {
  /** Paragraph position in the Word file (1-based), 0 for the whole file. */
  position: number;
  message: string;
  /** A guess or something kept as a comment (warning) rather than plain information. */
  warning: boolean;
}

export interface Remark {
  path: YamlPath;
  comment: string;
}

export interface Body {
  moDau: Entry[];
  noiDung: SectionData[];
  ketThuc: string[];
  thamQuyen?: string;
  canCu: string[];
  theoDeNghi?: string;
}

const CLOSING_MARK = './.';

interface Open {
  kind: LabelKind | typeof UNNUMBERED;
  section: SectionData;
  path: YamlPath;
}

export class BodyReader {
  readonly body: Body = { moDau: [], noiDung: [], ketThuc: [], canCu: [] };
  private readonly stack: Open[] = [];
  private pendingComments: string[] = [];

  constructor(
    private readonly type: DocumentTypeInfo | undefined,
    private readonly notes: Note[],
    private readonly remarks: Remark[],
    /** false inside a phụ lục: numbers stay typed text, only "-" and "+" lines are lists. */
    private readonly sections = true,
  ) {}

  read(blocks: readonly Block[]): void {
    const items = [...blocks];
    // The closing mark: on a line of its own after a table, or at the end of the last paragraph.
    stripClosingMark(items);
    const ketThucFrom = this.sections ? this.closingParagraphs(items) : -1;
    let i = 0;
    if (this.type?.grounds) i = this.readGrounds(items);
    for (; i < items.length; i++) {
      if (i === ketThucFrom) break;
      this.block(items[i]!);
    }
    for (let k = ketThucFrom; k >= 0 && k < items.length; k++) {
      const p = items[k]!;
      if (p.kind === 'paragraph' && textOf(p) !== '') this.body.ketThuc.push(markupOf(p.pieces, { lineBreaks: true }));
    }
    this.flushComments(['ket_thuc']);
  }

  /** The closing paragraphs: from "Trên đây …" (or the last plain paragraph ending the text) to the end. */
  private closingParagraphs(items: Block[]): number {
    let last = items.length - 1;
    while (last >= 0 && items[last]!.kind === 'paragraph' && textOf(items[last] as Paragraph) === '') last--;
    const p = items[last];
    if (!p || p.kind !== 'paragraph' || !p.closed) return -1;
    if (labelOf(p) || isHeadingRole(roleOf(p))) return -1;
    let from = last;
    for (let k = last - 1; k >= 0; k--) {
      const q = items[k]!;
      if (q.kind !== 'paragraph' || labelOf(q) || isHeadingRole(roleOf(q))) break;
      if (/^Trên đây/u.test(textOf(q))) {
        from = k;
        break;
      }
      if (textOf(q) !== '' && !/^Trên đây/u.test(textOf(items[from] as Paragraph))) break;
    }
    return from;
  }

  private readGrounds(items: Block[]): number {
    let i = 0;
    for (; i < items.length; i++) {
      const p = items[i]!;
      if (p.kind !== 'paragraph') break;
      const text = textOf(p);
      if (text === '') continue;
      if (/^QUYẾT ĐỊNH\s*:?$/u.test(text)) {
        i++;
        break;
      }
      if (/^Căn cứ(\s|$)/u.test(text)) this.body.canCu.push(markupOf(p.pieces, { ignoreItalic: true }).replace(/[;.,]\s*$/u, ''));
      else if (/^Theo đề nghị của\s+/u.test(text)) this.body.theoDeNghi = text.replace(/^Theo đề nghị của\s+/u, '').replace(/[.;]\s*$/u, '');
      else if (this.body.thamQuyen === undefined && text === text.toLocaleUpperCase('vi')) this.body.thamQuyen = text;
      else break;
    }
    return i;
  }

  private block(block: Block): void {
    if (block.kind === 'table') {
      const { bang, notes, merged } = importTable(block);
      for (const n of [...notes, ...merged]) this.notes.push({ position: block.position, message: n, warning: true });
      for (const m of merged) this.pendingComments.push(`KHÔNG CHUYỂN ĐƯỢC (đoạn ${block.position}): ${m}`);
      this.addEntry({ bang });
      return;
    }
    for (const u of block.unmapped) {
      this.notes.push({ position: block.position, message: `không chuyển được ${u}`, warning: true });
      this.pendingComments.push(`KHÔNG CHUYỂN ĐƯỢC (đoạn ${block.position}): ${u}`);
    }
    const pieces = trimLeading(block.pieces);
    const text = textOf(block);
    const role = roleOf(block);
    const found = labelOf(block);
    const label = this.sections || found?.kind === 'gach' || found?.kind === 'cong' ? found : undefined;
    if (text === '' && !label) return;
    const rest = label && label.length > 0 ? dropLeadingText(pieces, label.length) : pieces;
    if (!label) {
      if (isHeadingRole(role)) this.openSection(UNNUMBERED, headingDepth(role), block, rest, true);
      else if (this.sections && role === undefined && looksLikeUnnumberedHeading(block, rest)) this.openSection(UNNUMBERED, this.unnumberedDepth(block, text), block, rest, true);
      else this.addEntry(markupOf(rest, { lineBreaks: true }));
      return;
    }
    if (label.kind === 'gach' || label.kind === 'cong') {
      this.addBullet(label.kind, markupOf(trimLeading(rest), { lineBreaks: true }));
      return;
    }
    const heading = isHeadingRole(role) || (role === undefined && looksLikeHeading(block, rest, label));
    // Word's own numbering says the level (w:ilvl); a typed number says it by its kind.
    const depth = isHeadingRole(role) ? headingDepth(role) : block.auto && !block.auto.bullet ? block.auto.level + 1 : undefined;
    this.openSection(label.kind, depth, block, trimLeading(rest), heading);
  }

  /**
   * Where a foreign file's heading without a number goes: at its outline level when Word has one;
   * a line in capitals is a part (level 1, as I., II.); another is the sibling of an unnumbered
   * heading just before it, else a sub-heading of the innermost open heading.
   */
  private unnumberedDepth(block: Paragraph, text: string): number {
    if (block.outline !== undefined) return block.outline + 1;
    if (text === text.toLocaleUpperCase('vi')) return 1;
    if (this.stack[this.stack.length - 1]?.kind === UNNUMBERED) return this.stack.length;
    const heading = findLastIndex(this.stack, (o) => o.section.tieu_de !== undefined);
    return heading + 2;
  }

  private container(): { entries: Entry[]; path: YamlPath } {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { entries: this.body.moDau, path: ['mo_dau'] };
    top.section.doan ??= [];
    return { entries: top.section.doan as Entry[], path: [...top.path, 'doan'] };
  }

  private addEntry(entry: Entry): void {
    const { entries, path } = this.container();
    entries.push(entry);
    this.flushComments([...path, entries.length - 1]);
  }

  private addBullet(kind: 'gach' | 'cong', text: string): void {
    const { entries, path } = this.container();
    const last = entries[entries.length - 1];
    if (last && typeof last === 'object' && kind in last && Object.keys(last).length === 1) {
      (last as Record<string, string[]>)[kind]!.push(text);
      this.flushComments([...path, entries.length - 1, kind, (last as Record<string, string[]>)[kind]!.length - 1]);
    } else {
      entries.push({ [kind]: [text] } as Entry);
      this.flushComments([...path, entries.length - 1, kind, 0]);
    }
  }

  private openSection(kind: LabelKind | typeof UNNUMBERED, fixedDepth: number | undefined, block: Paragraph, rest: Piece[], heading: boolean): void {
    let depth: number;
    if (fixedDepth !== undefined) depth = Math.min(fixedDepth, this.stack.length + 1);
    else {
      const found = findLastIndex(this.stack, (o) => o.kind === kind);
      // After an unnumbered heading, a number of its own level or above runs on beside it ("I., (không số), II.").
      const top = this.stack[this.stack.length - 1];
      const beside = top?.kind === UNNUMBERED && kind !== UNNUMBERED && naturalDepth(kind) <= this.stack.length;
      depth = found >= 0 ? found + 1 : beside ? this.stack.length : this.stack.length + 1;
    }
    this.stack.length = depth - 1;
    const parent = this.stack[depth - 2];
    const section: SectionData = {};
    const markup = markupOf(rest, { ignoreBold: heading, lineBreaks: !heading });
    if (heading) section.tieu_de = markup;
    else if (markup !== '') section.doan = [markup];
    if (kind === UNNUMBERED) section.danh_so = UNNUMBERED;
    let path: YamlPath;
    if (parent) {
      parent.section.muc ??= [];
      parent.section.muc.push(section);
      path = [...parent.path, 'muc', parent.section.muc.length - 1];
      if (kind !== UNNUMBERED && kind !== 'dieu') this.childStyle(parent, kind, depth, block);
    } else {
      this.body.noiDung.push(section);
      path = ['noi_dung', this.body.noiDung.length - 1];
      const expected = this.type?.articles ? 'dieu' : 'la-ma';
      if (kind !== UNNUMBERED && kind !== expected && this.type?.numberedSections !== false) {
        this.notes.push({
          position: block.position,
          message: `mục lớn đánh số kiểu "${kind}" nhưng ${this.type?.articles ? 'quyết định đánh "Điều 1."' : 'mục lớn luôn đánh I., II.'}: số in ra sẽ khác bản Word`,
          warning: true,
        });
      }
    }
    this.stack.push({ kind, section, path });
    this.flushComments(heading ? [...path, 'tieu_de'] : [...path]);
  }

  private childStyle(parent: Open, kind: LabelKind, depth: number, block: Paragraph): void {
    const wanted = kind as NumberingStyle;
    if (wanted === defaultStyleAt(depth) && parent.section.danh_so === undefined) return;
    if (parent.section.danh_so === UNNUMBERED) {
      if (wanted !== defaultStyleAt(depth)) {
        this.notes.push({ position: block.position, message: `mục con của một tiêu đề không số đánh "${kind}": sẽ in theo kiểu mặc định`, warning: true });
      }
      return;
    }
    if (parent.section.danh_so !== undefined && parent.section.danh_so !== wanted) {
      this.notes.push({ position: block.position, message: `các mục con cùng cấp đánh số hai kiểu khác nhau: giữ kiểu "${parent.section.danh_so}"`, warning: true });
      return;
    }
    parent.section.danh_so = wanted;
  }

  private flushComments(path: YamlPath): void {
    for (const comment of this.pendingComments) this.remarks.push({ path, comment });
    this.pendingComments = [];
  }
}

function stripClosingMark(items: Block[]): void {
  for (let k = items.length - 1; k >= 0; k--) {
    const block = items[k]!;
    if (block.kind !== 'paragraph') return;
    const text = textOf(block);
    if (text === '') continue;
    if (text === CLOSING_MARK) {
      items.splice(k, 1);
      return;
    }
    if (!text.endsWith(CLOSING_MARK)) return;
    // Remove "./." from the last text pieces.
    let left = CLOSING_MARK.length;
    for (let j = block.pieces.length - 1; j >= 0 && left > 0; j--) {
      const piece = block.pieces[j]!;
      if (!('text' in piece)) break;
      const trimmed = piece.text.replace(/\s+$/, '');
      const cut = Math.min(left, trimmed.length);
      block.pieces[j] = { ...piece, text: trimmed.slice(0, trimmed.length - cut) };
      left -= cut;
    }
    block.closed = true;
    return;
  }
}

export function labelOf(p: Paragraph): TypedLabel | undefined {
  if (p.auto) return p.auto.label === '' ? undefined : autoLabelKind(p.auto.label);
  return typedLabel(textOf(p));
}

function isHeadingRole(role: Role | undefined): boolean {
  return role === 'heading1' || role === 'heading2' || role === 'heading3';
}

function headingDepth(role: Role | undefined): number {
  return role === 'heading1' ? 1 : role === 'heading2' ? 2 : 3;
}

/** A foreign file's numbered paragraph is a heading when it is bold, or short and not a sentence. */
function looksLikeHeading(block: Paragraph, rest: Piece[], label: TypedLabel): boolean {
  if (label.kind === 'dieu') return block.allBold;
  const text = rest.map((p) => ('text' in p ? p.text : '')).join('').trim();
  if (text === '') return false;
  if (block.allBold) return true;
  return text.length <= 150 && !/[.;]$/u.test(text) && !rest.some((p) => !('text' in p));
}

/** The level a kind of number has when no parent chooses it: I. 1, 1. 2, a) and 2.1. 3, - 4, + 5. */
function naturalDepth(kind: LabelKind): number {
  if (kind === 'dieu') return 1;
  if (kind === 'so-long') return 3;
  const depth = [1, 2, 3, 4, 5].find((d) => defaultStyleAt(d) === kind);
  return depth ?? 1;
}

/**
 * A foreign file's paragraph without a number is a heading when Word gives it an outline level
 * (a "Heading 2" without numbering), or when it is a bold line of its own that is not a sentence.
 */
function looksLikeUnnumberedHeading(block: Paragraph, rest: Piece[]): boolean {
  if (rest.some((p) => !('text' in p))) return false;
  const text = rest.map((p) => ('text' in p ? p.text : '')).join('').trim();
  if (text === '' || text.includes('\n') || !/\p{L}/u.test(text)) return false;
  if (block.outline !== undefined) return true;
  return block.allBold && text.length <= 150 && !/[.;,]$/u.test(text);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}
