import fc from 'fast-check';
import {
  AMBIGUOUS, DEFAULT_CALIBRATION, MATCHED, NO_BAND, UNMATCHED, bridgeLine, bridgeSentence, measuredKpis, movement,
  matchAccounts, packNames, rollup, segmentKey, shortDate,
  scoreColumns, type AccountColumns, type Calibration, type ScoredBook,
} from '../../../src/lib/engine';
import { columns } from '../../fixtures/columns';

/** Score = usage: with all the weight on usage a hand computation is one look at the usage column. */
const USAGE_ONLY: Calibration = { ...DEFAULT_CALIBRATION, weights: { mrr: 0, touch: 0, usage: 100, sentiment: 0 } };
const DAY0 = 20_361; // 2025-09-30
const book = (rows: Array<[string, number, number]>, asOfDay: number, cal = USAGE_ONLY, ids?: string[]): ScoredBook => {
  const cols: AccountColumns = columns(rows.map(([name, mrr, usage]) => [name, mrr, 10, usage, 50]));
  if (ids) cols.id = packNames(ids);
  return { cols, scored: scoreColumns(cols, cal), asOfDay };
};

// The worked example: [name, MRR, usage]; score = usage, so Healthy ≥ 70, Watch 45–69, Risk < 45.
const PREV = book([
  ['Acme', 10_000, 80], // Healthy → Risk: moved into Risk at its current ARR $132,000
  ['Beta', 5_000, 30], // Risk → Healthy: moved out of Risk at its previous ARR $60,000
  ['Gamma', 2_000, 20], // Risk both times: ARR $24,000 → $30,000, change +$6,000
  ['Delta', 3_000, 50], // gone, was Watch
  ['Epsilon', 1_000, 10], // gone, was Risk ($12,000)
  ['Dup', 500, 10], // "dup" twice before: ambiguous, never matched
  ['Dup', 500, 10],
  ['Watcher', 4_000, 60], // Watch both times
], DAY0);
const CUR = book([
  ['Acme', 11_000, 30],
  ['Beta', 5_000, 75],
  ['  GAMMA ', 2_500, 10], // the same name key: trimmed, case-insensitive
  ['dup', 700, 10], // ambiguous: in the bridge's "new" ($8,400 in Risk), not in the new count
  ['Watcher', 4_000, 50],
  ['Zeta', 6_000, 40], // new, Risk ($72,000)
  ['Eta', 1_500, 90], // new, Healthy ($18,000)
], DAY0 + 91);
const M = movement(PREV, CUR);

describe('SPEC §4.6 account keys: trimmed, whitespace collapsed, case-insensitive', () => {
  it.each([
    ['Acme Corp', 'acme corp'],
    ['  ACME   corp ', 'acme corp'],
    ['Acme\tCorp', 'acme corp'],
    ['', ''],
  ])('%j → %j', (raw, key) => expect(segmentKey(raw)).toBe(key));
});

describe('SPEC §4.6 worked example: matching two imports', () => {
  it('matches on the name key, rows in either order', () => {
    expect([...M.prevRow]).toEqual([0, 1, 2, -1, 7, -1, -1]);
    expect([...M.status]).toEqual([MATCHED, MATCHED, MATCHED, AMBIGUOUS, MATCHED, UNMATCHED, UNMATCHED]);
    expect([...M.prevStatus]).toEqual([MATCHED, MATCHED, MATCHED, UNMATCHED, UNMATCHED, AMBIGUOUS, AMBIGUOUS, MATCHED]);
    expect(M.keyedBy).toBe('name');
  });
  it('a key twice in either import is ambiguous: counted once, listed as first spelled', () =>
    expect(M.ambiguous).toEqual({ count: 1, keys: ['dup'] }));
  it('Δ = current − previous score and the previous band (none for unmatched)', () => {
    expect([...M.delta]).toEqual([30 - 80, 75 - 30, 10 - 20, 0, 50 - 60, 0, 0]);
    expect([...M.prevBand]).toEqual([0, 2, 2, NO_BAND, 1, NO_BAND, NO_BAND]);
  });
});

describe('SPEC §4.6 worked example: transitions, new and gone', () => {
  it.each([
    ['healthy → risk (Acme)', 0, 2, 1, 132_000],
    ['risk → healthy (Beta)', 2, 0, 1, 60_000],
    ['risk → risk (Gamma)', 2, 2, 1, 30_000],
    ['watch → watch (Watcher)', 1, 1, 1, 48_000],
    ['healthy → healthy', 0, 0, 0, 0],
    ['watch → risk', 1, 2, 0, 0],
  ])('%s: accounts and current ARR', (_, from, to, count, arr) => {
    expect(M.matrix.count[from][to]).toBe(count);
    expect(M.matrix.arr[from][to]).toBe(arr);
  });
  it('new: Zeta and Eta, $90,000, one in Risk (the ambiguous "dup" left out)', () =>
    expect(M.added).toEqual({ count: 2, arr: 90_000, risk: 1 }));
  it('gone: Delta and Epsilon, previous ARR $48,000, one was in Risk', () =>
    expect(M.gone).toEqual({ count: 2, arr: 48_000, risk: 1 }));
});

describe('SPEC §4.6 worked example: the Risk-band ARR bridge, part by part', () => {
  it.each([
    ['previous: Beta 60,000 + Gamma 24,000 + Epsilon 12,000 + Dup 2 × 6,000', 'previous', 108_000],
    ['moved into Risk: Acme at its current ARR', 'into', 132_000],
    ['moved out of Risk: Beta at its previous ARR', 'outOf', 60_000],
    ['new in Risk: Zeta 72,000 + the ambiguous dup 8,400', 'new', 80_400],
    ['gone that were Risk: Epsilon 12,000 + the ambiguous Dups 12,000', 'gone', 24_000],
    ['change of accounts Risk both times: Gamma 30,000 − 24,000', 'change', 6_000],
    ['current: Acme 132,000 + Gamma 30,000 + dup 8,400 + Zeta 72,000', 'current', 242_400],
  ] as const)('%s', (_, part, want) => expect(M.bridge[part]).toBe(want));
  it('adds up: previous + into − out of + new − gone + change = current', () => {
    const b = M.bridge;
    expect(b.previous + b.into - b.outOf + b.new - b.gone + b.change).toBe(b.current);
  });
});

describe('SPEC §4.6 worked example: KPIs measured over P = 91 days', () => {
  // Cohort: Acme, Beta, Gamma, Watcher (matched) + Delta, Epsilon (gone) = 6 accounts, previous MRR $25,000.
  // Matched current MRR 11,000 + 5,000 + 2,500 + 4,000 = 22,500 → NRR_P 90 %.
  // min(current, previous): 10,000 + 5,000 + 2,000 + 4,000 = 21,000 → GRR_P 84 %. Logo churn_P = 2 ÷ 6.
  const k = M.measured!;
  it('period figures', () => {
    expect(k.periodDays).toBe(91);
    expect(k.cohortAccounts).toBe(6);
    expect(k.cohortMrr).toBe(25_000);
    expect(k.nrrPeriod).toBeCloseTo(90, 10);
    expect(k.grrPeriod).toBeCloseTo(84, 10);
    expect(k.logoChurnPeriod).toBeCloseTo(100 / 3, 10);
  });
  it('annualised since P ≥ 28: NRR = 100 × 0.90^(365/91), GRR = 100 × 0.84^(365/91), churn = 100 × (1 − (2/3)^(365/91))', () => {
    expect(k.annualised).toBe(true);
    expect(k.nrr).toBeCloseTo(65.534, 3);
    expect(k.grr).toBeCloseTo(49.692, 3);
    expect(k.logoChurn).toBeCloseTo(80.335, 3);
  });
});

describe('SPEC §4.6 measured KPIs: period rule', () => {
  it.each([
    ['P < 28: period figures only', 27, false, 90],
    ['P = 28: annualised', 28, true, 100 * 0.9 ** (365 / 28)],
    ['P = 365: a year is itself', 365, true, 90],
  ])('%s', (_, days, annualised, nrr) => {
    const k = measuredKpis(days, 10, 1, 1000, 900, 850)!;
    expect(k.annualised).toBe(annualised);
    expect(k.nrr).toBeCloseTo(nrr, 9);
  });
  it.each([
    ['the same day', 0],
    ['a previous import dated later', -5],
  ])('none when P ≤ 0 (%s)', (_, days) => expect(measuredKpis(days, 10, 1, 1000, 900, 850)).toBeNull());
  it('none without a cohort', () => expect(measuredKpis(30, 0, 0, 0, 0, 0)).toBeNull());
  it('churn without MRR: NRR and GRR unknown, churn still counted', () => {
    const k = measuredKpis(10, 4, 1, 0, 0, 0)!;
    expect([k.nrr, k.grr, k.logoChurn]).toEqual([null, null, 25]);
  });
});

describe('SPEC §4.6 identity: matched on the id when both imports map one', () => {
  const prev = book([['Acme Inc', 1000, 80], ['Beta', 1000, 20], ['Gamma', 1000, 50]], DAY0, USAGE_ONLY, ['A-1', 'B-2', '']);
  it('a renamed account keeps its id; a blank id falls back to the name', () => {
    const cur = book([['Acme Corporation', 1000, 80], ['Beta', 1000, 20], ['gamma', 1000, 50]], DAY0 + 7, USAGE_ONLY, ['a-1 ', 'B-3', '']);
    const m = movement(prev, cur);
    expect(m.keyedBy).toBe('id');
    expect([...m.prevRow]).toEqual([0, -1, 2]);
    expect(m.added.count).toBe(1);
    expect(m.gone.count).toBe(1);
  });
  it('only one import with ids: matched on names', () => {
    const cur = book([['Acme Corporation', 1000, 80], ['Beta', 1000, 20]], DAY0 + 7);
    const m = movement(prev, cur);
    expect(m.keyedBy).toBe('name');
    expect([...m.prevRow]).toEqual([-1, 1]);
  });
});

// Random pairs of books: names from a small pool (so duplicates and renames happen), MRR in cents.
const NAMES = ['Acme', 'acme ', 'Beta', 'Gamma', 'GAMMA', 'Delta', 'Eps', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa'];
const row = fc.tuple(
  fc.constantFrom(...NAMES),
  fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100),
  fc.integer({ min: 0, max: 200 }),
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 100 }),
);
const rows = fc.array(row, { maxLength: 25 });
const scoredBook = (r: Array<[string, number, number, number, number]>, asOfDay: number): ScoredBook => {
  const cols = columns(r);
  return { cols, scored: scoreColumns(cols, DEFAULT_CALIBRATION), asOfDay };
};
const toCents = (x: number) => Math.round(x * 100);

describe('SPEC §4.6 the bridge always adds up, to the cent', () => {
  const pairs = fc.oneof(
    fc.tuple(rows, rows),
    rows.map((r) => [r, r] as const), // identical books
    fc.tuple(fc.constant([]), rows), // everything new
    fc.tuple(rows, fc.constant([])), // everything gone
  );
  it('previous + into − out of + new − gone + change = current; previous and current are the books\' Risk ARR', () =>
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const prev = scoredBook([...a], DAY0);
        const cur = scoredBook([...b], DAY0 + 30);
        const { bridge: x } = movement(prev, cur);
        expect(toCents(x.previous) + toCents(x.into) - toCents(x.outOf) + toCents(x.new) - toCents(x.gone) + toCents(x.change))
          .toBe(toCents(x.current));
        expect(x.previous).toBeCloseTo(rollup(prev.cols, prev.scored).bands.risk.arr, 6);
        expect(x.current).toBeCloseTo(rollup(cur.cols, cur.scored).bands.risk.arr, 6);
      }),
      { numRuns: 300 },
    ));
  it('identical books: nothing moves in or out, new and gone are the ambiguous accounts only', () =>
    fc.assert(
      fc.property(rows, (r) => {
        const m = movement(scoredBook([...r], DAY0), scoredBook([...r], DAY0 + 1));
        expect([m.bridge.into, m.bridge.outOf, m.bridge.change, m.added.count, m.gone.count]).toEqual([0, 0, 0, 0, 0]);
        expect(m.bridge.new).toBe(m.bridge.gone);
        expect(m.bridge.previous).toBe(m.bridge.current);
      }),
    ));
  it('every account is matched, new, gone or ambiguous; matched pairs point at each other', () =>
    fc.assert(
      fc.property(rows, rows, (a, b) => {
        const m = movement(scoredBook([...a], DAY0), scoredBook([...b], DAY0));
        const matched = [...m.status].filter((s) => s === MATCHED).length;
        expect(matched + m.added.count + [...m.status].filter((s) => s === AMBIGUOUS).length).toBe(b.length);
        expect(matched + m.gone.count + [...m.prevStatus].filter((s) => s === AMBIGUOUS).length).toBe(a.length);
        m.prevRow.forEach((p, i) => expect(p < 0 || m.curRow[p] === i).toBe(true));
        expect(m.matrix.count.flat().reduce((s, c) => s + c, 0)).toBe(matched);
      }),
    ));
});

describe('SPEC §4.6 and §6: the bridge in words', () => {
  it('the worked example as a CS leader says it', () =>
    expect(bridgeSentence(M, '2025-09-30', 2025)).toBe(
      'Risk ARR rose $134K since 30 Sep: $132K moved in (1 account), $60K moved out (1), $80K new in Risk, $24K gone, +$6K from accounts in Risk both times.',
    ));
  it('the slide line (SPEC §6 shape)', () =>
    expect(bridgeLine(M, '2025-09-30')).toBe('Risk ARR $242K: +$132K moved in, −$60K moved out since 2025-09-30'));
  it.each([
    ['2026-09-30', 2026, '30 Sep'],
    ['2025-01-05', 2026, '5 Jan 2025'],
  ])('%s → %s', (iso, year, want) => expect(shortDate(iso, year)).toBe(want));
});

describe('SPEC §4.6 matching agrees with the key rule spelled out with strings', () => {
  // Names that differ only in case and whitespace (tabs, no-break spaces, doubled, leading, trailing) are one key.
  const spelling = fc.tuple(
    fc.constantFrom('acme', 'ACME', 'Acme Corp', 'acme  corp', ' Acme\tCorp ', 'acme\u00a0corp', 'Beta', 'beta ', 'Béta', 'BÉTA ', 'b\u00e9ta', '\u212a2', 'k2', 'K2', 'ΟΔΟΣ', 'οδος', 'οδοσ', 'İz', 'i\u0307z', 'Gamma Ray', 'gammaray', '', ' '),
    fc.constantFrom('', 'x-1', 'X-1', ' x-1', 'y-2', 'Y-2 ', '  ', 'é-1', 'É-1\u00a0', '\u212a-3', 'k-3'),
  );
  /** The rule with strings and a Map: key → rows. */
  function naive(prev: Array<[string, string]>, cur: Array<[string, string]>, byId: boolean) {
    const key = (name: string, id: string) => {
      const i = segmentKey(id);
      return byId && i !== '' ? `i:${i}` : `n:${segmentKey(name)}`;
    };
    const rows = (book: Array<[string, string]>) => {
      const m = new Map<string, number[]>();
      book.forEach(([n, id], r) => m.set(key(n, id), [...(m.get(key(n, id)) ?? []), r]));
      return m;
    };
    const pm = rows(prev);
    const cm = rows(cur);
    const prevRow = cur.map(([n, id]) => {
      const k = key(n, id);
      return cm.get(k)!.length === 1 && pm.get(k)?.length === 1 ? pm.get(k)![0] : -1;
    });
    const ambiguous = new Set([...pm, ...cm].filter(([, r]) => r.length > 1).map(([k]) => k));
    return { prevRow, ambiguous: ambiguous.size };
  }
  const book = (rows: Array<[string, string]>, withIds: boolean): AccountColumns => {
    const cols = columns(rows.map(([n]) => [n, 1000, 10, 50, 50]));
    if (withIds) cols.id = packNames(rows.map(([, id]) => id));
    return cols;
  };
  // Books over several name chunks (16,384 rows each), the second one the next export of the same CRM:
  // most rows again in order, some gone, new, respelled, repeated, moved.
  it.each([
    ['names', false],
    ['ids, blank ones by name', true],
  ])('next exports over several chunks, on %s', (_, byId) =>
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let x = seed | 0;
        const rand = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
        const prev: Array<[string, string]> = Array.from({ length: 40_000 }, (_, k) => [
          `Account ${k % 39_990}`, // a few names twice
          rand() < 0.01 ? '' : `ID-${k}`,
        ]);
        const cur: Array<[string, string]> = [];
        for (let k = 0; k < prev.length; k++) {
          const r = rand();
          const [n, id] = prev[k];
          if (r < 0.02) continue; // gone
          if (r < 0.03) cur.push([`New ${k}`, `NEW-${k}`]); // new, then the account itself
          if (r < 0.04) cur.push([` ${n.toUpperCase()}  `, id.toLowerCase()]); // respelled: the same key
          else if (r < 0.05) cur.push([`${n} Group`, id]); // renamed, same id
          else cur.push([n, id]);
          if (r > 0.995) cur.push([n, id]); // twice
          if (r > 0.99 && r <= 0.995 && cur.length > 300) cur.splice(cur.length - 200, 0, cur.pop()!); // moved up
        }
        const m = matchAccounts(book(prev, byId), book(cur, byId));
        const want = naive(prev, cur, byId);
        expect([...m.prevRow]).toEqual(want.prevRow);
        expect(m.ambiguous.count).toBe(want.ambiguous);
        // Matched pairs point at each other; every other row is new, gone or ambiguous.
        expect([...m.prevRow].every((p, i) => (p >= 0) === (m.status[i] === MATCHED) && (p < 0 || m.curRow[p] === i))).toBe(true);
        expect([...m.curRow].every((i, p) => (i >= 0) === (m.prevStatus[p] === MATCHED))).toBe(true);
      }),
      { numRuns: 4 },
    ));

  it.each([
    ['names', false],
    ['ids, blank ones by name', true],
  ])('on %s', (_, byId) =>
    fc.assert(
      fc.property(fc.array(spelling, { maxLength: 12 }), fc.array(spelling, { maxLength: 12 }), (a, b) => {
        const m = matchAccounts(book(a, byId), book(b, byId));
        const want = naive(a, b, byId);
        expect([...m.prevRow]).toEqual(want.prevRow);
        expect(m.ambiguous.count).toBe(want.ambiguous);
      }),
      { numRuns: 500 },
    ));
});
