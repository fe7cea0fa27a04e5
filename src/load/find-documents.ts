/**
 * Which documents the user named, and which layers each one merges:
 *   data/mac-dinh.yaml → data/<tinh>/tinh.yaml → data/<tinh>/<don-vi>/don-vi.yaml → <ky>.yaml
 * A directory stands for every period file below it. The one discovery rule, for validate,
 * render and batch alike (docs/huong-dan-soan-thao.md "Tệp nào được đọc"):
 *   - a data file ends in `.yaml` (lower case); `.yml`, `.YAML` … are not read, and said so;
 *   - a period file sits next to its unit's `don-vi.yaml`; one in a subfolder of a unit (an
 *     archive folder) is not a unit of its own: left out, and said so;
 *   - hidden folders (`.x`) and `node_modules` are not entered; a hidden folder holding YAML is mentioned;
 *   - a symlink (to a file or a folder) is followed only when its target stays inside the data
 *     tree (the folder holding mac-dinh.yaml); one that leaves it is refused (`symlink-outside`),
 *     and a document with such a layer is not read at all.
 * Nothing is left out silently: each case is an `input-skipped` warning.
 */
import { statSync, type Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDocumentName, type DocumentName } from '../core/period.js';
import { diagnosticAt, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';

export const LAYER_FILE_NAMES = ['mac-dinh.yaml', 'tinh.yaml', 'don-vi.yaml'] as const;
const UNIT_PROFILE = 'don-vi.yaml';
const DATA_FILE = /\.ya?ml$/i;

export interface DocumentSource {
  /** The period file, as the user would write its path: relative to the run's folder (`cwd`) when inside it, else absolute. */
  file: string;
  /** Every layer, most general first, ending with `file`; written as `file` is. */
  layers: string[];
  /** `ha-tinh/phuong-thach-quy`: the unit's folder relative to the data root. */
  unitPath: string;
  /** The file name without `.yaml`: `2024-q3`, or `2024-q3.to-trinh` for another document of the period. */
  period: string;
  /**
   * `period` read once, here (src/core/period.ts): the period and the variant after the dot;
   * undefined when the name is no period's (validate says so). The stages read this, never the name again.
   */
  name: DocumentName | undefined;
  /** Why the document must not be read (a layer outside the data tree …); it then fails with these. */
  refused?: Diagnostic[];
}

/**
 * Where a discovery runs: the folder relative paths (the inputs, and the paths it hands back) are
 * read against. The CLI passes its `cwd`; a library caller that gives none gets the process's.
 */
export interface Folder {
  cwd?: string;
}

/** A path as the user would write it: relative to `cwd` when inside it, else absolute. */
export function shownPath(cwd: string, file: string): string {
  const relative = path.relative(path.resolve(cwd), path.resolve(cwd, file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative;
}

export async function findDocuments(
  inputs: readonly string[],
  { cwd = '.' }: Folder = {},
): Promise<{ documents: DocumentSource[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  // Shared by the walk and the documents' descriptions: each folder is listed once (issue 24).
  const probe = new Probe();
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const info = await stat(full).catch(() => undefined);
    if (!info) {
      diagnostics.push(diagnosticAt({ file: input, line: 0, column: 0 }, 'file-unreadable', `Không tìm thấy "${input}".`));
    } else if (info.isDirectory()) {
      const root = (await dataRootAbove(full)) ?? full;
      const walk = new Walk(await realpath(root), diagnostics, cwd, probe);
      await walk.below(full, [await realpath(full)]);
      files.push(...walk.found);
    } else if (isLayerFile(input)) {
      diagnostics.push(
        diagnosticAt(
          { file: input, line: 0, column: 0 },
          'usage',
          `"${path.basename(input)}" là tệp dùng chung, không phải một văn bản: hãy chỉ tệp kỳ báo cáo, ví dụ 2024-q3.yaml.`,
        ),
      );
    } else {
      files.push(full);
    }
  }
  // Sorted as the user sees them (the order plans, outputs and messages follow).
  const unique = [...new Set(files.map((f) => shownPath(cwd, f)))].sort(compareCodePoints);
  const documents = await Promise.all(unique.map((file) => describeDocument(file, { cwd }, probe)));
  return { documents, diagnostics };
}

/**
 * Whether a `.yaml` below `dir` is named for `period` (its own file or one of its variants, read by
 * the one name parser): one listing of the tree, for a run that decides before discovering whether
 * to start its engines early (src/batch/run-batch.ts). Not discovery: hidden folders, archive
 * folders and links are not judged here.
 */
export async function mayHoldPeriod(dir: string, period: string): Promise<boolean> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names.some((name) => {
    const base = path.basename(String(name));
    return base.endsWith('.yaml') && parseDocumentName(base.slice(0, -'.yaml'.length))?.period.id === period;
  });
}

/**
 * True when discovery problems stop a run before anything is made. A refused symlink does not:
 * it is reported, and the other documents go on.
 */
export function stopsRun(diagnostics: readonly Diagnostic[]): boolean {
  return hasErrors(diagnostics.filter((d) => d.ruleId !== 'symlink-outside'));
}

/** As findDocuments, and says so when the inputs hold no period file at all. */
export async function findInputDocuments(
  inputs: readonly string[],
  folder: Folder = {},
): Promise<{ documents: DocumentSource[]; diagnostics: Diagnostic[] }> {
  const found = await findDocuments(inputs, folder);
  if (found.documents.length === 0 && !stopsRun(found.diagnostics)) {
    found.diagnostics.push(
      diagnosticAt({ file: inputs.join(' '), line: 0, column: 0 }, 'no-input', 'Không tìm thấy tệp dữ liệu kỳ báo cáo nào (ví dụ 2024-q3.yaml).'),
    );
  }
  return found;
}

export function isLayerFile(file: string): boolean {
  return (LAYER_FILE_NAMES as readonly string[]).includes(path.basename(file));
}

/** `2024-Q3` → `2024-q3`, when the lower-case, NFC form of a file's stem is a period name. */
export function suggestedPeriodName(stem: string): string | undefined {
  const guess = stem.normalize('NFC').trim().toLowerCase().replace(/[\s_]+/g, '-');
  return parseDocumentName(guess) || (LAYER_FILE_NAMES as readonly string[]).includes(`${guess}.yaml`) ? guess : undefined;
}

function isInside(real: string, root: string): boolean {
  const relative = path.relative(root, real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The period files below a folder, and a diagnostic for everything left out. */
class Walk {
  readonly found: string[] = [];

  constructor(
    /** Real path of the data tree: no symlink may lead out of it. */
    private readonly root: string,
    private readonly diagnostics: Diagnostic[],
    /** The run's folder: messages name paths relative to it. */
    private readonly cwd: string,
    /** Told every listing, so describing the documents lists no folder again. */
    private readonly probe: Probe,
  ) {}

  private skipped(file: string, message: string): Diagnostic {
    return diagnosticAt(at(this.cwd, file), 'input-skipped', message, { severity: 'warning' });
  }

  /** `stack`: real paths of the folders being walked (a symlink back to one of them is a loop). */
  async below(directory: string, stack: string[]): Promise<void> {
    const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) => compareCodePoints(a.name, b.name));
    this.probe.listedAs(directory, entries);
    const hasProfile = entries.some((e) => e.name === UNIT_PROFILE);
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let real = full;
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined);
        const info = target ? await stat(target).catch(() => undefined) : undefined;
        if (!target || !info) {
          if (DATA_FILE.test(entry.name) || !entry.name.includes('.')) this.diagnostics.push(this.skipped(full, `"${entry.name}" là liên kết tượng trưng hỏng (đích không tồn tại): bị bỏ qua.`));
          continue;
        }
        if (!isInside(target, this.root)) {
          this.diagnostics.push(outsideTree(full, target, this.root, this.cwd));
          continue;
        }
        real = target;
        isDirectory = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDirectory) await this.folder(full, real, entry.name, stack);
      else if (isFile) this.file(full, entry.name, hasProfile);
    }
  }

  private async folder(full: string, real: string, name: string, stack: string[]): Promise<void> {
    if (name === 'node_modules') return;
    if (name.startsWith('.')) {
      const count = await yamlCount(full);
      if (count > 0) this.diagnostics.push(this.skipped(full, `Thư mục ẩn "${name}" (tên bắt đầu bằng dấu chấm) không được đọc: ${count} tệp .yaml trong đó bị bỏ qua.`));
      return;
    }
    if (stack.includes(real)) {
      this.diagnostics.push(this.skipped(full, `"${name}" là liên kết tượng trưng trỏ về một thư mục chứa nó (vòng lặp): bị bỏ qua.`));
      return;
    }
    await this.below(full, [...stack, real]);
  }

  private file(full: string, name: string, hasProfile: boolean): void {
    if (!DATA_FILE.test(name)) return;
    const stem = name.replace(DATA_FILE, '');
    if (name.startsWith('.')) {
      this.diagnostics.push(this.skipped(full, `Tệp ẩn "${name}" (tên bắt đầu bằng dấu chấm) không được đọc.`));
      return;
    }
    if (!name.endsWith('.yaml')) {
      const guess = suggestedPeriodName(stem) ?? stem;
      this.diagnostics.push(this.skipped(full, `Tệp "${name}" không được đọc: tệp dữ liệu phải có đuôi ".yaml" (chữ thường). Có phải ý bạn là "${guess}.yaml"?`));
      return;
    }
    if (isLayerFile(name)) return;
    const unit = hasProfile ? undefined : unitFolderAbove(path.dirname(full));
    if (unit) {
      this.diagnostics.push(
        this.skipped(
          full,
          `"${name}" nằm trong thư mục con của đơn vị "${shownPath(this.cwd, unit)}", không cạnh tệp ${UNIT_PROFILE} nào: bị bỏ qua ` +
            `(mỗi đơn vị là một thư mục có ${UNIT_PROFILE}, tệp kỳ báo cáo nằm ngay trong thư mục đó).`,
        ),
      );
      return;
    }
    this.found.push(full);
  }
}

/** The nearest folder strictly above `dir`, up to the data root, that holds don-vi.yaml. */
function unitFolderAbove(dir: string): string | undefined {
  for (let current = path.dirname(dir), depth = 0; depth < 8 && current !== path.dirname(current); current = path.dirname(current), depth++) {
    if (existsSync(path.join(current, 'mac-dinh.yaml'))) return existsSync(path.join(current, UNIT_PROFILE)) ? current : undefined;
    if (existsSync(path.join(current, UNIT_PROFILE))) return current;
  }
  return undefined;
}

const at = (cwd: string, file: string) => ({ file: shownPath(cwd, file), line: 0, column: 0 });

function outsideTree(link: string, target: string, root: string, cwd: string): Diagnostic {
  return diagnosticAt(
    at(cwd, link),
    'symlink-outside',
    `Liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dữ liệu "${shownPath(cwd, root)}" (tới "${target}"): không được đọc. ` +
      'Hãy chép tệp vào cây dữ liệu thay cho liên kết.',
  );
}

async function yamlCount(directory: string): Promise<number> {
  const entries = await readdir(directory, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((name) => DATA_FILE.test(String(name))).length;
}

/** The nearest folder at or above `dir` holding mac-dinh.yaml. */
async function dataRootAbove(dir: string): Promise<string | undefined> {
  for (let current = dir, depth = 0; depth < 8; depth++) {
    if (await exists(path.join(current, 'mac-dinh.yaml'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/**
 * File checks of one discovery, each asked once: the documents of a data tree share their
 * province and root folders (mac-dinh.yaml, tinh.yaml), so without this every document would
 * stat and resolve the same shared layers again (9 stats and 5 realpaths per document).
 */
class Probe {
  private readonly files = new Map<string, Promise<boolean>>();
  private readonly reals = new Map<string, Promise<string | undefined>>();
  private readonly listings = new Map<string, Promise<Set<string> | undefined>>();
  /** Per folder the walk listed, the names in it that are symlinks. */
  private readonly links = new Map<string, Set<string>>();

  /** A folder's listing as the walk read it (absolute `dir`). */
  listedAs(dir: string, entries: readonly Dirent[]): void {
    this.listings.set(dir, Promise.resolve(new Set(entries.map((e) => e.name))));
    this.links.set(dir, new Set(entries.filter((e) => e.isSymbolicLink()).map((e) => e.name)));
  }

  /** A regular file (or a link to one). A name its folder does not list is absent without a stat (and its exception). */
  isFile(file: string): Promise<boolean> {
    let known = this.files.get(file);
    if (!known) {
      known = this.listed(path.dirname(file)).then((names) => (names && !names.has(path.basename(file)) ? false : exists(file)));
      this.files.set(file, known);
    }
    return known;
  }

  realpath(file: string): Promise<string | undefined> {
    let known = this.reals.get(file);
    if (!known) {
      const dir = path.dirname(file);
      const links = this.links.get(dir);
      const name = path.basename(file);
      // A name the walk saw in its folder, not a symlink: its folder's real path and its name
      // (no readlink of every folder above it again, for each file).
      known =
        links && !links.has(name) && dir !== file
          ? this.listings.get(dir)!.then((names) => (names?.has(name) ? this.realpath(dir).then((real) => real && path.join(real, name)) : realpath(file).catch(() => undefined)))
          : realpath(file).catch(() => undefined);
      this.reals.set(file, known);
    }
    return known;
  }

  private listed(dir: string): Promise<Set<string> | undefined> {
    let known = this.listings.get(dir);
    if (!known) {
      known = readdir(dir).then(
        (names) => new Set(names),
        () => undefined,
      );
      this.listings.set(dir, known);
    }
    return known;
  }
}

/** The layers, unit path and period of one period file (which need not exist yet); `file` is read against `cwd`. */
export async function describeDocument(file: string, { cwd = '.' }: Folder = {}, probe: Probe = new Probe()): Promise<DocumentSource> {
  const full = path.resolve(cwd, file);
  const unitDir = path.dirname(full);
  const layers: string[] = [];
  let dataRoot: string | undefined;
  // Walk up from the unit folder; the folder holding mac-dinh.yaml is the data root.
  let dir = unitDir;
  for (let depth = 0; depth < 8; depth++) {
    const found = await Promise.all(LAYER_FILE_NAMES.map((name) => probe.isFile(path.join(dir, name))));
    LAYER_FILE_NAMES.forEach((name, i) => {
      if (found[i]) layers.unshift(path.join(dir, name));
    });
    if (found[0]) {
      dataRoot = dir;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Without mac-dinh.yaml the data root is two levels above the unit: data/<tinh>/<don-vi>.
  const root = dataRoot ?? path.dirname(path.dirname(unitDir));
  const unitPath = path.relative(root, unitDir).split(path.sep).join('/');
  const source: DocumentSource = {
    file: shownPath(cwd, full),
    layers: [...orderLayers(layers), full].map((layer) => shownPath(cwd, layer)),
    unitPath,
    period: path.basename(file, '.yaml'),
    name: parseDocumentName(path.basename(file, '.yaml')),
  };
  const refused = await refusals(source, { root, unitDir, cwd }, probe);
  if (refused.length > 0) source.refused = refused;
  return source;
}

/** A layer whose real file is outside the data tree, or a period file in a subfolder of a unit. */
async function refusals(source: DocumentSource, { root, unitDir, cwd }: { root: string; unitDir: string; cwd: string }, probe: Probe): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  const realRoot = (await probe.realpath(root)) ?? root;
  for (const layer of source.layers.map((file) => path.resolve(cwd, file))) {
    const real = await probe.realpath(layer);
    if (real && !isInside(real, realRoot)) problems.push(outsideTree(await linkOf(layer, root), real, realRoot, cwd));
  }
  if (!(await probe.isFile(path.join(unitDir, UNIT_PROFILE)))) {
    const unit = unitFolderAbove(unitDir);
    if (unit) {
      problems.push(
        diagnosticAt(
          at(cwd, source.file),
          'input-skipped',
          `"${path.basename(source.file)}" nằm trong thư mục con của đơn vị "${shownPath(cwd, unit)}", không cạnh tệp ${UNIT_PROFILE} nào: không phải một văn bản ` +
            `(mỗi đơn vị là một thư mục có ${UNIT_PROFILE}, tệp kỳ báo cáo nằm ngay trong thư mục đó).`,
        ),
      );
    }
  }
  return problems;
}

/** The symlink on the way to `file` (the file itself, or the folder above it that is one), for the message. */
async function linkOf(file: string, root: string): Promise<string> {
  for (let current = file; isInside(current, root) && current !== root; current = path.dirname(current)) {
    if ((await lstat(current).catch(() => undefined))?.isSymbolicLink()) return current;
  }
  return file;
}

/** Most general first: by folder depth, then mac-dinh before tinh before don-vi. */
function orderLayers(layers: string[]): string[] {
  const rank = (file: string) => LAYER_FILE_NAMES.indexOf(path.basename(file) as (typeof LAYER_FILE_NAMES)[number]);
  return [...new Set(layers)].sort(
    (a, b) => path.resolve(a).split(path.sep).length - path.resolve(b).split(path.sep).length || rank(a) - rank(b),
  );
}

function existsSync(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Locale-independent order, so plans and outputs are the same on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
