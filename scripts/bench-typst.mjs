/**
 * The PDF baseline of `npm run bench` (issue 24): Typst compiling a document equivalent to the
 * real-size report — the Thạch Quý sample's own text (header, title, every heading, paragraph,
 * table and its 12 footnotes at their markers, Nơi nhận, signature) on A4 with the decree's
 * margins, 14 pt serif, justified — through `@myriaddreamin/typst-ts-node-compiler` (a dev
 * dependency of the bench only). Its global cache is evicted before each compile (`evictCache(0)`),
 * so each one starts from the parsed fonts like a new report would, and it runs in this process,
 * so its CPU is this process's (`process.cpuUsage`, every thread).
 *
 * Without the package, `benchTypst` answers null and the bench prints "typst: không có".
 *
 *   node scripts/bench-typst.mjs [--runs N] [--source]   prints the `bench-typst:` line (or the .typ text)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);
export const TYPST_PACKAGE = '@myriaddreamin/typst-ts-node-compiler';
const SAMPLE = path.join(root, 'data', 'ha-tinh', 'phuong-thach-quy', '2024-q3.yaml');

/** Typst text of a string, printed as is: a string literal is never read as markup. */
const str = (text) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const cell = (text) => `[#${str(text)}]`;

/** A model's inline runs (and footnote markers) as Typst markup. */
function inlines(list, notes) {
  return list
    .map((inline) => {
      if ('footnote' in inline) {
        const note = notes.get(inline.footnote) ?? [];
        return `#footnote(${str(note.map((run) => run.text).join(''))})`;
      }
      const text = `#${str(inline.text)}`;
      return inline.bold ? `#strong(${str(inline.text)})` : inline.italic ? `#emph(${str(inline.text)})` : text;
    })
    .join('');
}

/** The report model as one Typst document. */
export function typstSource(model) {
  const notes = new Map(model.footnotes.map((f) => [f.number, f.inlines]));
  const out = [
    '#set page(paper: "a4", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm), numbering: "1", number-align: center + top)',
    '#set text(font: ("Tinos", "Liberation Serif", "Times New Roman"), size: 14pt, lang: "vi")',
    '#set par(justify: true, first-line-indent: 1cm, leading: 0.5em, spacing: 0.7em)',
    '#set footnote.entry(separator: line(length: 50mm, stroke: 0.5pt))',
    '#show footnote.entry: set text(size: 12pt)',
    `#grid(columns: (6.75cm, 10cm), align: center,`,
    `  [${[model.header.parentAgency, ...model.header.agencyLines].filter(Boolean).map((l) => `#${str(l)}`).join(' \\ ')} \\ #${str(model.header.numberLine ?? '')}],`,
    `  [#strong(${str('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')}) \\ #strong(${str('Độc lập - Tự do - Hạnh phúc')}) \\ #emph(${str(model.header.placeDate)})])`,
    '',
    `#align(center)[#strong(${str(model.title.typeName ?? '')}) \\ #strong(${str(model.title.summary)})]`,
    '',
  ];
  for (const block of model.body) {
    if (block.table) {
      const t = block.table;
      const head = t.header.flatMap((row) => row.map((c) => `table.cell(colspan: ${c.colSpan}, rowspan: ${c.rowSpan})${cell(c.text)}`));
      const rows = [...t.rows, ...(t.total ? [t.total] : [])].flatMap((row) =>
        row.map((c) => `table.cell(colspan: ${c.colSpan})[${inlines(c.inlines, notes)}]`),
      );
      out.push(`#table(columns: (${t.widths.map((w) => `${w}cm`).join(', ')}), table.header(${head.join(', ')}), ${rows.join(', ')})`, '');
      continue;
    }
    const label = block.label ? `#${str(`${block.label} `)}` : '';
    const text = `${label}${inlines(block.inlines, notes)}`;
    out.push(block.style.startsWith('heading') ? `#strong[${text}]` : text, '');
  }
  out.push(
    `#grid(columns: (1fr, 1fr), [#set text(size: 12pt)`,
    `  #strong(${str('Nơi nhận:')}) \\ ${model.recipients.map((l) => `#${str(l)}`).join(' \\ ')}],`,
    `  align(center)[${[...model.signature.authority, model.signature.position].map((l) => `#strong(${str(l)})`).join(' \\ ')} \\ #v(2cm) #strong(${str(model.signature.name ?? '')})])`,
  );
  return out.join('\n');
}

/**
 * CPU milliseconds per compile of the equivalent document, cache evicted before each (`cold`) and
 * kept (`warm`), or null when the package is not installed; `error` when it is but fails.
 */
/** The sample's report model, through the pipeline with the package's templates folder opened. */
async function sampleModel(source) {
  const { prepareDocument } = await dist('pipeline.js');
  const { openTemplates } = await dist('render/open-templates.js');
  const { model, diagnostics } = await prepareDocument(source, openTemplates(path.join(root, 'templates')));
  if (!model) throw new Error(`bench-typst: the sample does not validate: ${diagnostics.map((d) => d.message).join('; ')}`);
  return model;
}

export async function benchTypst({ runs = 20 } = {}) {
  let NodeCompiler;
  try {
    ({ NodeCompiler } = await import(TYPST_PACKAGE));
  } catch {
    return null;
  }
  const { findDocuments } = await dist('load/find-documents.js');
  const { documents } = await findDocuments([SAMPLE]);
  const model = await sampleModel(documents[0]);
  const mainFileContent = typstSource(model);
  const work = await mkdtemp(path.join(tmpdir(), 'baocao-typst-'));
  try {
    const compiler = NodeCompiler.create({ workspace: work, fontArgs: [{ fontPaths: ['/usr/share/fonts'] }] });
    const evict = (age) => (typeof NodeCompiler.evictCache === 'function' ? NodeCompiler.evictCache(age) : compiler.evictCache(age));
    const compile = () => {
      const pdf = compiler.pdf({ mainFileContent });
      if (!pdf || pdf.length < 1000) throw new Error('no PDF');
      return pdf.length;
    };
    compile(); // fonts loaded, not timed
    const cpu = (work) => {
      const start = process.cpuUsage();
      for (let i = 0; i < runs; i++) work();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000 / runs;
    };
    const cold = cpu(() => {
      evict(0);
      compile();
    });
    const warm = cpu(compile);
    return { cold, warm, runs };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The `typst:` words of the bench: its figures, or why there are none. */
export function typstWords(result) {
  if (result === null) return `typst: không có (cài ${TYPST_PACKAGE} làm dev dependency để so sánh)`;
  if (result.error) return `typst: lỗi (${result.error})`;
  return `typst: ${result.cold.toFixed(1)} ms CPU/văn bản bỏ cache, ${result.warm.toFixed(1)} ms ấm (${result.runs} lần)`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, source: { type: 'boolean', default: false } } });
  if (values.source) {
    const { findDocuments } = await dist('load/find-documents.js');
    const { documents } = await findDocuments([SAMPLE]);
    process.stdout.write(`${typstSource(await sampleModel(documents[0]))}\n`);
  } else {
    const result = await benchTypst({ runs: Number(values.runs) });
    console.log(`bench-typst: ${typstWords(result)}`);
  }
}
