/**
 * SPEC §4.6 movement since the previous import: two books matched account by account, the band
 * transitions, the Risk-band ARR bridge and the KPIs the two imports measure. Pure and columnar: two
 * 1M-account books cost two key maps and a few passes over typed arrays.
 */
import { UNMATCHED, matchAccounts, type AccountMatch } from './account-match';
import { measuredKpis, type MeasuredKpis } from './measured-kpis';
import type { ScoredColumns } from './portfolio';
import { BAND_CODE, type AccountColumns } from './types';

/** One import as movement reads it: its columns, scored with the current calibration, and its "as of" day. */
export interface ScoredBook {
  cols: AccountColumns;
  scored: ScoredColumns;
  /** The export's "as of" date as days since 1970-01-01 (UTC). */
  asOfDay: number;
}

/** prevBand value of a current account without a previous one. */
export const NO_BAND = 3;

export interface BridgeParts {
  /** Risk ARR of the previous import. */
  previous: number;
  /** Current ARR of matched accounts now Risk, before Healthy or Watch. */
  into: number;
  /** Previous ARR of matched accounts before Risk, now Healthy or Watch. */
  outOf: number;
  /** Current ARR of unmatched current accounts in Risk (ambiguous ones included). */
  new: number;
  /** Previous ARR of unmatched previous accounts that were in Risk (ambiguous ones included). */
  gone: number;
  /** ARR change of matched accounts in Risk both times. */
  change: number;
  /** Risk ARR of the current import. */
  current: number;
}


export interface Movement {
  /** What the two imports were matched on. */
  keyedBy: 'id' | 'name';
  /** Per current account: its previous row, −1 when unmatched. */
  prevRow: Int32Array;
  /** Per previous account: its current row, −1 when unmatched. */
  curRow: Int32Array;
  /** Per current account: MATCHED, UNMATCHED (new) or AMBIGUOUS. */
  status: Uint8Array;
  /** Per previous account: MATCHED, UNMATCHED (gone) or AMBIGUOUS. */
  prevStatus: Uint8Array;
  /** Per current account: current − previous score (0 when unmatched; see prevBand). */
  delta: Int16Array;
  /** Per current account: the previous band code, NO_BAND when unmatched. */
  prevBand: Uint8Array;
  /** [from][to] band codes: matched accounts and their current ARR. */
  matrix: { count: number[][]; arr: number[][] };
  /** Unmatched current accounts, ambiguous ones left out. */
  added: { count: number; arr: number; risk: number };
  /** Unmatched previous accounts, ambiguous ones left out; ARR is the previous one. */
  gone: { count: number; arr: number; risk: number };
  /** Distinct keys that appear more than once in either import; `keys` lists them as first spelled. */
  ambiguous: { count: number; keys: string[] };
  /** In dollars, each the sum of whole cents, so previous + into − outOf + new − gone + change = current to the cent. */
  bridge: BridgeParts;
  /** Null when P ≤ 0 or the cohort is empty. */
  measured: MeasuredKpis | null;
}

const cents = (mrr: number): number => Math.round(mrr * 1200);
const RISK = BAND_CODE.risk;

/**
 * SPEC §4.6: what moved between the previous import and the current one, both scored with the same
 * calibration. `match` (matchAccounts of these two books) may be passed in: it does not change with the
 * calibration, so re-scoring costs only the linear passes below.
 */
export function movement(prev: ScoredBook, cur: ScoredBook, match: AccountMatch = matchAccounts(prev.cols, cur.cols)): Movement {
  const { prevRow, curRow, status, prevStatus } = match;
  const pn = prev.cols.count;
  const cn = cur.cols.count;
  const delta = new Int16Array(cn);
  const prevBand = new Uint8Array(cn).fill(NO_BAND);
  const matrixCount = [0, 1, 2].map(() => [0, 0, 0]);
  const matrixCents = [0, 1, 2].map(() => [0, 0, 0]);
  const added = { count: 0, cents: 0, risk: 0 };
  const gone = { count: 0, cents: 0, risk: 0 };
  // Whole cents: integer sums are exact, so the bridge adds up to the cent however many accounts.
  let previous = 0, into = 0, outOf = 0, newC = 0, goneC = 0, change = 0, current = 0;

  const cBand = cur.scored.band, pBand = prev.scored.band;
  const cMrr = cur.cols.mrr, pMrr = prev.cols.mrr;
  const cScore = cur.scored.score, pScore = prev.scored.score;
  for (let i = 0; i < cn; i++) {
    const b = cBand[i];
    const c = cents(cMrr[i]);
    if (b === RISK) current += c;
    const p = prevRow[i];
    if (p < 0) {
      // Unmatched: "new" in the bridge, ambiguous or not; in the new count only when not ambiguous.
      if (b === RISK) newC += c;
      if (status[i] === UNMATCHED) {
        added.count++;
        added.cents += c;
        if (b === RISK) added.risk++;
      }
      continue;
    }
    const a = pBand[p];
    prevBand[i] = a;
    delta[i] = cScore[i] - pScore[p];
    matrixCount[a][b]++;
    matrixCents[a][b] += c;
    if (a === RISK && b === RISK) change += c - cents(pMrr[p]);
    else if (b === RISK) into += c;
    else if (a === RISK) outOf += cents(pMrr[p]);
  }

  let cohortAccounts = 0, cohortMrr = 0, matchedMrr = 0, keptMrr = 0;
  for (let p = 0; p < pn; p++) {
    const c = cents(pMrr[p]);
    const risk = pBand[p] === RISK;
    if (risk) previous += c;
    const i = curRow[p];
    if (i >= 0) {
      cohortAccounts++;
      cohortMrr += pMrr[p];
      matchedMrr += cMrr[i];
      keptMrr += Math.min(cMrr[i], pMrr[p]);
      continue;
    }
    if (risk) goneC += c;
    if (prevStatus[p] !== UNMATCHED) continue; // ambiguous: out of the cohort and the gone count
    cohortAccounts++;
    cohortMrr += pMrr[p];
    gone.count++;
    gone.cents += c;
    if (risk) gone.risk++;
  }

  const period = cur.asOfDay - prev.asOfDay;
  return {
    keyedBy: match.keyedBy,
    prevRow, curRow, status, prevStatus, delta, prevBand,
    matrix: { count: matrixCount, arr: matrixCents.map((r) => r.map(dollars)) },
    added: { count: added.count, arr: dollars(added.cents), risk: added.risk },
    gone: { count: gone.count, arr: dollars(gone.cents), risk: gone.risk },
    ambiguous: match.ambiguous,
    bridge: {
      previous: dollars(previous), into: dollars(into), outOf: dollars(outOf), new: dollars(newC),
      gone: dollars(goneC), change: dollars(change), current: dollars(current),
    },
    measured: measuredKpis(period, cohortAccounts, gone.count, cohortMrr, matchedMrr, keptMrr),
  };
}

const dollars = (c: number): number => c / 100;
