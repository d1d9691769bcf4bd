import { accountColumns } from '../../fixtures/columns';
import {
  DEFAULT_CALIBRATION, PRESET_THRESHOLDS, actFirst, analyzePortfolio, applySegmentPresets, bookSegments,
  pendingSegmentPresets, portfolioSignal, rollup, scoreColumns, suggestSegmentPreset, unusedSegmentOverrides,
  withSegmentOverride, type AccountColumns, type Calibration,
} from '../../../src/lib/engine';

type Row = [name: string, mrr: number, days: number, usage: number, sentiment: number, segment: number];

function book(rows: Row[], segmentDict: string[]): AccountColumns {
  return accountColumns(rows.map(([name, mrr, days, usage, sentiment, segment]) => ({ name, mrr, days, usage, sentiment, segment })), { segmentDict });
}

const SMB_60_35 = { label: 'SMB', preset: 'smb', thresholds: PRESET_THRESHOLDS.smb } as const;
const ENT_75_55 = { label: 'Enterprise', preset: 'enterprise', thresholds: PRESET_THRESHOLDS.enterprise } as const;
const SMB_ENT: Calibration = { ...DEFAULT_CALIBRATION, segments: { smb: SMB_60_35, enterprise: ENT_75_55 } };

/**
 * One book, SMB rows on 60/35 and Enterprise rows on 75/55 (SPEC §4.4), default weights 25/20/30/25:
 *   A  worked $24K account (§4.2)         SMB          → 49  Watch (35 ≤ 49 < 60)   ARR   288,000  at risk   146,880
 *   B  the same account                    Enterprise   → 49  Risk  (49 < 55)        ARR   288,000  at risk   146,880
 *   C  $1K, 0 days, usage 100, sent. 40    SMB          → 0 + 20 + 30 + 10 = 60  Healthy (≥ 60)  ARR 12,000  at risk 4,800
 *   D  $1M, 90 days, usage 50, sent. 40    Enterprise   → 25 + 0 + 15 + 10 = 50  Risk (< 55)     ARR 12,000,000  at risk 6,000,000
 *   E  $1K, 0 days, usage 60, sent. 60     No segment   → 0 + 20 + 18 + 15 = 53  Watch (default 70/45)  ARR 12,000  at risk 5,640
 * Under one default model (70/45) all five are Watch.
 */
const BOOK = book(
  [
    ['A', 24000, 38, 42, 55, 1],
    ['B', 24000, 38, 42, 55, 2],
    ['C', 1000, 0, 100, 40, 1],
    ['D', 1_000_000, 90, 50, 40, 2],
    ['E', 1000, 0, 60, 60, 0],
  ],
  ['', 'SMB', 'Enterprise'],
);

describe('SPEC §4.4 each account is banded with its own segment thresholds', () => {
  const scored = scoreColumns(BOOK, SMB_ENT);

  it('the worked $24K account scores 49 in both segments: Watch under SMB, Risk under Enterprise', () => {
    expect(Array.from(scored.score)).toEqual([49, 49, 60, 50, 53]);
    expect(Array.from(scored.band)).toEqual([1, 2, 0, 2, 1]);
    expect(Array.from(scored.atRisk)).toEqual([146880, 146880, 4800, 6_000_000, 5640]);
  });

  it('band counts, ARR and at-risk ARR add up per band', () => {
    const r = rollup(BOOK, scored);
    expect(r.bands.healthy).toMatchObject({ count: 1, arr: 12_000, atRiskArr: 4800 });
    expect(r.bands.watch).toMatchObject({ count: 2, arr: 300_000, atRiskArr: 152_520 });
    expect(r.bands.risk).toMatchObject({ count: 2, arr: 12_288_000, atRiskArr: 6_146_880 });
    expect(r.totalArr).toBe(12_600_000);
    expect(r.riskArrShare).toBeCloseTo((100 * 12_288_000) / 12_600_000, 9);
    expect(r.expectedAtRiskArr).toBe(6_304_200);
  });

  it('act first lists Risk and Watch accounts by at-risk ARR: the SMB Healthy account is not among them', () =>
    expect(actFirst(BOOK, scored, 10)).toEqual([3, 0, 1, 4]));

  it('the scorecard reads the Risk-band share and the Risk accounts under segment bands', () => {
    const signal = portfolioSignal(BOOK, scored, rollup(BOOK, scored));
    expect(signal.riskArrShare).toBeCloseTo(97.5238095, 6);
    expect(signal.topRiskAccounts).toEqual([{ name: 'D', arr: 12_000_000 }, { name: 'B', arr: 288_000 }]);
  });

  it('under one default model every account is Watch and nothing is in the Risk band', () => {
    const a = analyzePortfolio(BOOK, DEFAULT_CALIBRATION);
    expect(Array.from(a.scored.band)).toEqual([1, 1, 1, 1, 1]);
    expect(a.rollup.riskArrShare).toBe(0);
    expect(a.actFirst).toEqual([3, 0, 1, 4, 2]);
  });

  it('analyzePortfolio agrees with the parts', () => {
    const a = analyzePortfolio(BOOK, SMB_ENT);
    expect(a.rollup).toEqual(rollup(BOOK, scored));
    expect(a.actFirst).toEqual([3, 0, 1, 4]);
  });
});

describe('SPEC §4.4 suggested presets, by whole words of the segment name', () => {
  it.each([
    ['SMB', 'smb'], ['Small Business', 'smb'], ['startup', 'smb'], ['Startups', 'smb'], ['Self-Serve', 'smb'],
    ['self serve', 'smb'], ['Long Tail', 'smb'], ['SMB EMEA', 'smb'],
    ['Mid-Market', 'default'], ['mid market', 'default'], ['Midmarket', 'default'], ['MM', 'default'],
    ['Commercial', 'default'], ['Growth', 'default'],
    ['Enterprise', 'enterprise'], ['Enterprise EMEA', 'enterprise'], ['ENT', 'enterprise'], ['Strategic', 'enterprise'],
    ['Large', 'enterprise'], ['Key Accounts', 'enterprise'], ['key-account', 'enterprise'], ['Global / Strategic', 'enterprise'],
  ] as const)('%j reads as %s', (name, preset) => expect(suggestSegmentPreset(name)).toBe(preset));

  it.each([
    ['Entertainment'], ['Smbx'], ['Largest'], ['Commerce'], ['Key'], ['Accounts'], ['Public sector'], ['MMM'], ['Mid'],
    ['SMB & Enterprise'], [''],
  ])('%j suggests nothing', (name) => expect(suggestSegmentPreset(name)).toBeNull());
});

/** A book with the given segments (one $1K account per spelling, MRR × weight). */
function segmentsBook(labels: Array<[string, number]>): AccountColumns {
  return book(labels.map(([, mrr], i) => [`A${i}`, mrr, 1, 50, 50, i + 1] as Row), ['', ...labels.map(([l]) => l)]);
}

describe('SPEC §4.4 the segments found in the import', () => {
  it('lists accounts and ARR per segment, largest ARR first, "No segment" apart', () => {
    const cols = book(
      [['a', 1000, 1, 1, 1, 1], ['b', 2000, 1, 1, 1, 2], ['c', 5000, 1, 1, 1, 2], ['d', 100, 1, 1, 1, 0], ['e', 3000, 1, 1, 1, 3]],
      ['', 'SMB', 'Enterprise', 'Mid-Market'],
    );
    expect(bookSegments(cols)).toEqual({
      segments: [
        { key: 'enterprise', label: 'Enterprise', accounts: 2, arr: 84_000 },
        { key: 'mid-market', label: 'Mid-Market', accounts: 1, arr: 36_000 },
        { key: 'smb', label: 'SMB', accounts: 1, arr: 12_000 },
      ],
      none: { accounts: 1, arr: 1200 },
    });
  });

  it('entries of a stored book that share a key count as one segment', () => {
    const cols = book([['a', 1000, 1, 1, 1, 1], ['b', 1000, 1, 1, 1, 2], ['c', 1000, 1, 1, 1, 2]], ['', 'smb', 'SMB']);
    expect(bookSegments(cols).segments).toEqual([{ key: 'smb', label: 'SMB', accounts: 3, arr: 36_000 }]);
  });

  it('an override for a segment the book lacks is unused, and kept', () => {
    const cal = withSegmentOverride(SMB_ENT, 'strategic', { label: 'Strategic', preset: 'enterprise', thresholds: PRESET_THRESHOLDS.enterprise });
    const found = bookSegments(segmentsBook([['SMB', 1000]])).segments;
    expect(unusedSegmentOverrides(cal, found).map((u) => u.key)).toEqual(['enterprise', 'strategic']);
    expect(Object.keys(cal.segments ?? {})).toEqual(['smb', 'enterprise', 'strategic']);
  });
});

describe('SPEC §4.4 suggestions change nothing until applied', () => {
  const found = bookSegments(segmentsBook([['Enterprise EMEA', 9000], ['Mid-Market', 5000], ['SMB', 1000], ['Entertainment', 3000]])).segments;

  it('SMB- and Enterprise-like segments without an override are pending; Mid-Market already has the default model', () =>
    expect(pendingSegmentPresets(DEFAULT_CALIBRATION, found)).toEqual([
      { key: 'enterprise emea', label: 'Enterprise EMEA', preset: 'enterprise' },
      { key: 'smb', label: 'SMB', preset: 'smb' },
    ]));

  it('applying sets SMB → 60/35 and Enterprise → 75/55, and leaves nothing pending', () => {
    const cal = applySegmentPresets(DEFAULT_CALIBRATION, pendingSegmentPresets(DEFAULT_CALIBRATION, found));
    expect(cal.segments).toEqual({
      'enterprise emea': { label: 'Enterprise EMEA', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } },
      smb: { label: 'SMB', preset: 'smb', thresholds: { healthy: 60, risk: 35 } },
    });
    expect(pendingSegmentPresets(cal, found)).toEqual([]);
    expect(DEFAULT_CALIBRATION.segments).toBeUndefined();
  });

  it('a segment the user calibrated is never overwritten by a suggestion', () => {
    const mine = withSegmentOverride(DEFAULT_CALIBRATION, 'smb', { label: 'SMB', preset: 'custom', thresholds: { healthy: 65, risk: 30 } });
    expect(pendingSegmentPresets(mine, found).map((s) => s.key)).toEqual(['enterprise emea']);
  });

  it('removing the last override leaves a calibration without segments', () => {
    const one = withSegmentOverride(DEFAULT_CALIBRATION, 'smb', SMB_60_35);
    expect(withSegmentOverride(one, 'smb', null)).toEqual(DEFAULT_CALIBRATION);
  });
});
