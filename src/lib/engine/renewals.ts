import type { ScoredColumns } from './portfolio';
import type { AccountColumns } from './types';

/** SPEC §4.5 renewal windows, in display order. */
export const RENEWAL_WINDOW_IDS = ['overdue', '30', '60', '90', '180', 'later', 'none'] as const;
export type RenewalWindow = (typeof RENEWAL_WINDOW_IDS)[number];

/** Index into RENEWAL_WINDOW_IDS for a number of days to renewal (NaN: no renewal date). */
export function renewalWindowCode(daysToRenewal: number): number {
  const d = daysToRenewal;
  if (d !== d) return 6;
  if (d < 0) return 0;
  if (d <= 30) return 1;
  if (d <= 60) return 2;
  if (d <= 90) return 3;
  if (d <= 180) return 4;
  return 5;
}

export const renewalWindowOf = (daysToRenewal: number): RenewalWindow => RENEWAL_WINDOW_IDS[renewalWindowCode(daysToRenewal)];

export interface RenewalWindowTotals {
  window: RenewalWindow;
  count: number;
  arr: number;
  /** ARR of the window's Risk-band accounts. */
  riskArr: number;
  atRiskArr: number;
  /** ARR per band (index into BANDS), for the stacked chart. */
  bandArr: [healthy: number, watch: number, risk: number];
}

/**
 * SPEC §4.5 per-window totals in one pass. Days to renewal = renewal date − today, both as epoch days
 * (AccountColumns.renewal; `today` is the local calendar day, io/dates todayEpochDay). Windows in
 * RENEWAL_WINDOW_IDS order.
 */
export function renewalWindows(cols: AccountColumns, scored: ScoredColumns, today: number): RenewalWindowTotals[] {
  const count = new Float64Array(7);
  const atRiskArr = new Float64Array(7);
  const bandArr = new Float64Array(21);
  const { mrr, renewal } = cols;
  const { band, atRisk } = scored;
  for (let i = 0; i < cols.count; i++) {
    const w = renewalWindowCode(renewal[i] - today);
    count[w]++;
    atRiskArr[w] += atRisk[i];
    bandArr[w * 3 + band[i]] += mrr[i] * 12;
  }
  return RENEWAL_WINDOW_IDS.map((window, w) => {
    const h = bandArr[w * 3];
    const wa = bandArr[w * 3 + 1];
    const r = bandArr[w * 3 + 2];
    return { window, count: count[w], arr: h + wa + r, riskArr: r, atRiskArr: atRiskArr[w], bandArr: [h, wa, r] };
  });
}

/** SPEC §4.5 "how much Risk ARR renews this quarter": the `30` + `60` + `90` rows. */
export function riskArrRenewingIn90(windows: readonly RenewalWindowTotals[]): number {
  let sum = 0;
  for (const w of windows) if (w.window === '30' || w.window === '60' || w.window === '90') sum += w.riskArr;
  return sum;
}

/**
 * SPEC §4.5 act-first list by renewal: Risk and Watch accounts, earliest renewal date first (so overdue
 * ones lead, most overdue first), ties by at-risk ARR, largest first; accounts without a date last (by
 * at-risk ARR). Top `limit` in one pass, no full sort.
 */
export function actFirstByRenewal(cols: AccountColumns, scored: ScoredColumns, limit = 10): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  const { renewal } = cols;
  const { band, atRisk } = scored;
  // a before b: dated before undated, earlier date, larger at-risk ARR, lower row.
  const before = (a: number, b: number): boolean => {
    const ra = renewal[a];
    const rb = renewal[b];
    const da = ra === ra;
    const db = rb === rb;
    if (da !== db) return da;
    if (da && ra !== rb) return ra < rb;
    if (atRisk[a] !== atRisk[b]) return atRisk[a] > atRisk[b];
    return a < b;
  };
  for (let i = 0; i < cols.count; i++) {
    if (band[i] === 0) continue;
    if (top.length === limit && !before(i, top[limit - 1])) continue;
    let j = top.length < limit ? top.length : limit - 1;
    while (j > 0 && before(i, top[j - 1])) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  return top;
}
