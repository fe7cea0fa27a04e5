/**
 * The list form of a group of figures by row (`linh_vuc: [{ ma: dat_dai, ten: Đất đai, … }]`) is
 * read as the map form (`linh_vuc.dat_dai`, src/core/schema.ts). Its rows' places are given under
 * the map form's paths as well, so a problem found at `so_lieu.linh_vuc.dat_dai.tiep_nhan` (by the
 * tables, the texts, the roll-up) points at the line where the clerk typed it.
 */
import { pathKey } from '../core/data-path.js';
import { ROW_KEY } from '../core/schema.js';
import type { MergedData } from '../merge/merge-layers.js';

export function withRowGroupPlaces(merged: MergedData): MergedData {
  const figures = merged.value.so_lieu;
  if (figures === null || typeof figures !== 'object' || Array.isArray(figures)) return merged;
  let places: MergedData['places'] | undefined;
  for (const [group, rows] of Object.entries(figures)) {
    if (!Array.isArray(rows)) continue;
    rows.forEach((row: unknown, i) => {
      const name = row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[ROW_KEY] : undefined;
      if (typeof name !== 'string') return;
      places ??= new Map(merged.places);
      const from = pathKey(['so_lieu', group, i]);
      const to = pathKey(['so_lieu', group, name]);
      const copy = (key: string, node: unknown) => {
        const place = merged.places.get(key);
        const alias = to + key.slice(from.length);
        if (place && !places!.has(alias)) places!.set(alias, place);
        if (node !== null && typeof node === 'object' && !Array.isArray(node)) for (const [child, value] of Object.entries(node)) copy(`${key}.${child}`, value);
      };
      copy(from, row);
    });
  }
  return places ? { ...merged, places } : merged;
}
