/**
 * The page's one text order, for every text column of the account table (name, owner, segment; SPEC §4.3):
 * the reader's language, case ignored, an accented letter beside its base letter ("Émile" next to "Emile",
 * not after "Zeta"; "Ångström" is an A in English and follows Z in Swedish, as a Swede expects).
 */
export function textCollator(locale?: string): Intl.Collator {
  return new Intl.Collator(locale, { usage: 'sort', sensitivity: 'accent' });
}

export const TEXT_ORDER = textCollator();

/**
 * Rank of every string in `collator`'s order, equal strings (compare 0) sharing a rank, so a stable sort
 * by rank keeps them in source order.
 *
 * A comparator sort of 1M names through a collator takes over a second. Instead, a three-way radix
 * quicksort (Bentley & Sedgewick) orders the strings by character, each character read as a number that
 * follows the collator (ASCII renumbered in its order, "a" and "A" alike; "É" read as "e"): names that
 * share long prefixes ("Northwind Analytics 1…") cost one character comparison per position instead of a
 * whole-string comparison per pair. One pass of the collator over neighbours then confirms that order and
 * ranks it (n − 1 comparisons); only where a language's own rules disagree (Swedish Å after Z, Czech
 * "ch", ß as "ss") does the collator sort the nearly sorted result itself.
 */
export function stringRanks(strings: readonly string[], collator: Intl.Collator = TEXT_ORDER): Uint32Array {
  const n = strings.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  sortFrom(strings, idx, 0, n, 0, charOrder(collator));
  const rank = new Uint32Array(n);
  const compare = collator.compare;
  if (!rankSorted(strings, idx, rank, compare)) {
    const order = Array.from(idx).sort((a, b) => compare(strings[a], strings[b]));
    rankSorted(strings, order, rank, compare);
  }
  return rank;
}

/** Ranks `order` into `rank` while it is sorted; false at the first pair out of order. */
function rankSorted(
  strings: readonly string[], order: ArrayLike<number>, rank: Uint32Array, compare: (a: string, b: string) => number,
): boolean {
  let r = 0;
  for (let k = 1; k < order.length; k++) {
    const c = compare(strings[order[k - 1]], strings[order[k]]);
    if (c > 0) return false;
    if (c !== 0) r++;
    rank[order[k]] = r;
  }
  return true;
}

const UNSET = 0xffff;
const charOrders = new WeakMap<Intl.Collator, Uint16Array>();

/**
 * Every UTF-16 code unit as a number in the collator's order, filled in as characters are met: ASCII by
 * its rank among the 128 ASCII characters, an accented letter as its base letter, anything else after ASCII.
 */
function charOrder(collator: Intl.Collator): Uint16Array {
  let t = charOrders.get(collator);
  if (!t) {
    t = new Uint16Array(0x10000).fill(UNSET);
    const chars = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
    const byOrder = chars.map((_, c) => c).sort((a, b) => collator.compare(chars[a], chars[b]) || a - b);
    let r = 0;
    t[byOrder[0]] = 0;
    for (let k = 1; k < 128; k++) {
      if (collator.compare(chars[byOrder[k - 1]], chars[byOrder[k]]) !== 0) r++;
      t[byOrder[k]] = r;
    }
    charOrders.set(collator, t);
  }
  return t;
}

function foldChar(t: Uint16Array, c: number): number {
  const base = String.fromCharCode(c).normalize('NFD').toLowerCase().charCodeAt(0);
  t[c] = base < 128 ? t[base] : base;
  return t[c];
}

/** Below this many strings, insertion sort beats partitioning. */
const SMALL = 12;

/** Character at position d in the collator's order, or −1 past the end (a prefix sorts first). */
function codeAt(s: string, d: number, t: Uint16Array): number {
  if (d >= s.length) return -1;
  const c = s.charCodeAt(d);
  const o = t[c];
  return o !== UNSET ? o : foldChar(t, c);
}

/** a sorts after b, both alike in their first d characters. */
function after(a: string, b: string, d: number, t: Uint16Array): boolean {
  for (;; d++) {
    const x = codeAt(a, d, t);
    const y = codeAt(b, d, t);
    if (x !== y) return x > y;
    if (x < 0) return false;
  }
}

/** Sorts idx[lo, hi), whose strings all read alike in their first d characters. */
function sortFrom(strings: readonly string[], idx: Uint32Array, lo: number, hi: number, d: number, t: Uint16Array): void {
  while (hi - lo > SMALL) {
    const pivot = codeAt(strings[idx[(lo + hi) >>> 1]], d, t);
    // [lo, lt) below the pivot's character, [lt, gt] equal, (gt, hi) above.
    let lt = lo;
    let gt = hi - 1;
    let i = lo;
    while (i <= gt) {
      const c = codeAt(strings[idx[i]], d, t);
      if (c < pivot) swap(idx, lt++, i++);
      else if (c > pivot) swap(idx, i, gt--);
      else i++;
    }
    sortFrom(strings, idx, lo, lt, d, t);
    sortFrom(strings, idx, gt + 1, hi, d, t);
    if (pivot < 0) return; // the equal part ended at d: strings that read alike
    lo = lt;
    hi = gt + 1;
    d++;
  }
  for (let k = lo + 1; k < hi; k++) {
    const v = idx[k];
    const s = strings[v];
    let j = k;
    while (j > lo && after(strings[idx[j - 1]], s, d, t)) {
      idx[j] = idx[j - 1];
      j--;
    }
    idx[j] = v;
  }
}

function swap(a: Uint32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
