/**
 * SPEC §2.3 "duplicate account names (kept, flagged)": exact names (the importer trims them), found
 * from a per-row hash so the strings are read once, while the import has them in cache.
 */
import { mix32 } from '../engine/hash';

/**
 * FNV-1a over the first 64 characters two at a time (one multiply per pair: the hash's chain of multiplies
 * is what bounds its speed), then mix32 so every character reaches the low bits the table uses.
 */
export function hashName(s: string): number {
  const len = s.length;
  const end = len < 64 ? len : 64;
  let h = 0x811c9dc5 ^ len;
  let j = 0;
  for (; j + 1 < end; j += 2) h = Math.imul(h ^ (s.charCodeAt(j) | (s.charCodeAt(j + 1) << 16)), 0x01000193);
  if (j < end) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
  return mix32(h);
}

/**
 * 1 for every row whose name another row also has: an open-addressing table of (row, hash) pairs side by
 * side, names compared only when the hashes agree. Its slots are in cache for a book of 100k accounts and
 * one miss per row for a million (sorting the hashes instead cost twice as much).
 */
export function duplicates(nameOf: (i: number) => string, hashes: Int32Array, count: number): Uint8Array {
  const dup = new Uint8Array(count);
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size * 2);
  for (let i = 0; i < count; i++) {
    const h = hashes[i];
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const r = slots[2 * s] - 1;
      if (r === -1) {
        slots[2 * s] = i + 1;
        slots[2 * s + 1] = h;
        break;
      }
      if (slots[2 * s + 1] === h && nameOf(r) === nameOf(i)) {
        dup[r] = 1;
        dup[i] = 1;
        break;
      }
    }
  }
  return dup;
}
