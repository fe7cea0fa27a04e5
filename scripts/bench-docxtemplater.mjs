/**
 * The DOCX batch baselines of `npm run bench` (issue 24 item 2), measured on one core in this process
 * (`process.cpuUsage`, every thread) over the same real-size reports baocao's batch renders:
 *
 *   - `docxtemplater=`: the peer — the report filled the way an engineer would write it without
 *     baocao: bare docxtemplater + pizzip, the YAML parsed by the `yaml` package and turned into
 *     template data by a small script (data-of-report.mjs: numbering, `{{…}}` figures, `^[…]`
 *     footnotes), the shipped Word template templates/word/bao-cao.docx with its `{@noi_dung}`
 *     paragraph replaced by loops (one conditional paragraph per style, an inline loop of runs whose
 *     footnote runs carry `<w:footnoteReference>`) and a `{-w:footnote notes}` loop in
 *     word/footnotes.xml, so the footnotes are real; the ids docxtemplater cannot put into
 *     attributes are numbered after rendering. Per report: read the two YAML files, parse, fill,
 *     number the footnotes, deflate + zip (`generate`), write the DOCX. Reports per CPU-second.
 *   - `floor=`: what any tool must do for the same report — parse the YAML (yaml's fast build), build the document XML
 *     and footnotes XML strings directly (no template engine), deflate them (level 1, as baocao's
 *     per-report parts) and zip with pizzip beside the template's other parts, copied compressed. Milliseconds of CPU per report.
 *
 *   node scripts/bench-docxtemplater.mjs [--units N]   prints the `bench-docxtemplater:` line on
 *                                                       N copies of the Thạch Quý sample (default 100)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { reportData } from './data-of-report.mjs';

/**
 * The floor parses with `yaml`'s ES-module build, as baocao does (src/load/yaml-library.ts): the
 * Node build, which the peer imports like any script, reads process.env.LOG_TOKENS for every token.
 */
const { parse: fastParse } = await import(new URL('browser/dist/index.js', import.meta.resolve('yaml/package.json')).href);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(root, 'templates', 'word', 'bao-cao.docx');
/** The id docxtemplater leaves in every footnote and footnote reference; numbered after rendering. */
const NOTE_ID = '9999';

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tagged = (tag) => `<w:r><w:t xml:space="preserve">${tag}</w:t></w:r>`;
const para = (style, inner) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${inner}</w:p>`;
const noteRef = (id) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
const NOTES_END = '</w:footnotes>';

/** The runs of one paragraph as a template: its label, then text runs and footnote references. */
const TEMPLATE_RUNS = `${tagged('{label}{#runs}{text}')}${tagged('{#fn}')}${noteRef(NOTE_ID)}${tagged('{/fn}{/runs}')}`;

/** The shipped template with the body and the footnotes as docxtemplater loops: the peer's template. */
export function peerTemplate() {
  const zip = new PizZip(readFileSync(TEMPLATE));
  const document = zip.file('word/document.xml').asText();
  const rawBody = para('DongThe', tagged('{@noi_dung}'));
  if (!document.includes(rawBody)) throw new Error('bench-docxtemplater: bao-cao.docx has no {@noi_dung} paragraph');
  const open = (tag) => para('DongThe', tagged(tag));
  // one paragraph of a `paras` list: body text or a dash item
  const paras = [open('{#paras}'), open('{#body}'), para('BodyText', TEMPLATE_RUNS), open('{/body}'), open('{#dash}'), para('GachDauDong', TEMPLATE_RUNS), open('{/dash}'), open('{/paras}')];
  const level = (depth, inner) => [para(`Heading${depth}`, TEMPLATE_RUNS), ...paras, ...inner];
  const body = [
    open('{#sections}'),
    ...level(1, [open('{#muc}'), ...level(2, [open('{#muc}'), ...level(3, []), open('{/muc}')]), open('{/muc}')]),
    open('{/sections}'),
    open('{#closing}'),
    ...paras,
    open('{/closing}'),
  ].join('');
  zip.file('word/document.xml', document.replace(rawBody, body));
  const notes = zip.file('word/footnotes.xml').asText();
  const note = `<w:footnote w:id="${NOTE_ID}">${para('FootnoteText', `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${tagged(' {-w:footnote notes}{text}{/notes}')}`)}</w:footnote>`;
  zip.file('word/footnotes.xml', notes.replace(NOTES_END, `${note}${NOTES_END}`));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Numbers the footnotes (2, 3, … after the two separators) in document order. */
function numberNotes(xml) {
  let id = 2;
  return xml.replaceAll(`w:id="${NOTE_ID}"`, () => `w:id="${id++}"`);
}

/** docxtemplater's DOCX settings, with <w:footnote> among the elements a `{-w:footnote …}` loop can repeat. */
function peerFileType() {
  const config = Docxtemplater.FileTypeConfig.docx();
  config.tagsXmlLexedArray = [...config.tagsXmlLexedArray, 'w:footnote'];
  return config;
}

/** One report filled by docxtemplater: the DOCX bytes. */
export function fillPeer(template, data) {
  const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true, nullGetter: () => '', fileTypeConfig: peerFileType() });
  doc.render(data);
  const zip = doc.getZip();
  for (const part of ['word/document.xml', 'word/footnotes.xml']) zip.file(part, numberNotes(zip.file(part).asText()));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The template data of the shipped template's tags, with the body and notes of the loops above. */
export function peerData(report) {
  const { header, sections, closing, notes, signature, recipients, addressees } = report;
  const several = addressees.length > 1;
  const runs = (list) => list.map((run) => ('footnote' in run ? { text: '', fn: true } : { text: run.text, fn: false }));
  const paragraph = (p) => ({ body: p.style === 'BodyText', dash: p.style === 'GachDauDong', label: p.label ? `${p.label} ` : '', runs: runs(p.runs) });
  const node = (n) => ({ label: `${n.label} `, runs: runs(n.runs), paras: n.paras.map(paragraph), muc: n.muc.map(node) });
  return {
    co_quan_chu_quan: header.parentAgency ?? false,
    co_quan: header.agencyLines.map((dong) => ({ dong })),
    so_ky_hieu: header.numberLine,
    dia_danh_ngay: header.placeDate,
    ten_loai: header.typeName,
    trich_yeu: header.summary,
    kinh_gui_mot_dong: several ? false : addressees.map((dong) => ({ dong: `Kính gửi: ${dong}` })),
    kinh_gui_nhieu_dong: several ? { dong_gui: addressees.map((dong) => ({ dong: `- ${dong};` })) } : false,
    sections: sections.map(node),
    closing: { paras: closing.map(paragraph) },
    notes: notes.map((text) => ({ text })),
    noi_nhan: recipients.map((dong) => ({ dong })),
    quyen_han: signature.authority.map((quyen_han) => ({ quyen_han })),
    chuc_vu: signature.position,
    ho_ten: signature.name,
  };
}

/** The floor's DOCX: document.xml and footnotes.xml built as strings, zipped with the template's other parts. */
export function floorDocx(parts, report) {
  const { header, blocks, notes, signature, recipients } = report;
  let id = 2;
  const text = (value) => `<w:r><w:t xml:space="preserve">${escapeXml(value)}</w:t></w:r>`;
  const body = blocks.map((block) => {
    const runs = block.runs.map((run) => ('footnote' in run ? noteRef(id++) : text(run.text))).join('');
    return para(block.style, (block.label ? text(`${block.label} `) : '') + runs);
  });
  const head = [
    ...(header.parentAgency ? [para('CoQuanChuQuan', text(header.parentAgency))] : []),
    ...header.agencyLines.map((line) => para('CoQuanBanHanh', text(line))),
    para('SoKyHieu', text(header.numberLine)),
    para('DiaDanhNgay', text(header.placeDate)),
    para('TenLoai', text(header.typeName)),
    para('TrichYeu', text(header.summary)),
  ];
  const tail = [
    ...recipients.map((line) => para('NoiNhanDong', text(line))),
    ...signature.authority.map((line) => para('QuyenHanChucVu', text(line))),
    para('QuyenHanChucVu', text(signature.position)),
    para('HoTenNguoiKy', text(signature.name)),
  ];
  const document = `${parts.documentStart}${head.join('')}${body.join('')}${tail.join('')}${parts.documentEnd}`;
  const footnotes = notes.map((note, i) => `<w:footnote w:id="${i + 2}">${para('FootnoteText', `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${text(` ${note}`)}`)}</w:footnote>`);
  const zip = new PizZip(parts.template); // the template's other parts are copied still compressed
  zip.file('word/document.xml', document);
  zip.file('word/footnotes.xml', parts.notes.replace(NOTES_END, `${footnotes.join('')}${NOTES_END}`));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** The template's parts the floor copies as they are, and the frame of its document.xml. */
export function floorParts() {
  const template = readFileSync(TEMPLATE);
  const zip = new PizZip(template);
  const document = zip.file('word/document.xml').asText();
  const bodyAt = document.indexOf('<w:body>') + '<w:body>'.length;
  const sectAt = document.lastIndexOf('<w:sectPr>');
  return { template, documentStart: document.slice(0, bodyAt), documentEnd: document.slice(sectAt), notes: zip.file('word/footnotes.xml').asText() };
}

const cpuMs = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/**
 * Both baselines over `reports` ([report YAML path, unit profile YAML path] pairs, as baocao's
 * batch reads them), each after `warmup` reports that are not timed. The peer writes its DOCX into
 * a temporary folder (as the batch does); the floor writes nothing.
 */
export async function benchDocxtemplater(reports, { warmup = 5 } = {}) {
  const out = await mkdtemp(path.join(tmpdir(), 'baocao-dt-'));
  try {
    const template = peerTemplate();
    const peerOne = ([reportFile, unitFile], i) => {
      const data = peerData(reportData(readFileSync(reportFile, 'utf8'), readFileSync(unitFile, 'utf8')));
      writeFileSync(path.join(out, `${i}.docx`), fillPeer(template, data));
    };
    for (let i = 0; i < Math.min(warmup, reports.length); i++) peerOne(reports[i], i);
    let start = process.cpuUsage();
    reports.forEach(peerOne);
    const peerMs = cpuMs(start);

    const parts = floorParts();
    const texts = reports.map(([reportFile, unitFile]) => [readFileSync(reportFile, 'utf8'), readFileSync(unitFile, 'utf8')]);
    let bytes = 0;
    const floorOne = ([reportText, unitText]) => (bytes += floorDocx(parts, reportData(reportText, unitText, fastParse)).length);
    for (let i = 0; i < Math.min(warmup, texts.length); i++) floorOne(texts[i]);
    start = process.cpuUsage();
    texts.forEach(floorOne);
    const floorMs = cpuMs(start);
    return { reports: reports.length, peerPerCpuSecond: reports.length / (peerMs / 1000), floorMsPerReport: floorMs / reports.length, floorBytes: bytes };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The baselines' words in the bench, beside baocao's reports per CPU-second on the same corpus. */
export function docxtemplaterLines(result, baocaoPerCpuSecond) {
  const peer = baocaoPerCpuSecond / result.peerPerCpuSecond;
  const floor = 1000 / baocaoPerCpuSecond / result.floorMsPerReport;
  return [
    `DOCX mốc docxtemplater (docxtemplater + pizzip, có chú thích, 1 nhân): ${result.peerPerCpuSecond.toFixed(1)} văn bản/giây CPU; baocao/docxtemplater = ${peer.toFixed(2)}× (mục tiêu ≥ 1,0×${peer >= 1 ? ', đạt' : ', CHƯA ĐẠT'})`,
    `DOCX mức sàn (đọc YAML, dựng XML, nén zip): ${result.floorMsPerReport.toFixed(2)} ms CPU/văn bản; baocao/sàn = ${floor.toFixed(2)}× (mục tiêu ≤ 4×${floor <= 4 ? ', đạt' : ', CHƯA ĐẠT'})`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { units: { type: 'string', default: '100' } } });
  const tool = (file) => import(pathToFileURL(path.join(root, 'dist-tools', 'tools', 'corpus', file)).href);
  const { writeCorpus } = await tool('corpus.js');
  const { generateRealCorpus } = await tool('real-corpus.js');
  const work = await mkdtemp(path.join(tmpdir(), 'baocao-dt-corpus-'));
  try {
    await writeCorpus(work, await generateRealCorpus({ units: Number(values.units), seed: 1 }));
    const result = await benchDocxtemplater(await realReports(work));
    console.log(`bench-docxtemplater: units=${result.reports} docxtemplater=${result.peerPerCpuSecond.toFixed(1)} floor=${result.floorMsPerReport.toFixed(2)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The [report, unit profile] pairs of a real-size corpus folder (every unit's `<ky>.yaml` beside its don-vi.yaml). */
export async function realReports(dataDir) {
  const { readdir } = await import('node:fs/promises');
  const pairs = [];
  for (const entry of await readdir(dataDir, { recursive: true })) {
    if (path.basename(entry) !== 'don-vi.yaml') continue;
    const unit = path.join(dataDir, path.dirname(entry));
    for (const file of await readdir(unit)) {
      if (/^\d{4}-q\d\.yaml$/.test(file)) pairs.push([path.join(unit, file), path.join(unit, 'don-vi.yaml')]);
    }
  }
  return pairs.sort(([a], [b]) => a.localeCompare(b));
}
