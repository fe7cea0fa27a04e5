/**
 * The reviewers' sample: the Thạch Quý report of 2024-q3 and a copy with five edits (a figure, a
 * word, an inserted footnote, an inserted section, a removed bullet), each as a data tree in a
 * temporary folder, and rendered to DOCX and PDF by the CLI.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runCli, ROOT } from './cli.js';

export const SAMPLE = 'ha-tinh/phuong-thach-quy/2024-q3';

const EDITS: [string, string][] = [
  ['    bo_phan_mot_cua: 7\n', '    bo_phan_mot_cua: 8\n'],
  ['chỉ đạo quyết liệt, coi đây', 'chỉ đạo sát sao, coi đây'],
  [
    'UBND phường đã tổ chức {{hai_so khac.kiem_tra_dot_xuat}} cuộc kiểm tra',
    'UBND phường đã tổ chức^[Kế hoạch kiểm tra số 45/KH-UBND ngày 01/7/2024.] {{hai_so khac.kiem_tra_dot_xuat}} cuộc kiểm tra',
  ],
  ['              - "Số nhiệm vụ trong hạn: {{hai_so nhiem_vu.trong_han}} nhiệm vụ;"\n', ''],
  [
    '      - tieu_de: "Cải cách tổ chức bộ máy"\n',
    '      - tieu_de: "Công tác dân vận chính quyền"\n        doan:\n          - "UBND phường thực hiện tốt Quy chế dân chủ ở cơ sở, tiếp công dân định kỳ vào thứ Năm hằng tuần."\n      - tieu_de: "Cải cách tổ chức bộ máy"\n',
  ],
];

export function editedSample(original: string, edits: readonly [string, string][] = EDITS): string {
  let text = original;
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`edit not found exactly once: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

export interface SampleTrees {
  root: string;
  /** Period files: the original (in the repository) and the edited copy. */
  oldYaml: string;
  newYaml: string;
  /** Rendered outputs: `${root}/out-old/…` and `${root}/out-new/…`. */
  oldDocx: string;
  newDocx: string;
  oldPdf: string;
  newPdf: string;
}

/** A data tree holding the edited copy of a sample period file (default: Thạch Quý's) next to its layers (mac-dinh, tinh, don-vi). */
export async function writeEditedTree(root: string, transform: (text: string) => string = (t) => editedSample(t), sample = SAMPLE): Promise<string> {
  const data = path.join(root, 'data');
  const unit = path.dirname(sample);
  await mkdir(path.join(data, unit), { recursive: true });
  await copyFile(path.join(ROOT, 'data', 'mac-dinh.yaml'), path.join(data, 'mac-dinh.yaml'));
  await copyFile(path.join(ROOT, 'data', path.dirname(unit), 'tinh.yaml'), path.join(data, path.dirname(unit), 'tinh.yaml'));
  await copyFile(path.join(ROOT, 'data', unit, 'don-vi.yaml'), path.join(data, unit, 'don-vi.yaml'));
  const original = await readFile(path.join(ROOT, 'data', `${sample}.yaml`), 'utf8');
  const file = path.join(data, `${sample}.yaml`);
  await writeFile(file, transform(original));
  return file;
}

/** Renders the old period file into `${root}/out-old` and the new one into `${root}/out-new` (throws with the CLI's message if either fails). */
export async function renderOldAndNew(root: string, oldYaml: string, newYaml: string, formats = 'docx'): Promise<void> {
  for (const [input, out] of [
    [oldYaml, 'out-old'],
    [newYaml, 'out-new'],
  ] as const) {
    const run = await runCli(['render', input, '--format', formats, '--out', path.join(root, out)]);
    if (run.code !== 0) throw new Error(`render of ${input} failed (exit ${run.code}): ${run.stderr}`);
  }
}

export async function sampleTrees(formats = 'docx'): Promise<SampleTrees> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'baocao-diff-'));
  const oldYaml = path.join(ROOT, 'data', `${SAMPLE}.yaml`);
  const newYaml = await writeEditedTree(root);
  await renderOldAndNew(root, oldYaml, newYaml, formats);
  return {
    root,
    oldYaml,
    newYaml,
    oldDocx: path.join(root, 'out-old', `${SAMPLE}.docx`),
    newDocx: path.join(root, 'out-new', `${SAMPLE}.docx`),
    oldPdf: path.join(root, 'out-old', `${SAMPLE}.pdf`),
    newPdf: path.join(root, 'out-new', `${SAMPLE}.pdf`),
  };
}

/** The sample trees for one test file: made before its tests, removed after; read its fields inside a test. */
export function useSampleTrees(formats = 'docx'): Readonly<SampleTrees> {
  let trees: SampleTrees | undefined;
  beforeAll(async () => {
    trees = await sampleTrees(formats);
  });
  afterAll(async () => {
    if (trees) await rm(trees.root, { recursive: true, force: true });
  });
  const ready = (): SampleTrees => {
    if (!trees) throw new Error('sample trees are not ready');
    return trees;
  };
  const keys = ['root', 'oldYaml', 'newYaml', 'oldDocx', 'newDocx', 'oldPdf', 'newPdf'] as const;
  return Object.defineProperties({}, Object.fromEntries(keys.map((k) => [k, { get: () => ready()[k], enumerable: true }]))) as SampleTrees;
}
