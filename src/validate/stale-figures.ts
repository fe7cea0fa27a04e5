/**
 * `stale-figure`: a figure of so_lieu (or a number typed in a table) that still carries the mark `baocao ky-moi` put on it
 * (`# kỳ trước: 537 — cập nhật`) and still equals the number in the mark. The loader keeps the
 * marks it finds in the comments (`LoadedLayer.marks`); this reads them with the layer's values and
 * places, so the period file is not read or parsed a second time. A warning, never an error.
 * A text's typed percentages carry one mark (`# kỳ trước: 96,67% — cập nhật`): each the text
 * still holds is a warning at that percentage.
 */
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedLayer } from '../load/load-yaml.js';
import { typedPercents } from '../markup/typed-percents.js';

const FIGURES = 'so_lieu.';

/** The value at a data path (`so_lieu.ho_so.tiep_nhan`, list items by index) of a layer. */
function valueAt(value: unknown, dataPath: string): unknown {
  let current = value;
  for (const segment of dataPath.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function staleFigureDiagnostics(layer: LoadedLayer): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [dataPath, previous] of layer.marks ?? []) {
    if (valueAt(layer.value, dataPath) !== previous) continue;
    const at = layer.places.get(dataPath)?.value;
    if (!at) continue;
    // A figure of so_lieu, or a number typed in a table (ky-moi marks both).
    const figure = dataPath.startsWith(FIGURES);
    const what = figure ? `Số liệu ${dataPath}` : 'Số trong ô bảng này';
    const better = figure ? '' : ' Tốt hơn: đưa số vào so_lieu và ghi ô là "{{…}}" hoặc dùng tu_so_lieu.';
    found.push(
      diagnosticAt(
        at,
        'stale-figure',
        `${what} vẫn là số của kỳ trước (${String(previous)}): hãy cập nhật số, rồi xóa chú thích "# kỳ trước: … — cập nhật".${better}`,
        { severity: 'warning' },
      ),
    );
  }
  return [...found, ...stalePercentDiagnostics(layer)];
}

function stalePercentDiagnostics(layer: LoadedLayer): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [dataPath, previous] of layer.percentMarks ?? []) {
    const text = valueAt(layer.value, dataPath);
    const place = layer.places.get(dataPath);
    if (typeof text !== 'string' || !place) continue;
    const left = new Set(previous);
    for (const percent of typedPercents(text)) {
      if (!left.has(percent.text)) continue;
      found.push(
        diagnosticAt(
          place.textAt?.(percent.index) ?? place.value,
          'stale-figure',
          `Tỷ lệ gõ tay ${percent.text} vẫn là số của kỳ trước: hãy cập nhật (tốt hơn: {{ty_le …}} để tỷ lệ được tính từ so_lieu), rồi xóa chú thích "# kỳ trước: … — cập nhật".`,
          { severity: 'warning' },
        ),
      );
    }
  }
  return found;
}
