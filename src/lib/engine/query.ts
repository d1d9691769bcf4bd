import type { ScoredColumns } from './portfolio';
import { BAND_CODE, type AccountColumns, type Band } from './types';

/** Columns of the account table (SPEC §4.3). */
export const SORT_KEYS = ['name', 'score', 'band', 'at-risk-arr', 'arr', 'days', 'usage', 'sentiment', 'owner', 'segment', 'renewal'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface AccountQuery {
  sort: SortKey;
  dir: 'asc' | 'desc';
  /** Bands to show; empty shows all. */
  bands: Band[];
  /** Owner / segment dictionary code, or null for any. */
  owner: number | null;
  segment: number | null;
  /** Renewal within this many days from `today` (inclusive), or null. */
  renewalWithin: number | null;
  /** Today as days since 1970-01-01 UTC. */
  today: number;
  /** Case-insensitive substring of the account name. */
  search: string;
}

export const DEFAULT_QUERY: Omit<AccountQuery, 'today'> = {
  sort: 'at-risk-arr', dir: 'desc', bands: [], owner: null, segment: null, renewalWithin: null, search: '',
};

const lowerNames = new WeakMap<string[], string[]>();
const nameRanks = new WeakMap<string[], Uint32Array>();

function lower(names: string[]): string[] {
  let l = lowerNames.get(names);
  if (!l) {
    l = names.map((s) => s.toLowerCase());
    lowerNames.set(names, l);
  }
  return l;
}

/** Alphabetical rank of every name, computed once per portfolio. */
function nameRank(names: string[]): Uint32Array {
  let r = nameRanks.get(names);
  if (!r) {
    const l = lower(names);
    const idx = Array.from({ length: names.length }, (_, i) => i).sort((a, b) => (l[a] < l[b] ? -1 : l[a] > l[b] ? 1 : a - b));
    r = new Uint32Array(names.length);
    idx.forEach((i, rank) => (r![i] = rank));
    nameRanks.set(names, r);
  }
  return r;
}

function dictRank(dict: string[]): Float64Array {
  const order = dict.map((_, i) => i).sort((a, b) => dict[a].localeCompare(dict[b]));
  const rank = new Float64Array(dict.length);
  order.forEach((code, r) => (rank[code] = code === 0 ? Infinity : r)); // "no owner" sorts last
  return rank;
}

function sortKeyColumn(cols: AccountColumns, scored: ScoredColumns, key: SortKey): ArrayLike<number> {
  switch (key) {
    case 'name': return nameRank(cols.name);
    case 'score': return scored.score;
    case 'band': return scored.band;
    case 'at-risk-arr': return scored.atRisk;
    case 'arr': return cols.mrr;
    case 'days': return cols.days;
    case 'usage': return cols.usage;
    case 'sentiment': return cols.sentiment;
    case 'owner': { const r = dictRank(cols.ownerDict); return Float64Array.from(cols.owner, (c) => r[c]); }
    case 'segment': { const r = dictRank(cols.segmentDict); return Float64Array.from(cols.segment, (c) => r[c]); }
    case 'renewal': return cols.renewal;
  }
}

/** Filter then sort: returns the row indices to show, in order. */
export function queryAccounts(cols: AccountColumns, scored: ScoredColumns, q: AccountQuery): Uint32Array {
  const n = cols.count;
  const keepBand = q.bands.length ? new Set<number>(q.bands.map((b) => BAND_CODE[b])) : null;
  const needle = q.search.trim().toLowerCase();
  const names = needle ? lower(cols.name) : null;
  const out = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (keepBand && !keepBand.has(scored.band[i])) continue;
    if (q.owner !== null && cols.owner[i] !== q.owner) continue;
    if (q.segment !== null && cols.segment[i] !== q.segment) continue;
    if (q.renewalWithin !== null) {
      const d = cols.renewal[i] - q.today;
      if (!(d >= 0 && d <= q.renewalWithin)) continue;
    }
    if (names && !names[i].includes(needle)) continue;
    out[m++] = i;
  }
  const idx = out.subarray(0, m);
  const key = sortKeyColumn(cols, scored, q.sort);
  const dir = q.dir === 'asc' ? 1 : -1;
  // Unknown values (NaN renewal) always sort last; ties keep source order.
  idx.sort((a, b) => {
    const ka = key[a];
    const kb = key[b];
    const na = ka !== ka;
    const nb = kb !== kb;
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return ka === kb ? a - b : (ka < kb ? -dir : dir);
  });
  return idx;
}
