import fc from 'fast-check';
import { ColumnStore, NamePacker } from '../../../src/lib/io/column-store';
import { NAME_CHUNK, packNames, unpackNames } from '../../../src/lib/engine/names';

/** Strings pushed one by one, the way the builder does. */
function packer(strings: string[]): NamePacker {
  const p = new NamePacker(4);
  strings.forEach((s, i) => {
    if (i >= p.end.length) p.grow(p.end.length * 2);
    p.push(i, s);
  });
  return p;
}

describe('names packed as they arrive equal the names packed at the end', () => {
  it.each([
    ['none', 0],
    ['one short chunk', 5],
    ['exactly one chunk', NAME_CHUNK],
    ['two chunks and a part', 2 * NAME_CHUNK + 7],
  ])('%s', (_, n) => {
    const names = Array.from({ length: n }, (_, i) => `Account ${i}${i % 3 ? '' : ' Ltd'}`);
    const p = packer(names);
    expect(p.column(n, true)).toEqual(packNames(names));
    // Each row reads back, whether its chunk is packed yet or not.
    expect(Array.from({ length: n }, (_, i) => p.at(i))).toEqual(names);
  });

  it('any strings, empty ones included', () =>
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), (names) => {
        expect(unpackNames(packer(names).column(names.length, false))).toEqual(names);
      }),
    ));
});

describe('ColumnStore.compact keeps the other rows, names and ids in order', () => {
  it('rows removed across chunk boundaries', () => {
    const n = NAME_CHUNK + 100;
    const store = new ColumnStore(16, true);
    for (let r = 0; r < n; r++) {
      const i = store.next();
      store.names.push(i, `N${r}`);
      store.ids!.push(i, r % 5 ? `id-${r}` : '');
      store.hashes[i] = r;
      store.a.line[i] = r + 2;
    }
    const removed = new Uint8Array(n);
    const gone = [0, 1, NAME_CHUNK - 1, NAME_CHUNK, n - 1];
    for (const r of gone) removed[r] = 1;
    expect(store.compact(removed)).toBe(n - gone.length);
    const kept = Array.from({ length: n }, (_, r) => r).filter((r) => removed[r] === 0);
    const cols = store.fit({ duplicate: new Uint8Array(kept.length) });
    expect(unpackNames(cols.name)).toEqual(kept.map((r) => `N${r}`));
    expect(unpackNames(cols.id!)).toEqual(kept.map((r) => (r % 5 ? `id-${r}` : '')));
    expect(Array.from(cols.line)).toEqual(kept.map((r) => r + 2));
    expect(Array.from(store.hashes.subarray(0, kept.length))).toEqual(kept);
  });
});
