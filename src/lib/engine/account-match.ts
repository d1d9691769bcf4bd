/**
 * SPEC §4.6 identity: which account of the previous import each account of the current one is. Keys are
 * read straight from the packed names (or ids) and looked up in an open-addressing table over their hashes,
 * so two 1M-account books cost two key tables and a pass over each.
 */
import { NAME_CHUNK, lowerNames, nameAt, type NameColumn } from './names';
import type { AccountColumns } from './types';

/** Per account of either import: matched, unmatched (new in the current one, gone from the previous one), ambiguous. */
export const MATCHED = 0;
export const UNMATCHED = 1;
export const AMBIGUOUS = 2;

/** Keys shown in the ambiguous list at most (the count is always exact). */
export const AMBIGUOUS_LISTED = 200;

/** What matching reads of an import: its names and ids (a worker gets only these). */
export type KeyColumns = Pick<AccountColumns, 'count' | 'name' | 'id'>;

/** SPEC §4.6: whitespace (edge, doubled, or other than a space) that the key rule changes. */
const NAME_SHIFT = Math.log2(NAME_CHUNK);
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

/** JavaScript's \s: what the key rule trims and collapses. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

const NAME_SEED = 0x811c9dc5;
const ID_SEED = 0x2f4a7c15;

/**
 * The key of every account of one import, read straight from the packed, lower-cased names (or ids): no
 * string per account. The key is the id when both imports map one, else the name; a blank id falls back
 * to the name (kept apart from ids), so an export with a few blank ids still matches those by name.
 */
class BookKeys {
  readonly name: NameColumn;
  readonly id: NameColumn | null;
  /** 1 where the row's key is its id. */
  readonly useId: Uint8Array;
  /** FNV-1a of the key as the rule spells it (trimmed, whitespace collapsed to one space). */
  readonly hash: Int32Array;
  /** Length of the key as the rule spells it. */
  readonly len: Uint32Array;

  constructor(cols: KeyColumns, byId: boolean) {
    const n = cols.count;
    this.name = lowerNames(cols.name);
    this.id = byId && cols.id ? lowerNames(cols.id) : null;
    this.useId = new Uint8Array(n);
    this.hash = new Int32Array(n);
    this.len = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.id && this.#hash(this.id, i, ID_SEED) && this.len[i] > 0) this.useId[i] = 1;
      else this.#hash(this.name, i, NAME_SEED);
    }
  }

  #hash(col: NameColumn, i: number, seed: number): true {
    const text = col.chunks[i >>> NAME_SHIFT];
    const end = col.end[i];
    let h = seed;
    let len = 0;
    let gap = false;
    for (let k = (i & (NAME_CHUNK - 1)) === 0 ? 0 : col.end[i - 1]; k < end; k++) {
      const c = text.charCodeAt(k);
      if (isSpace(c)) {
        gap = len > 0;
        continue;
      }
      if (gap) {
        h = Math.imul(h ^ 32, 16777619);
        len++;
        gap = false;
      }
      h = Math.imul(h ^ c, 16777619);
      len++;
    }
    this.hash[i] = h;
    this.len[i] = len;
    return true;
  }

  /** Whether row i of this import and row j of `other` have the same key (no allocation: it runs per account). */
  same(i: number, other: BookKeys, j: number): boolean {
    if (this.hash[i] !== other.hash[j] || this.len[i] !== other.len[j] || this.useId[i] !== other.useId[j]) return false;
    const a = this.useId[i] === 1 ? this.id! : this.name;
    const b = other.useId[j] === 1 ? other.id! : other.name;
    const sa = (i & (NAME_CHUNK - 1)) === 0 ? 0 : a.end[i - 1];
    const sb = (j & (NAME_CHUNK - 1)) === 0 ? 0 : b.end[j - 1];
    const ta = a.chunks[i >>> NAME_SHIFT];
    const tb = b.chunks[j >>> NAME_SHIFT];
    // Most keys are spelled alike: one native comparison of two slices (not copied) instead of a loop per character.
    if (a.end[i] - sa === this.len[i] && b.end[j] - sb === this.len[i] && ta.substring(sa, a.end[i]) === tb.substring(sb, b.end[j])) return true;
    return sameKey(ta, sa, a.end[i], tb, sb, b.end[j]);
  }
}

/** Two ranges equal under the key rule (leading and trailing whitespace ignored, each inner run one space). */
function sameKey(a: string, i: number, ea: number, b: string, j: number, eb: number): boolean {
  while (i < ea && isSpace(a.charCodeAt(i))) i++;
  while (j < eb && isSpace(b.charCodeAt(j))) j++;
  for (;;) {
    if (i >= ea || j >= eb) return i >= ea && j >= eb;
    if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
    const ra = i;
    const rb = j;
    while (i < ea && isSpace(a.charCodeAt(i))) i++;
    while (j < eb && isSpace(b.charCodeAt(j))) j++;
    // A run of whitespace between two characters is one space; at the end it is nothing.
    if ((i > ra && i < ea) !== (j > rb && j < eb)) return false;
  }
}

/**
 * Rows by key: an open-addressing table over the keys' 32-bit hashes, keys compared only when the hashes
 * agree. A Map of a million strings costs several times more to build and to query.
 */
class KeyIndex {
  readonly keys: BookKeys;
  /** 1 on the first row of a key that appears more than once. */
  readonly repeated: Uint8Array;
  /** The first row with the same key as each row. */
  readonly first: Int32Array;
  readonly #slots: Int32Array;
  readonly #mask: number;

  constructor(keys: BookKeys) {
    const n = keys.hash.length;
    this.keys = keys;
    this.repeated = new Uint8Array(n);
    this.first = new Int32Array(n);
    let size = 16;
    while (size < n * 2) size *= 2;
    this.#mask = size - 1;
    this.#slots = new Int32Array(size).fill(-1);
    for (let i = 0; i < n; i++) {
      const j = (this.first[i] = this.find(keys, i, true));
      if (j !== i) this.repeated[j] = 1;
    }
  }

  /** The first row here with the key of row `row` of `from`, or −1; with `insert` (from = these keys), an absent key takes `row`'s place. */
  find(from: BookKeys, row: number, insert = false): number {
    const slots = this.#slots;
    for (let s = from.hash[row] & this.#mask; ; s = (s + 1) & this.#mask) {
      const j = slots[s];
      if (j === -1) {
        if (!insert) return -1;
        slots[s] = row;
        return row;
      }
      if (this.keys.same(j, from, row)) return j;
    }
  }
}

/**
 * How the accounts of two imports pair up (SPEC §4.6 identity). It depends on the accounts only, not on
 * the calibration: computed once per pair of imports, it serves every re-scoring.
 */
export interface AccountMatch {
  keyedBy: 'id' | 'name';
  /** Per current account: its previous row, −1 when unmatched. */
  prevRow: Int32Array;
  /** Per previous account: its current row, −1 when unmatched. */
  curRow: Int32Array;
  /** Per current account: MATCHED, UNMATCHED (new) or AMBIGUOUS. */
  status: Uint8Array;
  /** Per previous account: MATCHED, UNMATCHED (gone) or AMBIGUOUS. */
  prevStatus: Uint8Array;
  ambiguous: { count: number; keys: string[] };
}

/** SPEC §4.6: match on the id when both imports map one, else on the name key; a key twice in either import is ambiguous. */
export function matchAccounts(prev: KeyColumns, cur: KeyColumns): AccountMatch {
  const byId = !!prev.id && !!cur.id;
  const pKeys = new BookKeys(prev, byId);
  const cKeys = new BookKeys(cur, byId);
  const pIndex = new KeyIndex(pKeys);
  const cIndex = new KeyIndex(cKeys);
  const pn = prev.count;
  const cn = cur.count;
  const prevRow = new Int32Array(cn).fill(-1);
  const curRow = new Int32Array(pn).fill(-1);
  const status = new Uint8Array(cn);
  const prevStatus = new Uint8Array(pn);
  // Distinct ambiguous keys, each by its first row: in the current import when it has the key, else in the previous one.
  const ambiguousCur: number[] = [];
  const ambiguousPrev: number[] = [];
  // Two exports of one CRM usually list accounts in the same order: the row after the last match is tried
  // first, which reads both books in sequence instead of probing the table at random.
  let guess = 0;
  for (let i = 0; i < cn; i++) {
    let p: number;
    if (guess < pn && pKeys.same(guess, cKeys, i)) p = pIndex.first[guess++];
    else {
      p = pIndex.find(cKeys, i);
      if (p >= 0) guess = p + 1;
    }
    const f = cIndex.first[i];
    if (cIndex.repeated[f] === 1 || (p >= 0 && pIndex.repeated[p] === 1)) {
      status[i] = AMBIGUOUS;
      if (f === i) ambiguousCur.push(i);
    } else if (p < 0) status[i] = UNMATCHED;
    else {
      prevRow[i] = p;
      curRow[p] = i;
    }
  }
  for (let p = 0; p < pn; p++) {
    if (curRow[p] >= 0) continue;
    const there = cIndex.find(pKeys, p);
    const f = pIndex.first[p];
    if (pIndex.repeated[f] === 1 || (there >= 0 && cIndex.repeated[there] === 1)) {
      prevStatus[p] = AMBIGUOUS;
      if (f === p && there < 0) ambiguousPrev.push(p);
    } else prevStatus[p] = UNMATCHED;
  }
  const listed = [
    ...ambiguousCur.slice(0, AMBIGUOUS_LISTED).map((i) => shown(cur, i, cKeys.useId[i] === 1)),
    ...ambiguousPrev.slice(0, Math.max(0, AMBIGUOUS_LISTED - ambiguousCur.length)).map((p) => shown(prev, p, pKeys.useId[p] === 1)),
  ];
  return {
    keyedBy: byId ? 'id' : 'name', prevRow, curRow, status, prevStatus,
    ambiguous: { count: ambiguousCur.length + ambiguousPrev.length, keys: listed },
  };
}

/** How an ambiguous key is listed: the id (or name) as the first account with it spells it. */
function shown(cols: KeyColumns, i: number, byId: boolean): string {
  const id = byId && cols.id ? nameAt(cols.id, i).trim() : '';
  return id !== '' ? id : nameAt(cols.name, i).trim().replace(/\s+/g, ' ');
}
