import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringRanks } from '../../../src/lib/engine/string-rank';

describe('stringRanks', () => {
  const reference = (xs: string[]): number[] => {
    const sorted = [...new Set(xs)].sort();
    return xs.map((x) => sorted.indexOf(x));
  };

  it('ranks in code-unit order; equal strings share a rank; a prefix comes first', () => {
    const xs = ['acme', 'acme inc', 'Acme', 'globex', 'acme', '', 'ac'];
    expect(Array.from(stringRanks(xs))).toEqual(reference(xs));
  });

  it('agrees with sort() on any strings, many sharing prefixes (property)', () => {
    const word = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('northwind ', 'northwind analytics ', 'é', '\u{1F600}'));
    const name = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(''));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 200 }), (xs) => {
        expect(Array.from(stringRanks(xs))).toEqual(reference(xs));
      }),
      { numRuns: 300 },
    );
  });
});
