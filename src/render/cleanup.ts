/**
 * Last-resort clean-ups of what a run started outside this process (a browser and its profile
 * folder), run synchronously when the process is stopped (Ctrl-C, kill) or exits. The renderers
 * register and unregister them; only the CLI runs them (it owns the process and its signals).
 * This module loads nothing heavy, so the CLI can import it without loading the browser driver.
 */
const cleanups = new Set<() => void>();

/** Registers a synchronous clean-up; returns the function that unregisters it. */
export function registerCleanup(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Runs (once) every clean-up still registered; one that throws does not stop the others. */
export function runCleanupsNow(): void {
  const pending = [...cleanups];
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // best effort: the process is ending
    }
  }
}
