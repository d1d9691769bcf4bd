import type { ScoredColumns } from './portfolio';
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

/** Accumulator slots per code. */
const COUNT = 0;
const ARR = 1;
const RISK_ARR = 2;
const AT_RISK = 3;
const BAND0 = 4; // + band code: 4 healthy, 5 watch, 6 risk
const SLOTS = 7;

/**
 * SPEC §4.4 roll-ups by segment and by owner, in one pass over the columns (no per-row objects). Bands are
 * the scored ones, so each account counts with its own segment's thresholds. Groups without accounts are
 * left out; rows are sorted by Risk-band ARR, largest first (then ARR, then dictionary order).
 */
export function groupRollups(cols: AccountColumns, scored: ScoredColumns): GroupRollups {
  const segAcc = new Float64Array(cols.segmentDict.length * SLOTS);
  const ownAcc = new Float64Array(cols.ownerDict.length * SLOTS);
  const { mrr, segment, owner } = cols;
  const { band, atRisk } = scored;
  for (let i = 0; i < cols.count; i++) {
    const b = band[i];
    const arr = mrr[i] * 12;
    const riskArr = b === 2 ? arr : 0;
    const r = atRisk[i];
    let o = segment[i] * SLOTS;
    segAcc[o + COUNT]++;
    segAcc[o + ARR] += arr;
    segAcc[o + RISK_ARR] += riskArr;
    segAcc[o + AT_RISK] += r;
    segAcc[o + BAND0 + b]++;
    o = owner[i] * SLOTS;
    ownAcc[o + COUNT]++;
    ownAcc[o + ARR] += arr;
    ownAcc[o + RISK_ARR] += riskArr;
    ownAcc[o + AT_RISK] += r;
    ownAcc[o + BAND0 + b]++;
  }
  return { segments: toRows(segAcc, cols.segmentDict), owners: toRows(ownAcc, cols.ownerDict) };
}

function toRows(acc: Float64Array, dict: readonly string[]): GroupRollup[] {
  const rows: GroupRollup[] = [];
  for (let code = 0; code < dict.length; code++) {
    const o = code * SLOTS;
    if (acc[o + COUNT] === 0) continue;
    const arr = acc[o + ARR];
    const riskArr = acc[o + RISK_ARR];
    rows.push({
      code,
      name: dict[code],
      count: acc[o + COUNT],
      arr,
      healthy: acc[o + BAND0],
      watch: acc[o + BAND0 + 1],
      risk: acc[o + BAND0 + 2],
      riskArr,
      atRiskArr: acc[o + AT_RISK],
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

/** The same figure from owner roll-ups already computed (no second pass). */
export function coverageFromRollups(accounts: number, owners: readonly GroupRollup[]): Coverage | null {
  let n = 0;
  for (const o of owners) if (o.code !== 0) n++;
  return n === 0 ? null : { accounts, owners: n, perOwner: accounts / n };
}
