import { DEFAULT_CALIBRATION, describeChange, scoreChange } from '../../../src/lib/engine';
import { columns } from '../../fixtures/columns';

// SPEC §4.2 worked account (MRR $24,000, usage 42 %, sentiment 55), last touch 12 days before, 47 days now.
// Engagement 100 × (1 − 12/90) = 86.67 → 20 % × 86.67 = 17.33 points; now 100 × (1 − 47/90) = 47.78 → 9.56.
// Change −7.78 points; nothing else moved. The worked score 49.41 has 11.56 from engagement (38 days), so
// the scores are 49.41 + 5.78 = 55.19 → 55 and 49.41 − 2.22 = 47.19 → 47 (Watch both times).
const prev = columns([['Acme', 24_000, 12, 42, 55]]);
const cur = columns([['Acme', 24_000, 47, 42, 55]]);
const c = scoreChange(prev, 0, cur, 0, DEFAULT_CALIBRATION);

describe('SPEC §4.6 why a score moved', () => {
  it('previous score, Δ and bands', () => {
    expect([c.previousScore, c.score, c.delta]).toEqual([55, 47, -8]);
    expect([c.previousBand, c.band]).toEqual(['watch', 'watch']);
  });
  it.each([
    ['size', 0, 'size 0: unchanged ($24,000)'],
    ['engagement', -7.78, 'engagement −7.8: last touch 12 → 47 days'],
    ['usage', 0, 'usage 0: unchanged (42 %)'],
    ['sentiment', 0, 'sentiment 0: unchanged (55)'],
  ])('%s changes %d points: %s', (input, change, text) => {
    const part = c.parts.find((p) => p.input === input)!;
    expect(part.change).toBeCloseTo(change, 2);
    expect(part.text).toBe(text);
  });
  it('the four changes add up to the unrounded score change', () =>
    expect(c.parts.reduce((s, p) => s + p.change, 0)).toBeCloseTo(c.rawDelta, 12));
  it('an account that grew and lost usage: both named', () => {
    const b = scoreChange(columns([['A', 10_000, 10, 80, 60]]), 0, columns([['A', 100_000, 10, 20, 60]]), 0, DEFAULT_CALIBRATION);
    // size 33.33 → 66.67 at 25 %: +8.33; usage 80 → 20 at 30 %: −18.
    expect(b.parts.map((p) => p.text)).toEqual([
      'size +8.3: MRR $10,000 → $100,000', 'engagement 0: unchanged (10 days)', 'usage −18: usage 80 → 20 %', 'sentiment 0: unchanged (60)',
    ]);
    expect(b.parts.reduce((s, p) => s + p.change, 0)).toBeCloseTo(b.rawDelta, 12);
  });
});

describe('SPEC §4.6 naming the raw values', () => {
  it.each([
    ['engagement', -6.2, 12, 47, 'engagement −6.2: last touch 12 → 47 days'],
    ['sentiment', 2.5, 50, 60, 'sentiment +2.5: sentiment 50 → 60'],
    ['usage', -12, 40, Number.NaN, 'usage −12: usage 40 → no value %'],
  ] as const)('%s', (input, change, from, to, text) => expect(describeChange(input, change, from, to)).toBe(text));
});
