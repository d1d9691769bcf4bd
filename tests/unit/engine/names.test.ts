import fc from 'fast-check';
import {
  NAME_CHUNK, chunksFit, firstBadName, lowerNames, nameAt, packNames, rowOfChar, rowsContaining, unpackNames,
} from '../../../src/lib/engine/names';

const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella Corp', 'acme west'];

describe('packed account names', () => {
  it('packs names into one string per chunk and end offsets, and gives each back', () => {
    const p = packNames(NAMES);
    expect(p.chunks).toEqual(['AcmeGlobexInitechUmbrella Corpacme west']);
    expect([...p.end]).toEqual([4, 10, 17, 30, 39]);
    expect(p.end.length).toBe(5);
    expect(NAMES.map((_, i) => nameAt(p, i))).toEqual(NAMES);
  });

  it('starts a new chunk every NAME_CHUNK rows, each holding only whole names', () => {
    const names = Array.from({ length: NAME_CHUNK * 2 + 3 }, (_, i) => `N${i}`);
    const p = packNames(names);
    expect(p.chunks.length).toBe(3);
    expect(p.end[NAME_CHUNK]).toBe(`N${NAME_CHUNK}`.length); // offsets restart in each chunk
    for (const i of [0, NAME_CHUNK - 1, NAME_CHUNK, NAME_CHUNK * 2, NAME_CHUNK * 2 + 2]) expect(nameAt(p, i)).toBe(`N${i}`);
    expect(unpackNames(p)).toEqual(names);
    expect(firstBadName(p)).toBe(-1);
  });

  it('round-trips any names, including commas, quotes, line breaks and astral characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 40 }), (names) => {
        const p = packNames(names);
        expect(unpackNames(p)).toEqual(names);
        expect(firstBadName(p)).toBe(-1);
      }),
    );
  });

  it.each([
    ['whole', { chunks: ['abc'], end: Uint32Array.of(1, 3) }, -1],
    ['empty', { chunks: [], end: new Uint32Array(0) }, -1],
    ['a chunk without names', { chunks: ['x'], end: new Uint32Array(0) }, 0],
    ['a chunk missing', { chunks: [], end: Uint32Array.of(1) }, 0],
    ['ends out of order', { chunks: ['abc'], end: Uint32Array.of(2, 1, 3) }, 1],
    ['last end short of the chunk', { chunks: ['abcd'], end: Uint32Array.of(1, 3) }, 1],
    ['last end past the chunk', { chunks: ['ab'], end: Uint32Array.of(1, 3) }, 1],
  ])('firstBadName: %s → %i', (_, column, expected) => {
    expect(firstBadName(column)).toBe(expected);
  });

  it.each([
    ['whole', ['ab', 'cd'], Uint32Array.of(1, 2, 1, 2), true],
    ['a chunk missing', ['ab'], Uint32Array.of(1, 2, 1, 2), false],
    ['a chunk too short', ['ab', 'c'], Uint32Array.of(1, 2, 1, 2), false],
    ['no names', [], new Uint32Array(0), true],
  ])('chunksFit: %s → %s', (_, chunks, ends, expected) => {
    // Two names per chunk here stand for NAME_CHUNK names: spread the ends onto chunk boundaries.
    const end = new Uint32Array(ends.length === 0 ? 0 : NAME_CHUNK + 2);
    if (ends.length) {
      end.set(ends.subarray(0, 2), NAME_CHUNK - 2);
      end.set(ends.subarray(2), NAME_CHUNK);
    }
    expect(chunksFit({ chunks: chunks as string[], end })).toBe(expected);
  });

  it.each([
    [0, 0], [3, 0], [4, 1], [9, 1], [10, 2], [38, 4],
  ])('character %i belongs to name %i', (at, row) => {
    expect(rowOfChar(packNames(NAMES).end, 0, NAMES.length, at)).toBe(row);
  });
});

describe('search over packed names', () => {
  const search = (names: string[], needle: string) =>
    [...rowsContaining(lowerNames(packNames(names)), needle)].flatMap((hit, i) => (hit ? [i] : []));

  it.each([
    ['acme', [0, 4]],
    ['corp', [3]],
    ['exin', []], // spans "Globex" and "Initech": not a name's text
    ['ea', []], // "Umbrella Corp" + "acme": only across the boundary
    ['a', [0, 3, 4]],
    ['zzz', []],
  ])('"%s" → rows %j', (needle, rows) => {
    expect(search(NAMES, needle)).toEqual(rows);
  });

  it.each([
    ['οδος', [0]], // ΟΔΟΣ alone ends in final ς; packed next to ALPHA it must not become σ
    ['οδοσ', []],
    ['alpha', [1]],
  ])('Greek capitals lower-case as each name alone would: "%s" → rows %j', (needle, rows) => {
    expect(search(['ΟΔΟΣ', 'ALPHA'], needle.normalize())).toEqual(rows);
  });

  it('finds exactly the names that contain the text, as a per-name includes() would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'A', ' ', 'é', 'Σ', 'σ', 'İ'), minLength: 1, maxLength: 6 }), { maxLength: 30 }),
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', 'σ', 'ς', 'i'), minLength: 1, maxLength: 3 }),
        (names, needle) => {
          const want = names.flatMap((n, i) => (n.toLowerCase().includes(needle) ? [i] : []));
          expect(search(names, needle)).toEqual(want);
        },
      ),
    );
  });

  it('finds names in every chunk, at their own rows', () => {
    const names = Array.from({ length: NAME_CHUNK + 10 }, (_, i) => (i === 5 || i === NAME_CHUNK + 7 ? `Target ${i}` : `Other ${i}`));
    expect(search(names, 'target')).toEqual([5, NAME_CHUNK + 7]);
  });

  it('lower-cases names whose length changes (İ → i̇) name by name, so rows stay aligned', () => {
    const l = lowerNames(packNames(['İstanbul Ltd', 'Acme']));
    expect(unpackNames(l)).toEqual(['i̇stanbul ltd', 'acme']);
    expect([...rowsContaining(l, 'acme')]).toEqual([0, 1]);
  });
});
