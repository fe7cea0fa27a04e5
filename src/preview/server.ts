/**
 * The preview's web server: loopback only, a fixed set of addresses (the index, one page per
 * document and the files beside it, the event stream), 404 for anything else, and a Host header
 * check against DNS rebinding. Pages carry a strict Content-Security-Policy.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatOfExtension, writerOf, type OutputFormat } from '../render/registry.js';
import { diagnosticViews, documentPage, documentPath, headKey, indexPage, statusWords } from './pages.js';
import { PREVIEW_CSS } from './preview-style.js';
import type { PreviewDocument, PreviewState } from './preview-state.js';

export const PREVIEW_HOST = '127.0.0.1';

/** A generated file of the current state (DOCX or PDF), or why there is none. */
export type Download = (doc: PreviewDocument, format: OutputFormat) => Promise<Uint8Array>;

const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
const pageCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const common = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...common, 'Content-Type': type, 'Content-Length': String(bytes.length), ...headers });
  response.end(bytes);
}

const text = (response: ServerResponse, status: number, message: string) => send(response, status, 'text/plain; charset=utf-8', `${message}\n`);

function reportPage(doc: PreviewDocument): string {
  if (!doc.good) {
    return '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Chưa có bản xem</title></head><body><p>Văn bản chưa dựng được lần nào: sửa các lỗi ở trên.</p></body></html>';
  }
  const head = doc.good.head.replace('</head>', `<style>${PREVIEW_CSS}</style>\n</head>`);
  return `${head}${doc.good.body}\n</html>\n`;
}

function stateJson(doc: PreviewDocument): string {
  const errors = doc.diagnostics.filter((d) => d.severity === 'error').length;
  return JSON.stringify({
    version: doc.version,
    errors,
    summary: statusWords(doc),
    diagnostics: diagnosticViews(doc.diagnostics),
    good: doc.good ? { version: doc.good.version, head: headKey(doc), body: doc.good.body } : null,
  });
}

export class PreviewServer {
  readonly #server: Server;
  readonly #streams = new Set<ServerResponse>();
  #port = 0;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: PreviewState,
    private readonly download: Download,
  ) {
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) text(response, 500, `Lỗi nội bộ: ${error instanceof Error ? error.message : String(error)}`);
        else response.destroy();
      });
    });
  }

  /** Listens on 127.0.0.1 (port 0: a free one); resolves to the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, PREVIEW_HOST, () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        this.#heartbeat = setInterval(() => this.#broadcast(': còn sống\n\n'), 15_000);
        resolve(this.#port);
      });
    });
  }

  /** Tells every open page which documents changed. */
  notify(ids: readonly string[]): void {
    if (ids.length > 0) this.#broadcast(`data: ${JSON.stringify({ ids })}\n\n`);
  }

  #broadcast(chunk: string): void {
    for (const stream of this.#streams) stream.write(chunk);
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #hostAllowed(host: string | undefined): boolean {
    return host !== undefined && [`127.0.0.1:${this.#port}`, `localhost:${this.#port}`].includes(host.toLowerCase());
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.#hostAllowed(request.headers.host)) return text(response, 403, 'Từ chối: tên máy (Host) không phải 127.0.0.1 hay localhost.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(response, 405, 'Chỉ hỗ trợ GET.');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return text(response, 404, 'Không có trang này.');
    }
    const nonce = randomBytes(16).toString('base64');
    const html = (body: string, csp = pageCsp(nonce)) => send(response, 200, 'text/html; charset=utf-8', body, { 'Content-Security-Policy': csp });
    if (pathname === '/') return html(indexPage(nonce, [...this.state.documents.values()], this.state.diagnostics));
    if (pathname === '/su-kien') return this.#stream(request, response);
    const match = /^\/d\/(.+)\/([^/]*)$/.exec(pathname);
    const doc = match ? this.state.documents.get(match[1]!) : undefined;
    if (!match || !doc) return text(response, 404, 'Không có trang này.');
    switch (match[2]) {
      case '':
        return html(documentPage(nonce, doc));
      case 'ban-in':
        return html(reportPage(doc), REPORT_CSP);
      case 'trang-thai.json':
        return send(response, 200, 'application/json; charset=utf-8', stateJson(doc));
      default: {
        // `<kỳ>.<extension>` of any writer: that output of the current state, made on request.
        const prefix = `${doc.source.period}.`;
        const file = match[2] ?? '';
        const format = file.startsWith(prefix) ? formatOfExtension(file.slice(prefix.length)) : undefined;
        if (format) return this.#download(response, doc, format);
        return text(response, 404, 'Không có trang này.');
      }
    }
  }

  async #download(response: ServerResponse, doc: PreviewDocument, format: OutputFormat): Promise<void> {
    if (!doc.model) return text(response, 409, 'Văn bản đang có lỗi: sửa hết lỗi rồi tải lại.');
    const bytes = await this.download(doc, format);
    const writer = writerOf(format);
    const name = `${doc.source.period}.${writer.extension}`;
    send(response, 200, writer.mediaType, bytes, { 'Content-Disposition': `attachment; filename="${name}"` });
  }

  #stream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { ...common, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    response.write('retry: 500\n\n');
    this.#streams.add(response);
    request.on('close', () => this.#streams.delete(response));
  }
}

export { documentPath };
