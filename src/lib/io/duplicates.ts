/**
 * SPEC §2.3 "duplicate account names (kept, flagged)": exact names (the importer trims them), found
 * from a per-row hash so the strings are read once, while the import has them in cache.
 */

/** FNV-1a over the first 64 characters, mixed with the length. */
export function hashName(s: string): number {
  const len = s.length;
  const end = len < 64 ? len : 64;
  let h = 0x811c9dc5 ^ len;
  for (let j = 0; j < end; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
  return h ^ (h >>> 15);
}

/**
 * 1 for every row whose name another row also has. Sorting (28-bit hash, row) pairs packed in doubles
 * is native and cache-friendly; a Map of 100k distinct strings (or a hash table probed at random)
 * costs more than the rest of the import. Equal hashes are confirmed by comparing the names.
 */
export function duplicates(names: string[], hashes: Int32Array, count: number): Uint8Array {
  const dup = new Uint8Array(count);
  if (count >= ROWS_2_24) return duplicatesByMap(names, count, dup);
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = (hashes[i] >>> 4) * ROWS_2_24 + i;
  keys.sort();
  let start = 0;
  while (start < count) {
    const h = Math.floor(keys[start] / ROWS_2_24);
    let end = start + 1;
    while (end < count && Math.floor(keys[end] / ROWS_2_24) === h) end++;
    if (end - start > 1) {
      // Usually one name repeated; a hash collision (different names) is settled by a small Map.
      const i0 = keys[start] - h * ROWS_2_24;
      let others: number[] | null = null;
      for (let k = start + 1; k < end; k++) {
        const i = keys[k] - h * ROWS_2_24;
        if (names[i] === names[i0]) dup[i0] = dup[i] = 1;
        else (others ??= []).push(i);
      }
      if (others !== null) {
        const first = new Map<string, number>();
        for (const i of others) {
          const f = first.get(names[i]);
          if (f === undefined) first.set(names[i], i);
          else dup[f] = dup[i] = 1;
        }
      }
    }
    start = end;
  }
  return dup;
}

const ROWS_2_24 = 16_777_216;

function duplicatesByMap(names: string[], count: number, dup: Uint8Array): Uint8Array {
  const first = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const f = first.get(names[i]);
    if (f === undefined) first.set(names[i], i);
    else {
      dup[f] = 1;
      dup[i] = 1;
    }
  }
  return dup;
}
