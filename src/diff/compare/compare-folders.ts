/**
 * Two folders: two output trees (out/ of two runs) or two data trees. Reports are paired by their
 * path relative to each folder; identical files (same sha256 — for a period file, of every layer
 * it merges) are skipped without being parsed; the rest are compared one pair at a time.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { compareSides } from './compare-sides.js';
import { isLayerFile, layersOf, newLayerCache, openTemplatesFolder } from '../read/pipeline-adapter.js';
import type { Templates } from '../../render/open-templates.js';
import { readSide } from '../read/read-input.js';
import type { DocumentDiff } from '../diff-result.js';

export interface FolderDiff {
  old: string;
  new: string;
  added: string[];
  removed: string[];
  changed: { path: string; diff: DocumentDiff }[];
  unchanged: string[];
  /** Pairs that could not be compared (their diagnostics are in the outcome). */
  failed: string[];
}

const REPORT_FILE = /\.(docx|pdf|ya?ml)$/i;

async function reportFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await readdir(path.resolve(root, dir), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await reportFiles(root, rel)));
    else if (entry.isFile() && REPORT_FILE.test(entry.name) && !entry.name.startsWith('.') && !isLayerFile(entry.name)) out.push(rel);
  }
  return out;
}

async function fingerprint(file: string, cwd: string): Promise<string> {
  const hash = createHash('sha256');
  const files = /\.ya?ml$/i.test(file) ? await layersOf(file, cwd) : [file];
  for (const f of files) {
    hash.update(f === file ? '' : path.basename(f));
    hash.update(await readFile(path.resolve(cwd, f)).catch(() => Buffer.from('\u0000missing')));
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

/** `oldDir` and `newDir` are read against `cwd` (the run's folder) and named as given. */
export async function compareFolders(
  oldDir: string,
  newDir: string,
  templates: Templates = openTemplatesFolder(),
  cwd = '.',
): Promise<{ kind: 'folder'; folder: FolderDiff; diagnostics: Diagnostic[] }> {
  const [oldFiles, newFiles] = await Promise.all([reportFiles(path.resolve(cwd, oldDir)), reportFiles(path.resolve(cwd, newDir))]);
  const oldSet = new Set(oldFiles);
  const newSet = new Set(newFiles);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const folder: FolderDiff = {
    old: oldDir,
    new: newDir,
    added: newFiles.filter((f) => !oldSet.has(f)).sort(order),
    removed: oldFiles.filter((f) => !newSet.has(f)).sort(order),
    changed: [],
    unchanged: [],
    failed: [],
  };
  const diagnostics: Diagnostic[] = [];
  const common = oldFiles.filter((f) => newSet.has(f)).sort(order);
  const cacheOld = newLayerCache(templates, cwd);
  const cacheNew = newLayerCache(templates, cwd);
  for (const rel of common) {
    const a = path.join(oldDir, rel);
    const b = path.join(newDir, rel);
    const [fa, fb] = await Promise.all([fingerprint(a, cwd), fingerprint(b, cwd)]);
    if (fa === fb) {
      folder.unchanged.push(rel);
      continue;
    }
    const [before, after] = await Promise.all([readSide(a, cacheOld), readSide(b, cacheNew)]);
    diagnostics.push(...before.diagnostics, ...after.diagnostics);
    if (!before.side || !after.side) {
      folder.failed.push(rel);
      continue;
    }
    const compared = compareSides(before.side, after.side);
    diagnostics.push(...compared.diagnostics);
    if (!compared.diff) folder.failed.push(rel);
    else if (compared.diff.changes.length > 0) folder.changed.push({ path: rel, diff: compared.diff });
    else folder.unchanged.push(rel);
  }
  return { kind: 'folder', folder, diagnostics };
}
