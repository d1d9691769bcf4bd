import fc from 'fast-check';
import { duplicates, hashName } from '../../../src/lib/io/duplicates';

const flags = (names: string[], hashes = Int32Array.from(names, hashName)) => Array.from(duplicates((i) => names[i], hashes, names.length));
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

  it('handles a long run of one name without quadratic work (name reads counted, not timed)', () => {
    const n = 20_000;
    const names = Array.from({ length: n }, (_, i) => (i % 2 ? 'Acme' : `A${i}`));
    const hashes = Int32Array.from(names, hashName);
    let reads = 0;
    const counted = new Proxy(names, {
      get(t, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(t, key, receiver);
      },
    });
    expect(duplicates((i) => counted[i], hashes, n).reduce((a, b) => a + b, 0)).toBe(n / 2);
    // Comparing each Acme with every other would read ~n²/4 = 100M names; one pass reads a few per row.
    expect(reads).toBeLessThan(4 * n);
  });
});
