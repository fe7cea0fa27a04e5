import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Forks, not threads: tests change the process's time zone (render-docx), which worker threads
    // cannot.
    pool: 'forks',
    // Two test files at a time (the default on 2 cores is one): the suite's wall time is mostly
    // waiting on Chromium, LibreOffice and pandoc, which run beside the other file's work.
    maxWorkers: 2,
    // Each fork runs file after file with its modules loaded once: nearly every file imports the
    // pipeline (src/cli/main.ts alone is hundreds of modules), and evaluating them again for each
    // of ~80 files cost ~1.5 s of CPU per file (10 CLI/diff files, maxWorkers 1: 37.6 s → 22.8 s
    // user+sys). Nothing in src/ keeps state between runs (the templates are opened per run), and
    // test files clean up what they change.
    isolate: false,
  },
});
