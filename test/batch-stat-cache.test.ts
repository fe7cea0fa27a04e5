/**
 * The batch's stat cache (src/batch/stat-cache.ts, issue 24): an unchanged file is known by its
 * stat and not read again, yet a changed file is never skipped — not with the same size and its
 * mtime set back, not with a damaged cache — and the manifest is the same bytes with or without it.
 */
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatCache, statCacheFile } from '../src/batch/stat-cache.js';
import { corpusTree, isCompleteZip, periodFiles, removeTemporaryFolders, requireBuiltCli, runCli, sleep, temporaryFolder } from './helpers/batch-tree.js';

const DOCX = ['--ky', '2024-q3', '--format', 'docx', '--out', 'out', '--jobs', '1'];
const CACHE = path.join('out', '2024-q3', '.stat-cache.json');

beforeAll(() => requireBuiltCli());
afterAll(removeTemporaryFolders);

/** Waits until files changed before are no longer "racy" (2 s, into the next second of the clock) for a run after. */
const nextSecond = () => sleep(3_020 - (Date.now() % 1_000));

/**
 * A batch run whose racy window is 0 (the `waits` option; production: 2 s), so the runs below need
 * not sleep it out: a change is still found by its ctime, which no edit can set back. The window
 * itself is the subject of the first test, at its production length.
 */
const batch = (root: string) => runCli(['batch', 'data', ...DOCX], root, {}, { statCacheRacyMs: 0 });

/** Changes one byte of `file` keeping its size, and sets its atime and mtime back to what they were. */
async function editKeepingSizeAndMtime(file: string, edit: (bytes: Buffer) => void): Promise<void> {
  const before = await stat(file);
  const bytes = await readFile(file);
  edit(bytes);
  await writeFile(file, bytes);
  await utimes(file, before.atime, before.mtime);
  const after = await stat(file);
  expect(after.size).toBe(before.size);
  expect(after.mtimeMs).toBe(before.mtimeMs);
}

/** Changes the last digit of the period file's `so:` (same size), keeping its mtime. */
const editNumber = (file: string) =>
  editKeepingSizeAndMtime(file, (bytes) => {
    const at = bytes.indexOf('\nso: ');
    expect(at).toBeGreaterThanOrEqual(0);
    const end = bytes.indexOf('\n', at + 1) - 1;
    bytes[end] = bytes[end] === 0x31 ? 0x32 : 0x31;
  });

/** Sets the mtime of every file below `dir` to a whole second an hour ago (so a test can set it back exactly). */
async function roundMtimes(dir: string): Promise<void> {
  const then = new Date((Math.floor(Date.now() / 1000) - 3600) * 1000);
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, String(name));
    if ((await stat(file)).isFile()) await utimes(file, then, then);
  }
}

/** A corpus run twice, so that the cache knows every input and output, none of them racy. */
async function warmTree(units: number): Promise<{ root: string; files: Map<string, string> }> {
  const tree = await corpusTree(units);
  expect((await batch(tree.root)).code).toBe(0);
  await roundMtimes(path.join(tree.root, 'data'));
  await roundMtimes(path.join(tree.root, 'out'));
  expect((await batch(tree.root)).stdout).toMatch(/đã tạo 0 văn bản/);
  return tree;
}

describe('stat cache of batch', () => {
  it('trusts a file whose stat is unchanged and not racy, and hashes again one changed just before it was hashed', async () => {
    const dir = await temporaryFolder();
    const old = path.join(dir, 'cu.yaml');
    const file = path.join(dir, 'cache.json');
    await writeFile(old, 'a: 1\n');
    await nextSecond();
    const first = await StatCache.load(file);
    const fresh = path.join(dir, 'moi.yaml');
    await writeFile(fresh, 'a: 2\n');
    await first.digest(old);
    await first.digest(fresh);
    expect(first.counts).toEqual({ hashed: 2, trusted: 0 });
    await first.save();

    const second = await StatCache.load(file);
    expect((await second.digest(old)).sha256).toBe((await first.digest(old)).sha256);
    // `moi.yaml` was written just before it was hashed: racy, never entered, read again.
    await second.digest(fresh);
    expect(second.counts).toEqual({ hashed: 1, trusted: 1 });
  });

  it('re-renders a period file changed with the same size and its mtime restored (ctime differs), and only it', async () => {
    const { root, files } = await warmTree(4);
    const cache = JSON.parse(await readFile(path.join(root, CACHE), 'utf8')) as { files: Record<string, unknown> };
    const one = periodFiles(files)[0]!;
    // Every layer and every output is known, so the next run reads none of them unless its stat changed.
    expect(Object.keys(cache.files)).toContain(path.join(root, 'data', one));
    expect(Object.keys(cache.files)).toContain(path.join(root, 'out', one.replace(/\.yaml$/, '.docx')));

    await editNumber(path.join(root, 'data', one));
    const run = await batch(root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/đã tạo 1 văn bản \(1 tệp\), bỏ qua 3 không đổi/);
    expect(run.stderr).toContain(`✔ ${path.dirname(one)}`);
  });

  it('detects an output deleted, or edited with the same size and its mtime restored', async () => {
    const { root, files } = await warmTree(4);
    const units = periodFiles(files).map((u) => u.replace(/\.yaml$/, '.docx'));
    await rm(path.join(root, 'out', units[0]!));
    await editKeepingSizeAndMtime(path.join(root, 'out', units[1]!), (bytes) => {
      bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0xff;
    });
    const run = await batch(root);
    expect(run.stdout).toMatch(/đã tạo 2 văn bản \(2 tệp\), bỏ qua 2 không đổi/);
    for (const unit of units.slice(0, 2)) expect(isCompleteZip(await readFile(path.join(root, 'out', unit)))).toBe(true);
  });

  it('ignores a damaged cache (the run is still right, and the cache is written anew)', async () => {
    const { root, files } = await warmTree(3);
    const one = periodFiles(files)[0]!;
    await editNumber(path.join(root, 'data', one));
    // Cut short, an entry of the wrong shape, not JSON: the first run renders the edited report, the next ones nothing.
    const damages = ['{"statCache":1,"savedMs":', '{"statCache":1,"savedMs":1,"files":{"x":[1,2]}}', '\0\0\0'];
    for (const [i, damaged] of damages.entries()) {
      await writeFile(path.join(root, CACHE), damaged);
      const run = await batch(root);
      expect(run.code, damaged).toBe(0);
      expect(run.stdout, damaged).toMatch(i === 0 ? /đã tạo 1 văn bản \(1 tệp\), bỏ qua 2 không đổi/ : /đã tạo 0 văn bản \(0 tệp\), bỏ qua 3 không đổi/);
      expect(JSON.parse(await readFile(path.join(root, CACHE), 'utf8'))).toMatchObject({ statCache: 1 });
    }
  });

  it('leaves the manifest the same bytes with and without the cache', async () => {
    const withCache = await warmTree(3);
    const without = await corpusTree(3);
    const run = async (root: string, keepCache: boolean) => {
      if (!keepCache) await rm(path.join(root, CACHE), { force: true });
      expect((await batch(root)).code).toBe(0);
      return readFile(path.join(root, 'out', '2024-q3', 'manifest.json'), 'utf8');
    };
    await run(without.root, false);
    expect(await run(withCache.root, true)).toBe(await run(without.root, false));
    const one = periodFiles(withCache.files)[1]!;
    for (const root of [withCache.root, without.root]) await writeFile(path.join(root, 'data', one), `${withCache.files.get(one)!}# sửa\n`);
    expect(await run(withCache.root, true)).toBe(await run(without.root, false));
    expect(statCacheFile(path.join('out', '2024-q3'))).toBe(CACHE);
  });
});
