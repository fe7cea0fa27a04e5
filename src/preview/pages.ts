/**
 * The preview's own pages: the index of documents and one page per document (a bar with the
 * status and download links, the diagnostics panel, and the laid-out report in a frame). Values
 * from the data enter only as escaped text; the one script of each page is fixed code, allowed by
 * a per-response nonce, and reads everything else as JSON.
 */
import { formatDiagnostic } from '../diagnostics/report.js';
import { escapeHtml } from './html-text.js';
import type { PreviewDocument } from './preview-state.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

const SHELL_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.4 system-ui, 'Segoe UI', Roboto, sans-serif; color: #1d2329; background: #eef0f2; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #23395b; color: #fff; }
header a { color: #fff; }
header h1 { font-size: 1rem; margin: 0; flex: 1; }
.nut { padding: .25rem .7rem; border-radius: 4px; background: #fff; color: #23395b; text-decoration: none; font-weight: 600; }
.co-loi .nut { opacity: .4; pointer-events: none; }
#trang-thai { font-weight: 600; }
#chan-doan { margin: 0; padding: 0; list-style: none; max-height: 35vh; overflow: auto; }
#chan-doan li { padding: .4rem 1rem; border-bottom: 1px solid #d8dce0; font-size: 14px; white-space: pre-wrap; }
#chan-doan li.error { background: #fde8e8; color: #8a1111; }
#chan-doan li.warning { background: #fff6d6; color: #6b5200; }
#ban-in { display: block; width: 100%; height: calc(100vh - 3rem); border: 0; }
.co-loi #ban-in { opacity: .45; filter: grayscale(.6); }
table { border-collapse: collapse; margin: 1rem; background: #fff; }
td, th { padding: .4rem .8rem; border-bottom: 1px solid #d8dce0; text-align: left; }
.ok { color: #1c6b2a; } .loi { color: #a31515; }
`;

/** The document page's script: live update over Server-Sent Events, scroll kept, changes highlighted. */
const DOCUMENT_SCRIPT = `
(() => {
  const frame = document.getElementById('ban-in');
  const panel = document.getElementById('chan-doan');
  const status = document.getElementById('trang-thai');
  let shown = Number(document.body.dataset.shown);
  let head = document.body.dataset.head;
  let busy = false, again = false;
  const blocks = (body) => Array.from(body.querySelectorAll('.page-body > *, .page-footnotes > *'));
  function markChanged(oldBody, newBody) {
    const left = new Map();
    for (const el of blocks(oldBody)) left.set(el.textContent, (left.get(el.textContent) || 0) + 1);
    for (const el of blocks(newBody)) {
      const n = left.get(el.textContent) || 0;
      if (n > 0) left.set(el.textContent, n - 1); else el.classList.add('xem-doi');
    }
  }
  function showDiagnostics(state) {
    panel.replaceChildren(...state.diagnostics.map((d) => {
      const li = document.createElement('li');
      li.className = d.severity;
      li.textContent = d.text;
      return li;
    }));
    status.textContent = state.summary;
    document.body.classList.toggle('co-loi', state.errors > 0);
  }
  /** The page boxes as the server last sent them (before highlighting), or null: read them from the frame. */
  let pageHtml = null;
  /** A laid-out body's #pages and its .page boxes, when that is all the body holds; else null. */
  function pagesOf(body) {
    const book = body.children.length === 1 ? body.firstElementChild : null;
    if (!book || book.id !== 'pages') return null;
    const pages = Array.from(book.children);
    return pages.every((p) => p.classList.contains('page')) ? { book, pages } : null;
  }
  /** A body's and its #pages' own tags, without their content: pages are swapped only when these match. */
  function shellOf(body) {
    const tag = (el) => el.cloneNode(false).outerHTML;
    return tag(body) + (body.firstElementChild ? tag(body.firstElementChild) : '');
  }
  function showPages(good) {
    if (good.head !== head) {
      pageHtml = null;
      const y = frame.contentWindow.scrollY;
      frame.addEventListener('load', () => frame.contentWindow.scrollTo(0, y), { once: true });
      frame.src = 'ban-in?v=' + good.version;
      head = good.head;
      return;
    }
    const doc = frame.contentDocument;
    const y = frame.contentWindow.scrollY;
    const parsed = new DOMParser().parseFromString('<!DOCTYPE html><html><head></head>' + good.body + '</html>', 'text/html');
    const fresh = pagesOf(parsed.body);
    const freshHtml = fresh ? fresh.pages.map((p) => p.outerHTML) : null;
    markChanged(doc.body, parsed.body);
    const shownPages = pagesOf(doc.body);
    if (fresh && shownPages && shellOf(doc.body) === shellOf(parsed.body)) {
      // Only the pages that changed are swapped: the others keep their layout (each page box is
      // laid out on its own), so a one-word edit lays out one page, not the whole report.
      const before = pageHtml || shownPages.pages.map((p) => p.outerHTML);
      fresh.pages.forEach((page, i) => {
        const old = shownPages.pages[i];
        if (old && before[i] === freshHtml[i]) {
          for (const el of Array.from(old.querySelectorAll('.xem-doi'))) el.classList.remove('xem-doi');
        } else if (old) old.replaceWith(doc.importNode(page, true));
        else shownPages.book.append(doc.importNode(page, true));
      });
      for (const old of shownPages.pages.slice(fresh.pages.length)) old.remove();
    } else doc.body.replaceWith(doc.importNode(parsed.body, true));
    pageHtml = freshHtml;
    frame.contentWindow.scrollTo(0, y);
  }
  async function update() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch('trang-thai.json', { cache: 'no-store' });
      if (response.status === 404) { status.textContent = 'Văn bản không còn trong thư mục.'; return; }
      const state = await response.json();
      showDiagnostics(state);
      if (state.good && state.good.version !== shown) { showPages(state.good); shown = state.good.version; }
      document.body.dataset.version = String(state.version);
    } catch (error) {
      status.textContent = 'Mất kết nối với baocao xem.';
    } finally {
      busy = false;
      if (again) { again = false; update(); }
    }
  }
  const events = new EventSource('/su-kien');
  events.onmessage = (event) => { if (JSON.parse(event.data).ids.includes(document.body.dataset.id)) update(); };
  events.onopen = () => update();
})();
`;

const INDEX_SCRIPT = `new EventSource('/su-kien').onmessage = () => location.reload();`;

function page(nonce: string, title: string, bodyAttributes: string, content: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${SHELL_CSS}</style>
</head>
<body${bodyAttributes}>
${content}
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}

export interface DiagnosticView {
  severity: Diagnostic['severity'];
  /** `file:line:col  lỗi  message  [rule-id]`, as the terminal shows it. */
  text: string;
}

export function diagnosticViews(diagnostics: readonly Diagnostic[]): DiagnosticView[] {
  return diagnostics.map((d) => ({ severity: d.severity, text: formatDiagnostic(d) }));
}

export function statusWords(doc: PreviewDocument): string {
  const errors = doc.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = doc.diagnostics.length - errors;
  if (errors > 0) return `${errors} lỗi${doc.good ? ' — đang hiện bản đúng gần nhất' : ''}`;
  return warnings > 0 ? `ok, ${warnings} cảnh báo` : 'ok';
}

export function indexPage(nonce: string, documents: readonly PreviewDocument[], problems: readonly Diagnostic[]): string {
  const rows = documents
    .map((doc) => {
      const errors = doc.diagnostics.some((d) => d.severity === 'error');
      return `<tr><td><a href="${escapeHtml(documentPath(doc.id))}">${escapeHtml(doc.source.file)}</a></td><td class="${errors ? 'loi' : 'ok'}">${escapeHtml(statusWords(doc))}</td></tr>`;
    })
    .join('\n');
  const list = problems.length > 0 ? `<ul id="chan-doan">${diagnosticViews(problems).map((d) => `<li class="${d.severity}">${escapeHtml(d.text)}</li>`).join('')}</ul>` : '';
  return page(
    nonce,
    'baocao xem',
    '',
    `<header><h1>baocao xem — ${documents.length} văn bản</h1></header>\n${list}<table><thead><tr><th>Tệp</th><th>Trạng thái</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
    INDEX_SCRIPT,
  );
}

/** `/d/ha-tinh/phuong-thach-quy/2024-q3/`: the document's page; its other files sit beside it. */
export function documentPath(id: string): string {
  return `/d/${id.split('/').map(encodeURIComponent).join('/')}/`;
}

export function documentPage(nonce: string, doc: PreviewDocument): string {
  const period = escapeHtml(doc.source.period);
  return page(
    nonce,
    `${doc.source.file} — baocao xem`,
    ` data-id="${escapeHtml(doc.id)}" data-shown="${doc.good?.version ?? 0}" data-head="${escapeHtml(headKey(doc))}"`,
    `<header><a href="/">Danh sách</a><h1>${escapeHtml(doc.source.file)}</h1><span id="trang-thai"></span>` +
      `<a class="nut" href="${period}.docx" download>Tải DOCX</a><a class="nut" href="${period}.pdf" download>Tải PDF</a></header>\n` +
      `<ul id="chan-doan"></ul>\n<iframe id="ban-in" title="Bản xem trước" src="ban-in"></iframe>`,
    DOCUMENT_SCRIPT,
  );
}

/** Each laid-out version's head key, worked out once (the page asks for it on every update). */
const headKeys = new WeakMap<object, string>();

/** A short key of the laid-out head (style sheet, fonts): when it changes, the frame reloads. */
export function headKey(doc: PreviewDocument): string {
  const known = doc.good ? headKeys.get(doc.good) : undefined;
  if (known !== undefined) return known;
  const head = doc.good?.head.replace(/<title>[^<]*<\/title>/, '') ?? '';
  let hash = 0;
  for (let i = 0; i < head.length; i++) hash = (Math.imul(hash, 31) + head.charCodeAt(i)) | 0;
  const key = `${head.length}-${hash >>> 0}`;
  if (doc.good) headKeys.set(doc.good, key);
  return key;
}
