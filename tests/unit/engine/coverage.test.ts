/** SPEC §4.1: what every view says about an export scored on fewer than four inputs. */
import { DEFAULT_WEIGHTS } from '../../../src/lib/engine/accounts';
import { absentMask, countBlankScored, coverageLine, coverageText, isBlankScored, presentKeys, renormalisedWeights } from '../../../src/lib/engine/coverage';

describe('SPEC §4.1 scored on N of 4 inputs', () => {
  it.each([
    [{ 'last-touch': 'days', usage: 'usage', sentiment: 'nps' }, 0],
    [{ 'last-touch': 'days', sentiment: 'nps' }, 2],
    [{ usage: 'active users', sentiment: 'nps' }, 1],
    [{}, 7],
    [undefined, 0],
  ] as const)('absentMask(%j) = %d', (fields, want) => expect(absentMask(fields)).toBe(want));

  it.each([
    [0, 'scored on 4 of 4 inputs'],
    [2, 'scored on 3 of 4 inputs: no usage column'],
    [1, 'scored on 3 of 4 inputs: no last touch column'],
    [3, 'scored on 2 of 4 inputs: no last touch and usage columns'],
    [7, 'scored on 1 of 4 inputs: no last touch, usage and sentiment columns'],
  ])('mask %d: %s', (mask, want) => expect(coverageText(mask)).toBe(want));

  it.each([
    // The SPEC's own example: no usage column, default weights.
    [2, '25/20/25 → 35.71/28.57/35.71'],
    [1, '25/30/25 → 31.25/37.5/31.25'],
    [3, '25/25 → 50/50'],
    [0, '25/20/30/25 → 25/20/30/25'],
  ])('renormalised weights, mask %d: %s', (mask, want) => expect(renormalisedWeights(DEFAULT_WEIGHTS, mask)).toBe(want));

  it.each<[number, string[]]>([
    [0, ['mrr', 'touch', 'usage', 'sentiment']],
    [1, ['mrr', 'usage', 'sentiment']],
    [2, ['mrr', 'touch', 'sentiment']],
    [5, ['mrr', 'usage']],
    [7, ['mrr']],
  ])('present inputs of mask %d: %j', (mask, want) => expect(presentKeys(mask)).toEqual(want));

  it.each<[number, number, boolean]>([
    // missing, absent, marked
    [0, 0, false],
    [2, 2, false], // only the column the book lacks
    [6, 2, true], // and a blank sentiment cell
    [4, 0, true],
    [3, 1, true],
    [7, 7, false],
    [8, 0, false], // bits beyond the three inputs are not inputs
  ])('missing %d with absent %d is blank-scored: %s', (missing, absent, want) => expect(isBlankScored(missing, absent)).toBe(want));

  it('counts the rows scored with a blank input beyond the absent columns', () => {
    // absent usage (2) on every row; rows 1 and 3 also lack sentiment (4) or touch (1).
    expect(countBlankScored(Uint8Array.of(2, 6, 2, 3), 2)).toBe(2);
    expect(countBlankScored(Uint8Array.of(0, 4, 0), 0)).toBe(1);
    expect(countBlankScored(Uint8Array.of(2, 2), 2)).toBe(0);
  });

  it.each([
    [0, 0, null],
    [2, 0, 'scored on 3 of 4 inputs: no usage column'],
    [1, 3, 'scored on 3 of 4 inputs: no last touch column · 3 accounts on fewer (a blank input)'],
    [0, 1, '1 account on fewer (a blank input)'],
  ])('the slide line, absent %d and %d blank-input accounts: %s', (absent, blank, want) => expect(coverageLine(absent, blank)).toBe(want));
});
