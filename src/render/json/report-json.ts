/**
 * The report model as JSON: keys sorted (by code point) at every depth, two-space indent, a final
 * line break, UTF-8. Same model, same bytes — on every machine and whatever order the model's
 * objects were built in — so the file is fit for golden tests and for diffing two runs.
 */
import type { ReportModel } from '../../core/model.js';

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = sorted(item);
  }
  return out;
}

export function renderReportJson(model: ReportModel): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(sorted(model), null, 2)}\n`);
}
