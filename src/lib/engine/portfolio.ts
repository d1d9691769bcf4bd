import { atRiskArr, clamp100, engagementScore, sizeScorer } from './accounts';
import { roundScore } from './grading';
import { modelFor, segmentKey, weightTable } from './model';
export { calibrationKey } from './model';
import { nameAt } from './names';
import { BANDS, BAND_CODE, type AccountColumns, type Band, type Calibration, type PortfolioSignal } from './types';

/** Per-account results, columnar like the accounts (SPEC §4.2). */
export interface ScoredColumns {
  /** Rounded score 0–100. */
  score: Uint8Array;
  /** Index into BANDS: 0 healthy, 1 watch, 2 risk. */
  band: Uint8Array;
  /** At-risk ARR in dollars. */
  atRisk: Float64Array;
  /** Missing-input mask per account (model.ts missingMask: 1 touch, 2 usage, 4 sentiment; 0 = all four). */
  missing: Uint8Array;
}

/**
 * Scores every account in one pass over typed arrays: no per-row objects. Each account uses its
 * segment's model (SPEC §4.4) and the weights renormalised over the inputs it has (§4.1, NaN = none).
 * Same formulas as scoreAccount, so a row and its explanation agree exactly.
 */
export function scoreColumns(cols: AccountColumns, cal: Calibration): ScoredColumns {
  const n = cols.count;
  const score = new Uint8Array(n);
  const band = new Uint8Array(n);
  const atRisk = new Float64Array(n);
  const missing = new Uint8Array(n);
  const { mrr, days, usage, sentiment, segment } = cols;
  // The calibration is read once, per segment code: on the page it may be a reactive proxy, and reading
  // it per row cost tracked property reads per account (seconds for a 1M-row portfolio).
  const dict = cols.segmentDict;
  const weights = new Float64Array(dict.length * 32);
  const healthyAt = new Float64Array(dict.length);
  const riskAt = new Float64Array(dict.length);
  for (let g = 0; g < dict.length; g++) {
    const m = modelFor(cal, segmentKey(dict[g]));
    weights.set(weightTable({ ...m.weights }), g * 32);
    healthyAt[g] = m.thresholds.healthy;
    riskAt[g] = m.thresholds.risk;
  }
  const size = sizeScorer(cal.scale);
  const horizon = cal.horizonDays;
  for (let i = 0; i < n; i++) {
    const m = mrr[i];
    const d = days[i];
    const u = usage[i];
    const s = sentiment[i];
    // NaN !== NaN: a missing input sets its bit.
    const mask = (d !== d ? 1 : 0) | (u !== u ? 2 : 0) | (s !== s ? 4 : 0);
    const g = segment[i];
    const o = g * 32 + mask * 4;
    let raw = (weights[o] * size(m)) / 100;
    if ((mask & 1) === 0) raw += (weights[o + 1] * engagementScore(d, horizon)) / 100;
    if ((mask & 2) === 0) raw += (weights[o + 2] * clamp100(u)) / 100;
    if ((mask & 4) === 0) raw += (weights[o + 3] * clamp100(s)) / 100;
    const r = roundScore(raw);
    score[i] = r;
    band[i] = r >= healthyAt[g] ? 0 : r >= riskAt[g] ? 1 : 2;
    atRisk[i] = atRiskArr(m, r);
    missing[i] = mask;
  }
  return { score, band, atRisk, missing };
}

export interface BandTotals {
  count: number;
  /** Share of accounts, in percent. */
  pct: number;
  arr: number;
  atRiskArr: number;
}

export interface Rollup {
  count: number;
  totalArr: number;
  bands: Record<Band, BandTotals>;
  /** Risk-band ARR ÷ total ARR, in percent (SPEC §3.5). */
  riskArrShare: number;
  /** Sum of at-risk ARR over all accounts. */
  expectedAtRiskArr: number;
}

/** SPEC §4.3 band distribution and totals. */
export function rollup(cols: AccountColumns, scored: ScoredColumns): Rollup {
  const acc = createRollupAccumulator();
  acc.add(cols, scored);
  return acc.result();
}

/**
 * The band roll-up of a book scored a part at a time (the command line streams books no tab can hold):
 * the same sums in the same row order as rollup(), so the totals are identical.
 */
export interface RollupAccumulator {
  /** The next part of the book, in order. */
  add(cols: AccountColumns, scored: Pick<ScoredColumns, 'band' | 'atRisk'>): void;
  result(): Rollup;
}

export function createRollupAccumulator(): RollupAccumulator {
  const count = new Float64Array(3);
  const arr = new Float64Array(3);
  const risk = new Float64Array(3);
  let n = 0;
  return {
    add(cols, scored) {
      const { mrr } = cols;
      const { band, atRisk } = scored;
      for (let i = 0; i < cols.count; i++) {
        const b = band[i];
        count[b]++;
        arr[b] += mrr[i] * 12;
        risk[b] += atRisk[i];
      }
      n += cols.count;
    },
    result() {
      const totalArr = arr[0] + arr[1] + arr[2];
      const bands = {} as Record<Band, BandTotals>;
      BANDS.forEach((b, k) => {
        bands[b] = { count: count[k], pct: n ? (100 * count[k]) / n : 0, arr: arr[k], atRiskArr: risk[k] };
      });
      return {
        count: n,
        totalArr,
        bands,
        riskArrShare: totalArr > 0 ? (100 * arr[BAND_CODE.risk]) / totalArr : 0,
        expectedAtRiskArr: risk[0] + risk[1] + risk[2],
      };
    },
  };
}

/** SPEC §4.3 "act first": Risk and Watch accounts by at-risk ARR, largest first. */
export function actFirst(cols: AccountColumns, scored: ScoredColumns, limit = 10): number[] {
  return topBy(scored.band, [0, 1, 1], scored.atRisk, limit);
}

/** Risk-band accounts by ARR, for the critical-portfolio advice. */
export function topRiskByArr(cols: AccountColumns, scored: ScoredColumns, limit = 5): number[] {
  return topBy(scored.band, [0, 0, 1], cols.mrr, limit);
}

/**
 * Top `limit` rows by key among the bands kept (keep[band] = 1), in one pass (no full sort). Plain arrays,
 * no callbacks: it runs over every account on the page's main thread.
 */
function topBy(band: Uint8Array, keep: readonly number[], key: Float64Array, limit: number): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  const n = band.length;
  for (let i = 0; i < n; i++) {
    if (keep[band[i]] === 0) continue;
    const k = key[i];
    if (top.length === limit && k <= key[top[top.length - 1]]) continue;
    let j = top.length < limit ? top.length : limit - 1;
    while (j > 0 && key[top[j - 1]] < k) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  return top;
}

/** What the function scorecard reads from a loaded portfolio. */
export function portfolioSignal(cols: AccountColumns, scored: ScoredColumns, r: Rollup): PortfolioSignal {
  return {
    totalArr: r.totalArr,
    riskArrShare: r.riskArrShare,
    topRiskAccounts: topRiskByArr(cols, scored, 5).map((i) => ({ name: nameAt(cols.name, i), arr: cols.mrr[i] * 12 })),
  };
}


/** Everything the page shows of a portfolio under one calibration, computed in one place. */
export interface PortfolioAnalysis {
  scored: ScoredColumns;
  rollup: Rollup;
  /** What the scorecard reads; null for an empty portfolio. */
  signal: PortfolioSignal | null;
  /** SPEC §4.3 "act first" rows (top 10). */
  actFirst: number[];
  /** Accounts flagged as duplicates (countDuplicates). */
  duplicates: number;
}

export function analyzePortfolio(cols: AccountColumns, cal: Calibration): PortfolioAnalysis {
  const scored = scoreColumns(cols, cal);
  const r = rollup(cols, scored);
  return {
    scored,
    rollup: r,
    signal: cols.count > 0 ? portfolioSignal(cols, scored, r) : null,
    actFirst: actFirst(cols, scored, 10),
    duplicates: countDuplicates(cols),
  };
}

/** Accounts flagged as sharing their name with another row. */
export function countDuplicates(cols: AccountColumns): number {
  const d = cols.duplicate;
  let n = 0;
  for (let i = 0; i < d.length; i++) n += d[i];
  return n;
}
