import type { ScoredColumns } from './portfolio';
import { renewalWindowCode, toWindows, type RenewalWindowTotals } from './renewals';
import type { AccountColumns } from './types';

/** SPEC §4.4 roll-up of one segment or one owner (a dictionary code; 0 is the blank one). */
export interface GroupRollup {
  /** Index into segmentDict / ownerDict; 0 is "No segment" / "Unassigned". */
  code: number;
  /** The dictionary entry ('' for the blank code). */
  name: string;
  count: number;
  arr: number;
  healthy: number;
  watch: number;
  risk: number;
  /** ARR of the group's Risk-band accounts (each banded with its own segment's thresholds). */
  riskArr: number;
  /** Summed at-risk ARR of every account in the group. */
  atRiskArr: number;
  /** Risk-band ARR ÷ the group's ARR, in percent (0 when the group has no ARR). */
  riskShare: number;
}

export interface GroupRollups {
  /** Largest Risk-band ARR first. */
  segments: GroupRollup[];
  owners: GroupRollup[];
}

/** Roll-ups by segment and owner and the renewal windows of one portfolio (SPEC §4.4–4.5). */
export interface Breakdown extends GroupRollups {
  /** In RENEWAL_WINDOW_IDS order. */
  renewals: RenewalWindowTotals[];
}

/**
 * SPEC §4.4 roll-ups by segment and by owner and §4.5 renewal windows, in one pass over the columns (no
 * per-row objects: each account adds to a few typed-array cells). Bands are the scored ones, so each
 * account counts with its own segment's thresholds. Groups without accounts are left out; groups are
 * sorted by Risk-band ARR, largest first (then ARR, then dictionary order). Days to renewal = renewal
 * date − today, both epoch days (today: the local calendar day, io/dates todayEpochDay).
 */
export function breakdown(cols: AccountColumns, scored: ScoredColumns, today: number): Breakdown {
  // Per code (or window) × band: accounts and ARR; per code: at-risk ARR. Everything else sums these.
  const nSeg = cols.segmentDict.length;
  const nOwn = cols.ownerDict.length;
  const segCount = new Float64Array(nSeg * 3);
  const segArr = new Float64Array(nSeg * 3);
  const segAtRisk = new Float64Array(nSeg);
  const ownCount = new Float64Array(nOwn * 3);
  const ownArr = new Float64Array(nOwn * 3);
  const ownAtRisk = new Float64Array(nOwn);
  const winCount = new Float64Array(21);
  const winArr = new Float64Array(21);
  const winAtRisk = new Float64Array(7);
  const { mrr, segment, owner, renewal } = cols;
  const { band, atRisk } = scored;
  const n = cols.count;
  for (let i = 0; i < n; i++) {
    const b = band[i];
    const arr = mrr[i] * 12;
    const r = atRisk[i];
    const s = segment[i] * 3 + b;
    segCount[s]++;
    segArr[s] += arr;
    segAtRisk[segment[i]] += r;
    const o = owner[i] * 3 + b;
    ownCount[o]++;
    ownArr[o] += arr;
    ownAtRisk[owner[i]] += r;
    const w = renewalWindowCode(renewal[i] - today);
    winCount[w * 3 + b]++;
    winArr[w * 3 + b] += arr;
    winAtRisk[w] += r;
  }
  return {
    segments: toRows(segCount, segArr, segAtRisk, cols.segmentDict),
    owners: toRows(ownCount, ownArr, ownAtRisk, cols.ownerDict),
    renewals: toWindows(winCount, winArr, winAtRisk),
  };
}

function toRows(count: Float64Array, bandArr: Float64Array, atRisk: Float64Array, dict: readonly string[]): GroupRollup[] {
  const rows: GroupRollup[] = [];
  for (let code = 0; code < dict.length; code++) {
    const k = code * 3;
    const total = count[k] + count[k + 1] + count[k + 2];
    if (total === 0) continue;
    const arr = bandArr[k] + bandArr[k + 1] + bandArr[k + 2];
    const riskArr = bandArr[k + 2];
    rows.push({
      code,
      name: dict[code],
      count: total,
      arr,
      healthy: count[k],
      watch: count[k + 1],
      risk: count[k + 2],
      riskArr,
      atRiskArr: atRisk[code],
      riskShare: arr > 0 ? (100 * riskArr) / arr : 0,
    });
  }
  return rows.sort((a, b) => b.riskArr - a.riskArr || b.arr - a.arr || a.code - b.code);
}

/** SPEC §4.4 "coverage from the data": the book's 1:N, its accounts and its distinct non-blank owners. */
export interface Coverage {
  accounts: number;
  owners: number;
  /** Accounts ÷ owners. */
  perOwner: number;
}

/** Accounts ÷ distinct non-blank owners (owners with at least one account); null when there are none. */
export function coverageFromData(cols: AccountColumns): Coverage | null {
  const seen = new Uint8Array(cols.ownerDict.length);
  const { owner } = cols;
  let owners = 0;
  for (let i = 0; i < cols.count; i++) {
    const o = owner[i];
    if (o !== 0 && seen[o] === 0) {
      seen[o] = 1;
      owners++;
    }
  }
  return owners === 0 ? null : { accounts: cols.count, owners, perOwner: cols.count / owners };
}
