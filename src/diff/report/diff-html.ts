/**
 * `--html`: one self-contained page (inline CSS, no script, no network): the summary, a table of
 * contents of the changed sections, each change with insertions and deletions marked (and named
 * for screen readers), and the figures table.
 */
import type { FolderDiff } from '../compare/compare-folders.js';
import type { Change, DocumentDiff, TableDiff } from '../diff-result.js';
import type { WordPart } from '../compare/word-diff.js';
import { figureWhere, FIGURES_HEADING, NUMBERS_HEADING, cellName, cellValue, columnCellsLine, formatNumberVi, renumberedRowsLine, groupOf, renumberingText, sectionName, signedVi, summaryLine, trimContext } from './wording.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
body{font-family:"Times New Roman",Tinos,serif;font-size:16px;line-height:1.5;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.4rem;margin-bottom:.2rem} h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:2rem}
.files{color:#444;font-family:monospace;font-size:.9rem}
.summary{font-weight:bold;font-size:1.1rem;background:#f4f4f0;padding:.5rem .8rem;border-left:4px solid #777}
.notice{background:#fff6d6;padding:.3rem .8rem;border-left:4px solid #d9a400}
nav ol{columns:2} ins{background:#d7f5dc;color:#064d17;text-decoration:underline} del{background:#fde0e0;color:#8a1010;text-decoration:line-through}
.change{margin:.6rem 0;padding:.3rem .6rem;border-left:3px solid #bbb} .kind{font-weight:bold;color:#333;margin-right:.4rem}
.added{border-color:#2e9b45} .removed{border-color:#c43535} .changed{border-color:#3467c4}
table{border-collapse:collapse;width:100%} th,td{border:1px solid #bbb;padding:.25rem .5rem;vertical-align:top;text-align:left} td.num{text-align:right;white-space:nowrap}
.para{margin:.2rem 0 .2rem 1rem}
.grid{overflow-x:auto;margin:.6rem 0 1rem} .grid caption{text-align:left;font-weight:bold;padding:.2rem 0} .grid th{background:#f4f4f0}
.grid td.changed{background:#e8efff;outline:2px solid #3467c4;outline-offset:-2px} .grid .added{background:#e6f6e9} .grid .removed{background:#fbe7e7}
.grid tr.added th:first-child::before,.grid tr.added td:first-child::before{content:"+ ";color:#2e9b45;font-weight:bold} .grid tr.removed td:first-child::before{content:"− ";color:#c43535;font-weight:bold}
@media print{nav{display:none}}
`;

function words(parts: readonly WordPart[], context = true): string {
  return (context ? trimContext(parts) : parts)
    .map((p) => (p.op === '=' ? esc(p.text) : p.op === '+' ? `<ins>${esc(p.text)}</ins>` : `<del>${esc(p.text)}</del>`))
    .join('')
    .replace(/\n/g, '<br>');
}

function changeHtml(c: Change): string {
  const box = (cls: string, kind: string, body: string) => `<div class="change ${cls}"><span class="kind">${esc(kind)}</span>${body}</div>`;
  switch (c.kind) {
    case 'field-changed':
      return box('changed', `${c.label}:`, words(c.words, false));
    case 'line-added':
      return box('added', `${c.label}, thêm dòng:`, `<ins>${esc(c.text)}</ins>`);
    case 'line-removed':
      return box('removed', `${c.label}, bỏ dòng:`, `<del>${esc(c.text)}</del>`);
    case 'section-added':
    case 'section-removed': {
      const added = c.kind === 'section-added';
      const tag = added ? 'ins' : 'del';
      const body = [...c.paragraphs.map((p) => `<p class="para"><${tag}>${esc(p)}</${tag}></p>`), ...c.footnotes.map((f) => `<p class="para">Chú thích: <${tag}>${esc(f)}</${tag}></p>`)].join('');
      return box(added ? 'added' : 'removed', `${added ? 'Thêm mục' : 'Bỏ mục'} ${c.section.path}`, body);
    }
    case 'paragraph-added':
      return box('added', 'Thêm đoạn:', `<ins>${esc(c.text)}</ins>${c.footnotes.map((f) => `<p class="para">Chú thích: <ins>${esc(f)}</ins></p>`).join('')}`);
    case 'paragraph-removed':
      return box('removed', 'Bỏ đoạn:', `<del>${esc(c.text)}</del>${c.footnotes.map((f) => `<p class="para">Chú thích: <del>${esc(f)}</del></p>`).join('')}`);
    case 'paragraph-changed':
      return box('changed', 'Sửa đoạn:', words(c.words));
    case 'cell-changed':
      return box(
        'changed',
        `${cellName(c.cell)}:`,
        `<del>${esc(cellValue(c.old))}</del> → <ins>${esc(cellValue(c.new))}</ins>${(c.totals ?? [])
          .map((total) => `<p class="para">Kéo theo ${esc(cellName(total.cell))}: <del>${esc(cellValue(total.old))}</del> → <ins>${esc(cellValue(total.new))}</ins></p>`)
          .join('')}`,
      );
    case 'row-added':
    case 'row-removed': {
      const added = c.kind === 'row-added';
      const tag = added ? 'ins' : 'del';
      return box(
        added ? 'added' : 'removed',
        `Bảng ${c.table}, ${added ? 'thêm' : 'bỏ'} dòng ${c.row}:`,
        `${c.cells.map((x) => `<${tag}>${esc(cellValue(x))}</${tag}>`).join(' | ')}${(c.totals ?? [])
          .map((total) => `<p class="para">Kéo theo ${esc(cellName(total.cell))}: <del>${esc(cellValue(total.old))}</del> → <ins>${esc(cellValue(total.new))}</ins></p>`)
          .join('')}${c.renumbered ? `<p class="para">${renumberedRowsLine(c.renumbered, esc, (x) => `<del>${esc(x)}</del>`, (x) => `<ins>${esc(x)}</ins>`).replace(/^đ/, 'Đ')}</p>` : ''}`,
      );
    }
    case 'column-added':
    case 'column-removed': {
      const added = c.kind === 'column-added';
      const tag = added ? 'ins' : 'del';
      return box(added ? 'added' : 'removed', `Bảng ${c.table}, ${added ? 'thêm' : 'bỏ'} cột ${c.column}:`, columnCellsLine(c.cells, esc, (x) => `<${tag}>${esc(x)}</${tag}>`));
    }
    case 'paragraph-moved':
      return box('changed', `Chuyển đoạn từ ${sectionName(c.from)}:`, esc(c.text));
    case 'footnote-added':
      return box('added', `Thêm chú thích ${c.number}:`, `<ins>${esc(c.text)}</ins>`);
    case 'footnote-removed':
      return box('removed', `Bỏ chú thích ${c.number} (bản cũ):`, `<del>${esc(c.text)}</del>`);
    case 'footnote-changed':
      return box('changed', `Sửa chú thích ${c.number}:`, words(c.words));
    case 'renumbered':
      return box('changed', 'Đánh số lại:', renumberingText(c).map(esc).join('<br>'));
    case 'figure-changed':
      return '';
  }
}

const cellText = (text: string) => esc(text).replace(/\n/g, '<br>');

/** One cell of a table grid: unchanged text as is, a changed cell's old text struck and its new text underlined. */
function gridCell(cell: { old?: string; new?: string }, rowState: TableDiff['rows'][number]['state'], columnState: TableDiff['columns'][number]['state']): string {
  const state = rowState !== 'same' ? rowState : columnState;
  if (state === 'added') return `<td class="added">${cell.new !== undefined ? `<ins>${cellText(cell.new)}</ins>` : ''}</td>`;
  if (state === 'removed') return `<td class="removed">${cell.old !== undefined ? `<del>${cellText(cell.old)}</del>` : ''}</td>`;
  if ((cell.old ?? '') === (cell.new ?? '')) return `<td>${cellText(cell.new ?? '')}</td>`;
  const before = cell.old ? `<del>${cellText(cell.old)}</del>` : '';
  const after = cell.new ? `<ins>${cellText(cell.new)}</ins>` : '';
  return `<td class="changed">${before}${before && after ? ' ' : ''}${after}</td>`;
}

/** A changed table whole: its columns by header, its rows, the changed cells, rows and columns marked. */
function tableGrid(t: TableDiff): string {
  const head = t.columns
    .map((c) => (c.state === 'added' ? `<th class="added"><ins>${esc(c.name)}</ins></th>` : c.state === 'removed' ? `<th class="removed"><del>${esc(c.name)}</del></th>` : `<th>${esc(c.name)}</th>`))
    .join('');
  const rows = t.rows.map((r) => `<tr${r.state === 'same' ? '' : ` class="${r.state}"`}>${r.cells.map((c, i) => gridCell(c, r.state, t.columns[i]!.state)).join('')}</tr>`).join('');
  const caption = `Bảng ${t.table} sau khi sửa (ô sửa: chữ cũ gạch ngang, chữ mới gạch dưới; dòng, cột thêm nền xanh, bỏ nền đỏ)`;
  return `<div class="grid"><table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function figuresTable(changes: readonly Change[], id: string): string {
  const figures = changes.filter((c): c is Extract<Change, { kind: 'figure-changed' }> => c.kind === 'figure-changed');
  if (figures.length === 0) return '';
  const rows = figures
    .map((f) => {
      const where = f.sentences
        .map((s) => `<div><b>${esc(figureWhere(s, true))}</b> ${words(s.words)}</div>`)
        .join('');
      const num = (x: number | undefined) => (x === undefined ? '—' : esc(formatNumberVi(x)));
      return `<tr><td><code>${esc(f.key)}</code></td><td class="num">${num(f.old)}</td><td class="num">${num(f.new)}</td><td class="num">${f.difference === undefined ? '—' : esc(signedVi(f.difference))}</td><td>${where || '—'}</td></tr>`;
    })
    .join('');
  return `<h2 id="${id}">${FIGURES_HEADING}</h2><table><thead><tr><th>số liệu</th><th>cũ</th><th>mới</th><th>chênh lệch</th><th>in ở</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The numbers read from the text that changed (DOCX, PDF pairs): old, new, difference, and the sentence or cell they sit in. */
function numbersTable(diff: DocumentDiff, id: string): string {
  if ((diff.numbers?.length ?? 0) === 0) return '';
  const rows = diff
    .numbers!.map((n) => {
      const value = (x: string | undefined, tag: string) => (x === undefined ? '—' : `<${tag}>${esc(x)}</${tag}>`);
      const where = `<b>${esc(figureWhere(n, true))}</b>${n.cell ? '' : ` ${words(n.words)}`}`;
      return `<tr><td class="num">${value(n.old, 'del')}</td><td class="num">${value(n.new, 'ins')}</td><td class="num">${n.difference === undefined ? '—' : esc(signedVi(n.difference))}</td><td>${where}</td></tr>`;
    })
    .join('');
  return `<h2 id="${id}">${NUMBERS_HEADING}</h2><table><thead><tr><th>cũ</th><th>mới</th><th>chênh lệch</th><th>ở</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function pairBody(diff: DocumentDiff, idPrefix: string): string {
  const groups = new Map<string, Change[]>();
  for (const c of diff.changes) {
    if (c.kind === 'figure-changed') continue;
    const g = groupOf(c);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const names = [...groups.keys()];
  const hasFigures = diff.changes.some((c) => c.kind === 'figure-changed');
  const hasNumbers = (diff.numbers?.length ?? 0) > 0;
  const figureLinks = `${hasFigures ? `<li><a href="#${idPrefix}so-lieu">${FIGURES_HEADING}</a></li>` : ''}${hasNumbers ? `<li><a href="#${idPrefix}so-lieu-thay-doi">${NUMBERS_HEADING}</a></li>` : ''}`;
  const toc = names.length > 0 || hasFigures || hasNumbers ? `<nav aria-label="Mục lục các phần thay đổi"><ol>${figureLinks}${names.map((n, i) => `<li><a href="#${idPrefix}m${i}">${esc(n)}</a></li>`).join('')}</ol></nav>` : '';
  const grids = (name: string) => (diff.tables ?? []).filter((t) => sectionName(t.section) === name).map(tableGrid).join('');
  const sections = names.map((n, i) => `<h2 id="${idPrefix}m${i}">${esc(n)}</h2>${groups.get(n)!.map(changeHtml).join('')}${grids(n)}`).join('');
  // the figures table on top, before the sections
  return `<p class="summary">${esc(summaryLine(diff))}</p><p class="files">cũ: ${esc(diff.old.file)}<br>mới: ${esc(diff.new.file)}</p>${diff.notices.map((n) => `<p class="notice">${esc(n)}</p>`).join('')}${toc}${figuresTable(diff.changes, `${idPrefix}so-lieu`)}${numbersTable(diff, `${idPrefix}so-lieu-thay-doi`)}${sections}`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>\n`;
}

export function renderHtml(diff: DocumentDiff): string {
  return page('So sánh văn bản', pairBody(diff, ''));
}

export function renderFolderHtml(f: FolderDiff, summary: string): string {
  const list = (label: string, items: readonly string[], tag: string) =>
    items.length === 0 ? '' : `<h2>${esc(label)}</h2><ul>${items.map((p) => `<li><${tag}>${esc(p)}</${tag}></li>`).join('')}</ul>`;
  const changed = f.changed.map((c, i) => `<section><h2 id="r${i}">${esc(c.path)}</h2>${pairBody(c.diff, `r${i}-`)}</section>`).join('');
  const toc = f.changed.length > 0 ? `<nav aria-label="Các báo cáo thay đổi"><ol>${f.changed.map((c, i) => `<li><a href="#r${i}">${esc(c.path)}</a></li>`).join('')}</ol></nav>` : '';
  return page('So sánh hai thư mục', `<p class="summary">${esc(summary)}</p><p class="files">cũ: ${esc(f.old)}<br>mới: ${esc(f.new)}</p>${toc}${list('Báo cáo thêm', f.added, 'ins')}${list('Báo cáo bỏ', f.removed, 'del')}${list('Không so sánh được', f.failed, 'span')}${changed}`);
}
