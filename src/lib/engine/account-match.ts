/**
 * SPEC §4.6 identity: which account of the previous import each account of the current one is. Keys are
 * read straight from the packed names (or ids) and looked up in an open-addressing table over their hashes,
 * so two 1M-account books cost two key tables and a pass over each.
 */
import { segmentKey } from './model';
import { NAME_CHUNK, nameAt, type NameColumn } from './names';
import type { AccountColumns } from './types';

/** Per account of either import: matched, unmatched (new in the current one, gone from the previous one), ambiguous. */
export const MATCHED = 0;
export const UNMATCHED = 1;
export const AMBIGUOUS = 2;

/** Keys shown in the ambiguous list at most (the count is always exact). */
export const AMBIGUOUS_LISTED = 200;

/** What matching reads of an import: its names and ids (a worker gets only these). */
export type KeyColumns = Pick<AccountColumns, 'count' | 'name' | 'id'>;

const NAME_SHIFT = Math.log2(NAME_CHUNK);

/** JavaScript's \s within ASCII: what the key rule trims and collapses. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

const NAME_SEED = 0x811c9dc5 | 0;
const ID_SEED = 0x2f4a7c15;

/** FNV-1a over 32-bit words (two UTF-16 units), then murmur's finaliser so every bit of the key reaches every bit of the hash. */
const step = (h: number, w: number): number => Math.imul(h ^ w, 16777619);
function finish(h: number, len: number): number {
  h = Math.imul(h ^ len ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of a key already spelled by the rule (segmentKey): what the fast path computes from raw text. */
function hashKey(key: string, seed: number): number {
  let h = seed;
  let k = 0;
  for (; k + 1 < key.length; k += 2) h = step(h, key.charCodeAt(k) | (key.charCodeAt(k + 1) << 16));
  if (k < key.length) h = step(h, key.charCodeAt(k));
  return finish(h, key.length);
}

/**
 * The key of every account of one import, hashed straight from the packed names (or ids): no string per
 * account and no lower-cased copy of the column. A "tidy" key — ASCII, no whitespace at the edges, single
 * spaces inside, nearly every key in an export — is its raw text up to case: it is hashed two units at a
 * time, folded to lower case as it goes. Any other key is spelled out by segmentKey (the rule itself) and
 * hashed from that text, so a key hashes alike whichever way it was written. The key is the id when both
 * imports map one, else the name; a blank id falls back to the name (kept apart from ids), so an export
 * with a few blank ids still matches those by name.
 */
class BookKeys {
  readonly name: NameColumn;
  readonly id: NameColumn | null;
  /** 1 where the row's key is its id. */
  readonly useId: Uint8Array;
  readonly hash: Int32Array;
  /** Length of the key as the rule spells it. */
  readonly len: Uint32Array;
  /** 1 where the key is spelled out (not tidy): its text is in `spelled`. */
  readonly isSpelled: Uint8Array;
  readonly spelled = new Map<number, string>();

  constructor(cols: KeyColumns, byId: boolean) {
    const n = cols.count;
    this.name = cols.name;
    this.id = byId && cols.id ? cols.id : null;
    this.useId = new Uint8Array(n);
    this.hash = new Int32Array(n);
    this.len = new Uint32Array(n);
    this.isSpelled = new Uint8Array(n);
    if (this.id) {
      this.#hashColumn(this.id, ID_SEED);
      for (let i = 0; i < n; i++) {
        if (this.len[i] > 0) this.useId[i] = 1;
        else this.#spell(nameAt(this.name, i), i, NAME_SEED);
      }
    } else this.#hashColumn(this.name, NAME_SEED);
  }

  #hashColumn(col: NameColumn, seed: number): void {
    const n = col.end.length;
    for (let ch = 0; ch * NAME_CHUNK < n; ch++) {
      const text = col.chunks[ch];
      let k = 0;
      for (let i = ch * NAME_CHUNK, last = Math.min(n, i + NAME_CHUNK); i < last; i++) {
        const start = k;
        const end = col.end[i];
        let h = seed;
        let tidy = true;
        let space = true; // the unit before was a space (or there was none): a space now would be leading or doubled
        for (; k + 1 < end; k += 2) {
          let w = text.charCodeAt(k) | (text.charCodeAt(k + 1) << 16);
          if ((w & 0xff80ff80) !== 0) tidy = false; // outside ASCII
          else if ((~((w | 0x80008000) - 0x00210021) & 0x80008000) !== 0) {
            // A unit below 33: only a single space between two other units is tidy.
            const a = w & 0xffff;
            const b = w >>> 16;
            if (a < 32 || b < 32 || (a === 32 && (space || b === 32))) tidy = false;
            space = b === 32;
          } else space = false;
          if (!tidy) break;
          w |= ((w + 0x003f003f) & ~(w + 0x00250025) & 0x00800080) >>> 2; // A–Z to a–z in both halves
          h = step(h, w);
        }
        if (tidy && k < end) {
          let c = text.charCodeAt(k);
          if (c >= 128 || c <= 32) tidy = false;
          else {
            if (c >= 65 && c <= 90) c |= 32;
            h = step(h, c);
            space = false;
          }
        }
        if (tidy && space && end > start) tidy = false; // a trailing space
        if (tidy) {
          this.hash[i] = finish(h, end - start);
          this.len[i] = end - start;
        } else this.#spell(text.substring(start, end), i, seed);
        k = end;
      }
    }
  }

  #spell(raw: string, i: number, seed: number): void {
    const key = segmentKey(raw);
    this.hash[i] = hashKey(key, seed);
    this.len[i] = key.length;
    this.isSpelled[i] = 1;
    this.spelled.set(i, key);
  }

  /** Row i's key spelled out (only where a spelled-out key is compared: rare). */
  key(i: number): string {
    return this.isSpelled[i] === 1 ? this.spelled.get(i)! : segmentKey(nameAt(this.useId[i] === 1 ? this.id! : this.name, i));
  }

  /** Whether the cheap parts of the keys agree: hash, length, id or name, both tidy. */
  alike(i: number, other: BookKeys, j: number): boolean {
    return this.hash[i] === other.hash[j] && this.len[i] === other.len[j] && this.useId[i] === other.useId[j] &&
      this.isSpelled[i] === 0 && other.isSpelled[j] === 0;
  }

  /** Whether row i of this import and row j of `other` have the same key. */
  same(i: number, other: BookKeys, j: number): boolean {
    if (this.hash[i] !== other.hash[j] || this.len[i] !== other.len[j] || this.useId[i] !== other.useId[j]) return false;
    if (this.isSpelled[i] === 1 || other.isSpelled[j] === 1) return this.key(i) === other.key(j);
    const a = this.useId[i] === 1 ? this.id! : this.name;
    const b = other.useId[j] === 1 ? other.id! : other.name;
    return sameTidy(a.chunks[i >>> NAME_SHIFT], startOf(a, i), b.chunks[j >>> NAME_SHIFT], startOf(b, j), this.len[i]);
  }

  /** The column row i's key is read from. */
  column(i: number): NameColumn {
    return this.useId[i] === 1 ? this.id! : this.name;
  }
}

const startOf = (col: NameColumn, i: number): number => ((i & (NAME_CHUNK - 1)) === 0 ? 0 : col.end[i - 1]);

/** Two tidy keys of one length, equal up to ASCII case. */
function sameTidy(a: string, i: number, b: string, j: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    const x = a.charCodeAt(i + k);
    const y = b.charCodeAt(j + k);
    if (x !== y && ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122)) return false;
  }
  return true;
}

/**
 * How many rows from (p, i) on have the same key in both imports, read as one run: as long as the cheap
 * parts agree and both sides stay in one chunk, then the run's raw text compared in one native comparison
 * (tidy keys with the same raw text are the same key). When the texts differ (a respelling in case), the
 * rows are checked one by one up to the first that differs. 0 when row p and row i differ.
 */
function sameRun(prev: BookKeys, p: number, pn: number, cur: BookKeys, i: number, cn: number): number {
  if (!prev.alike(p, cur, i)) return prev.same(p, cur, i) ? 1 : 0;
  const pc = prev.column(p);
  const cc = cur.column(i);
  let r = 1;
  const pChunk = p >>> NAME_SHIFT;
  const cChunk = i >>> NAME_SHIFT;
  while (p + r < pn && i + r < cn && (p + r) >>> NAME_SHIFT === pChunk && (i + r) >>> NAME_SHIFT === cChunk &&
    prev.column(p + r) === pc && cur.column(i + r) === cc && prev.alike(p + r, cur, i + r)) r++;
  const pa = pc.chunks[pChunk];
  const ca = cc.chunks[cChunk];
  if (pa.substring(startOf(pc, p), pc.end[p + r - 1]) === ca.substring(startOf(cc, i), cc.end[i + r - 1])) return r;
  let k = 0;
  while (k < r && sameTidy(pa, startOf(pc, p + k), ca, startOf(cc, i + k), prev.len[p + k])) k++;
  return k;
}

/**
 * Rows by key: an open-addressing table of (row, hash) pairs side by side, keys compared only when the
 * hashes agree, so a probe costs one cache miss. A Map of a million strings costs several times more to
 * build and to query.
 */
class KeyIndex {
  readonly keys: BookKeys;
  /** 1 on the first row of a key that appears more than once. */
  readonly repeated: Uint8Array;
  /** The first row with the same key as each row. */
  readonly first: Int32Array;
  /** slots[2s]: a row + 1 (0 = empty); slots[2s + 1]: its key's hash. */
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
    this.#slots = new Int32Array(size * 2);
    for (let i = 0; i < n; i++) {
      const j = (this.first[i] = this.find(keys, i, true));
      if (j !== i) this.repeated[j] = 1;
    }
  }

  /** The first row here with the key of row `row` of `from`, or −1; with `insert` (from = these keys), an absent key takes `row`'s place. */
  find(from: BookKeys, row: number, insert = false): number {
    const slots = this.#slots;
    const h = from.hash[row];
    for (let s = h & this.#mask; ; s = (s + 1) & this.#mask) {
      const j = slots[2 * s] - 1;
      if (j === -1) {
        if (!insert) return -1;
        slots[2 * s] = row + 1;
        slots[2 * s + 1] = h;
        return row;
      }
      if (slots[2 * s + 1] === h && this.keys.same(j, from, row)) return j;
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
  // Runs of rows alike in both are checked as one (sameRun).
  let guess = 0;
  let run = 0;
  for (let i = 0; i < cn; i++) {
    let p: number;
    if (run === 0 && guess < pn) run = sameRun(pKeys, guess, pn, cKeys, i, cn);
    if (run > 0) {
      p = pIndex.first[guess++];
      run--;
    } else {
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
