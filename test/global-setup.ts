/**
 * Tests that run the CLI as a process (and the batch's worker threads) use dist/. `npm test`
 * builds it once in scripts/setup.mjs; a test file run alone (`npx vitest run test/x.test.ts`)
 * builds it here, unless dist/ is already newer than every source file (both ask
 * scripts/dist-current.mjs).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { distIsCurrent } from '../scripts/dist-current.mjs';

const root = path.join(import.meta.dirname, '..');

export default function setup(): void {
  if (distIsCurrent(root)) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
