/**
 * A real-size data tree (`npm run corpus -- --real`, the real-size half of `npm run bench`): the
 * shipped Thạch Quý sample (data/ha-tinh/phuong-thach-quy/2024-q3.yaml, 8 pages, 12 footnotes,
 * 30 KB of YAML, with its layers mac-dinh.yaml, ha-tinh/tinh.yaml, don-vi.yaml) copied into N units
 *   ha-tinh/phuong-thach-quy-0001/ … ha-tinh/phuong-thach-quy-<N>/
 * Each copy keeps every word, comment and footnote of the sample; only `so` (the unit's number, so
 * every DOCX differs), `ngay` and some figures of `so_lieu` change, drawn per unit and kept
 * consistent: every validation rule still holds, and the sums the sample's comments promise too
 * (the four kinds of dossiers add up to `da_giai_quyet`, online dossiers to `dvc_ho_so`).
 * Deterministic as the synthetic corpus: unit i is the same whatever the number of units.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isScalar, parseDocument } from 'yaml';
import { repoRoot } from '../repo-root.js';
import { CORPUS_HEADER, CORPUS_PERIOD, Draw, prng, type Statistics } from './corpus.js';

export interface RealCorpusOptions {
  units: number;
  /** Default 1. */
  seed?: number;
  /** The data tree holding the sample; default the repository's data/. */
  dataDir?: string;
}

export const REAL_SAMPLE_UNIT = 'ha-tinh/phuong-thach-quy';
const LAYERS = ['mac-dinh.yaml', 'ha-tinh/tinh.yaml'];
const COPY_NOTE = `# Bản sao của mẫu ${REAL_SAMPLE_UNIT}/${CORPUS_PERIOD}.yaml: số văn bản, ngày và một số số liệu đã đổi.\n`;

/** The figures that change in copy `draw`: a few of each block, every rule of src/validate/statistics-rules.ts kept. */
function figures(draw: Draw): Statistics {
  const truoc_han = draw.int(15, 28);
  const dung_han = draw.int(5, 14);
  const trong_han = draw.int(0, 2);
  const qua_han = draw.chance(0.8) ? 0 : 1;
  // The sample's footnote 7 lists the solved dossiers by field: the four add up to da_giai_quyet.
  const tu_phap = draw.int(300, 480);
  const dat_dai = draw.int(15, 40);
  const ldtbxh = draw.int(5, 25);
  const nong_nghiep = draw.int(1, 9);
  const da_giai_quyet = tu_phap + dat_dai + ldtbxh + nong_nghiep;
  const tre_han = draw.chance(0.7) ? 0 : draw.int(1, 3);
  const toan_trinh = draw.int(100, 180);
  const mot_phan = draw.int(150, 240);
  const can_thanh_toan = draw.int(200, 320);
  const ke_hoach = draw.int(2200, 3400) / 1000;
  const nhiem_vu_ke_hoach = draw.int(35, 48);
  return {
    nhiem_vu: { tong: truoc_han + dung_han + trong_han + qua_han, truoc_han, dung_han, trong_han, qua_han },
    ho_so: {
      tiep_nhan: Math.max(da_giai_quyet, toan_trinh + mot_phan) + draw.int(40, 160),
      da_giai_quyet,
      dung_han: da_giai_quyet - tre_han,
      tre_han,
      truc_tuyen_toan_trinh: toan_trinh,
      truc_tuyen_mot_phan: mot_phan,
      can_thanh_toan,
      thanh_toan_truc_tuyen: draw.int(Math.floor(can_thanh_toan * 0.8), can_thanh_toan),
    },
    ngan_sach: { thu: Math.round(ke_hoach * draw.int(60, 100) * 10) / 1000, ke_hoach },
    khac: {
      nhiem_vu_ke_hoach,
      nhiem_vu_ke_hoach_hoan_thanh: draw.int(nhiem_vu_ke_hoach - 6, nhiem_vu_ke_hoach - 1),
      kiem_tra_dot_xuat: draw.int(1, 3),
      tuyen_truyen_phat_thanh: draw.int(20, 60),
      tuyen_truyen_tin_bai: draw.int(20, 60),
      pbgdpl_phat_thanh: draw.int(10, 40),
      pbgdpl_tin_bai: draw.int(1, 9),
      ho_so_tu_phap_ho_tich: tu_phap,
      ho_so_dat_dai: dat_dai,
      ho_so_ldtbxh: ldtbxh,
      ho_so_nong_nghiep_giam_ngheo: nong_nghiep,
      may_tinh: draw.int(20, 35),
      // The denominators of "140/140", "194/194" in the sample: at least the online dossiers.
      dvc_ho_so: toan_trinh + mot_phan,
      ho_so_tthc_toan_trinh: toan_trinh + draw.int(0, 8),
      ho_so_tthc_mot_phan: mot_phan + draw.int(0, 8),
    },
  };
}

type Value = number | string;

/**
 * Where each value to change sits in the sample's text, found once: a copy is then the sample's
 * text with those spans replaced (every other byte, comments included, as shipped). Each key must
 * already be in the sample — a sample that renamed one fails here, rather than giving copies that
 * do not differ. A comment on a changed value goes with it, as it described the old one.
 */
function sampleSlots(sample: string, keys: ReadonlyArray<ReadonlyArray<string>>): { start: number; end: number }[] {
  const document = parseDocument(sample);
  if (document.errors.length > 0) throw new Error(`${REAL_SAMPLE_UNIT}/${CORPUS_PERIOD}.yaml: ${document.errors[0]!.message}`);
  return keys.map((path) => {
    const node = document.getIn(path, true);
    if (!isScalar(node) || !node.range) throw new Error(`${REAL_SAMPLE_UNIT}/${CORPUS_PERIOD}.yaml: không có ${path.join('.')}`);
    const [start, valueEnd, nodeEnd] = node.range;
    return { start, end: node.comment ? sample.slice(0, nodeEnd).trimEnd().length : valueEnd };
  });
}

function fillSlots(sample: string, slots: ReadonlyArray<{ start: number; end: number }>, values: readonly Value[]): string {
  const order = slots.map((slot, i) => ({ ...slot, text: typeof values[i] === 'string' ? JSON.stringify(values[i]) : String(values[i]) })).sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  for (const slot of order) {
    text += sample.slice(at, slot.start) + slot.text;
    at = slot.end;
  }
  return text + sample.slice(at);
}

function leaves(statistics: Statistics): [string[], number][] {
  return Object.entries(statistics).flatMap(([block, fields]) =>
    Object.entries(fields as Record<string, number | string>)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([key, value]): [string[], number] => [['so_lieu', block, key], value]),
  );
}

/** The tree as relative path → file text, as generateCorpus. */
export async function generateRealCorpus(options: RealCorpusOptions): Promise<Map<string, string>> {
  const seed = options.seed ?? 1;
  const data = options.dataDir ?? path.join(repoRoot(), 'data');
  const read = (file: string) => readFile(path.join(data, file), 'utf8');
  const [sample, profile, ...layers] = await Promise.all([read(`${REAL_SAMPLE_UNIT}/${CORPUS_PERIOD}.yaml`), read(`${REAL_SAMPLE_UNIT}/don-vi.yaml`), ...LAYERS.map(read)]);
  const files = new Map<string, string>();
  LAYERS.forEach((file, i) => files.set(file, CORPUS_HEADER + layers[i]!));
  let slots: { start: number; end: number }[] | undefined;
  for (let i = 0; i < options.units; i++) {
    const draw = new Draw(prng(seed * 1_000_003 + i));
    const folder = `${REAL_SAMPLE_UNIT}-${String(i + 1).padStart(4, '0')}`;
    const changes: [string[], Value][] = [[['so'], i + 1], [['ngay'], `2024-09-${String(draw.int(10, 30)).padStart(2, '0')}`], ...leaves(figures(draw))];
    slots ??= sampleSlots(sample, changes.map(([keys]) => keys));
    files.set(`${folder}/don-vi.yaml`, CORPUS_HEADER + profile);
    files.set(`${folder}/${CORPUS_PERIOD}.yaml`, CORPUS_HEADER + COPY_NOTE + fillSlots(sample, slots, changes.map(([, value]) => value)));
  }
  return files;
}
