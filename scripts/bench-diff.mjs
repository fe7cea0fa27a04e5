#!/usr/bin/env node
/**
 * Speed of `baocao diff` (issue 9), on its own or as the last lines of `npm run bench`:
 *   - one pair: the Thạch Quý sample against a copy with five edits (a figure, a word, an inserted
 *     footnote, an inserted section, a removed bullet), both period files through the pipeline —
 *     median milliseconds of work per pair after start-up;
 *   - two output folders of 1,000 reports each (DOCX), 20 of them changed — seconds for the whole
 *     folder comparison (hash every pair, parse and compare the 20).
 *
 *   node scripts/bench-diff.mjs            prints the two `bench-diff:` lines
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);
const SAMPLE = 'ha-tinh/phuong-thach-quy/2024-q3';

const EDITS = [
  ['    bo_phan_mot_cua: 7\n', '    bo_phan_mot_cua: 8\n'],
  ['chỉ đạo quyết liệt, coi đây', 'chỉ đạo sát sao, coi đây'],
  ['UBND phường đã tổ chức {{hai_so', 'UBND phường đã tổ chức^[Kế hoạch kiểm tra số 45/KH-UBND ngày 01/7/2024.] {{hai_so'],
  ['              - "Số nhiệm vụ trong hạn: {{hai_so nhiem_vu.trong_han}} nhiệm vụ;"\n', ''],
  ['      - tieu_de: "Cải cách tổ chức bộ máy"\n', '      - tieu_de: "Công tác dân vận chính quyền"\n        doan:\n          - "Tiếp công dân định kỳ."\n      - tieu_de: "Cải cách tổ chức bộ máy"\n'],
];

export async function editedTree(work) {
  const data = path.join(work, 'data');
  await mkdir(path.join(data, 'ha-tinh', 'phuong-thach-quy'), { recursive: true });
  for (const f of ['mac-dinh.yaml', 'ha-tinh/tinh.yaml', 'ha-tinh/phuong-thach-quy/don-vi.yaml']) await copyFile(path.join(root, 'data', f), path.join(data, f));
  let text = await readFile(path.join(root, 'data', `${SAMPLE}.yaml`), 'utf8');
  for (const [from, to] of EDITS) text = text.replace(from, to);
  const file = path.join(data, `${SAMPLE}.yaml`);
  await writeFile(file, text);
  return file;
}

export async function benchDiff({ reports = 1000, changed = 20, rounds = 15 } = {}) {
  const work = await mkdtemp(path.join(tmpdir(), 'baocao-bench-diff-'));
  try {
    const { readSide } = await dist('diff/read/read-input.js');
    const { compareSides } = await dist('diff/compare/compare-sides.js');
    const { runDiff } = await dist('diff/run-diff.js');
    const { prepareYaml, openDocxTemplates, openTemplatesFolder, modelToDocx, newLayerCache } = await dist('diff/read/pipeline-adapter.js');
    const oldFile = path.join(root, 'data', `${SAMPLE}.yaml`);
    const newFile = await editedTree(work);

    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const reads = [];
    const compares = [];
    const pair = async () => {
      const t = performance.now();
      const cache = newLayerCache(); // as runDiff: the layers shared by both sides are read once
      const [a, b] = await Promise.all([readSide(oldFile, cache), readSide(newFile, cache)]);
      const t2 = performance.now();
      const n = compareSides(a.side, b.side).diff.changes.length;
      reads.push(t2 - t);
      compares.push(performance.now() - t2);
      return n;
    };
    await pair(); // start-up: modules, first parse
    reads.length = 0;
    compares.length = 0;
    for (let i = 0; i < rounds; i++) await pair();
    const readMs = median(reads);
    const compareMs = median(compares);
    const pairMs = median(reads.map((r, i) => r + compares[i]));

    const templates = await openDocxTemplates(openTemplatesFolder());
    const oldDocx = await modelToDocx((await prepareYaml(oldFile)).model, templates, undefined);
    const newDocx = await modelToDocx((await prepareYaml(newFile)).model, templates, undefined);
    // The same pair as two DOCX files (what a reviewer usually receives), read from the files.
    const docxTimes = [];
    for (let i = 0; i <= rounds; i++) {
      const t = performance.now();
      const [x, y] = [await readSide('old.docx', undefined, oldDocx), await readSide('new.docx', undefined, newDocx)];
      compareSides(x.side, y.side);
      if (i > 0) docxTimes.push(performance.now() - t);
    }
    const docxMs = median(docxTimes);

    const a = path.join(work, 'out-a');
    const b = path.join(work, 'out-b');
    for (let i = 0; i < reports; i++) {
      const rel = path.join(`tinh-${Math.floor(i / 100)}`, `don-vi-${i}`, '2024-q3.docx');
      await mkdir(path.dirname(path.join(a, rel)), { recursive: true });
      await mkdir(path.dirname(path.join(b, rel)), { recursive: true });
      await writeFile(path.join(a, rel), oldDocx);
      await writeFile(path.join(b, rel), i % Math.floor(reports / changed) === 0 ? newDocx : oldDocx);
    }
    const t = performance.now();
    const outcome = await runDiff({ oldPath: a, newPath: b });
    const folderSeconds = (performance.now() - t) / 1000;
    if (outcome.folder.changed.length !== changed) throw new Error(`expected ${changed} changed reports, got ${outcome.folder.changed.length}`);
    return { pairMs, readMs, compareMs, docxMs, folderSeconds, reports, changed };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function benchDiffLines(r) {
  return [
    `bench-diff: pair=${r.pairMs.toFixed(1)}ms (mẫu Thạch Quý, 5 sửa đổi, YAML↔YAML sau khởi động: đọc qua pipeline ${r.readMs.toFixed(1)} ms + so sánh ${r.compareMs.toFixed(1)} ms; cùng cặp dạng DOCX↔DOCX ${r.docxMs.toFixed(1)} ms)`,
    `bench-diff: folder=${r.folderSeconds.toFixed(2)}s (${r.reports} báo cáo DOCX, ${r.changed} thay đổi)`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of benchDiffLines(await benchDiff())) console.log(line);
}
