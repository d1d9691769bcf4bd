import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountColumns } from '../../fixtures/columns';
import {
  DEFAULT_CALIBRATION, RENEWAL_WINDOW_IDS, actFirstByRenewal, breakdown, coverageFromData,
  renewalWindowCode, riskArrRenewingIn90, rollup, scoreColumns,
  type AccountColumns, type Band, type Calibration, type ScoredColumns,
} from '../../../src/lib/engine';

const TODAY = 20_400; // an epoch day; only differences to it matter
const BAND: Record<Band, number> = { healthy: 0, watch: 1, risk: 2 };

interface Row { name: string; mrr: number; owner: number; segment: number; band: Band; atRisk: number; renewsIn: number }

/** A book whose bands and at-risk ARR are given (roll-ups only add them up). */
function book(rows: Row[], ownerDict: string[], segmentDict: string[]): { cols: AccountColumns; scored: ScoredColumns } {
  const n = rows.length;
  const cols = accountColumns(
    rows.map((r) => ({ name: r.name, mrr: r.mrr, days: 0, usage: 0, sentiment: 0, owner: r.owner, segment: r.segment, renewal: TODAY + r.renewsIn })),
    { ownerDict, segmentDict },
  );
  const scored: ScoredColumns = {
    score: new Uint8Array(n),
    band: Uint8Array.from(rows, (r) => BAND[r.band]),
    atRisk: Float64Array.from(rows, (r) => r.atRisk),
    missing: new Uint8Array(n),
  };
  return { cols, scored };
}

// Two owners (Ana, Ben) and one unassigned account; segments SMB, Enterprise and one without.
const { cols, scored } = book(
  [
    { name: 'Acme', mrr: 1_000, owner: 1, segment: 1, band: 'risk', atRisk: 7_200, renewsIn: -5 },
    { name: 'Bolt', mrr: 2_000, owner: 1, segment: 2, band: 'healthy', atRisk: 4_800, renewsIn: 10 },
    { name: 'Crux', mrr: 5_000, owner: 2, segment: 2, band: 'risk', atRisk: 36_000, renewsIn: 45 },
    { name: 'Dune', mrr: 500, owner: 2, segment: 1, band: 'watch', atRisk: 3_000, renewsIn: 75 },
    { name: 'Echo', mrr: 3_000, owner: 2, segment: 0, band: 'watch', atRisk: 15_000, renewsIn: 200 },
    { name: 'Flux', mrr: 100, owner: 0, segment: 1, band: 'risk', atRisk: 840, renewsIn: Number.NaN },
  ],
  ['', 'Ana', 'Ben'],
  ['', 'SMB', 'Enterprise'],
);

describe('SPEC §4.4 roll-ups by owner: a hand-worked two-owner book', () => {
  const { owners } = breakdown(cols, scored, TODAY);

  it('sorts owners by Risk-band ARR, largest first: Ben, Ana, then Unassigned', () => {
    expect(owners.map((o) => o.name)).toEqual(['Ben', 'Ana', '']);
  });

  it.each([
    // name, accounts, ARR, healthy, watch, risk, Risk-band ARR, at-risk ARR, Risk ARR share %
    ['Ben', 3, 102_000, 0, 2, 1, 60_000, 54_000, (100 * 60_000) / 102_000],
    ['Ana', 2, 36_000, 1, 0, 1, 12_000, 12_000, (100 * 12_000) / 36_000],
    ['', 1, 1_200, 0, 0, 1, 1_200, 840, 100],
  ])('owner %j: %i accounts, ARR %i, %i/%i/%i, Risk ARR %i, at-risk %i, share %f %', (name, count, arr, h, w, r, riskArr, atRisk, share) => {
    const o = owners.find((x) => x.name === name)!;
    expect(o).toMatchObject({ count, arr, healthy: h, watch: w, risk: r, riskArr, atRiskArr: atRisk });
    expect(o.riskShare).toBeCloseTo(share, 10);
  });
});

describe('SPEC §4.4 roll-ups by segment', () => {
  const { segments } = breakdown(cols, scored, TODAY);

  it.each([
    ['Enterprise', 2, 84_000, 1, 0, 1, 60_000, 40_800],
    ['SMB', 3, 19_200, 0, 1, 2, 13_200, 11_040],
    ['', 1, 36_000, 0, 1, 0, 0, 15_000],
  ])('row %#: %j with %i accounts, ARR %i, %i/%i/%i, Risk ARR %i, at-risk %i', (name, count, arr, h, w, r, riskArr, atRisk) => {
    expect(segments.map((s) => s.name)).toEqual(['Enterprise', 'SMB', '']);
    expect(segments.find((s) => s.name === name)).toMatchObject({ count, arr, healthy: h, watch: w, risk: r, riskArr, atRiskArr: atRisk });
  });

  it('a group with no ARR has a Risk ARR share of 0, and groups without accounts are left out', () => {
    const b = book([{ name: 'Zero', mrr: 0, owner: 1, segment: 0, band: 'risk', atRisk: 0, renewsIn: 0 }], ['', 'Ana', 'Nobody'], ['']);
    const r = breakdown(b.cols, b.scored, TODAY);
    expect(r.owners).toHaveLength(1);
    expect(r.owners[0]).toMatchObject({ name: 'Ana', count: 1, riskArr: 0, riskShare: 0 });
  });

  it("uses each account's own segment bands: the §4.2 example is Watch by default, Risk under Enterprise 75/55", () => {
    const c = accountColumns(
      ['Ent', 'Mid'].map((name, i) => ({ name, mrr: 24_000, days: 38, usage: 42, sentiment: 55, segment: i + 1 })),
      { segmentDict: ['', 'Enterprise', 'Mid-Market'] },
    );
    const cal: Calibration = {
      ...structuredClone(DEFAULT_CALIBRATION),
      segments: { enterprise: { label: 'Enterprise', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } } },
    };
    const { segments } = breakdown(c, scoreColumns(c, cal), TODAY);
    expect(segments.map((s) => [s.name, s.watch, s.risk, s.riskArr, s.atRiskArr])).toEqual([
      ['Enterprise', 0, 1, 288_000, 146_880],
      ['Mid-Market', 1, 0, 0, 146_880],
    ]);
  });
});

describe('SPEC §4.4 coverage from the data: accounts ÷ distinct non-blank owners', () => {
  it('six accounts over Ana and Ben is 1:3 (the unassigned account counts as an account, not an owner)', () => {
    expect(coverageFromData(cols)).toEqual({ accounts: 6, owners: 2, perOwner: 3 });
  });

  it('is null when no account has an owner (no owner column)', () => {
    const b = book([{ name: 'A', mrr: 1, owner: 0, segment: 0, band: 'healthy', atRisk: 0, renewsIn: 0 }], [''], ['']);
    expect(coverageFromData(b.cols)).toBeNull();
  });

  it('counts only owners that hold accounts', () => {
    const b = book(
      [
        { name: 'A', mrr: 1, owner: 2, segment: 0, band: 'healthy', atRisk: 0, renewsIn: 0 },
        { name: 'B', mrr: 1, owner: 2, segment: 0, band: 'healthy', atRisk: 0, renewsIn: 0 },
        { name: 'C', mrr: 1, owner: 3, segment: 0, band: 'healthy', atRisk: 0, renewsIn: 0 },
      ],
      ['', 'Unused', 'Kim', 'Lee'],
      [''],
    );
    expect(coverageFromData(b.cols)).toEqual({ accounts: 3, owners: 2, perOwner: 1.5 });
  });
});

describe('SPEC §4.5 renewal windows', () => {
  it.each([
    [-400, 'overdue'], [-1, 'overdue'], [0, '30'], [30, '30'], [31, '60'], [60, '60'], [61, '90'],
    [90, '90'], [91, '180'], [180, '180'], [181, 'later'], [182, 'later'], [3000, 'later'], [80_000, 'later'],
    [-80_000, 'overdue'], [Number.NaN, 'none'],
  ])('%f days to renewal falls in window %s', (days, window) => {
    expect(RENEWAL_WINDOW_IDS[renewalWindowCode(days)]).toBe(window);
  });

  const windows = breakdown(cols, scored, TODAY).renewals;

  it('lists the windows in order: overdue, 30, 60, 90, 180, later, none', () => {
    expect(windows.map((w) => w.window)).toEqual([...RENEWAL_WINDOW_IDS]);
  });

  it.each([
    // window, accounts, ARR, Risk-band ARR, at-risk ARR, ARR by band [healthy, watch, risk]
    ['overdue', 1, 12_000, 12_000, 7_200, [0, 0, 12_000]],
    ['30', 1, 24_000, 0, 4_800, [24_000, 0, 0]],
    ['60', 1, 60_000, 60_000, 36_000, [0, 0, 60_000]],
    ['90', 1, 6_000, 0, 3_000, [0, 6_000, 0]],
    ['180', 0, 0, 0, 0, [0, 0, 0]],
    ['later', 1, 36_000, 0, 15_000, [0, 36_000, 0]],
    ['none', 1, 1_200, 1_200, 840, [0, 0, 1_200]],
  ])('window %s: %i accounts, ARR %i, Risk ARR %i, at-risk %i', (window, count, arr, riskArr, atRiskArr, bandArr) => {
    expect(windows.find((w) => w.window === window)).toEqual({ window, count, arr, riskArr, atRiskArr, bandArr });
  });

  it('one pass gives owners, segments and windows together (hand-worked above)', () => {
    const b = breakdown(cols, scored, TODAY);
    expect(b.owners.map((o) => [o.name, o.count, o.riskArr])).toEqual([['Ben', 3, 60_000], ['Ana', 2, 12_000], ['', 1, 1_200]]);
    expect(b.segments.map((o) => [o.name, o.count, o.riskArr])).toEqual([['Enterprise', 2, 60_000], ['SMB', 3, 13_200], ['', 1, 0]]);
    expect(b.renewals.map((w) => w.count)).toEqual([1, 1, 1, 1, 0, 1, 1]);
  });

  it('"Risk ARR renewing in the next 90 days" is the 30 + 60 + 90 rows: $60,000 (the overdue account is not in it)', () => {
    expect(riskArrRenewingIn90(windows)).toBe(60_000);
  });

  it('counts days from today: fifty days on, the accounts renewing in 10 and 45 days are overdue too', () => {
    expect(breakdown(cols, scored, TODAY + 50).renewals.find((w) => w.window === 'overdue')!.count).toBe(3);
  });
});

describe('SPEC §4.5 act-first by renewal: Risk and Watch only, overdue first, then soonest, no date last', () => {
  it('orders Acme (overdue), Crux, Dune, Echo, then Flux (no date); Bolt is Healthy and left out', () => {
    expect(actFirstByRenewal(cols, scored, 10).map((i) => ['Acme', 'Bolt', 'Crux', 'Dune', 'Echo', 'Flux'][i])).toEqual([
      'Acme', 'Crux', 'Dune', 'Echo', 'Flux',
    ]);
  });

  it('keeps the soonest when limited, and the most overdue leads', () => {
    const b = book(
      [
        { name: 'late', mrr: 1, owner: 0, segment: 0, band: 'watch', atRisk: 1, renewsIn: 400 },
        { name: 'over1', mrr: 1, owner: 0, segment: 0, band: 'risk', atRisk: 1, renewsIn: -1 },
        { name: 'undated', mrr: 1, owner: 0, segment: 0, band: 'risk', atRisk: 99, renewsIn: Number.NaN },
        { name: 'over30', mrr: 1, owner: 0, segment: 0, band: 'watch', atRisk: 1, renewsIn: -30 },
        { name: 'today-small', mrr: 1, owner: 0, segment: 0, band: 'risk', atRisk: 5, renewsIn: 0 },
        { name: 'today-big', mrr: 1, owner: 0, segment: 0, band: 'risk', atRisk: 50, renewsIn: 0 },
      ],
      [''],
      [''],
    );
    expect(actFirstByRenewal(b.cols, b.scored, 4)).toEqual([3, 1, 5, 4]);
    expect(actFirstByRenewal(b.cols, b.scored, 0)).toEqual([]);
  });
});

describe('property: per-window, per-owner and per-segment sums equal the portfolio totals', () => {
  const account = fc.record({
    mrr: fc.integer({ min: 0, max: 2_000_000 }),
    days: fc.integer({ min: 0, max: 400 }),
    usage: fc.integer({ min: 0, max: 100 }),
    sentiment: fc.integer({ min: 0, max: 100 }),
    owner: fc.integer({ min: 0, max: 4 }),
    segment: fc.integer({ min: 0, max: 3 }),
    renewsIn: fc.oneof(fc.integer({ min: -500, max: 500 }), fc.constant(Number.NaN)),
  });

  it('holds for random books', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 60 }), (rows) => {
        const c = accountColumns(
          rows.map((r, i) => ({ name: `A${i}`, mrr: r.mrr, days: r.days, usage: r.usage, sentiment: r.sentiment, owner: r.owner, segment: r.segment, renewal: TODAY + r.renewsIn, line: 0 })),
          { ownerDict: ['', 'a', 'b', 'c', 'd'], segmentDict: ['', 'x', 'y', 'z'] },
        );
        const s = scoreColumns(c, DEFAULT_CALIBRATION);
        const total = rollup(c, s);
        const g = breakdown(c, s, TODAY);
        const sums = (xs: Array<{ count: number; arr: number; riskArr: number; atRiskArr: number }>) => ({
          count: xs.reduce((a, x) => a + x.count, 0),
          arr: xs.reduce((a, x) => a + x.arr, 0),
          riskArr: xs.reduce((a, x) => a + x.riskArr, 0),
          atRiskArr: xs.reduce((a, x) => a + x.atRiskArr, 0),
        });
        for (const parts of [g.owners, g.segments, breakdown(c, s, TODAY).renewals]) {
          const t = sums(parts);
          expect(t.count).toBe(total.count);
          expect(t.arr).toBe(total.totalArr);
          expect(t.riskArr).toBe(total.bands.risk.arr);
          expect(t.atRiskArr).toBeCloseTo(total.expectedAtRiskArr, 4);
        }
        for (const o of [...g.owners, ...g.segments]) expect(o.healthy + o.watch + o.risk).toBe(o.count);
      }),
    );
  });
});
