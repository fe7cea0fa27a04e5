/** `--json`: the comparison as data, stable key order, for CI and scripts. */
import type { FolderDiff } from '../compare/compare-folders.js';
import type { DocumentDiff } from '../diff-result.js';
import { summaryLine } from './wording.js';

export const JSON_FORMAT_VERSION = 1;

function pairValue(diff: DocumentDiff) {
  return { old: diff.old, new: diff.new, same: diff.changes.length === 0, summary: summaryLine(diff), notices: diff.notices, changes: diff.changes, ...(diff.numbers ? { numbers: diff.numbers } : {}) };
}

export function renderJson(value: { kind: 'pair'; diff: DocumentDiff } | { kind: 'folder'; folder: FolderDiff }): string {
  if (value.kind === 'pair') return `${JSON.stringify({ version: JSON_FORMAT_VERSION, kind: 'pair', ...pairValue(value.diff) }, null, 2)}\n`;
  const f = value.folder;
  return `${JSON.stringify(
    {
      version: JSON_FORMAT_VERSION,
      kind: 'folder',
      old: f.old,
      new: f.new,
      same: f.added.length + f.removed.length + f.changed.length === 0,
      added: f.added,
      removed: f.removed,
      changed: f.changed.map((c) => ({ path: c.path, ...pairValue(c.diff) })),
      unchanged: f.unchanged,
      failed: f.failed,
    },
    null,
    2,
  )}\n`;
}
