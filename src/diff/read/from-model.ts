/**
 * A report model (a period .yaml run through the pipeline) as a comparable document: the header
 * fields, the body blocks with their labels and depths, the footnotes and the closing lines,
 * each with the same text our Word and PDF renderers print.
 */
import { nameTable, type ComparableDocument, type Para, type ParaKind, type TableGrid, type Zone } from '../comparable-document.js';
import { isFootnoteRef, type Block, type ReportModel } from './pipeline-adapter.js';

function field(zone: Zone, text: string, prefix = ''): Para {
  return { zone, kind: 'field', depth: 0, label: '', prefix, inlines: [{ text }] };
}

export function documentFromModel(model: ReportModel, file: string): ComparableDocument {
  const paragraphs: Para[] = [];
  const { header, title, addressees, signature } = model;
  if (header.parentAgency) paragraphs.push(field('co_quan_chu_quan', header.parentAgency));
  for (const line of header.agencyLines) paragraphs.push(field('co_quan', line));
  if (header.numberLine) paragraphs.push(field('so', header.numberLine));
  if (header.subject) paragraphs.push(field('trich_yeu', header.subject));
  if (header.placeDate) paragraphs.push(field('dia_danh_ngay', header.placeDate));
  if (title.typeName) {
    paragraphs.push(field('ten_loai', title.typeName));
    paragraphs.push(field('trich_yeu', title.summary));
  }
  if (title.issuedWith) paragraphs.push(field('ban_hanh_kem_theo', title.issuedWith));
  if (addressees && addressees.lines.length > 0) {
    if (addressees.sameLine) paragraphs.push(field('kinh_gui', addressees.lines.join(' '), 'Kính gửi: '));
    else for (const line of addressees.lines) paragraphs.push(field('kinh_gui', line));
  }
  const tables = { count: 0 };
  for (const block of model.body) paragraphs.push(...blockParagraphs(block, tables));
  for (const line of model.recipients) paragraphs.push(field('noi_nhan', line));
  for (const line of signature.authority) paragraphs.push(field('nguoi_ky', line));
  paragraphs.push(field('nguoi_ky', signature.position));
  // the DOCX prints chức vụ khác in the name's paragraph, after a line break
  paragraphs.push(field('nguoi_ky', signature.otherPosition ? `${signature.otherPosition}\n${signature.name}` : signature.name));
  // the phụ lục follow the signature, as the DOCX prints them: heading, title, Kèm theo line, content
  for (const appendix of model.appendices ?? []) {
    const title = appendix.title.map((inline) => ('text' in inline ? inline.text : '')).join('');
    for (const text of [appendix.heading, title, appendix.attachedTo]) {
      paragraphs.push({ zone: 'body', kind: 'body', depth: 0, label: '', prefix: '', inlines: [{ text: text.normalize('NFC') }] });
    }
    for (const block of appendix.body) paragraphs.push(...blockParagraphs(block, tables));
  }
  return {
    file,
    kind: 'yaml',
    structured: true,
    paragraphs,
    footnotes: model.footnotes.map((note) => ({ text: note.inlines.map((run) => run.text).join('').normalize('NFC') })),
    notices: [],
    issueDate: model.issueDate,
  };
}

/** A block of the body (or of a phụ lục) as comparable paragraphs: a table cell by cell, each cell named by its row and column. */
function blockParagraphs(block: Block, tables: { count: number }): Para[] {
  if (block.table) {
    // a table compares cell by cell, in reading order: header cells, then the rows and the total
    const { header, rows, total } = block.table;
    const table = ++tables.count;
    const grid: TableGrid = { cells: [], headerRows: header.length };
    const covered = header.map(() => new Set<number>());
    header.forEach((row, r) => {
      let column = 0;
      grid.cells.push(
        row.map((cell) => {
          while (covered[r]!.has(column)) column++;
          for (let k = 1; k < cell.rowSpan && r + k < header.length; k++) for (let c = 0; c < cell.colSpan; c++) covered[r + k]!.add(column + c);
          const out = { text: cell.text.normalize('NFC'), gridColumn: column, span: cell.colSpan };
          column += cell.colSpan;
          return out;
        }),
      );
    });
    for (const row of [...rows, ...(total ? [total] : [])]) {
      let column = 0;
      grid.cells.push(
        row.map((cell) => {
          const out = { text: cell.inlines.map((i) => ('text' in i ? i.text : '')).join('').normalize('NFC'), gridColumn: column, span: cell.colSpan };
          column += cell.colSpan;
          return out;
        }),
      );
    }
    const names = nameTable(grid);
    return grid.cells.flatMap((row, r) =>
      row.map(
        (cell): Para => ({
          zone: 'body',
          kind: 'body',
          depth: block.depth,
          label: '',
          prefix: '',
          inlines: [{ text: cell.text }],
          cell: { table, row: names.rows[r]!, column: names.columns(cell.gridColumn), header: r < grid.headerRows, rowIndex: r, columnIndex: cell.gridColumn },
        }),
      ),
    );
  }
  return [
    {
      zone: 'body',
      kind: block.style as ParaKind,
      depth: block.depth,
      label: block.label,
      prefix: '',
      inlines: block.inlines.map((inline) => (isFootnoteRef(inline) ? { footnote: inline.footnote - 1 } : { text: inline.text.normalize('NFC') })),
    },
  ];
}
