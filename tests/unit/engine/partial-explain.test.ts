/** SPEC §4.1 / §4.3: an account scored on fewer inputs is explained with the weights it used. */
import { DEFAULT_CALIBRATION, scoreAccount } from '../../../src/lib/engine';
import { bandLift } from '../../../src/lib/engine/next-band';
import { contributionLines } from '../../../src/lib/table/contributions';

describe('SPEC §4.1 explaining a score on the inputs an account has', () => {
  // No usage: 25/20/25 → 35.71/28.57/35.71 (SPEC). MRR $24,000 → size 46.0; 38 days → engagement 57.78; sentiment 55.
  const a = { mrr: 24000, days: 38, usage: NaN, sentiment: 55 };
  const e = scoreAccount(a, DEFAULT_CALIBRATION);

  it('lines show the renormalised weights and "no value" for the missing input, adding up to the score', () => {
    const lines = contributionLines(a, e, DEFAULT_CALIBRATION);
    expect(lines.map((l) => [l.key, l.value, l.missing])).toEqual([
      ['mrr', '$24,000', false], ['touch', '38 days ago', false], ['usage', 'no value', true], ['sentiment', '55', false],
    ]);
    expect(lines.map((l) => Math.round(l.weight * 100) / 100)).toEqual([35.71, 28.57, 0, 35.71]);
    const size = (100 * Math.log10(24)) / 3;
    const engagement = 100 * (1 - 38 / 90);
    const raw = (25 * size + 20 * engagement + 25 * 55) / 70;
    expect(lines.reduce((s, l) => s + l.points, 0)).toBeCloseTo(raw, 9);
    expect(e.score).toBe(Math.round(raw)); // 52.58 → 53
    expect(e.score).toBe(53);
    expect(e.inputsUsed).toBe(3);
  });

  it('bandLift never lifts a missing input, and lifts the others with the weights the score used', () => {
    const l = bandLift(a, DEFAULT_CALIBRATION)!;
    expect(l).toMatchObject({ band: 'healthy', pointsNeeded: 17 });
    expect(l.lifts.map((x) => x.input)).toEqual(['touch', 'sentiment', 'mrr']);
    const sentiment = l.lifts.find((x) => x.input === 'sentiment')!;
    // raw 52.58 + 35.71 % × (100 − 55) = 68.65 < 69.5: even sentiment at 100 is not enough.
    expect(sentiment).toMatchObject({ reachable: false });
    expect(sentiment.reachable ? 0 : sentiment.maxPoints).toBeCloseTo((25 / 70) * 45, 9);
  });
});
