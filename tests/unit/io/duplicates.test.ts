import fc from 'fast-check';
import { duplicates, hashName } from '../../../src/lib/io/duplicates';

const flags = (names: string[], hashes = Int32Array.from(names, hashName)) => Array.from(duplicates(names, hashes, names.length));
const bySet = (names: string[]) => {
  const n = new Map<string, number>();
  for (const x of names) n.set(x, (n.get(x) ?? 0) + 1);
  return names.map((x) => ((n.get(x) ?? 0) > 1 ? 1 : 0));
};

describe('SPEC §2.3 duplicate names are flagged, every copy', () => {
  it.each([
    [['Acme', 'Globex', 'Acme'], [1, 0, 1]],
    [['Acme', 'acme', 'ACME'], [0, 0, 0]],
    [['a', 'a', 'a', 'b'], [1, 1, 1, 0]],
    [[], []],
  ])('%j → %j', (names, want) => expect(flags(names)).toEqual(want));

  it('names that share a hash are told apart by comparing them', () => {
    // Force every row into one hash bucket: only the names can decide.
    const names = ['x', 'y', 'x', 'z', 'y', 'w'];
    expect(flags(names, new Int32Array(names.length))).toEqual([1, 1, 1, 0, 1, 0]);
  });

  it('agrees with counting, whatever the names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }), (names) => {
        expect(flags(names)).toEqual(bySet(names));
      }),
    );
  });

  it('handles a long run of one name without quadratic work', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? 'Acme' : `A${i}`));
    const t = performance.now();
    expect(flags(names).reduce((a, b) => a + b, 0)).toBe(25_000);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
