/**
 * Property (fast-check): for random sets of units with random figures, the roll-up's total of
 * every key equals the sum of the units' figures (keys every unit has), a key some units lack is
 * never summed, a ratio (khac.ty_le_…) is never summed, and the roll-up table's computed total row
 * (the sum of the rows it builds) equals the same sums.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Statistics, TableData } from '../../src/core/schema.js';
import type { MergedData } from '../../src/merge/merge-layers.js';
import { applyRollup, flattenFigures, isAdditive, sumFigures, type UnitFigures } from '../../src/rollup/apply-rollup.js';

const at = { file: 'huyen/2024-q3.yaml', line: 3, column: 11 };
const count = fc.integer({ min: 0, max: 1_000_000 });
const HO_SO = ['tiep_nhan', 'da_giai_quyet', 'dung_han', 'tre_han'] as const;

const unitFigures: fc.Arbitrary<Statistics> = fc.record(
  {
    ho_so: fc.record({ tiep_nhan: count, da_giai_quyet: count, dung_han: count, tre_han: count }, { requiredKeys: ['tiep_nhan'] }),
    khac: fc.dictionary(fc.constantFrom('van_ban_di', 'tin_bai', 'ty_le_hai_long', 'diem_cchc'), fc.double({ min: 0, max: 1e6, noNaN: true }), { maxKeys: 4 }),
  },
  { requiredKeys: ['ho_so'] },
) as fc.Arbitrary<Statistics>;

const units: fc.Arbitrary<UnitFigures[]> = fc
  .array(unitFigures, { minLength: 1, maxLength: 12 })
  .map((list) => list.map((figures, i) => ({ name: `xa-${i}`, title: `xã ${i}`, file: `xa-${i}/2024-q3.yaml`, figures })));

const RUNS = Number(process.env.BAOCAO_PROPERTY_RUNS ?? 200);

describe('roll-up sums (property)', () => {
  it('the total of every key is the sum of the units; partial keys and ratios are not summed', () => {
    fc.assert(
      fc.property(units, (list) => {
        const { totals } = sumFigures(list, at);
        const flats = list.map((u) => flattenFigures(u.figures));
        const keys = new Set(flats.flatMap((f) => [...f.keys()]));
        for (const key of keys) {
          const everywhere = flats.every((f) => f.has(key));
          if (!everywhere || !isAdditive(key)) {
            expect(totals.has(key), key).toBe(false);
            continue;
          }
          const expected = flats.reduce((sum, f) => sum + (f.get(key) as number), 0);
          expect(totals.get(key), key).toBe(expected);
        }
        expect([...totals.keys()].every((key) => keys.has(key))).toBe(true);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('the roll-up table has one row per unit and its computed total equals the summed figures', () => {
    fc.assert(
      fc.property(units, (list) => {
        const table = {
          cot: [{ ten: 'STT' }, { ten: 'Đơn vị' }, ...HO_SO.slice(0, 1).map((ten) => ({ ten, kieu: 'so' }))],
          tu_tong_hop: ['stt', 'ten_don_vi', 'ho_so.tiep_nhan'],
          tong: true,
        };
        const merged: MergedData = {
          value: { tong_hop: { don_vi: list.map((u) => u.name) }, noi_dung: [{ doan: [{ bang: table }] }] },
          places: new Map([['tong_hop', { value: at }]]),
          files: [at.file],
        };
        const { merged: applied, diagnostics } = applyRollup(merged, list, at.file);
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const built = (applied.value.noi_dung as Array<{ doan: Array<{ bang: TableData }> }>)[0]!.doan[0]!.bang;
        expect(built.dong).toHaveLength(list.length);
        expect('tu_tong_hop' in built).toBe(false);
        const received = list.reduce((sum, u) => sum + u.figures!.ho_so!.tiep_nhan, 0);
        expect(built.dong!.reduce((sum, row) => sum + (row[2] as number), 0)).toBe(received);
        expect((applied.value.so_lieu as Statistics).ho_so!.tiep_nhan).toBe(received);
        // the input is not changed
        expect('tu_tong_hop' in table).toBe(true);
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });
});
