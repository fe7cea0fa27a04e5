/**
 * Issue 12: baocao parses YAML with the `yaml` package's ES-module build (src/load/yaml-library.ts),
 * whose parser does not read the environment. The Node build reads `process.env.LOG_TOKENS` once
 * per token: ~1,000 reads for the Thạch Quý sample, a third of its parse time.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/core/period.js';
import { parseYamlText } from '../src/load/load-yaml.js';
import { nextPeriodFile } from '../src/next-period/next-period-file.js';

const SAMPLE = path.resolve('data/ha-tinh/phuong-thach-quy/2024-q3.yaml');
const realEnv = process.env;

/** Runs `work` with process.env replaced by a proxy that counts every lookup. */
function environmentReads(work: () => void): number {
  let reads = 0;
  process.env = new Proxy(realEnv, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  try {
    work();
  } finally {
    process.env = realEnv;
  }
  return reads;
}

afterEach(() => {
  process.env = realEnv;
});

describe('YAML parsing reads no environment', () => {
  it('loads the Thạch Quý sample without one lookup of process.env', async () => {
    const bytes = await readFile(SAMPLE);
    let loaded: ReturnType<typeof parseYamlText> | undefined;
    const reads = environmentReads(() => {
      loaded = parseYamlText(SAMPLE, bytes);
    });
    expect(loaded?.diagnostics).toEqual([]);
    expect(Object.keys(loaded?.value ?? {})).toContain('so_lieu');
    expect(reads).toBe(0);
  });

  it('the counter sees the reads of the package’s Node build, which parses the same way', async () => {
    // What the test above would count if the loader used the Node build: it must not be 0,
    // or the proxy is not seeing the parser's lookups at all.
    const node = await import('yaml');
    const text = await readFile(SAMPLE, 'utf8');
    const reads = environmentReads(() => {
      const tokens = [...new node.Parser().parse(text)];
      expect(tokens.length).toBeGreaterThan(0);
    });
    expect(reads).toBeGreaterThan(100);
  });

  it('prepares the next period’s file without one lookup of process.env', async () => {
    const text = await readFile(SAMPLE, 'utf8');
    let marked = 0;
    const reads = environmentReads(() => {
      marked = nextPeriodFile(text, parsePeriod('2024-q3')!, parsePeriod('2024-q4')!).figures;
    });
    expect(marked).toBeGreaterThan(10);
    expect(reads).toBe(0);
  });
});
