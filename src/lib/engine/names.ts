/**
 * Account names, packed: the names of each run of NAME_CHUNK rows back to back in one string, and where
 * each name ends. A million names are then a few dozen strings instead of a million, so they cross from
 * the worker in a few dozen small copies, are stored in as many writes, and give the page's garbage
 * collector almost nothing to trace. No string is very long either: the page never copies one 25 MB
 * block (a single copy of that size blocks it for ~100 ms). A name becomes a string of its own only
 * when it is shown (nameAt).
 */
export interface NameColumn {
  /** chunks[k]: the names of rows [k·NAME_CHUNK, (k+1)·NAME_CHUNK), back to back. */
  chunks: string[];
  /** end[i]: where name i ends in its chunk (it starts where name i − 1 ends, or at 0 for a chunk's first row). */
  end: Uint32Array;
}

/** Rows per chunk: ~0.4 M characters of typical names (a few ms to copy). A power of two: row i is in chunk i >>> 14. */
export const NAME_CHUNK = 1 << 14;
const SHIFT = 14;

export function packNames(names: readonly string[]): NameColumn {
  const end = new Uint32Array(names.length);
  const chunks: string[] = [];
  for (let from = 0; from < names.length; from += NAME_CHUNK) {
    const to = Math.min(names.length, from + NAME_CHUNK);
    let at = 0;
    for (let i = from; i < to; i++) end[i] = at += names[i].length;
    chunks.push(names.slice(from, to).join(''));
  }
  return { chunks, end };
}

export function nameAt(n: NameColumn, i: number): string {
  const start = (i & (NAME_CHUNK - 1)) === 0 ? 0 : n.end[i - 1];
  return n.chunks[i >>> SHIFT].slice(start, n.end[i]);
}

export function unpackNames(n: NameColumn): string[] {
  const out = new Array<string>(n.end.length);
  for (let i = 0; i < out.length; i++) out[i] = nameAt(n, i);
  return out;
}

/**
 * The first row whose name does not fit the column (an end out of order or past its chunk, a chunk
 * that does not end with its last name, a chunk missing or extra), or −1 when the column is whole.
 */
export function firstBadName(n: NameColumn): number {
  const { chunks, end } = n;
  const count = end.length;
  // A chunk missing: its first row; one too many: the last row (or 0 in an empty column).
  if (chunks.length !== Math.ceil(count / NAME_CHUNK)) return Math.max(0, Math.min(count - 1, chunks.length * NAME_CHUNK));
  for (let k = 0; k < chunks.length; k++) {
    if (typeof chunks[k] !== 'string') return k * NAME_CHUNK;
    const from = k * NAME_CHUNK;
    const to = Math.min(count, from + NAME_CHUNK);
    let prev = 0;
    for (let i = from; i < to; i++) {
      if (end[i] < prev) return i;
      prev = end[i];
    }
    if (prev !== chunks[k].length) return to - 1;
  }
  return -1;
}

/** Whether the chunks fit the ends, checked per chunk only (its count and each chunk's length): enough to see a chunk missing. */
export function chunksFit(n: NameColumn): boolean {
  const { chunks, end } = n;
  if (chunks.length !== Math.ceil(end.length / NAME_CHUNK)) return false;
  for (let k = 0; k < chunks.length; k++) {
    const last = Math.min(end.length, (k + 1) * NAME_CHUNK) - 1;
    if (typeof chunks[k] !== 'string' || chunks[k].length !== end[last]) return false;
  }
  return true;
}

/**
 * Names lower-cased for search, packed alike. A chunk is lower-cased whole, except in the two cases where
 * that is not the same as name by name: a length change (İ → i̇) and a capital sigma, whose lower case
 * depends on the letter after it (the last Σ of one name would see the next name's first letter).
 */
export function lowerNames(n: NameColumn): NameColumn {
  let end = n.end;
  const chunks = n.chunks.map((chunk, k) => {
    const lower = chunk.includes('\u03a3') ? null : chunk.toLowerCase();
    if (lower !== null && lower.length === chunk.length) return lower;
    if (end === n.end) end = n.end.slice();
    let at = 0;
    const parts: string[] = [];
    for (let i = k * NAME_CHUNK; i < Math.min(n.end.length, (k + 1) * NAME_CHUNK); i++) {
      const name = nameAt(n, i).toLowerCase();
      parts.push(name);
      end[i] = at += name.length;
    }
    return parts.join('');
  });
  return { chunks, end };
}

/** The row in [from, to) holding character `at` of its chunk: the first i with end[i] > at (binary search). */
export function rowOfChar(end: Uint32Array, from: number, to: number, at: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (end[mid] > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Rows whose name contains `needle`, over names already lower-cased (lowerNames) and a lower-case
 * needle: one indexOf scan per chunk instead of a test per name; a match that runs from one name into
 * the next does not count.
 */
export function rowsContaining(lower: NameColumn, needle: string): Uint8Array {
  const { chunks, end } = lower;
  const hit = new Uint8Array(end.length);
  if (needle === '') return hit.fill(1);
  for (let k = 0; k < chunks.length; k++) {
    const text = chunks[k];
    const from = k * NAME_CHUNK;
    const to = Math.min(end.length, from + NAME_CHUNK);
    for (let at = text.indexOf(needle); at !== -1; ) {
      const row = rowOfChar(end, from, to, at);
      if (at + needle.length <= end[row]) {
        hit[row] = 1;
        at = text.indexOf(needle, end[row]); // the next match worth finding is in the next name
      } else at = text.indexOf(needle, at + 1);
    }
  }
  return hit;
}
