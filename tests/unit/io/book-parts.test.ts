import { describe, expect, it } from 'vitest';
import type { AccountColumns } from '../../../src/lib/engine/types';
import { BookAssembly, bookParts, movable, partBytes, type BookPart } from '../../../src/lib/io/book-parts';
import { accountColumnsOf } from '../../fixtures/columns';

/** n accounts with ids, owners, segments and renewals, so that every column has something in it. */
const book = (n: number, ids = true): AccountColumns =>
  accountColumnsOf(
    n,
    (i) => ({ name: `Account ${i}`, ...(ids ? { id: `A-${i}` } : {}), mrr: 100 + i, days: i % 90, usage: i % 100, sentiment: 50, owner: i % 3, segment: i % 2, renewal: 20_000 + i }),
    { ownerDict: ['', 'Dana', 'Lee'], segmentDict: ['', 'SMB'] },
  );
/** Small pieces, so a few thousand accounts make many parts. */
const SMALL = { bytes: 4096, chars: 5000 };

/** The parts as the worker receives them: each through movable() and a structured clone. */
const sent = (parts: BookPart[]): BookPart[] => parts.map((p) => structuredClone(movable(p).part));
const assembled = (parts: BookPart[]): AccountColumns | null => {
  const a = new BookAssembly();
  for (const p of parts) a.add(p);
  return a.columns();
};

describe('a book sent in parts and put back together (restoring stored books in the worker)', () => {
  it.each([
    ['a book with ids, in many small parts', book(40_000), SMALL],
    ['a book without ids, in the default parts', book(3000, false), undefined],
    ['a book of one account', book(1), SMALL],
  ])('%s comes back whole and exact', (_, c, sizes) => {
    expect(assembled(sent(bookParts(c, sizes)))).toEqual(c);
  });

  it('an empty book comes back empty', () => {
    expect(assembled(sent(bookParts(book(0))))).toEqual({ ...book(0, false), name: { chunks: [], end: new Uint32Array(0) } });
  });

  it('cuts number columns into pieces of at most `bytes`, and names into parts of about `chars`', () => {
    const parts = bookParts(book(40_000), SMALL);
    const pieces = parts.filter((p) => p.kind === 'column' || p.kind === 'ends');
    const chunks = parts.filter((p) => p.kind === 'chunks');
    expect(parts[0].kind).toBe('head');
    expect(Math.max(...pieces.map((p) => partBytes(p)))).toBeLessThanOrEqual(SMALL.bytes);
    // 40,000 entries: 5 columns of 8 bytes (79 pieces each), 3 of 4 bytes (40), 1 of 1 byte (10), and the two ends (40 each)
    expect(pieces).toHaveLength(5 * 79 + 3 * 40 + 10 + 2 * 40);
    // 3 chunks of 16,384 names (engine/names.ts), each longer than 5,000 characters: a part each
    expect(chunks.map((p) => p.field)).toEqual(['name', 'name', 'name', 'id', 'id', 'id']);
  });

  it('movable copies just the entries of a piece, to be moved', () => {
    const c = book(40_000);
    const piece = bookParts(c, SMALL).find((p) => p.kind === 'column' && p.field === 'mrr' && p.from > 0)!;
    const { part, transfer } = movable(piece);
    const values = (part as Extract<BookPart, { kind: 'column' }>).values;
    expect([values.buffer === c.mrr.buffer, transfer, values.byteLength]).toEqual([false, [values.buffer], SMALL.bytes]);
    expect(values).toEqual(c.mrr.subarray(512, 1024));
  });

  it.each<[string, (parts: BookPart[]) => BookPart[]]>([
    ['no head', (parts) => parts.filter((p) => p.kind !== 'head')],
    ['a piece of a number column missing', (parts) => parts.filter((p, i) => !(p.kind === 'column' && p.field === 'usage' && i % 7 === 0))],
    ['a piece of the name ends missing', (parts) => parts.filter((p) => !(p.kind === 'ends' && p.field === 'name' && p.from === 0))],
    ['a part of the names missing', (parts) => parts.filter((p) => !(p.kind === 'chunks' && p.field === 'name'))],
    ['a part of the ids missing', (parts) => parts.filter((p) => !(p.kind === 'chunks' && p.field === 'id'))],
    ['a piece past the count', (parts) => [...parts, { kind: 'column', field: 'mrr', from: 40_000, values: Float64Array.of(1) }]],
    ['the head after the numbers', (parts) => [...parts.slice(1), parts[0]]],
  ])('is not whole with %s', (_, spoil) => {
    expect(assembled(spoil(sent(bookParts(book(40_000), SMALL))))).toBeNull();
  });

  it('counts names a quarter a character, numbers by their bytes', () => {
    expect([
      partBytes({ kind: 'chunks', field: 'name', chunks: ['abcd', 'efgh'] }),
      partBytes({ kind: 'column', field: 'mrr', from: 0, values: new Float64Array(3) }),
      partBytes({ kind: 'ends', field: 'id', from: 0, end: new Uint32Array(3) }),
    ]).toEqual([2, 24, 12]);
  });
});
