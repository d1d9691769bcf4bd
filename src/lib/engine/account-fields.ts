/**
 * The account columns (AccountColumns) described once. The importer's column store
 * (io/column-store.ts), the worker's transfer list, the stored-portfolio schema (schema/portfolio.ts) and
 * the test fixtures are all derived from these tables: adding a column means adding it here (and the
 * importer's cell reader that fills it).
 */
import type { NameColumn } from './names';

/** How an entry is checked at the storage gate (schema/portfolio.ts). */
export type EntryCheck =
  /** Finite and ≥ 0 (money is never negative). */
  | 'amount'
  /** NaN ("no value", SPEC §4.1) or finite and ≥ 0. */
  | 'optional-amount'
  /** NaN ("no value" / unknown) or finite. */
  | 'optional-number'
  /** A code below the length of the dictionary named by `dict`. */
  | 'code'
  /** A 1-based line number. */
  | 'line'
  /** 0 or 1. */
  | 'flag';

interface ArrayField {
  kind: 'f64' | 'u32' | 'u8';
  check: EntryCheck;
  /** The value of a row that has none (what a fixture fills in). */
  empty: number;
  /** 'finish': computed from the whole import at the end, not stored row by row. */
  filled: 'row' | 'finish';
  /** For a 'code' column: its dictionary (index 0 is '' = no value). */
  dict?: 'ownerDict' | 'segmentDict';
}

/** The per-row numeric columns, one typed array each. */
export const ARRAY_FIELDS = {
  /** Monthly recurring revenue in dollars (ARR inputs already divided by 12). */
  mrr: { kind: 'f64', check: 'amount', empty: 0, filled: 'row' },
  /** Days since last meaningful touch (dates already converted); NaN: no value (SPEC §4.1, scored without it). */
  days: { kind: 'f64', check: 'optional-amount', empty: NaN, filled: 'row' },
  /** Product usage on 0–100 (fractions already scaled); NaN: no value. */
  usage: { kind: 'f64', check: 'optional-number', empty: NaN, filled: 'row' },
  /** Sentiment on 0–100 (NPS, 0–10, 1–5 already rescaled); NaN: no value. */
  sentiment: { kind: 'f64', check: 'optional-number', empty: NaN, filled: 'row' },
  /** Index into ownerDict; 0 is "no owner" and ownerDict[0] === ''. */
  owner: { kind: 'u32', check: 'code', dict: 'ownerDict', empty: 0, filled: 'row' },
  /** Index into segmentDict; 0 is "no segment" and segmentDict[0] === ''. */
  segment: { kind: 'u32', check: 'code', dict: 'segmentDict', empty: 0, filled: 'row' },
  /** Renewal date as days since 1970-01-01 (UTC), NaN when unknown. */
  renewal: { kind: 'f64', check: 'optional-number', empty: NaN, filled: 'row' },
  /** 1-based line number of the row in the source text. */
  line: { kind: 'u32', check: 'line', empty: 1, filled: 'row' },
  /** 1 when another scored row has the same name (kept, flagged). */
  duplicate: { kind: 'u8', check: 'flag', empty: 0, filled: 'finish' },
} as const satisfies Record<string, ArrayField>;

export type ArrayFieldName = keyof typeof ARRAY_FIELDS;
export const ARRAY_FIELD_NAMES = Object.keys(ARRAY_FIELDS) as ArrayFieldName[];

/** The typed array of each kind. */
export interface ArrayOfKind {
  f64: Float64Array;
  u32: Uint32Array;
  u8: Uint8Array;
}
export const ARRAY_OF_KIND = { f64: Float64Array, u32: Uint32Array, u8: Uint8Array } as const;

export type ArrayColumns = { [K in ArrayFieldName]: ArrayOfKind[(typeof ARRAY_FIELDS)[K]['kind']] };

/** Text columns, packed (names.ts). */
export const PACKED_FIELDS = {
  /** Account names: nameAt(name, i) is row i's name. */
  name: { optional: false },
  /** SPEC §4.6 account ids ('' = blank); absent when the import maps no id column. */
  id: { optional: true },
} as const;
export type PackedFieldName = keyof typeof PACKED_FIELDS;
export const PACKED_FIELD_NAMES = Object.keys(PACKED_FIELDS) as PackedFieldName[];

/** Dictionaries of the code columns; entry 0 is '' (no value). SPEC §4.4: shown in their most frequent spelling. */
export const DICT_FIELD_NAMES = ['ownerDict', 'segmentDict'] as const;
export type DictFieldName = (typeof DICT_FIELD_NAMES)[number];

type PackedColumns = { [K in PackedFieldName as (typeof PACKED_FIELDS)[K]['optional'] extends true ? never : K]: NameColumn } & {
  [K in PackedFieldName as (typeof PACKED_FIELDS)[K]['optional'] extends true ? K : never]?: NameColumn;
};

/** Every buffer of the columns (to transfer rather than copy). */
export function columnBuffers(c: ArrayColumns & PackedColumns): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const k of PACKED_FIELD_NAMES) {
    const p = c[k];
    if (p) out.push(p.end.buffer as ArrayBuffer);
  }
  for (const k of ARRAY_FIELD_NAMES) out.push(c[k].buffer as ArrayBuffer);
  return out;
}

/**
 * Accounts as columns (one typed array per field) so 1M rows cost a few
 * arrays, not a million objects, and can be transferred from the worker.
 * Only scorable rows are here; unscorable rows live in the import report.
 * Never changed in place once built: a new import is new columns. Caches rely on it.
 */
export type AccountColumns = { count: number } & PackedColumns & ArrayColumns & Record<DictFieldName, string[]>;
