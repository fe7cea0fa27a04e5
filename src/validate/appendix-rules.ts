/**
 * Rules on the phụ lục (`phu_luc`): each has content, and — as Nghị định 30 asks (Phụ lục I,
 * III.1.a: "trong văn bản phải có chỉ dẫn về Phụ lục đó") — the text outside the phụ lục refers
 * to each of them with `{{phu_luc n}}` (a warning when it does not). A reference to a phụ lục that
 * does not exist is the expression's own error (`appendix-missing`, markup/expressions.ts).
 */
import type { DataPath } from '../core/data-path.js';
import type { DocumentData } from '../core/schema.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlaceFinder } from './document-rules.js';
import { forEachInlineText } from './text-rules.js';

const REFERENCE = /\{\{\s*phu_luc\s+(\d+)\s*\}\}/g;

/** The positions (1-based) of the phụ lục the text outside the phụ lục refers to. */
function referencedAppendices(data: DocumentData): Set<number> {
  const found = new Set<number>();
  forEachInlineText(data, (text, path: DataPath) => {
    if (path[0] === 'phu_luc') return;
    for (const m of text.matchAll(REFERENCE)) found.add(Number(m[1]));
  });
  return found;
}

export function appendixDiagnostics(data: DocumentData, at: PlaceFinder): Diagnostic[] {
  const appendices = data.phu_luc ?? [];
  if (appendices.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  const referenced = referencedAppendices(data);
  appendices.forEach((appendix, i) => {
    if (!appendix.doan || appendix.doan.length === 0) {
      diagnostics.push(
        diagnosticAt(at(['phu_luc', i], 'key'), 'appendix-empty', `Phụ lục "${appendix.ten}" không có nội dung: thêm doan (đoạn văn hoặc bảng) hoặc bỏ phụ lục này.`),
      );
    }
    if (!referenced.has(i + 1)) {
      diagnostics.push(
        diagnosticAt(
          at(['phu_luc', i, 'ten']),
          'appendix-unreferenced',
          `Nội dung văn bản chưa dẫn chiếu đến phụ lục thứ ${i + 1} ("${appendix.ten}"): Nghị định 30 yêu cầu văn bản có chỉ dẫn về phụ lục kèm theo, ví dụ "(chi tiết tại {{phu_luc ${i + 1}}})".`,
          { severity: 'warning' },
        ),
      );
    }
  });
  return diagnostics;
}
