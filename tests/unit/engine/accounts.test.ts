import fc from 'fast-check';
import {
  nameAt,
  DEFAULT_CALIBRATION, PRESET_THRESHOLDS, actFirst, bandOf, queryAccounts, rollup, scoreAccount, scoreColumns,
  validateThresholds, validateWeights, DEFAULT_QUERY, type Calibration,
} from '../../../src/lib/engine';
import { columns } from '../../fixtures/columns';

describe('SPEC §4.2 worked example (must hold exactly)', () => {
  const r = scoreAccount({ mrr: 24000, days: 38, usage: 42, sentiment: 55 }, DEFAULT_CALIBRATION);
  it('size 46.0, engagement 57.8', () => {
    expect(r.normalised.size.toFixed(1)).toBe('46.0');
    expect(r.normalised.engagement.toFixed(1)).toBe('57.8');
  });
  it('score 49.41 → 49, Watch, at-risk ARR $146,880', () => {
    expect(r.raw.toFixed(2)).toBe('49.41');
    expect(r.score).toBe(49);
    expect(r.band).toBe('watch');
    expect(r.atRiskArr).toBe(146880);
  });
  it('the four contributions add up to the score', () => {
    const c = r.contributions;
    expect(c.mrr + c.touch + c.usage + c.sentiment).toBeCloseTo(r.raw, 12);
    expect(c.usage).toBeCloseTo(12.6, 12);
    expect(c.sentiment).toBeCloseTo(13.75, 12);
  });
  it('says what moves it up a band', () => expect(r.nextBand).toEqual({ band: 'healthy', pointsNeeded: 21 }));
});

describe('SPEC §4.1 normalisation', () => {
  it.each([
    [1000, 0], [1_000_000, 100], [500, 0], [2_000_000, 100], [31_622.776601683792, 50], [0, 0], [-5, 0],
  ])('MRR $%d → size %d', (mrr, size) =>
    expect(scoreAccount({ mrr, days: 0, usage: 0, sentiment: 0 }, DEFAULT_CALIBRATION).normalised.size).toBeCloseTo(size, 9));
  it.each([[0, 100], [45, 50], [90, 0], [200, 0]])('%d days since touch → engagement %d', (days, e) =>
    expect(scoreAccount({ mrr: 1000, days, usage: 0, sentiment: 0 }, DEFAULT_CALIBRATION).normalised.engagement).toBeCloseTo(e, 9));
  it('clamps usage and sentiment to 0–100', () => {
    const r = scoreAccount({ mrr: 1000, days: 90, usage: 140, sentiment: -3 }, DEFAULT_CALIBRATION);
    expect(r.normalised).toMatchObject({ usage: 100, sentiment: 0 });
  });
});

describe('SPEC §4.2 band boundaries under every preset', () => {
  it.each([
    ['default', 70, 'healthy'], ['default', 69, 'watch'], ['default', 45, 'watch'], ['default', 44, 'risk'],
    ['smb', 60, 'healthy'], ['smb', 59, 'watch'], ['smb', 35, 'watch'], ['smb', 34, 'risk'],
    ['enterprise', 75, 'healthy'], ['enterprise', 74, 'watch'], ['enterprise', 55, 'watch'], ['enterprise', 54, 'risk'],
  ] as const)('%s: %d is %s', (preset, score, band) => expect(bandOf(score, PRESET_THRESHOLDS[preset])).toBe(band));

  it('bands the rounded score: 69.5 is Healthy, 44.4 is Risk', () => {
    // usage-only weights make the score equal the usage input
    const cal: Calibration = { ...DEFAULT_CALIBRATION, weights: { mrr: 0, touch: 0, usage: 100, sentiment: 0 } };
    expect(scoreAccount({ mrr: 1, days: 0, usage: 69.5, sentiment: 0 }, cal)).toMatchObject({ score: 70, band: 'healthy' });
    expect(scoreAccount({ mrr: 1, days: 0, usage: 44.4, sentiment: 0 }, cal)).toMatchObject({ score: 44, band: 'risk' });
  });
});

describe('calibration validation', () => {
  it.each([
    [{ mrr: 25, touch: 20, usage: 30, sentiment: 25 }, true],
    [{ mrr: 0, touch: 0, usage: 100, sentiment: 0 }, true],
    [{ mrr: 25, touch: 20, usage: 30, sentiment: 24 }, false],
    [{ mrr: 50, touch: 50, usage: 30, sentiment: -30 }, false],
    [{ mrr: Number.NaN, touch: 20, usage: 30, sentiment: 25 }, false],
    [{ mrr: 33.3, touch: 33.3, usage: 33.4, sentiment: 0 }, true],
  ])('weights %o valid: %s', (w, valid) => expect(validateWeights(w).ok).toBe(valid));

  it('says what the weights sum to', () => {
    const r = validateWeights({ mrr: 25, touch: 20, usage: 30, sentiment: 20 });
    expect(r).toEqual({ ok: false, reason: 'weights must sum to 100 (they sum to 95)' });
  });

  it.each([
    [{ healthy: 70, risk: 45 }, true], [{ healthy: 45, risk: 45 }, false], [{ healthy: 40, risk: 45 }, false],
    [{ healthy: 101, risk: 45 }, false], [{ healthy: 70.5, risk: 45 }, false],
  ])('thresholds %o valid: %s', (t, valid) => expect(validateThresholds(t).ok).toBe(valid));
});

describe('SPEC §4.3 portfolio', () => {
  const cols = columns([
    ['Acme', 24000, 38, 42, 55], // 49 watch, 146,880
    ['Globex', 50000, 80, 10, 20], // risk
    ['Initech', 2000, 5, 95, 90], // healthy
    ['Umbrella', 8000, 60, 30, 40], // risk
  ]);
  const scored = scoreColumns(cols, DEFAULT_CALIBRATION);

  it('columnar scoring agrees with the single-account explanation', () => {
    for (let i = 0; i < cols.count; i++) {
      const one = scoreAccount({ mrr: cols.mrr[i], days: cols.days[i], usage: cols.usage[i], sentiment: cols.sentiment[i] }, DEFAULT_CALIBRATION);
      expect([scored.score[i], ['healthy', 'watch', 'risk'][scored.band[i]], scored.atRisk[i]]).toEqual([one.score, one.band, one.atRiskArr]);
    }
    expect(scored.score[0]).toBe(49);
    expect(scored.atRisk[0]).toBe(146880);
  });

  it('rolls up count, %, ARR and at-risk ARR per band, and the Risk-ARR share', () => {
    const r = rollup(cols, scored);
    expect(r.totalArr).toBe(84000 * 12);
    expect(r.bands.watch).toMatchObject({ count: 1, pct: 25, arr: 288000, atRiskArr: 146880 });
    expect(r.bands.risk.count).toBe(2);
    expect(r.bands.risk.arr).toBe(58000 * 12);
    expect(r.riskArrShare).toBeCloseTo((100 * 58000) / 84000, 9);
    expect(r.expectedAtRiskArr).toBeCloseTo(scored.atRisk.reduce((s, x) => s + x, 0), 6);
  });

  it('act first: Risk and Watch accounts by at-risk ARR, largest first', () => {
    expect(actFirst(cols, scored).map((i) => nameAt(cols.name, i))).toEqual(['Globex', 'Acme', 'Umbrella']);
    expect(actFirst(cols, scored, 1).map((i) => nameAt(cols.name, i))).toEqual(['Globex']);
  });

  it('an empty portfolio rolls up to zeros, not NaN', () => {
    const r = rollup(columns([]), scoreColumns(columns([]), DEFAULT_CALIBRATION));
    expect(r).toMatchObject({ count: 0, totalArr: 0, riskArrShare: 0, expectedAtRiskArr: 0 });
  });

  it('queries: filter by band and name, sort by any column', () => {
    const q = { ...DEFAULT_QUERY, today: 20000 };
    const names = (idx: Uint32Array) => Array.from(idx, (i) => nameAt(cols.name, i));
    expect(names(queryAccounts(cols, scored, q))).toEqual(['Globex', 'Acme', 'Umbrella', 'Initech']);
    expect(names(queryAccounts(cols, scored, { ...q, bands: ['risk'] }))).toEqual(['Globex', 'Umbrella']);
    expect(names(queryAccounts(cols, scored, { ...q, sort: 'name', dir: 'asc' }))).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
    expect(names(queryAccounts(cols, scored, { ...q, search: 'GLO' }))).toEqual(['Globex']);
  });

  it('sorts names, owners and segments in one text order: accents beside their letter, case ignored', () => {
    const c = columns([['Zeta', 1, 1, 1, 1], ['Émile', 1, 1, 1, 1], ['zeta', 1, 1, 1, 1], ['Emile', 1, 1, 1, 1], ['Eve', 1, 1, 1, 1]]);
    const books = { ...c, owner: Uint32Array.of(1, 2, 0, 3, 2), ownerDict: ['', 'Zoë', 'Émile', 'ada'], segment: Uint32Array.of(2, 3, 0, 1, 2), segmentDict: ['', 'zulu', 'Émile', 'ember'] };
    const s = scoreColumns(books, DEFAULT_CALIBRATION);
    const q = { ...DEFAULT_QUERY, today: 20000, dir: 'asc' as const };
    const names = (idx: Uint32Array) => Array.from(idx, (i) => nameAt(books.name, i));
    expect(names(queryAccounts(books, s, { ...q, sort: 'name' }))).toEqual(['Emile', 'Émile', 'Eve', 'Zeta', 'zeta']);
    expect(names(queryAccounts(books, s, { ...q, sort: 'name', dir: 'desc' }))).toEqual(['Zeta', 'zeta', 'Eve', 'Émile', 'Emile']);
    // owners ada, Émile, Émile, Zoë, then no owner last
    expect(names(queryAccounts(books, s, { ...q, sort: 'owner' }))).toEqual(['Emile', 'Émile', 'Eve', 'Zeta', 'zeta']);
    // segments ember, Émile, Émile, zulu, then no segment last
    expect(names(queryAccounts(books, s, { ...q, sort: 'segment' }))).toEqual(['Émile', 'Zeta', 'Eve', 'Emile', 'zeta']);
  });

  it('scores stay within 0–100 and rise with usage (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 5e6, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }),
      fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }),
      (mrr, days, usage, sentiment, more) => {
        const a = scoreAccount({ mrr, days, usage, sentiment }, DEFAULT_CALIBRATION);
        const b = scoreAccount({ mrr, days, usage: usage + more, sentiment }, DEFAULT_CALIBRATION);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(100);
        expect(b.raw).toBeGreaterThanOrEqual(a.raw - 1e-9);
      }));
  });
});
