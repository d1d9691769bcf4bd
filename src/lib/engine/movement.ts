/**
 * SPEC §4.6 movement since the previous import: two books matched account by account, the band
 * transitions, the Risk-band ARR bridge and the KPIs the two imports measure. Pure and columnar: two
 * 1M-account books cost two key maps and a few passes over typed arrays.
 */
import { lowerNames, nameAt, type NameColumn } from './names';
import type { ScoredColumns } from './portfolio';
import { BAND_CODE, type AccountColumns } from './types';

/** One import as movement reads it: its columns, scored with the current calibration, and its "as of" day. */
export interface ScoredBook {
  cols: AccountColumns;
  scored: ScoredColumns;
  /** The export's "as of" date as days since 1970-01-01 (UTC). */
  asOfDay: number;
}

/** Per account of either import: matched, unmatched (new in the current one, gone from the previous one), ambiguous. */
export const MATCHED = 0;
export const UNMATCHED = 1;
export const AMBIGUOUS = 2;

/** Keys shown in the ambiguous list at most (the count is always exact). */
export const AMBIGUOUS_LISTED = 200;

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

export const BRIDGE_PARTS = ['previous', 'into', 'outOf', 'new', 'gone', 'change', 'current'] as const;

export interface MeasuredKpis {
  /** P: days between the two "as of" dates. */
  periodDays: number;
  /** P ≥ 28: the figures below are annualised; else they are the period's. */
  annualised: boolean;
  /** Percent, as shown (annualised when `annualised`); null when the cohort had no MRR. */
  nrr: number | null;
  grr: number | null;
  logoChurn: number;
  /** The period figures (NRR_P, GRR_P, logo churn_P). */
  nrrPeriod: number | null;
  grrPeriod: number | null;
  logoChurnPeriod: number;
  cohortAccounts: number;
  cohortMrr: number;
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

/** SPEC §4.6: whitespace (edge, doubled, or other than a space) that the key rule changes. */
const UNTIDY = /^\s|\s$|\s\s|[^\S ]/;

/** SPEC §4.6 name (and id) key: trimmed, whitespace collapsed, case-insensitive (segmentKey's rule), for every row. */
export function accountKeys(names: NameColumn): string[] {
  const lower = lowerNames(names);
  const n = names.end.length;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const k = nameAt(lower, i);
    out[i] = UNTIDY.test(k) ? k.trim().replace(/\s+/g, ' ') : k;
  }
  return out;
}

/**
 * The key of every account: its id when both imports map one, else its name. A blank id falls back to the
 * name (kept apart from ids by a prefix), so an export with a few blank ids still matches those by name.
 */
function bookKeys(cols: AccountColumns, byId: boolean): string[] {
  const names = accountKeys(cols.name);
  if (!byId || !cols.id) return names;
  const ids = accountKeys(cols.id);
  for (let i = 0; i < ids.length; i++) ids[i] = ids[i] === '' ? `n:${names[i]}` : `i:${ids[i]}`;
  return ids;
}

/**
 * Rows by key: an open-addressing table over 32-bit string hashes (FNV-1a), strings compared only when the
 * hashes agree. A Map of a million strings costs several times more to build and to query.
 */
class KeyIndex {
  readonly keys: string[];
  readonly hash: Int32Array;
  /** 1 on the first row of a key that appears more than once. */
  readonly repeated: Uint8Array;
  /** The first row with the same key as each row. */
  readonly first: Int32Array;
  readonly #slots: Int32Array;
  readonly #mask: number;

  constructor(keys: string[]) {
    const n = keys.length;
    this.keys = keys;
    this.hash = new Int32Array(n);
    this.repeated = new Uint8Array(n);
    this.first = new Int32Array(n);
    let size = 16;
    while (size < n * 2) size *= 2;
    this.#mask = size - 1;
    this.#slots = new Int32Array(size).fill(-1);
    for (let i = 0; i < n; i++) {
      const h = (this.hash[i] = hashOf(keys[i]));
      const j = (this.first[i] = this.find(keys[i], h, true, i));
      if (j !== i) this.repeated[j] = 1;
    }
  }

  /** The first row with this key (hash `h`), or −1; with `insert`, an absent key takes row `row`'s place. */
  find(key: string, h: number, insert = false, row = -1): number {
    const slots = this.#slots;
    for (let s = h & this.#mask; ; s = (s + 1) & this.#mask) {
      const j = slots[s];
      if (j === -1) {
        if (insert) slots[s] = row;
        return insert ? row : -1;
      }
      if (this.hash[j] === h && this.keys[j] === key) return j;
    }
  }
}

function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h;
}

const cents = (mrr: number): number => Math.round(mrr * 1200);
const RISK = BAND_CODE.risk;

/** SPEC §4.6: match the previous import to the current one and measure what moved. */
export function movement(prev: ScoredBook, cur: ScoredBook): Movement {
  const byId = !!prev.cols.id && !!cur.cols.id;
  const pKeys = bookKeys(prev.cols, byId);
  const cKeys = bookKeys(cur.cols, byId);
  const pIndex = new KeyIndex(pKeys);
  const cIndex = new KeyIndex(cKeys);
  const pn = prev.cols.count;
  const cn = cur.cols.count;
  const prevRow = new Int32Array(cn).fill(-1);
  const curRow = new Int32Array(pn).fill(-1);
  const status = new Uint8Array(cn);
  const prevStatus = new Uint8Array(pn);
  const delta = new Int16Array(cn);
  const prevBand = new Uint8Array(cn).fill(NO_BAND);
  const ambiguous = new Map<string, string>();
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
    const k = cKeys[i];
    const h = cIndex.hash[i];
    const p = pIndex.find(k, h);
    const b = cBand[i];
    const c = cents(cMrr[i]);
    if (b === RISK) current += c;
    if (cIndex.repeated[cIndex.first[i]] === 1 || (p >= 0 && pIndex.repeated[p] === 1)) {
      status[i] = AMBIGUOUS;
      if (!ambiguous.has(k)) ambiguous.set(k, shown(cur.cols, i, byId));
      if (b === RISK) newC += c;
      continue;
    }
    if (p < 0) {
      status[i] = UNMATCHED;
      added.count++;
      added.cents += c;
      if (b === RISK) {
        added.risk++;
        newC += c;
      }
      continue;
    }
    prevRow[i] = p;
    curRow[p] = i;
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
    const k = pKeys[p];
    const c = cents(pMrr[p]);
    const risk = pBand[p] === RISK;
    if (risk) previous += c;
    if (curRow[p] >= 0) {
      cohortAccounts++;
      cohortMrr += pMrr[p];
      const now = cMrr[curRow[p]];
      matchedMrr += now;
      keptMrr += Math.min(now, pMrr[p]);
      continue;
    }
    if (risk) goneC += c;
    const there = cIndex.find(k, pIndex.hash[p]);
    if (pIndex.repeated[pIndex.first[p]] === 1 || (there >= 0 && cIndex.repeated[there] === 1)) {
      prevStatus[p] = AMBIGUOUS;
      if (!ambiguous.has(k)) ambiguous.set(k, shown(prev.cols, p, byId));
      continue;
    }
    prevStatus[p] = UNMATCHED;
    cohortAccounts++;
    cohortMrr += pMrr[p];
    gone.count++;
    gone.cents += c;
    if (risk) gone.risk++;
  }

  const period = cur.asOfDay - prev.asOfDay;
  return {
    keyedBy: byId ? 'id' : 'name',
    prevRow, curRow, status, prevStatus, delta, prevBand,
    matrix: { count: matrixCount, arr: matrixCents.map((r) => r.map(dollars)) },
    added: { count: added.count, arr: dollars(added.cents), risk: added.risk },
    gone: { count: gone.count, arr: dollars(gone.cents), risk: gone.risk },
    ambiguous: { count: ambiguous.size, keys: [...ambiguous.values()].slice(0, AMBIGUOUS_LISTED) },
    bridge: {
      previous: dollars(previous), into: dollars(into), outOf: dollars(outOf), new: dollars(newC),
      gone: dollars(goneC), change: dollars(change), current: dollars(current),
    },
    measured: measuredKpis(period, cohortAccounts, gone.count, cohortMrr, matchedMrr, keptMrr),
  };
}

const dollars = (c: number): number => c / 100;

/** How an ambiguous key is listed: the id (or name) as the first account with it spells it. */
function shown(cols: AccountColumns, i: number, byId: boolean): string {
  const id = byId && cols.id ? nameAt(cols.id, i).trim() : '';
  return id !== '' ? id : nameAt(cols.name, i).trim().replace(/\s+/g, ' ');
}

/** Period days from which the measured KPIs are annualised (SPEC §4.6). */
export const ANNUALISE_FROM_DAYS = 28;

/**
 * SPEC §4.6 KPIs measured from two imports over P days: NRR_P = 100 × Σ current MRR of matched ÷ Σ previous
 * MRR of the cohort; GRR_P with min(current, previous); logo churn_P = 100 × gone ÷ cohort. Annualised
 * when P ≥ 28. Null when P ≤ 0 or the cohort is empty.
 */
export function measuredKpis(
  periodDays: number, cohortAccounts: number, goneAccounts: number, cohortMrr: number, matchedMrr: number, keptMrr: number,
): MeasuredKpis | null {
  if (!(periodDays > 0) || cohortAccounts === 0) return null;
  const nrrPeriod = cohortMrr > 0 ? (100 * matchedMrr) / cohortMrr : null;
  const grrPeriod = cohortMrr > 0 ? (100 * keptMrr) / cohortMrr : null;
  const logoChurnPeriod = (100 * goneAccounts) / cohortAccounts;
  const annualised = periodDays >= ANNUALISE_FROM_DAYS;
  const e = 365 / periodDays;
  const yearly = (r: number | null) => (r === null ? null : 100 * (r / 100) ** e);
  return {
    periodDays, annualised,
    nrr: annualised ? yearly(nrrPeriod) : nrrPeriod,
    grr: annualised ? yearly(grrPeriod) : grrPeriod,
    logoChurn: annualised ? 100 * (1 - (1 - logoChurnPeriod / 100) ** e) : logoChurnPeriod,
    nrrPeriod, grrPeriod, logoChurnPeriod, cohortAccounts, cohortMrr,
  };
}
