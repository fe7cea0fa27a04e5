#!/usr/bin/env node
/**
 * Longer local runs of the property-based suite (test/property/):
 *   npm run property -- --runs 500 [--seed 42] [--time-limit 3600]
 * Sets BAOCAO_PROPERTY_RUNS, BAOCAO_PROPERTY_SEED (default: a new random seed, printed so a failure
 * can be replayed) and BAOCAO_PROPERTY_TIME_LIMIT_S (seconds for generating and shrinking), then
 * runs vitest on the suite. Uses only Node's standard library.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const positive = (name, text) => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) <= 0) {
    process.stderr.write(`--${name} phải là một số nguyên dương (đang là "${text}").\n`);
    process.exit(2);
  }
  return text;
};

const runs = positive('runs', option('runs')) ?? '100';
const seed = option('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
const timeLimit = positive('time-limit', option('time-limit')) ?? '3600';
process.stderr.write(`property: ${runs} lần chạy, seed ${seed} (chạy lại: npm run property -- --runs ${runs} --seed ${seed})\n`);
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/property'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      BAOCAO_PROPERTY_RUNS: runs,
      BAOCAO_PROPERTY_SEED: seed,
      BAOCAO_PROPERTY_TIME_LIMIT_S: timeLimit,
    },
  },
);
process.exit(result.status ?? 1);
