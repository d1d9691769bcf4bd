/**
 * SPEC §4.6 identity: which account of the previous import each account of the current one is. Keys are
 * read straight from the packed names (or ids): the previous import's are hashed into an open-addressing
 * table; the current import is read in step with it, and only its rows not written exactly like the
 * previous row the order suggests are hashed and looked up.
 */
import { mix32 } from './hash';
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

/** FNV-1a over 32-bit words (two UTF-16 units), then the length and mix32 (engine/hash.ts). */
const step = (h: number, w: number): number => Math.imul(h ^ w, 16777619);
const finish = (h: number, len: number): number => mix32(h ^ len);

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

  /** Lazy (the current import): rows are hashed when asked (ensure), 1 here once they are. */
  readonly #hashed: Uint8Array | null;

  constructor(cols: KeyColumns, byId: boolean, lazy = false) {
    const n = cols.count;
    this.name = cols.name;
    this.id = byId && cols.id ? cols.id : null;
    this.useId = new Uint8Array(n);
    this.hash = new Int32Array(n);
    this.len = new Uint32Array(n);
    this.isSpelled = new Uint8Array(n);
    this.#hashed = lazy ? new Uint8Array(n) : null;
    if (lazy) return;
    if (this.id) {
      this.#hashColumn(this.id, ID_SEED);
      for (let i = 0; i < n; i++) {
        if (this.len[i] > 0) this.useId[i] = 1;
        else this.#spell(nameAt(this.name, i), i, NAME_SEED);
      }
    } else this.#hashColumn(this.name, NAME_SEED);
  }

  /** Row i hashed (a lazy book hashes it now). */
  ensure(i: number): void {
    const hashed = this.#hashed;
    if (hashed === null || hashed[i] === 1) return;
    hashed[i] = 1;
    if (this.id) {
      this.#hashRow(this.id, i, ID_SEED);
      if (this.len[i] > 0) this.useId[i] = 1;
      else this.#spell(nameAt(this.name, i), i, NAME_SEED);
    } else this.#hashRow(this.name, i, NAME_SEED);
  }

  #hashRow(col: NameColumn, i: number, seed: number): void {
    const start = (i & (NAME_CHUNK - 1)) === 0 ? 0 : col.end[i - 1];
    this.#hashRange(col.chunks[i >>> NAME_SHIFT], start, col.end[i], i, seed);
  }

  #hashColumn(col: NameColumn, seed: number): void {
    const n = col.end.length;
    for (let ch = 0; ch * NAME_CHUNK < n; ch++) {
      const text = col.chunks[ch];
      let k = 0;
      for (let i = ch * NAME_CHUNK, last = Math.min(n, i + NAME_CHUNK); i < last; i++) {
        k = this.#hashRange(text, k, col.end[i], i, seed);
      }
    }
  }

  /** Hashes row i's key from text[start, end); returns end. */
  #hashRange(text: string, start: number, end: number, i: number, seed: number): number {
    let k = start;
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
    return end;
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

  /** Whether row i of this import and row j of `other` have the same key. */
  same(i: number, other: BookKeys, j: number): boolean {
    if (this.hash[i] !== other.hash[j] || this.len[i] !== other.len[j] || this.useId[i] !== other.useId[j]) return false;
    if (this.isSpelled[i] === 1 || other.isSpelled[j] === 1) return this.key(i) === other.key(j);
    const a = this.useId[i] === 1 ? this.id! : this.name;
    const b = other.useId[j] === 1 ? other.id! : other.name;
    return sameTidy(a.chunks[i >>> NAME_SHIFT], startOf(a, i), b.chunks[j >>> NAME_SHIFT], startOf(b, j), this.len[i]);
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
 * How many rows from (p, i) on are written exactly alike in both imports (the same raw text is the same
 * key), up to `most`: rows of equal lengths in one chunk on each side, then their text compared in one
 * native comparison; when that fails, row by row up to the first that differs. 0 when row p's key is a
 * blank id (then the name is the key: the hashed way settles it).
 */
function rawRun(prev: BookKeys, p: number, pn: number, cur: KeyColumns, i: number, cn: number, most: number): number {
  const byId = prev.useId[p] === 1;
  if (prev.id !== null && !byId) return 0;
  const pc = byId ? prev.id! : prev.name;
  const cc = byId ? cur.id! : cur.name;
  const pChunk = p >>> NAME_SHIFT;
  const cChunk = i >>> NAME_SHIFT;
  const pe = pc.end;
  const ce = cc.end;
  const ps = startOf(pc, p);
  const cs = startOf(cc, i);
  let r = 0;
  while (r < most && p + r < pn && i + r < cn && (p + r) >>> NAME_SHIFT === pChunk && (i + r) >>> NAME_SHIFT === cChunk &&
    prev.useId[p + r] === prev.useId[p] && pe[p + r] - ps === ce[i + r] - cs) r++;
  if (r === 0) return 0;
  const pa = pc.chunks[pChunk];
  const ca = cc.chunks[cChunk];
  if (pa.substring(ps, pe[p + r - 1]) === ca.substring(cs, ce[i + r - 1])) return r;
  let k = 0;
  while (k < r && pa.substring(startOf(pc, p + k), pe[p + k]) === ca.substring(startOf(cc, i + k), ce[i + k])) k++;
  return k;
}

/**
 * Rows by key: an open-addressing table of (row, hash) pairs side by side, keys compared only when the
 * hashes agree, so a probe costs one cache miss. A Map of a million strings costs several times more to
 * build and to query.
 */
class KeyIndex {
  readonly keys: BookKeys;
  /** 1 on the first row of a key that appears more than once (filled indexes). */
  readonly repeated: Uint8Array;
  /** The first row with the same key as each row (filled indexes). */
  readonly first: Int32Array;
  /** slots[2s]: a row + 1 (0 = empty); slots[2s + 1]: its key's hash. */
  #slots: Int32Array;
  #mask: number;
  #size = 0;

  /** Every row of `keys` (fill), or none yet: then rows come one by one through add(), the table growing. */
  constructor(keys: BookKeys, fill = true) {
    const n = fill ? keys.hash.length : 0;
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

  /** The first row added with the key of `row` (of these keys, hashed), or `row` itself, now added. */
  add(row: number): number {
    if (2 * (this.#size + 1) > this.#mask + 1) this.#grow();
    return this.find(this.keys, row, true);
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
        this.#size++;
        return row;
      }
      if (slots[2 * s + 1] === h && this.keys.same(j, from, row)) return j;
    }
  }

  #grow(): void {
    const old = this.#slots;
    const mask = this.#mask * 2 + 1;
    const slots = new Int32Array((mask + 1) * 2);
    for (let t = 0; t < old.length; t += 2) {
      if (old[t] === 0) continue;
      let s = old[t + 1] & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = old[t];
      slots[2 * s + 1] = old[t + 1];
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

/**
 * An import's keys hashed and indexed: what matching needs of the previous import, made once. The match
 * worker makes it for each current import after matching it, so when the next import comes, only the new
 * one is read (matching then costs about one pass over it).
 */
export interface PreparedKeys {
  readonly book: KeyColumns;
  /** Keyed by id (both imports map one) or by name: a next import without ids needs the names prepared. */
  readonly byId: boolean;
  readonly keys: BookKeys;
  readonly index: KeyIndex;
}

export function prepareKeys(book: KeyColumns, byId: boolean): PreparedKeys {
  const keys = new BookKeys(book, byId && !!book.id);
  return { book, byId: byId && !!book.id, keys, index: new KeyIndex(keys) };
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
export function matchAccounts(prev: KeyColumns, cur: KeyColumns, prepared?: PreparedKeys): AccountMatch {
  const byId = !!prev.id && !!cur.id;
  const pn = prev.count;
  const cn = cur.count;
  // Every previous key is hashed and indexed (or was, by prepareKeys); a current row only when it is not
  // written exactly like the previous row the order suggests (below): most rows of the next export are.
  const { keys: pKeys, index: pIndex } = prepared && prepared.byId === byId && prepared.book === prev ? prepared : prepareKeys(prev, byId);
  const cKeys = new BookKeys(cur, byId, true);
  /** Current rows whose key is not in the previous import, by key: a key twice among them is ambiguous. */
  const newKeys = new KeyIndex(cKeys, false);
  /** Per first previous row of a key: current rows with that key so far (2: two or more). */
  const claims = new Uint8Array(pn);
  const prevRow = new Int32Array(cn).fill(-1);
  const curRow = new Int32Array(pn).fill(-1);
  const status = new Uint8Array(cn);
  const prevStatus = new Uint8Array(pn);
  // Distinct ambiguous keys, each by its first row: in the current import when it has the key, else in the previous one.
  const ambiguousCur: number[] = [];
  const ambiguousPrev: number[] = [];
  // Two exports of one CRM usually list accounts in the same order: the row after the last match is tried
  // first, runs of rows written alike compared as one (rawRun); a run that fails shortens the next ones.
  let guess = 0;
  let run = 0;
  let most = 64;
  for (let i = 0; i < cn; i++) {
    let p = -1;
    if (run === 0 && guess < pn) {
      run = rawRun(pKeys, guess, pn, cur, i, cn, most);
      most = run === most ? Math.min(most * 2, NAME_CHUNK) : Math.max(1, most >> 1);
    }
    if (run > 0) {
      p = pIndex.first[guess++];
      run--;
    } else {
      cKeys.ensure(i);
      p = pIndex.find(cKeys, i);
      if (p >= 0) guess = p + 1;
    }
    if (p < 0) {
      // Not in the previous import: new, unless the key is twice among the new ones.
      const f = newKeys.add(i);
      if (f === i) status[i] = UNMATCHED;
      else {
        if (status[f] !== AMBIGUOUS) ambiguousCur.push(f);
        status[f] = AMBIGUOUS;
        status[i] = AMBIGUOUS;
      }
    } else if (pIndex.repeated[p] === 1) {
      // Twice in the previous import.
      if (claims[p] === 0) ambiguousCur.push(i);
      claims[p] = 2;
      status[i] = AMBIGUOUS;
    } else if (claims[p] === 0) {
      claims[p] = 1;
      prevRow[i] = p;
      curRow[p] = i;
    } else {
      // Twice in the current import: the first one with it is no longer matched either.
      if (claims[p] === 1) {
        const i0 = curRow[p];
        status[i0] = AMBIGUOUS;
        prevRow[i0] = -1;
        curRow[p] = -1;
        ambiguousCur.push(i0);
        claims[p] = 2;
      }
      status[i] = AMBIGUOUS;
    }
  }
  for (let p = 0; p < pn; p++) {
    if (curRow[p] >= 0) continue;
    const f = pIndex.first[p];
    if (pIndex.repeated[f] === 1 || claims[f] === 2) {
      prevStatus[p] = AMBIGUOUS;
      if (f === p && claims[f] === 0) ambiguousPrev.push(p);
    } else prevStatus[p] = UNMATCHED;
  }
  ambiguousCur.sort((a, b) => a - b);
  const listed = [
    ...ambiguousCur.slice(0, AMBIGUOUS_LISTED).map((i) => {
      cKeys.ensure(i);
      return shown(cur, i, cKeys.useId[i] === 1);
    }),
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
