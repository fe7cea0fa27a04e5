/**
 * What a comparison finds, as data: the same value feeds the terminal, the HTML page, the JSON
 * output and the exit code. Sections are named by their number path in the new document.
 */
import type { InputKind, Zone } from './comparable-document.js';
import type { WordPart } from './compare/word-diff.js';

export interface SectionRef {
  /** "II.2.b)" in the new document; "" before the first section (mở đầu) or after the last. */
  path: string;
  /** The section's heading text, for the reader. */
  title: string;
  /** True when the section exists only in the old document (the path is then the old one). */
  oldOnly?: boolean;
}

/** A table cell as a reviewer names it: "Bảng 1, dòng Đất đai × cột Quý III". */
export interface TableCellName {
  table: number;
  row: string;
  column: string;
}

export interface FigureSentence {
  /** Where it is printed: a section, a table cell in it, or a footnote ("chú thích 7"). */
  section: SectionRef;
  cell?: TableCellName;
  footnote?: number;
  words: WordPart[];
}

/** A number printed in the text that changed (the figures table of a DOCX or PDF pair), with the sentence or cell it sits in. */
export interface NumberChange extends FigureSentence {
  /** As printed ("1.052", "99,46%"); absent when the number was added or removed. */
  old?: string;
  new?: string;
  difference?: number;
}

export type Change =
  | { kind: 'field-changed'; field: Zone; label: string; words: WordPart[] }
  | { kind: 'line-added' | 'line-removed'; field: Zone; label: string; text: string }
  | { kind: 'section-added' | 'section-removed'; section: SectionRef; paragraphs: string[]; footnotes: string[] }
  | { kind: 'paragraph-added' | 'paragraph-removed'; section: SectionRef; text: string; footnotes: string[] }
  | { kind: 'paragraph-changed'; section: SectionRef; words: WordPart[] }
  /** A table cell by its table, row label and column header; `totals`: cells of a total row that changed with it. */
  | { kind: 'cell-changed'; section: SectionRef; cell: TableCellName; words: WordPart[]; old: string; new: string; totals?: { cell: TableCellName; old: string; new: string }[] }
  /** `renumbered`: rows below whose number (STT) changed because of it. */
  | {
      kind: 'row-added' | 'row-removed';
      section: SectionRef;
      table: number;
      row: string;
      cells: string[];
      totals?: { cell: TableCellName; old: string; new: string }[];
      renumbered?: { row: string; old: string; new: string }[];
    }
  /** A column by its header; `cells`: its cells below the header, by their row's label (rows of both documents). */
  | { kind: 'column-added' | 'column-removed'; section: SectionRef; table: number; column: string; cells: { row: string; text: string }[] }
  | { kind: 'paragraph-moved'; section: SectionRef; from: SectionRef; text: string }
  | { kind: 'footnote-added' | 'footnote-removed'; section: SectionRef; number: number; text: string }
  | { kind: 'footnote-changed'; section: SectionRef; number: number; oldNumber: number; words: WordPart[] }
  | { kind: 'renumbered'; sections: { old: string; new: string }[]; footnotes: { old: number; new: number }[] }
  | { kind: 'figure-changed'; key: string; old?: number; new?: number; difference?: number; sentences: FigureSentence[] };

/** A changed table as a grid (for the HTML page): columns by header, rows by label, removed ones where they stood. */
export interface TableDiff {
  table: number;
  /** The section of its first change. */
  section: SectionRef;
  columns: { name: string; state: 'same' | 'added' | 'removed' }[];
  /** `cells` parallel to `columns`: the old and the new text (absent where the cell is not there or empty). */
  rows: { label: string; oldLabel?: string; state: 'same' | 'added' | 'removed'; cells: { old?: string; new?: string }[] }[];
}

export interface DocumentDiff {
  old: { file: string; kind: InputKind };
  new: { file: string; kind: InputKind };
  /** How the sides were read (a foreign DOCX, tracked changes accepted, a PDF's recovered layout). */
  notices: string[];
  changes: Change[];
  /** Pairs without data figures (DOCX, PDF): every number that changed in a changed sentence, cell or footnote. */
  numbers?: NumberChange[];
  /** The tables the changes name, as grids. */
  tables?: TableDiff[];
}
