import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEXT_ORDER, stringRanks, textCollator } from '../../../src/lib/engine/string-rank';

describe('stringRanks', () => {
  /** Ranks by a plain comparator sort through the collator; strings comparing equal share a rank. */
  const reference = (xs: string[], collator: Intl.Collator): number[] => {
    const sorted = [...xs].sort(collator.compare);
    const rankOf = new Map<string, number>();
    let r = 0;
    sorted.forEach((s, k) => {
      if (k > 0 && collator.compare(sorted[k - 1], s) !== 0) r++;
      if (!rankOf.has(s)) rankOf.set(s, r);
    });
    return xs.map((x) => rankOf.get(x)!);
  };
  const ranks = (xs: string[], collator?: Intl.Collator) => Array.from(stringRanks(xs, collator));

  it.each([
    ['en', ['Zeta', 'Émile', 'zeta', 'Ångström', 'Emile'], [3, 2, 3, 0, 1]],
    ['de', ['Zeta', 'Émile', 'zeta', 'Ångström', 'Emile'], [3, 2, 3, 0, 1]],
    // Swedish: Å is a letter of its own after Z; É stays with E
    ['sv', ['Zeta', 'Émile', 'zeta', 'Ångström', 'Emile'], [2, 1, 2, 3, 0]],
    ['en', ['acme inc', 'acme', 'ac', ''], [3, 2, 1, 0]],
    ['en', ['a_b', 'a1', 'a-b', 'ab', 'A B'], [1, 3, 2, 4, 0]],
    // Czech: "ch" is one letter, after h
    ['cs', ['cizí', 'chata', 'hrad', 'ihned'], [0, 2, 1, 3]],
  ] as const)('%s: %j → ranks %j (case ignored: equal strings share a rank)', (locale, xs, want) => {
    expect(ranks([...xs], textCollator(locale))).toEqual(want);
    expect(ranks([...xs], textCollator(locale))).toEqual(reference([...xs], textCollator(locale)));
  });

  it('the page\'s order puts Émile before Zeta and ignores case', () => {
    const xs = ['Zeta', 'Émile', 'zeta', 'Emile', 'Eve'];
    const r = ranks(xs);
    expect(r[1]).toBeLessThan(r[0]);
    expect(r[3]).toBeLessThan(r[1]);
    expect(r[1]).toBeLessThan(r[4]);
    expect(r[0]).toBe(r[2]);
  });

  it.each([undefined, 'en', 'sv', 'cs', 'de'])('agrees with a collator sort on any strings, many sharing prefixes (%s, property)', (locale) => {
    const collator = locale ? textCollator(locale) : TEXT_ORDER;
    const word = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('northwind ', 'Northwind Analytics ', 'é', 'E', 'Å', 'ch', 'ß', 'ss', '_', '-', ', Inc.', '\u{1F600}', 'ǅ'),
    );
    const name = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(''));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 200 }), (xs) => {
        expect(ranks(xs, collator)).toEqual(reference(xs, collator));
      }),
      { numRuns: 200 },
    );
  });
});
