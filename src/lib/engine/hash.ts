/**
 * murmur3's 32-bit finaliser: after a multiply-per-step hash (FNV over two UTF-16 units a step), every bit
 * of the input reaches every bit of the result, so a table may index by its low bits.
 */
export function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
