import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByKey } from '../../../src/lib/engine/radix-sort';

/** The order the table promises (SPEC §4.3): by key, ties in index order, NaN last either way. */
function reference(idx: Uint32Array, key: ArrayLike<number>, dir: 'asc' | 'desc'): number[] {
  const d = dir === 'asc' ? 1 : -1;
  return Array.from(idx).sort((a, b) => {
    const ka = key[a];
    const kb = key[b];
    const na = ka !== ka;
    const nb = kb !== kb;
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return ka === kb ? a - b : ka < kb ? -d : d;
  });
}

const indices = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('sortByKey (radix)', () => {
  it('sorts numbers, keeps ties in source order and NaN last in both directions', () => {
    const key = new Float64Array([3, NaN, -1, 3, 0, -0, Infinity, -Infinity, 2.5, NaN, -2.5]);
    for (const dir of ['asc', 'desc'] as const) {
      expect(Array.from(sortByKey(indices(key.length), key, dir))).toEqual(reference(indices(key.length), key, dir));
    }
    expect(Array.from(sortByKey(indices(key.length), key, 'asc'))).toEqual([7, 10, 2, 4, 5, 8, 0, 3, 6, 1, 9]);
  });

  it('sorts a subset of rows and integer columns', () => {
    const score = new Uint8Array([49, 70, 12, 70, 100, 0]);
    const idx = new Uint32Array([1, 2, 3, 5]);
    expect(Array.from(sortByKey(idx, score, 'desc'))).toEqual([1, 3, 2, 5]);
    expect(Array.from(idx)).toEqual([1, 2, 3, 5]); // input untouched
    expect(sortByKey(new Uint32Array(0), score, 'asc').length).toBe(0);
  });

  it('agrees with the comparator on any doubles (property)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(NaN, 0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.boolean(), (xs, asc) => {
        const key = Float64Array.from(xs);
        const dir = asc ? 'asc' : 'desc';
        expect(Array.from(sortByKey(indices(key.length), key, dir))).toEqual(reference(indices(key.length), key, dir));
      }),
      { numRuns: 300 },
    );
  });
});
