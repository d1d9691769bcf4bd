import fc from 'fast-check';
import {
  DEFAULT_CALIBRATION, DEFAULT_QUERY, PRESET_THRESHOLDS, actFirst, analyzePortfolio, calibrationKey, isDefaultQuery, matchAccounts, movement,
  portfolioSignal, preparePortfolio, preparedBuffers, preparedOrder, preparedPreviousBuffers, queryAccounts, reusedAnalysis, reusedMatch,
  reusedMovement, reusedOrder, reusedPreviousScores, rollup, scoreColumns, type AccountQuery, type Calibration, type PreparedPair,
} from '../../../src/lib/engine';
import { columns } from '../../fixtures/columns';

const BOOK = columns([
  ['Acme', 24000, 38, 42, 55], // SPEC worked example: 49, Watch, $146,880 at risk
  ['Globex', 50000, 80, 10, 20],
  ['Initech', 2000, 5, 95, 90],
  ['Umbrella', 8000, 60, 30, 40],
  ['Hooli', 1500, 10, 80, 80],
]);
const cal = (patch: Partial<Calibration> = {}): Calibration => ({ ...structuredClone(DEFAULT_CALIBRATION), ...patch });

describe('analyzePortfolio / preparePortfolio: one computation of what the page shows', () => {
  it('matches scoring, roll-up, act-first, signal and the default table order done one by one', () => {
    const scored = scoreColumns(BOOK, DEFAULT_CALIBRATION);
    const r = rollup(BOOK, scored);
    const p = preparePortfolio(BOOK, DEFAULT_CALIBRATION);
    expect(p.analysis.scored).toEqual(scored);
    expect(p.analysis.rollup).toEqual(r);
    expect(p.analysis.actFirst).toEqual(actFirst(BOOK, scored, 10));
    expect(p.analysis.signal).toEqual(portfolioSignal(BOOK, scored, r));
    expect([...p.order]).toEqual([...queryAccounts(BOOK, scored, { ...DEFAULT_QUERY, today: 20_000 })]);
    expect(p.key).toBe(calibrationKey(DEFAULT_CALIBRATION));
    expect(p.analysis.scored.score[0]).toBe(49);
    expect(p.analysis.scored.atRisk[0]).toBe(146_880);
  });

  it('an empty portfolio has totals of zero and no signal', () => {
    const a = analyzePortfolio(columns([]), DEFAULT_CALIBRATION);
    expect(a.signal).toBeNull();
    expect(a.rollup.count).toBe(0);
    expect(a.actFirst).toEqual([]);
  });

  it('names each typed array once, to move between threads', () => {
    const list = preparedBuffers(preparePortfolio(BOOK, DEFAULT_CALIBRATION));
    expect(list).toHaveLength(5);
    expect(new Set(list).size).toBe(5);
  });
});

describe('calibrationKey: equal exactly when every account scores alike', () => {
  it('ignores the preset name alone', () => {
    expect(calibrationKey(cal({ preset: 'custom' }))).toBe(calibrationKey(cal()));
  });

  it.each([
    ['a weight', cal({ weights: { mrr: 30, touch: 20, usage: 30, sentiment: 20 } })],
    ['the healthy threshold', cal({ thresholds: { ...PRESET_THRESHOLDS.default, healthy: 71 } })],
    ['the risk threshold', cal({ thresholds: { ...PRESET_THRESHOLDS.default, risk: 44 } })],
    ['the MRR scale', cal({ scale: { minMrr: 1000, maxMrr: 500_000 } })],
    ['the touch horizon', cal({ horizonDays: 60 })],
  ])('changes with %s', (_, other) => {
    expect(calibrationKey(other)).not.toBe(calibrationKey(cal()));
  });

  it('calibrations with one key score a book identically; any scoring difference changes the key', () => {
    // Small domains, so equal and unequal pairs both come up often.
    const calibration = fc.record({
      weights: fc.constantFrom({ mrr: 25, touch: 20, usage: 30, sentiment: 25 }, { mrr: 40, touch: 20, usage: 20, sentiment: 20 }),
      thresholds: fc.constantFrom({ healthy: 70, risk: 45 }, { healthy: 60, risk: 35 }),
      scale: fc.constantFrom({ minMrr: 1000, maxMrr: 1_000_000 }, { minMrr: 500, maxMrr: 200_000 }),
      horizonDays: fc.constantFrom(90, 60),
      preset: fc.constantFrom('default', 'smb', 'enterprise', 'custom' as const),
    });
    fc.assert(
      fc.property(calibration, calibration, (a, b) => {
        const same = JSON.stringify([a.weights, a.thresholds, a.scale, a.horizonDays]) === JSON.stringify([b.weights, b.thresholds, b.scale, b.horizonDays]);
        expect(calibrationKey(a) === calibrationKey(b)).toBe(same);
        // b with a's scoring fields (its own preset name): one key, and every account scores alike
        const alike = { ...b, weights: a.weights, thresholds: a.thresholds, scale: a.scale, horizonDays: a.horizonDays };
        expect(calibrationKey(alike)).toBe(calibrationKey(a));
        expect(scoreColumns(BOOK, alike)).toEqual(scoreColumns(BOOK, a));
      }),
    );
  });
});

describe('isDefaultQuery: the view the import orders ahead', () => {
  const q = (patch: Partial<AccountQuery> = {}): AccountQuery => ({ ...DEFAULT_QUERY, today: 20_000, ...patch });
  it.each([
    ['the default', q(), true],
    ['another day', q({ today: 1 }), true],
    ['blank search', q({ search: '   ' }), true],
    ['another sort', q({ sort: 'score' }), false],
    ['ascending', q({ dir: 'asc' }), false],
    ['a band filter', q({ bands: ['risk'] }), false],
    ['an owner', q({ owner: 1 }), false],
    ['a segment', q({ segment: 2 }), false],
    ['a renewal window', q({ renewalWithin: 30 }), false],
    ['a search', q({ search: 'acme' }), false],
  ])('%s → %s', (_, query, expected) => {
    expect(isDefaultQuery(query)).toBe(expected);
  });
});

describe('the prepared-result rule (engine/prepared.ts invariant)', () => {
  const prepared = { columns: BOOK, prepared: preparePortfolio(BOOK, DEFAULT_CALIBRATION) };
  const query = { ...DEFAULT_QUERY, today: 20_000 };

  it('reuses the analysis for the very columns under a calibration with the same key only', () => {
    expect(reusedAnalysis(prepared, BOOK, cal())).toBe(prepared.prepared.analysis);
    expect(reusedAnalysis(prepared, { ...BOOK }, cal())).toBeNull();
    expect(reusedAnalysis(prepared, BOOK, cal({ thresholds: PRESET_THRESHOLDS.enterprise, preset: 'enterprise' }))).toBeNull();
    expect(reusedAnalysis(null, BOOK, cal())).toBeNull();
  });

  it('reuses the order while the prepared analysis is shown and the table shows the default view', () => {
    const order = preparedOrder(prepared, prepared.prepared.analysis);
    expect(order).toBe(prepared.prepared.order);
    expect(preparedOrder(prepared, analyzePortfolio(BOOK, DEFAULT_CALIBRATION))).toBeNull();
    expect(reusedOrder(order, query)).toBe(order);
    expect(reusedOrder(order, { ...query, search: 'acme' })).toBeNull();
    expect(reusedOrder(null, query)).toBeNull();
  });
});

describe('the prepared-result rule for the previous import (restored at start-up)', () => {
  const PREV = columns([['Acme', 20_000, 5, 90, 90], ['Beta', 1000, 80, 10, 10], ['Gone', 3000, 10, 50, 50]]);
  const scored = scoreColumns(PREV, DEFAULT_CALIBRATION);
  const match = matchAccounts(PREV, BOOK);
  const pair: PreparedPair = {
    prev: PREV, cur: BOOK,
    prepared: {
      key: calibrationKey(DEFAULT_CALIBRATION), scored, match,
      movement: movement({ cols: PREV, scored, asOfDay: 20_000 }, { cols: BOOK, scored: scoreColumns(BOOK, DEFAULT_CALIBRATION), asOfDay: 20_090 }, match),
    },
  };
  const other = cal({ thresholds: PRESET_THRESHOLDS.enterprise, preset: 'enterprise' });
  const reused = (p: PreparedPair | null, prev: typeof PREV, cur: typeof BOOK, c: Calibration) => [
    reusedPreviousScores(p, prev, c) === scored, reusedMatch(p, prev, cur) === match, reusedMovement(p, prev, cur, c) === pair.prepared.movement,
  ];

  it.each([
    // [what, prev, cur, calibration, [scores, match, movement] reused]
    ['the very pair under a calibration of the same key: all of it', PREV, BOOK, cal({ preset: 'custom' }), [true, true, true]],
    ['another calibration: the match only (it does not depend on it)', PREV, BOOK, other, [false, true, false]],
    ['another current book: the previous scores only', PREV, { ...BOOK }, cal(), [true, false, false]],
    ['another previous book: nothing', { ...PREV }, BOOK, cal(), [false, false, false]],
  ])('%s', (_, prev, cur, c, expected) => {
    expect(reused(pair, prev, cur, c)).toEqual(expected);
  });

  it('reuses nothing when nothing was prepared', () => {
    expect([reusedPreviousScores(null, PREV, cal()), reusedMatch(null, PREV, BOOK), reusedMovement(null, PREV, BOOK, cal())]).toEqual([null, null, null]);
  });

  it('names each typed array once, to move between threads (the movement shares the match\'s)', () => {
    const list = preparedPreviousBuffers(pair.prepared);
    expect([list.length, new Set(list).size]).toEqual([10, 10]);
  });
});
