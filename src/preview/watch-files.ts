/**
 * Which files the preview watches (chokidar: editors' atomic saves, renames and new files are
 * its job, not ours): the inputs (folders recursively), every layer of every document (mac-dinh,
 * tinh and don-vi may sit above the input folder) and the templates. Saves arriving together are
 * handed over as one change after a short pause.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/**
 * Saves arriving together (an editor's save-all, a template and its data) become one change after
 * this pause. It is waited on every save, so it is short: refreshes run one at a time anyway
 * (PreviewState's queue), so a file saved while one runs joins the next. 25 → 5 ms took save →
 * page painted from p50 115–141 ms to 97 ms in scripts/bench-xem.mjs (issue 24).
 */
const settleMs = 5;

export interface FileWatch {
  /** Watches these too (layers of documents found later). */
  add(paths: readonly string[]): void;
  close(): Promise<void>;
}

export function watchFiles(paths: readonly string[], onChange: (files: string[]) => void): Promise<FileWatch> {
  const watched = new Set(paths.map((p) => path.resolve(p)));
  const watcher: FSWatcher = watch([...watched], { ignoreInitial: true, ignored: (file) => path.basename(file).startsWith('.') && path.basename(file) !== '.' });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending = new Set();
      onChange(files);
    }, settleMs);
  });
  return new Promise((resolve, reject) => {
    watcher.once('error', reject);
    watcher.once('ready', () =>
      resolve({
        add(more) {
          const fresh = more.map((p) => path.resolve(p)).filter((p) => !watched.has(p));
          for (const p of fresh) watched.add(p);
          if (fresh.length > 0) watcher.add(fresh);
        },
        async close() {
          clearTimeout(timer);
          await watcher.close();
        },
      }),
    );
  });
}
