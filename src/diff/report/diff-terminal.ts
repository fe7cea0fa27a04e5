/**
 * The diff in a terminal: the summary line first, then the changes grouped by section, each with
 * a few words of context. Coloured (red deletions, green insertions) on a TTY; otherwise plain,
 * with git's word-diff marks [-…-] and {+…+}.
 */
import type { Change, DocumentDiff, NumberChange } from '../diff-result.js';
import { figureWhere, FIGURES_HEADING, NUMBERS_HEADING, cellName, cellValue, columnCellsLine, groupOf, renumberedRowsLine, renumberingText, sectionName, signedVi, formatNumberVi, summaryLine, terminalText, trimContext } from './wording.js';
import type { WordPart } from '../compare/word-diff.js';

interface Paint {
  del(text: string): string;
  ins(text: string): string;
  head(text: string): string;
  dim(text: string): string;
}

/** Every painter shows the document's text through terminalText: its control characters escaped. */
const PLAIN: Paint = { del: (t) => `[-${terminalText(t)}-]`, ins: (t) => `{+${terminalText(t)}+}`, head: (t) => terminalText(t), dim: (t) => terminalText(t) };
const COLOR: Paint = {
  del: (t) => `\x1b[31m\x1b[9m${terminalText(t)}\x1b[29m\x1b[39m`,
  ins: (t) => `\x1b[32m\x1b[4m${terminalText(t)}\x1b[24m\x1b[39m`,
  head: (t) => `\x1b[1m${terminalText(t)}\x1b[22m`,
  dim: (t) => `\x1b[2m${terminalText(t)}\x1b[22m`,
};
const t = terminalText;

export function wordsLine(parts: readonly WordPart[], paint: Paint, context = true): string {
  return (context ? trimContext(parts) : parts)
    .map((p) => (p.op === '=' ? t(p.text) : p.op === '+' ? paint.ins(p.text) : paint.del(p.text)))
    .join('');
}

function changeLines(change: Change, paint: Paint): string[] {
  switch (change.kind) {
    case 'field-changed':
      return [`~ ${t(change.label)}: ${wordsLine(change.words, paint, false)}`];
    case 'line-added':
      return [`+ ${t(change.label)}, thêm dòng: ${paint.ins(change.text)}`];
    case 'line-removed':
      return [`− ${t(change.label)}, bỏ dòng: ${paint.del(change.text)}`];
    case 'section-added':
    case 'section-removed': {
      const added = change.kind === 'section-added';
      const mark = added ? paint.ins : paint.del;
      const lines = [`${added ? '+ thêm mục' : '− bỏ mục'} ${t(change.section.path)} (${change.paragraphs.length} đoạn${change.footnotes.length > 0 ? `, ${change.footnotes.length} chú thích` : ''}):`];
      for (const p of change.paragraphs) lines.push(`    ${mark(p)}`);
      for (const f of change.footnotes) lines.push(`    ${paint.dim('chú thích:')} ${mark(f)}`);
      return lines;
    }
    case 'paragraph-added':
      return [`+ thêm đoạn: ${paint.ins(change.text)}`, ...change.footnotes.map((f) => `    ${paint.dim('chú thích:')} ${paint.ins(f)}`)];
    case 'paragraph-removed':
      return [`− bỏ đoạn: ${paint.del(change.text)}`, ...change.footnotes.map((f) => `    ${paint.dim('chú thích:')} ${paint.del(f)}`)];
    case 'paragraph-changed':
      return [`~ sửa đoạn: ${wordsLine(change.words, paint)}`];
    case 'cell-changed':
      return [
        `~ ${t(cellName(change.cell))}: ${paint.del(cellValue(change.old))} → ${paint.ins(cellValue(change.new))}`,
        ...(change.totals ?? []).map((total) => `    kéo theo ${t(cellName(total.cell))}: ${paint.del(cellValue(total.old))} → ${paint.ins(cellValue(total.new))}`),
      ];
    case 'row-added':
    case 'row-removed': {
      const added = change.kind === 'row-added';
      const mark = added ? paint.ins : paint.del;
      return [
        `${added ? '+' : '−'} Bảng ${change.table}, ${added ? 'thêm' : 'bỏ'} dòng ${t(change.row)}: ${change.cells.map((c) => mark(cellValue(c))).join(' | ')}`,
        ...(change.totals ?? []).map((total) => `    kéo theo ${t(cellName(total.cell))}: ${paint.del(cellValue(total.old))} → ${paint.ins(cellValue(total.new))}`),
        ...(change.renumbered ? [`    ${renumberedRowsLine(change.renumbered, t, paint.del, paint.ins)}`] : []),
      ];
    }
    case 'column-added':
    case 'column-removed': {
      const added = change.kind === 'column-added';
      return [`${added ? '+' : '−'} Bảng ${change.table}, ${added ? 'thêm' : 'bỏ'} cột ${t(change.column)}: ${columnCellsLine(change.cells, t, added ? paint.ins : paint.del)}`];
    }
    case 'paragraph-moved':
      return [`↕ chuyển đoạn từ ${t(sectionName(change.from))} đến đây: ${t(change.text)}`];
    case 'footnote-added':
      return [`+ thêm chú thích ${change.number}: ${paint.ins(change.text)}`];
    case 'footnote-removed':
      return [`− bỏ chú thích ${change.number} (bản cũ): ${paint.del(change.text)}`];
    case 'footnote-changed':
      return [`~ sửa chú thích ${change.number}${change.oldNumber !== change.number ? ` (bản cũ: ${change.oldNumber})` : ''}: ${wordsLine(change.words, paint)}`];
    case 'renumbered':
      return renumberingText(change).map((line) => `# ${t(line)}`);
    case 'figure-changed': {
      const values = `${change.old !== undefined ? formatNumberVi(change.old) : '(không có)'} → ${change.new !== undefined ? formatNumberVi(change.new) : '(không có)'}`;
      const lines = [`~ ${t(change.key)}: ${values}${change.difference !== undefined ? ` (${signedVi(change.difference)})` : ''}`];
      for (const s of change.sentences) lines.push(`    in ở ${t(figureWhere(s))}: ${wordsLine(s.words, paint)}`);
      return lines;
    }
  }
}

/**
 * The figures table read from the text: each number old → new (difference), where; the words of
 * its sentence once under the last number of that sentence (a cell is its value).
 */
function numberLines(numbers: readonly NumberChange[], paint: Paint): string[] {
  const value = (x: string | undefined, mark: (t: string) => string) => (x === undefined ? '(không có)' : mark(x));
  const lines: string[] = [];
  numbers.forEach((n, i) => {
    lines.push(`~ ${value(n.old, paint.del)} → ${value(n.new, paint.ins)}${n.difference !== undefined ? ` (${signedVi(n.difference)})` : ''}, ở ${t(figureWhere(n, true))}`);
    if (!n.cell && numbers[i + 1]?.words !== n.words) lines.push(`    ${wordsLine(n.words, paint)}`);
  });
  return lines;
}

export function renderTerminal(diff: DocumentDiff, options: { color: boolean }): string {
  const paint = options.color ? COLOR : PLAIN;
  const lines = [`${paint.head(summaryLine(diff))}`, `--- ${t(diff.old.file)}`, `+++ ${t(diff.new.file)}`];
  for (const notice of diff.notices) lines.push(`⚠ ${t(notice)}`);
  // The figures table first: the data's figures (YAML pairs) or the numbers read from the text.
  if ((diff.numbers?.length ?? 0) > 0) {
    lines.push('', paint.head(NUMBERS_HEADING));
    for (const line of numberLines(diff.numbers!, paint)) lines.push(`  ${line}`);
  }
  const groups = new Map<string, Change[]>(diff.changes.some((c) => c.kind === 'figure-changed') ? [[FIGURES_HEADING, []]] : []);
  for (const change of diff.changes) {
    const key = groupOf(change);
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  for (const [name, changes] of groups) {
    lines.push('', paint.head(name));
    for (const change of changes) for (const line of changeLines(change, paint)) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}
