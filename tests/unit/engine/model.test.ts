import { accountColumns } from '../../fixtures/columns';
import fc from 'fast-check';
import {
  DEFAULT_CALIBRATION, PRESET_THRESHOLDS, calibrationKey, effectiveWeights, inputsUsed, missingMask, modelFor,
  presentFromMask, scoreAccount, scoreColumns, segmentKey, type AccountColumns, type Calibration,
  type Weights,
} from '../../../src/lib/engine';

const WORKED = { mrr: 24000, days: 38, usage: 42, sentiment: 55 };
const withSegments = (segments: Calibration['segments']): Calibration => ({ ...DEFAULT_CALIBRATION, segments });
const SMB_ENT = withSegments({
  smb: { label: 'SMB', preset: 'smb', thresholds: PRESET_THRESHOLDS.smb },
  enterprise: { label: 'Enterprise', preset: 'enterprise', thresholds: PRESET_THRESHOLDS.enterprise },
});

describe('SPEC §4.4 segment key', () => {
  it.each([
    ['Mid-Market', 'mid-market'],
    ['mid-market ', 'mid-market'],
    ['MID-MARKET', 'mid-market'],
    ['  Key \t  Accounts ', 'key accounts'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (raw, key) => expect(segmentKey(raw)).toBe(key));
});

describe('SPEC §4.1 scoring on the inputs present: weights renormalised to 100', () => {
  const round2 = (w: Weights) => [w.mrr, w.touch, w.usage, w.sentiment].map((x) => +x.toFixed(2));
  it.each([
    ['all four', { touch: true, usage: true, sentiment: true }, [25, 20, 30, 25]],
    ['no usage column: 25/20/25 → 35.71/28.57/35.71', { touch: true, usage: false, sentiment: true }, [35.71, 28.57, 0, 35.71]],
    ['no last touch', { touch: false, usage: true, sentiment: true }, [31.25, 0, 37.5, 31.25]],
    ['no sentiment', { touch: true, usage: true, sentiment: false }, [33.33, 26.67, 40, 0]],
    ['2 of 4: MRR and usage', { touch: false, usage: true, sentiment: false }, [45.45, 0, 54.55, 0]],
    ['1 of 4: MRR only', { touch: false, usage: false, sentiment: false }, [100, 0, 0, 0]],
  ] as const)('%s', (_, present, want) => expect(round2(effectiveWeights(DEFAULT_CALIBRATION.weights, present))).toEqual(want));

  it('every renormalised weight set sums to 100', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }), (mask, raw) => {
        const total = raw.reduce((a, b) => a + b, 0);
        const w = { mrr: (raw[0] * 100) / total, touch: (raw[1] * 100) / total, usage: (raw[2] * 100) / total, sentiment: (raw[3] * 100) / total };
        const e = effectiveWeights(w, presentFromMask(mask));
        expect(e.mrr + e.touch + e.usage + e.sentiment).toBeCloseTo(100, 9);
      }),
    ));

  it('the worked example is unchanged with all four inputs: 49, Watch, $146,880', () => {
    const r = scoreAccount(WORKED, DEFAULT_CALIBRATION);
    expect([r.score, r.band, r.atRiskArr, r.inputsUsed]).toEqual([49, 'watch', 146880, 4]);
  });

  it('the worked example without usage: (0.3571×46.0 + 0.2857×57.8 + 0.3571×55) → 53, Watch', () => {
    const r = scoreAccount({ ...WORKED, usage: NaN }, DEFAULT_CALIBRATION);
    // size 45.9999…, engagement 57.777…: (25·size + 20·eng + 25·55) / 70
    const want = (25 * r.normalised.size + 20 * r.normalised.engagement + 25 * 55) / 70;
    expect(r.raw).toBeCloseTo(want, 9);
    expect([r.score, r.band, r.inputsUsed, r.contributions.usage]).toEqual([53, 'watch', 3, 0]);
    expect(Number.isNaN(r.normalised.usage)).toBe(true);
  });

  it('a missing value is never read as 0', () => {
    const zero = scoreAccount({ ...WORKED, sentiment: 0 }, DEFAULT_CALIBRATION);
    const none = scoreAccount({ ...WORKED, sentiment: NaN }, DEFAULT_CALIBRATION);
    expect(none.score).toBeGreaterThan(zero.score);
  });

  it.each([
    [0, 4], [1, 3], [2, 3], [4, 3], [3, 2], [5, 2], [6, 2], [7, 1],
  ])('missing mask %d → %d inputs used', (mask, n) => {
    expect(inputsUsed(mask)).toBe(n);
    expect(missingMask(presentFromMask(mask))).toBe(mask);
  });
});

function book(rows: Array<[string, number, number, number, number, string]>): AccountColumns {
  const dict = [''];
  const seg = rows.map((r) => {
    if (!r[5]) return 0;
    const k = dict.indexOf(r[5]);
    return k >= 0 ? k : dict.push(r[5]) - 1;
  });
  return accountColumns(rows.map(([name, mrr, days, usage, sentiment], i) => ({ name, mrr, days, usage, sentiment, segment: seg[i] })), { segmentDict: dict });
}

describe('SPEC §4.4 per-segment bands', () => {
  it('the worked $24K account (49) is Watch under SMB 60/35 and Risk under Enterprise 75/55', () => {
    expect(scoreAccount(WORKED, SMB_ENT, 'smb').band).toBe('watch');
    expect(scoreAccount(WORKED, SMB_ENT, 'enterprise').band).toBe('risk');
    expect(scoreAccount(WORKED, SMB_ENT, '').band).toBe('watch');
  });

  it('scoreColumns bands each row with its own segment, matched case- and space-insensitively', () => {
    const c = book([
      ['A', 24000, 38, 42, 55, 'SMB'],
      ['B', 24000, 38, 42, 55, ' ENTERPRISE '],
      ['C', 24000, 38, 42, 55, 'Mid-Market'],
      ['D', 24000, 38, 42, 55, ''],
      ['E', 24000, 38, 42, 58, 'smb'],
    ]);
    const s = scoreColumns(c, SMB_ENT);
    expect(Array.from(s.score)).toEqual([49, 49, 49, 49, 50]);
    expect(Array.from(s.band)).toEqual([1, 2, 1, 1, 1]);
  });

  it('a segment with its own weights scores with them; others keep the default weights', () => {
    const cal = withSegments({
      ent: { label: 'Ent', preset: 'default', thresholds: PRESET_THRESHOLDS.default, weights: { mrr: 40, touch: 20, usage: 20, sentiment: 20 } },
    });
    const ent = scoreAccount(WORKED, cal, 'ent');
    expect(ent.weights).toEqual({ mrr: 40, touch: 20, usage: 20, sentiment: 20 });
    expect(ent.raw).toBeCloseTo((40 * ent.normalised.size + 20 * ent.normalised.engagement + 20 * 42 + 20 * 55) / 100, 9);
    expect(modelFor(cal, 'other').weights).toEqual(DEFAULT_CALIBRATION.weights);
  });

  it('scoreColumns agrees with scoreAccount row by row, with segments and missing inputs', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 3e6, noNaN: true }),
            fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 400, noNaN: true })),
            fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 100, noNaN: true })),
            fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 100, noNaN: true })),
            fc.constantFrom('', 'SMB', 'enterprise', 'Other'),
          ),
          { maxLength: 40 },
        ),
        (rows) => {
          const c = book(rows.map((r, i) => [`n${i}`, ...r]));
          const s = scoreColumns(c, SMB_ENT);
          rows.forEach((r, i) => {
            const e = scoreAccount({ mrr: r[0], days: r[1], usage: r[2], sentiment: r[3] }, SMB_ENT, segmentKey(r[4]));
            expect([s.score[i], ['healthy', 'watch', 'risk'][s.band[i]], s.atRisk[i], 4 - s.missing[i] + 0]).toEqual([
              e.score, e.band, e.atRiskArr, 4 - missingMask({ touch: !Number.isNaN(r[1]), usage: !Number.isNaN(r[2]), sentiment: !Number.isNaN(r[3]) }),
            ]);
          });
        },
      ),
    ));

  it('with all four inputs and no segments, scores are exactly the pre-segment formula', () =>
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3e6, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (mrr, days, usage, sentiment) => {
        const r = scoreAccount({ mrr, days, usage, sentiment }, DEFAULT_CALIBRATION);
        const n = r.normalised;
        expect(r.raw).toBe((25 * n.size) / 100 + (20 * n.engagement) / 100 + (30 * n.usage) / 100 + (25 * n.sentiment) / 100);
      }),
    ));

  it('the calibration key changes with a segment override and not with its label', () => {
    const a = calibrationKey(SMB_ENT);
    expect(a).not.toBe(calibrationKey(DEFAULT_CALIBRATION));
    const relabelled = withSegments({ ...SMB_ENT.segments, smb: { ...SMB_ENT.segments!.smb, label: 'Small biz' } });
    expect(calibrationKey(relabelled)).toBe(a);
  });
});
