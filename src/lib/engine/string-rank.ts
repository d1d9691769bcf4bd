/**
 * Alphabetical rank of every string (code-unit order, as `<` compares), for sorting the account table by
 * name (SPEC §4.3). A three-way radix quicksort (Bentley & Sedgewick) over character codes: names that
 * share long prefixes ("Northwind Analytics 1…") cost one character comparison per position instead of
 * a whole-string comparison per pair, about twice as fast as a comparator sort on 100k names.
 *
 * Equal strings get the same rank, so a stable sort by rank keeps them in source order.
 */
export function stringRanks(strings: readonly string[]): Uint32Array {
  const n = strings.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  sortFrom(strings, idx, 0, n, 0);
  const rank = new Uint32Array(n);
  let r = 0;
  for (let k = 1; k < n; k++) {
    if (strings[idx[k]] !== strings[idx[k - 1]]) r++;
    rank[idx[k]] = r;
  }
  return rank;
}

/** Below this many strings, insertion sort (whole-string comparisons) beats partitioning. */
const SMALL = 12;

/** Character code at position d, or −1 past the end (a prefix sorts first). */
const codeAt = (s: string, d: number): number => (d < s.length ? s.charCodeAt(d) : -1);

/** Sorts idx[lo, hi), whose strings all share their first d characters. */
function sortFrom(strings: readonly string[], idx: Uint32Array, lo: number, hi: number, d: number): void {
  while (hi - lo > SMALL) {
    const pivot = codeAt(strings[idx[(lo + hi) >>> 1]], d);
    // [lo, lt) below the pivot's character, [lt, gt] equal, (gt, hi) above.
    let lt = lo;
    let gt = hi - 1;
    let i = lo;
    while (i <= gt) {
      const c = codeAt(strings[idx[i]], d);
      if (c < pivot) swap(idx, lt++, i++);
      else if (c > pivot) swap(idx, i, gt--);
      else i++;
    }
    sortFrom(strings, idx, lo, lt, d);
    sortFrom(strings, idx, gt + 1, hi, d);
    if (pivot < 0) return; // the equal part ended at d: identical strings
    lo = lt;
    hi = gt + 1;
    d++;
  }
  for (let k = lo + 1; k < hi; k++) {
    const v = idx[k];
    const s = strings[v];
    let j = k;
    while (j > lo && strings[idx[j - 1]] > s) {
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
