/**
 * Stage 2, merge: layers, most general first. Later layers win; objects merge deeply; lists and
 * scalars replace. The merged places remember which file set each value, so a diagnostic on the
 * merged data points at the line that set it.
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import { pathKey, type DataPath } from '../core/data-path.js';
import type { LoadedLayer, NodePlace } from '../load/load-yaml.js';

export interface MergedData {
  value: Record<string, unknown>;
  places: Map<string, NodePlace>;
  /** The layer files, most general first. */
  files: string[];
}

export function mergeLayers(layers: readonly LoadedLayer[]): MergedData {
  const places = new Map<string, NodePlace>();
  let value: Record<string, unknown> = {};
  for (const layer of layers) {
    value = mergeValue(value, layer.value, [], layer, places) as Record<string, unknown>;
  }
  return { value, places, files: layers.map((l) => l.file) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(
  base: unknown,
  overlay: unknown,
  path: DataPath,
  layer: LoadedLayer,
  places: Map<string, NodePlace>,
): unknown {
  const here = layer.places.get(pathKey(path));
  if (isPlainObject(base) && isPlainObject(overlay)) {
    if (here) places.set(pathKey(path), here);
    const result: Record<string, unknown> = { ...base };
    for (const [key, child] of Object.entries(overlay)) {
      Object.defineProperty(result, key, {
        value: mergeValue(base[key], child, [...path, key], layer, places),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  // Replacement: forget where the old value's parts came from, take the overlay's places. Both
  // walks visit only the nodes of the two values (a scan of every known place per replaced
  // scalar made merging quadratic in the number of keys).
  const prefix = pathKey(path);
  forEachNodeKey(base, prefix, (key) => places.delete(key));
  forEachNodeKey(overlay, prefix, (key) => {
    const place = layer.places.get(key);
    if (place) places.set(key, place);
  });
  return overlay;
}

/** Calls `visit` with the place key of a value and of every node inside it (list items, object members). */
function forEachNodeKey(value: unknown, key: string, visit: (key: string) => void): void {
  visit(key);
  if (typeof value !== 'object' || value === null) return;
  const prefix = key === '' ? '' : `${key}.`;
  if (Array.isArray(value)) value.forEach((item, index) => forEachNodeKey(item, `${prefix}${index}`, visit));
  else for (const [name, child] of Object.entries(value)) forEachNodeKey(child, prefix + name, visit);
}

/**
 * The best position for a path: the value itself, else the nearest ancestor that exists,
 * else the start of `fallbackFile`.
 */
export function placeOf(
  merged: MergedData,
  path: DataPath,
  fallbackFile: string,
  which: 'key' | 'value' = 'value',
): SourcePosition {
  for (let length = path.length; length > 0; length--) {
    const place = merged.places.get(pathKey(path.slice(0, length)));
    if (place) return (which === 'key' ? place.key : undefined) ?? place.value;
  }
  return { file: fallbackFile, line: 1, column: 1 };
}
