/** Two folders in a terminal: one summary line, the added / removed / failed reports, then each changed report. */
import type { FolderDiff } from '../compare/compare-folders.js';
import { renderTerminal } from './diff-terminal.js';
import { terminalText as t } from './wording.js';

export function folderSummary(f: FolderDiff): string {
  const total = f.added.length + f.removed.length + f.changed.length + f.unchanged.length + f.failed.length;
  const parts = [`${f.changed.length} thay đổi`, `${f.added.length} thêm`, `${f.removed.length} bỏ`, `${f.unchanged.length} không đổi`];
  if (f.failed.length > 0) parts.push(`${f.failed.length} không so sánh được`);
  return `${total} báo cáo: ${parts.join(', ')}.`;
}

export function renderFolderTerminal(f: FolderDiff, options: { color: boolean }): string {
  const lines = [folderSummary(f), `--- ${t(f.old)}`, `+++ ${t(f.new)}`];
  for (const p of f.added) lines.push(`+ thêm: ${t(p)}`);
  for (const p of f.removed) lines.push(`− bỏ: ${t(p)}`);
  for (const p of f.failed) lines.push(`✖ không so sánh được: ${t(p)}`);
  let out = `${lines.join('\n')}\n`;
  for (const c of f.changed) out += `\n═══ ${t(c.path)}\n${renderTerminal(c.diff, options)}`;
  return out;
}
