import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two test files at a time (the default on 2 cores is one): the suite's wall time is mostly
    // waiting on Chromium, LibreOffice and pandoc, which run beside the other file's work.
    maxWorkers: 2,
  },
});
