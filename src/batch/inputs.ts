/**
 * What an output depends on, as one sha256 (`inputs` in the manifest):
 *   - the bytes of every YAML layer merged into the report, named relative to the data root;
 *   - for a roll-up (`tong_hop`), the same for every file the roll-up reads: its units' layers,
 *     transitively, the profiles `tat_ca` looked at, and the period files it looked for (a
 *     missing one hashes as missing, so creating it changes the hash);
 *   - per format, a fingerprint of the run: the tool's version, the format, the options that
 *     change bytes (SOURCE_DATE_EPOCH), every file of the templates folder and what the format's
 *     writer declares (the bundled fonts its pages embed, for the formats that embed them).
 * Each file is read and hashed once per run, however many reports share it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareCodePoints, type DocumentSource } from '../load/find-documents.js';
import { PACKAGE_ROOT } from '../paths.js';
import { writerOf, type OutputFormat } from '../render/registry.js';
import type { RunContext } from '../run/context.js';
import type { Templates } from '../render/open-templates.js';
import type { RollupRunner } from '../rollup/gather-rollup.js';
import { LayerCache } from '../run/layer-cache.js';
import { StatCache } from './stat-cache.js';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

let cachedVersion: string | undefined;
/** `baocao 0.1.0`, from package.json. */
export async function toolVersion(): Promise<string> {
  cachedVersion ??= `baocao ${(JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`;
  return cachedVersion;
}

/** The folder `source.unitPath` is relative to (the one holding mac-dinh.yaml, usually `data/`). */
export function dataRootOf(source: DocumentSource): string {
  let root = path.dirname(path.resolve(source.file));
  for (const segment of source.unitPath.split('/')) if (segment) root = path.dirname(root);
  return root;
}

/** A path as the manifest writes it: relative to `root`, with `/`. */
export function portablePath(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesBelow(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort(compareCodePoints);
}

/**
 * One fingerprint per format: everything but the data that goes into its bytes — the tool's
 * version, the format, SOURCE_DATE_EPOCH, the templates, and what the writer itself declares.
 */
export async function runFingerprints(
  formats: readonly OutputFormat[],
  options: RunContext,
  opened: Templates,
  cache: StatCache = StatCache.empty(),
): Promise<Map<OutputFormat, string>> {
  const version = await toolVersion();
  const templates = createHash('sha256');
  for (const file of await filesBelow(opened.root)) {
    templates.update(`${portablePath(opened.root, file)}\0${(await cache.digest(file)).sha256}\n`);
  }
  const templatesHash = templates.digest('hex');
  const fingerprints = new Map<OutputFormat, string>();
  for (const format of formats) {
    const parts = [`tool=${version}`, `format=${format}`, `source-date-epoch=${options.sourceDateEpoch ?? ''}`, `templates=${templatesHash}`];
    parts.push(...(await writerOf(format).fingerprint(opened)));
    fingerprints.set(format, sha256(parts.join('\n')));
  }
  return fingerprints;
}

interface LayerHash {
  hash: string;
  /** The text names `tong_hop`: the report may be a roll-up, whose units' files count too. */
  rollup: boolean;
}

/** Hashes of the YAML layers, read once per file. */
export class LayerHashes {
  private readonly hashes = new Map<string, Promise<LayerHash>>();
  /** The roll-ups' own reads (only for reports whose layers name `tong_hop`; the pipeline is loaded for the first). */
  private rollup: Promise<RollupRunner> | undefined;

  /** `cwd`: the run's folder, that the sources' paths are read against. */
  constructor(
    private readonly templates: Templates,
    private readonly cwd: string,
    /** Files whose stat is unchanged since the last run are not read again. */
    private readonly cache: StatCache = StatCache.empty(),
  ) {}

  /** The input files of a roll-up report (its units' data, read through the pipeline, loaded now). */
  private async rollupFiles(source: DocumentSource): Promise<string[]> {
    this.rollup ??= import('../run/stages.js').then(({ rollupRunner }) => rollupRunner(new LayerCache(this.cwd), this.templates));
    const [{ rollupInputFiles }, runner] = await Promise.all([import('../rollup/gather-rollup.js'), this.rollup]);
    return rollupInputFiles(source, runner);
  }

  private of(file: string): Promise<LayerHash> {
    const key = path.resolve(this.cwd, file);
    let pending = this.hashes.get(key);
    if (!pending) {
      // An unreadable layer still gets a hash: the report is rendered, and fails with its diagnostic.
      pending = this.cache.digest(key).then(
        (digest) => ({ hash: digest.sha256, rollup: digest.mentionsRollup }),
        (error: NodeJS.ErrnoException) => ({ hash: `unreadable:${error.code ?? 'error'}`, rollup: false }),
      );
      this.hashes.set(key, pending);
    }
    return pending;
  }

  /**
   * sha256 over the report's layers (names relative to the data root, and contents), its
   * roll-up's files, and the other files it reads (`extra`: the decision issuing a plan).
   */
  async reportHash(source: DocumentSource, extra: readonly string[] = []): Promise<string> {
    const root = dataRootOf(source);
    const own = await Promise.all(source.layers.map((layer) => this.of(layer)));
    const rollup = own.some((layer) => layer.rollup) ? await this.rollupFiles(source) : [];
    const files = [...source.layers, ...rollup, ...extra];
    const hashes = files.length === own.length ? own : await Promise.all(files.map((file) => this.of(file)));
    return sha256(files.map((file, i) => `${portablePath(root, file)}\0${hashes[i]!.hash}`).join('\n'));
  }
}

export function outputInputsHash(fingerprint: string, reportHash: string): string {
  return sha256(`${fingerprint}\n${reportHash}`);
}

/**
 * True when `target` (read against `cwd`, the run's folder) still holds exactly the recorded bytes
 * (size, then sha256 — read and hashed unless the stat cache knows the file's stat).
 */
export async function outputUnchanged(target: string, record: { size: number; sha256: string }, cwd: string, cache: StatCache = StatCache.empty()): Promise<boolean> {
  const digest = await cache.digest(path.resolve(cwd, target)).catch(() => undefined);
  return digest !== undefined && digest.size === record.size && digest.sha256 === record.sha256;
}

