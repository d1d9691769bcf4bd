/**
 * SPEC §4.3 band roll-up of a book scored a part at a time (the command line streams books no tab can
 * hold). Same sums in the same row order as rollup() (portfolio.ts), so the totals are identical.
 */
import type { BandTotals, Rollup, ScoredColumns } from './portfolio';
import { BANDS, BAND_CODE, type AccountColumns, type Band } from './types';

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
