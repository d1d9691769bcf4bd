import { DEFAULT_CALIBRATION, scoreAccount, type AccountInput, type Calibration } from '../../../src/lib/engine';
import { bandLift, describeLift } from '../../../src/lib/engine/next-band';

const band = (a: AccountInput, cal: Calibration = DEFAULT_CALIBRATION) => scoreAccount(a, cal).band;

describe('what lifts an account into the next band', () => {
  it('SPEC §4.2 worked example: Healthy needs 21 points, and no single input gets there', () => {
    const l = bandLift({ mrr: 24000, days: 38, usage: 42, sentiment: 55 }, DEFAULT_CALIBRATION)!;
    expect(l).toMatchObject({ band: 'healthy', pointsNeeded: 21 });
    expect(l.lifts.every((x) => !x.reachable)).toBe(true);
    const usage = l.lifts.find((x) => x.input === 'usage')!;
    expect(usage).toEqual({ input: 'usage', reachable: false, maxPoints: expect.closeTo(17.4, 9) });
    expect(describeLift(usage)).toBe('Usage alone is not enough: even usage at 100 adds 17.4 points.');
  });

  it('finds the smallest whole-unit change per input that reaches the band, and not one less', () => {
    const a = { mrr: 8000, days: 60, usage: 30, sentiment: 40 }; // Risk
    expect(band(a)).toBe('risk');
    const l = bandLift(a, DEFAULT_CALIBRATION)!;
    expect(l.band).toBe('watch');
    const reachable = l.lifts.flatMap((x) => (x.reachable ? [x] : []));
    expect(reachable.map((x) => x.input)).toEqual(['usage', 'touch', 'sentiment', 'mrr']);
    for (const x of reachable) {
      const field = x.input === 'touch' ? 'days' : x.input;
      const step = x.input === 'touch' ? 1 : -1;
      expect(band({ ...a, [field]: x.to })).toBe('watch');
      expect(band({ ...a, [field]: x.to + step })).toBe('risk');
    }
    const usage = l.lifts.find((x) => x.input === 'usage')!;
    expect(usage.reachable).toBe(true);
    expect(describeLift(usage)).toMatch(/^Raise usage from 30 % to \d+ %\.$/);
  });

  it('a touch is advice in days since the last one', () => {
    const a = { mrr: 1000, days: 90, usage: 50, sentiment: 50 };
    const cal: Calibration = { ...DEFAULT_CALIBRATION, weights: { mrr: 0, touch: 50, usage: 25, sentiment: 25 } };
    // raw 25 → Risk; 45 needs 19.5 points of touch (raw 44.5): engagement 39, at most 54.9 days since the last touch.
    const touch = bandLift(a, cal)!.lifts.find((x) => x.input === 'touch')!;
    expect(touch).toEqual({ input: 'touch', reachable: true, from: 90, to: 54 });
    expect(describeLift(touch)).toBe('A touch so the last one is at most 54 days ago (now 90).');
  });

  it('an input with no weight cannot lift anything; the top band has nothing to reach', () => {
    const cal: Calibration = { ...DEFAULT_CALIBRATION, weights: { mrr: 0, touch: 0, usage: 100, sentiment: 0 } };
    const l = bandLift({ mrr: 5000, days: 10, usage: 50, sentiment: 10 }, cal)!;
    expect(l.lifts.find((x) => x.input === 'mrr')).toEqual({ input: 'mrr', reachable: false, maxPoints: 0 });
    expect(l.lifts.find((x) => x.input === 'usage')).toMatchObject({ reachable: true, to: 70 });
    expect(bandLift({ mrr: 5000, days: 10, usage: 90, sentiment: 10 }, cal)).toBeNull();
  });

  it("uses the account's segment model: its thresholds and weights (SPEC §4.4)", () => {
    const a = { mrr: 24000, days: 38, usage: 42, sentiment: 55 };
    const cal: Calibration = {
      ...DEFAULT_CALIBRATION,
      segments: {
        enterprise: { label: 'Enterprise', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } },
        smb: { label: 'SMB', preset: 'custom', thresholds: { healthy: 70, risk: 45 }, weights: { mrr: 0, touch: 0, usage: 100, sentiment: 0 } },
      },
    };
    // 49 under 75/55 is Risk: 6 points to Watch, and usage from 42 % reaches it.
    const ent = bandLift(a, cal, 'enterprise')!;
    expect(ent).toMatchObject({ band: 'watch', pointsNeeded: 6 });
    expect(ent.lifts.find((x) => x.input === 'usage')).toEqual({ input: 'usage', reachable: true, from: 42, to: 59 });
    expect(scoreAccount({ ...a, usage: 59 }, cal, 'enterprise').band).toBe('watch');
    expect(scoreAccount({ ...a, usage: 58 }, cal, 'enterprise').band).toBe('risk');
    // SMB weighs usage only: the score is 42 (Risk), and usage 45 % reaches Watch; MRR has no weight.
    const smb = bandLift(a, cal, 'smb')!;
    expect(smb).toMatchObject({ band: 'watch', pointsNeeded: 3 });
    expect(smb.lifts.find((x) => x.input === 'usage')).toEqual({ input: 'usage', reachable: true, from: 42, to: 45 });
    expect(smb.lifts.find((x) => x.input === 'mrr')).toEqual({ input: 'mrr', reachable: false, maxPoints: 0 });
    // No segment: the default model, as before.
    expect(bandLift(a, cal)).toMatchObject({ band: 'healthy', pointsNeeded: 21 });
  });
});
