/**
 * Which documents the user named, and which layers each one merges:
 *   data/mac-dinh.yaml → data/<tinh>/tinh.yaml → data/<tinh>/<don-vi>/don-vi.yaml → <ky>.yaml
 * A directory stands for every period file below it.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';

export const LAYER_FILE_NAMES = ['mac-dinh.yaml', 'tinh.yaml', 'don-vi.yaml'] as const;

export interface DocumentSource {
  /** The period file, as the user would write its path. */
  file: string;
  /** Every layer, most general first, ending with `file`. */
  layers: string[];
  /** `ha-tinh/phuong-thach-quy`: the unit's folder relative to the data root. */
  unitPath: string;
  /** The file name without `.yaml`: `2024-q3`. */
  period: string;
}

export async function findDocuments(
  inputs: readonly string[],
): Promise<{ documents: DocumentSource[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) {
      diagnostics.push(diagnosticAt({ file: input, line: 0, column: 0 }, 'file-unreadable', `Không tìm thấy "${input}".`));
    } else if (info.isDirectory()) {
      files.push(...(await periodFilesBelow(input)));
    } else if (isLayerFile(input)) {
      diagnostics.push(
        diagnosticAt(
          { file: input, line: 0, column: 0 },
          'usage',
          `"${path.basename(input)}" là tệp dùng chung, không phải một văn bản: hãy chỉ tệp kỳ báo cáo, ví dụ 2024-q3.yaml.`,
        ),
      );
    } else {
      files.push(input);
    }
  }
  const unique = [...new Set(files.map((f) => path.normalize(f)))].sort(compareCodePoints);
  const documents = await Promise.all(unique.map(describeDocument));
  return { documents, diagnostics };
}

/** As findDocuments, and says so when the inputs hold no period file at all. */
export async function findInputDocuments(
  inputs: readonly string[],
): Promise<{ documents: DocumentSource[]; diagnostics: Diagnostic[] }> {
  const found = await findDocuments(inputs);
  if (found.documents.length === 0 && found.diagnostics.length === 0) {
    found.diagnostics.push(
      diagnosticAt({ file: inputs.join(' '), line: 0, column: 0 }, 'no-input', 'Không tìm thấy tệp dữ liệu kỳ báo cáo nào (ví dụ 2024-q3.yaml).'),
    );
  }
  return found;
}

export function isLayerFile(file: string): boolean {
  return (LAYER_FILE_NAMES as readonly string[]).includes(path.basename(file));
}

async function periodFilesBelow(directory: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(directory, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      found.push(...(await periodFilesBelow(full)));
    } else if (entry.isFile() && entry.name.endsWith('.yaml') && !isLayerFile(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

async function describeDocument(file: string): Promise<DocumentSource> {
  const unitDir = path.dirname(path.resolve(file));
  const layers: string[] = [];
  let dataRoot: string | undefined;
  // Walk up from the unit folder; the folder holding mac-dinh.yaml is the data root.
  let dir = unitDir;
  for (let depth = 0; depth < 8; depth++) {
    const found = await Promise.all(LAYER_FILE_NAMES.map((name) => exists(path.join(dir, name))));
    LAYER_FILE_NAMES.forEach((name, i) => {
      if (found[i]) layers.unshift(relativeToCwd(path.join(dir, name)));
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
  return {
    file: relativeToCwd(path.resolve(file)),
    layers: [...orderLayers(layers), relativeToCwd(path.resolve(file))],
    unitPath,
    period: path.basename(file, '.yaml'),
  };
}

/** Most general first: by folder depth, then mac-dinh before tinh before don-vi. */
function orderLayers(layers: string[]): string[] {
  const rank = (file: string) => LAYER_FILE_NAMES.indexOf(path.basename(file) as (typeof LAYER_FILE_NAMES)[number]);
  return [...new Set(layers)].sort(
    (a, b) => path.resolve(a).split(path.sep).length - path.resolve(b).split(path.sep).length || rank(a) - rank(b),
  );
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

function relativeToCwd(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Locale-independent order, so plans and outputs are the same on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
