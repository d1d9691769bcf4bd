/**
 * SPEC §4.1 "every score is explainable": the four contributions of any account of a book, without a
 * per-row object. Same model, weight table and formulas as scoreColumns (portfolio.ts), so the parts
 * written next to a score (command line, SQL check) are the parts that made it.
 */
import { clamp100, engagementScore, sizeScorer } from './accounts';
import { modelFor, segmentKey, weightTable } from './model';
import type { AccountColumns, Calibration } from './types';

/** Writes row i's contributions into out[0..3]: size, touch, usage, sentiment (0 for a missing input). */
export type ContributionsAt = (i: number, out: Float64Array) => void;

export function contributionsOf(cols: AccountColumns, cal: Calibration): ContributionsAt {
  const dict = cols.segmentDict;
  const weights = new Float64Array(dict.length * 32);
  for (let g = 0; g < dict.length; g++) weights.set(weightTable({ ...modelFor(cal, segmentKey(dict[g])).weights }), g * 32);
  const size = sizeScorer(cal.scale);
  const horizon = cal.horizonDays;
  const { mrr, days, usage, sentiment, segment } = cols;
  return (i, out) => {
    const d = days[i];
    const u = usage[i];
    const s = sentiment[i];
    const mask = (d !== d ? 1 : 0) | (u !== u ? 2 : 0) | (s !== s ? 4 : 0);
    const o = segment[i] * 32 + mask * 4;
    out[0] = (weights[o] * size(mrr[i])) / 100;
    out[1] = (mask & 1) === 0 ? (weights[o + 1] * engagementScore(d, horizon)) / 100 : 0;
    out[2] = (mask & 2) === 0 ? (weights[o + 2] * clamp100(u)) / 100 : 0;
    out[3] = (mask & 4) === 0 ? (weights[o + 3] * clamp100(s)) / 100 : 0;
  };
}
