/**
 * The bench baselines' own reading of a report YAML (scripts/bench-docxtemplater.mjs), written the way
 * a script without baocao would: `yaml` parses the report and the unit's don-vi.yaml; sections are
 * numbered I., 1., 1.1. (or a) below a plain section), `gach` items become dash paragraphs, `{{…}}`
 * figures are computed (a path, `hai_so`, `ty_le` without a ",00", `so`), section titles are in capitals, the
 * last paragraph ends with "./.", and `^[…]` becomes a footnote. No
 * validation, no layers beyond the unit's profile: only what filling the document needs.
 */
import { parse as parseYaml } from 'yaml';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const SUMMARY = 'Kết quả thực hiện công tác cải cách hành chính quý III năm 2024';

/** A number the Vietnamese way: "." between thousands, "," before the decimals. */
function vnNumber(value, decimals = 0) {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

function lookup(figures, dotted) {
  const value = dotted.split('.').reduce((node, key) => node?.[key], figures);
  if (typeof value !== 'number') throw new Error(`data-of-report: no figure ${dotted}`);
  return value;
}

/** A number of a `{{…}}`: a figure, a literal, or `(hieu a b)` (a − b), from the tokens at `at`. */
function valueOf(tokens, at, figures) {
  const token = tokens[at.i++];
  if (token !== '(') return /^[\d.]+$/.test(token) ? Number(token) : lookup(figures, token);
  const head = tokens[at.i++];
  const args = [];
  while (tokens[at.i] !== ')') args.push(valueOf(tokens, at, figures));
  at.i++;
  if (head === 'hieu') return args[0] - args[1];
  if (head === 'tong') return args.reduce((a, b) => a + b, 0);
  throw new Error(`data-of-report: unknown helper ${head}`);
}

/** `{{…}}` of the sample: a figure, `hai_so x` (two digits), `ty_le a b` (percent, 2 decimals), `so x n`. */
function expand(text, figures) {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, expression) => {
    const tokens = expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
    const head = tokens[0];
    const at = { i: 1 };
    const arg = () => valueOf(tokens, at, figures);
    if (head === 'hai_so') return String(arg()).padStart(2, '0');
    if (head === 'ty_le') return `${vnNumber((arg() / arg()) * 100, 2).replace(/,00$/, '')}%`;
    if (head === 'so') return vnNumber(arg(), Number(tokens[at.i] ?? 0));
    at.i = 0;
    return vnNumber(arg());
  });
}

/** A paragraph's runs: text and footnote markers; the footnotes' texts go to `notes`. */
function runsOf(text, figures, notes) {
  const runs = [];
  let from = 0;
  for (let at = text.indexOf('^['); at !== -1; at = text.indexOf('^[', from)) {
    let depth = 0;
    let end = at + 1;
    for (; end < text.length; end++) {
      if (text[end] === '[') depth++;
      else if (text[end] === ']' && --depth === 0) break;
    }
    if (at > from) runs.push({ text: expand(text.slice(from, at), figures) });
    notes.push(expand(text.slice(at + 2, end), figures));
    runs.push({ footnote: notes.length });
    from = end + 1;
  }
  if (from < text.length) runs.push({ text: expand(text.slice(from), figures) });
  return runs;
}

/** A list of `doan` items as paragraphs: body text, or one dash paragraph per `gach` item. */
function paragraphsOf(list, figures, notes) {
  return (list ?? []).flatMap((item) =>
    typeof item === 'string'
      ? [{ style: 'BodyText', label: '', runs: runsOf(item, figures, notes) }]
      : (item.gach ?? []).map((dash) => ({ style: 'GachDauDong', label: '-', runs: runsOf(dash, figures, notes) })),
  );
}

/** The body as a tree, the YAML's own shape: sections (I., II.) with their parts (1., 2.) and theirs (1.1. or a)). */
function sectionsOf(sections, figures, notes) {
  // children after the node's own title and paragraphs: footnotes are numbered in reading order
  const node = (item, label, children, upper = false) => {
    const runs = runsOf(upper ? item.tieu_de.toUpperCase() : item.tieu_de, figures, notes);
    const paras = paragraphsOf(item.doan, figures, notes);
    return { label, runs, paras, muc: children() };
  };
  return sections.map((section, i) =>
    node(section, `${ROMAN[i]}.`, () =>
      (section.muc ?? []).map((sub, j) =>
        node(sub, `${j + 1}.`, () =>
          (sub.muc ?? []).map((leaf, k) => node(leaf, sub.danh_so === 'so-long' ? `${j + 1}.${k + 1}.` : `${String.fromCharCode(97 + k)})`, () => [])),
        ),
      ),
      true, // section titles in capitals
    ),
  );
}

/** The tree as a list of paragraphs, each with its style (Heading1–3, BodyText, GachDauDong). */
function flatten(sections, closing) {
  const blocks = [];
  const walk = (nodes, depth) => {
    for (const n of nodes) {
      blocks.push({ style: `Heading${depth}`, label: n.label, runs: n.runs }, ...n.paras);
      walk(n.muc, depth + 1);
    }
  };
  walk(sections, 1);
  return [...blocks, ...closing];
}

/**
 * Everything the document shows, from the report's YAML text and its unit's don-vi.yaml text;
 * `parse` is `yaml`'s, as a script imports it, unless the caller brings another build.
 */
export function reportData(reportText, unitText, parse = parseYaml) {
  const report = parse(reportText);
  const unit = parse(unitText);
  const figures = report.so_lieu ?? {};
  const notes = [];
  const sections = sectionsOf(report.noi_dung ?? [], figures, notes);
  // the last paragraph ends with "./." (Nghị định 30)
  const closing = paragraphsOf(report.ket_thuc, figures, notes);
  closing.at(-1)?.runs.push({ text: './.' });
  const [year, month, day] = String(report.ngay).split('-').map(Number);
  const two = (n, below) => (n < below ? `0${n}` : String(n));
  const authority = unit.nguoi_ky.quyen_han ? [unit.nguoi_ky.quyen_han].flat() : [];
  return {
    header: {
      parentAgency: unit.co_quan.chu_quan,
      agencyLines: unit.co_quan.ten,
      numberLine: `Số: ${report.so}/BC-${unit.co_quan.viet_tat}`,
      placeDate: `${unit.dia_danh}, ngày ${two(day, 10)} tháng ${two(month, 3)} năm ${year}`,
      typeName: 'BÁO CÁO',
      summary: SUMMARY,
    },
    addressees: unit.kinh_gui ?? [],
    sections,
    closing,
    blocks: flatten(sections, closing),
    notes,
    recipients: [...(unit.kinh_gui ?? []).map((line) => `- ${line};`), ...(unit.noi_nhan ?? []).map((line) => `- ${line};`), `- Lưu: ${(unit.luu ?? ['VT']).join(', ')}.`],
    signature: { authority, position: unit.nguoi_ky.chuc_vu, name: unit.nguoi_ky.ho_ten },
  };
}
