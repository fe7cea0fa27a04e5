/**
 * WordprocessingML for tracked changes: runs of inserted and deleted text (`w:ins`, `w:del` with
 * `w:delText`), inserted or deleted paragraph marks, all by author "baocao" at one fixed date, with
 * ids from one counter so that the same input gives the same bytes.
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class Revisions {
  private next = 1;

  constructor(readonly date: string) {}

  private attrs(): string {
    return `w:id="${this.next++}" w:author="baocao" w:date="${this.date}"`;
  }

  ins(content: string): string {
    return content === '' ? '' : `<w:ins ${this.attrs()}>${content}</w:ins>`;
  }

  del(content: string): string {
    return content === '' ? '' : `<w:del ${this.attrs()}>${content}</w:del>`;
  }

  /** A row-level revision mark, for a table row's `w:trPr`. */
  rowMark(how: 'ins' | 'del'): string {
    return `<w:${how} ${this.attrs()}/>`;
  }

  /**
   * Content moved from or to here, as Word writes a move: a named range (`w:moveFromRangeStart` …
   * `w:moveFromRangeEnd`, the same name on both sides) around a `w:moveFrom`/`w:moveTo` holding the runs.
   */
  moved(how: 'moveFrom' | 'moveTo', name: string, runs: string): string {
    if (runs === '') return '';
    const range = this.next++;
    return `<w:${how}RangeStart w:id="${range}" w:author="baocao" w:date="${this.date}" w:name="${name}"/><w:${how} ${this.attrs()}>${runs}</w:${how}><w:${how}RangeEnd w:id="${range}"/>`;
  }

  /** A `w:pPr` whose paragraph mark is inserted, deleted or moved. */
  markParagraph(pPr: string, how: 'ins' | 'del' | 'moveFrom' | 'moveTo'): string {
    const mark = `<w:${how} ${this.attrs()}/>`;
    if (pPr === '' || pPr === '<w:pPr/>') return `<w:pPr><w:rPr>${mark}</w:rPr></w:pPr>`;
    if (/<w:rPr>/.test(pPr)) return pPr.replace(/<w:rPr>/, `<w:rPr>${mark}`);
    return pPr.replace(/<\/w:pPr>$/, `<w:rPr>${mark}</w:rPr></w:pPr>`);
  }
}

/** A run of text (tabs and line breaks as elements); `deleted` writes `w:delText`. */
export function textRunXml(text: string, rPr: string, deleted: boolean): string {
  if (text === '') return '';
  const tag = deleted ? 'w:delText' : 'w:t';
  let body = '';
  for (const piece of text.split(/([\t\n])/)) {
    if (piece === '\t') body += '<w:tab/>';
    else if (piece === '\n') body += '<w:br/>';
    else if (piece !== '') body += `<${tag} xml:space="preserve">${escapeText(piece)}</${tag}>`;
  }
  return `<w:r>${rPr}${body}</w:r>`;
}

export function footnoteReferenceXml(id: number, styleId: string): string {
  return `<w:r><w:rPr><w:rStyle w:val="${styleId}"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
}

/** "2024-09-16T00:00:00Z" from SOURCE_DATE_EPOCH seconds, or midnight UTC of an ISO date. */
export function revisionDate(sourceDateEpoch: number | undefined, isoDate: string | undefined): string {
  if (sourceDateEpoch !== undefined) return new Date(sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (isoDate && /^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return `${isoDate}T00:00:00Z`;
  return '1980-01-01T00:00:00Z';
}
