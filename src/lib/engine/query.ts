import type { ScoredColumns } from './portfolio';
import { lowerNames, rowsContaining, unpackNames, type NameColumn } from './names';
import { sortByKey } from './radix-sort';
import { stringRanks } from './string-rank';
import { BAND_CODE, type AccountColumns, type Band } from './types';

/** Columns of the account table (SPEC §4.3). */
export const SORT_KEYS = [
  'name', 'score', 'band', 'at-risk-arr', 'arr', 'days', 'usage', 'sentiment', 'owner', 'segment', 'renewal', 'delta', 'previous-band',
] as const;
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
  /** SPEC §4.6 movement filter (needs the movement columns); absent or null: any. */
  moved?: MovedFilter | null;
}

/** SPEC §4.6: moved down a band, moved up a band, or new since the previous import. */
export const MOVED_FILTERS = ['down', 'up', 'new'] as const;
export type MovedFilter = (typeof MOVED_FILTERS)[number];

/** What the table reads of a movement (engine/movement.ts): per current account. */
export interface MovedColumns {
  delta: Int16Array;
  /** Previous band code; NO_BAND (3) when the account has no previous one. */
  prevBand: Uint8Array;
  /** MATCHED 0, UNMATCHED 1 (new), AMBIGUOUS 2. */
  status: Uint8Array;
}

export const DEFAULT_QUERY: Omit<AccountQuery, 'today'> = {
  sort: 'at-risk-arr', dir: 'desc', bands: [], owner: null, segment: null, renewalWithin: null, search: '',
};

/** True when the query is the table's default view: DEFAULT_QUERY's order, no filter, no search. */
export function isDefaultQuery(q: AccountQuery): boolean {
  const d = DEFAULT_QUERY;
  return (
    q.sort === d.sort && q.dir === d.dir && q.bands.length === 0 && q.owner === null && q.segment === null &&
    q.renewalWithin === null && q.search.trim() === '' && !q.moved
  );
}

const lowered = new WeakMap<NameColumn, NameColumn>();
const nameRanks = new WeakMap<NameColumn, Uint32Array>();

/** The names lower-cased, once per portfolio. */
function lower(names: NameColumn): NameColumn {
  let l = lowered.get(names);
  if (!l) {
    l = lowerNames(names);
    lowered.set(names, l);
  }
  return l;
}

/** Alphabetical rank of every name (the page's text order), computed once per portfolio. */
function nameRank(names: NameColumn): Uint32Array {
  let r = nameRanks.get(names);
  if (!r) {
    r = stringRanks(unpackNames(names));
    nameRanks.set(names, r);
  }
  return r;
}

/** Sort key of every row from its dictionary code, in the same text order as names ("no owner" sorts last). */
function dictKey(codes: Uint32Array, dict: string[]): Float64Array {
  const rank = Float64Array.from(stringRanks(dict));
  if (rank.length > 0) rank[0] = Infinity;
  const key = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) key[i] = rank[codes[i]];
  return key;
}

/** Δ per account, NaN (sorted last) where there is no previous account. */
function deltaKey(m: MovedColumns): Float64Array {
  const key = new Float64Array(m.delta.length);
  for (let i = 0; i < key.length; i++) key[i] = m.prevBand[i] === 3 ? NaN : m.delta[i];
  return key;
}

/** Previous band code, NaN (sorted last) where there is none. */
function prevBandKey(m: MovedColumns): Float64Array {
  const key = new Float64Array(m.prevBand.length);
  for (let i = 0; i < key.length; i++) key[i] = m.prevBand[i] === 3 ? NaN : m.prevBand[i];
  return key;
}

function sortKeyColumn(cols: AccountColumns, scored: ScoredColumns, key: SortKey, moved?: MovedColumns | null): ArrayLike<number> {
  switch (key) {
    case 'delta': return moved ? deltaKey(moved) : scored.score;
    case 'previous-band': return moved ? prevBandKey(moved) : scored.band;
    case 'name': return nameRank(cols.name);
    case 'score': return scored.score;
    case 'band': return scored.band;
    case 'at-risk-arr': return scored.atRisk;
    case 'arr': return cols.mrr;
    case 'days': return cols.days;
    case 'usage': return cols.usage;
    case 'sentiment': return cols.sentiment;
    case 'owner': return dictKey(cols.owner, cols.ownerDict);
    case 'segment': return dictKey(cols.segment, cols.segmentDict);
    case 'renewal': return cols.renewal;
  }
}

/** Filter then sort: returns the row indices to show, in order. */
export function queryAccounts(cols: AccountColumns, scored: ScoredColumns, q: AccountQuery, moved?: MovedColumns | null): Uint32Array {
  const n = cols.count;
  let keepBand: Uint8Array | null = null;
  if (q.bands.length) {
    keepBand = new Uint8Array(3);
    for (const b of q.bands) keepBand[BAND_CODE[b]] = 1;
  }
  const needle = q.search.trim().toLowerCase();
  let named: Uint8Array | null = null;
  if (needle) {
    named = rowsContaining(lower(cols.name), needle);
  }
  // Locals, not property reads per row (the query may come from reactive state).
  const { owner, segment, renewalWithin, today } = q;
  const { band } = scored;
  const { owner: owners, segment: segments, renewal } = cols;
  // SPEC §4.6 movement filter: band codes grow towards Risk, so "down" is a larger code than before.
  const movedFilter = moved && q.moved ? q.moved : null;
  const prevBand = moved?.prevBand;
  const status = moved?.status;
  const out = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (keepBand && keepBand[band[i]] === 0) continue;
    if (owner !== null && owners[i] !== owner) continue;
    if (segment !== null && segments[i] !== segment) continue;
    if (renewalWithin !== null) {
      const d = renewal[i] - today;
      if (!(d >= 0 && d <= renewalWithin)) continue;
    }
    if (named && named[i] === 0) continue;
    if (movedFilter !== null) {
      const p = prevBand![i];
      if (movedFilter === 'new' ? status![i] !== 1 : p === 3 || (movedFilter === 'down' ? band[i] <= p : band[i] >= p)) continue;
    }
    out[m++] = i;
  }
  return sortByKey(out.subarray(0, m), sortKeyColumn(cols, scored, q.sort, moved), q.dir);
}
