/**
 * mergeLayers on large layers (issue 7, low): replacing a scalar used to scan every place
 * recorded so far, so a layer of n scalar keys cost n² (50,000 keys: minutes). Now it is linear;
 * the test asserts the result and that it completes within vitest's default timeout (5 s).
 */
import { describe, expect, it } from 'vitest';
import type { LoadedLayer, NodePlace } from '../src/load/load-yaml.js';
import { mergeLayers, placeOf } from '../src/merge/merge-layers.js';

const N = 50_000;

/** A layer `{ khac: { k0: v, … }, ds: [..] }` with a place for every node, on line = index + 2. */
function layer(file: string, value: (i: number) => unknown, list: unknown[]): LoadedLayer {
  const places = new Map<string, NodePlace>();
  const at = (line: number): NodePlace => ({ key: { file, line, column: 1 }, value: { file, line, column: 5 } });
  const khac: Record<string, unknown> = {};
  places.set('', { value: { file, line: 1, column: 1 } });
  places.set('khac', at(1));
  for (let i = 0; i < N; i++) {
    khac[`k${i}`] = value(i);
    places.set(`khac.k${i}`, at(i + 2));
  }
  places.set('ds', at(N + 2));
  list.forEach((_, i) => places.set(`ds.${i}`, { value: { file, line: N + 3 + i, column: 3 } }));
  return { file, value: { khac, ds: list }, places, diagnostics: [] };
}

describe('mergeLayers on large layers', () => {
  it(`merges two layers of ${N.toLocaleString('en')} scalar keys, the later one winning, with the right places`, () => {
    const base = layer('tinh.yaml', (i) => i, ['a', 'b', 'c']);
    const unit = layer('don-vi.yaml', (i) => (i % 2 === 0 ? `x${i}` : i), ['z']);
    const merged = mergeLayers([base, unit]);
    const khac = merged.value['khac'] as Record<string, unknown>;
    expect(Object.keys(khac)).toHaveLength(N);
    expect(khac['k0']).toBe('x0');
    expect(khac['k1']).toBe(1);
    expect(khac[`k${N - 2}`]).toBe(`x${N - 2}`);
    expect(merged.value['ds']).toEqual(['z']);
    expect(placeOf(merged, ['khac', `k${N - 1}`], 'x')).toEqual({ file: 'don-vi.yaml', line: N + 1, column: 5 });
    expect(placeOf(merged, ['ds', 0], 'x')).toEqual({ file: 'don-vi.yaml', line: N + 3, column: 3 });
    // the replaced list's old items are forgotten, not left pointing at tinh.yaml
    expect(merged.places.has('ds.2')).toBe(false);
    expect(merged.places.size).toBe(base.places.size - 2);
  });
});
