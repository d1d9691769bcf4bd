import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createStore as idbStore, keys as idbKeys } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { idbBackend } from '../../../src/lib/persistence/backend';
import { ARRAY_PART, join, joiner, LONG_STRING, split, STRING_PART, TYPED_PART_BYTES, type Part } from '../../../src/lib/persistence/parts';

/** A portfolio-like value: two arrays just over the part sizes, and small members that stay inline. */
function big(scale = 1) {
  const names = Math.round((ARRAY_PART + 1000) * scale);
  const values = Math.round((TYPED_PART_BYTES / 8 + 1000) * scale);
  return {
    v: 1,
    data: {
      columns: {
        name: Array.from({ length: names }, (_, i) => `Account ${i}`),
        mrr: Float64Array.from({ length: values }, (_, i) => i * 1.5),
        owner: new Uint32Array(1000).fill(3),
        ownerDict: ['', 'Avery'],
      },
      source: { name: 'export.csv', issues: [{ line: 2, reason: 'MRR is empty' }] },
    },
  };
}

// Deep equality over ~170k elements is slow under load; the logic itself takes milliseconds.
const SLOW = 30_000;

describe('split / join', () => {
  it('keeps a member named "__proto__" an own key when it holds a part', () => {
    const value = Object.fromEntries([['__proto__', Float64Array.from({ length: TYPED_PART_BYTES / 8 + 10 }, (_, i) => i)], ['x', 1]]);
    const parts: Part[] = [];
    const head = split(value, parts) as Record<string, unknown>;
    expect(parts.length).toBe(2);
    expect(Object.keys(head)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(head)).toBe(Object.prototype);
    const back = join(head, parts.map((p) => p())) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual(value.__proto__);
  });

  it('cuts large arrays into parts and puts them back exactly', () => {
    const value = big();
    const parts: Part[] = [];
    const head = split(value, parts) as ReturnType<typeof big>;
    expect(parts.length).toBe(4);
    expect(head.data.columns.name).not.toBeInstanceOf(Array);
    expect(head.data.columns.owner).toBe(value.data.columns.owner);
    expect(head.data.source).toBe(value.data.source);
    expect(join(head, parts.map((p) => p()))).toEqual(value);
    expect(value.data.columns.name.length).toBe(ARRAY_PART + 1000); // the input is not modified
  }, SLOW);

  it('cuts a long string (packed names) into parts and joins them back', () => {
    const text = 'Acme Globex Initech '.repeat(Math.ceil((STRING_PART * 2.5) / 20));
    const value = { columns: { name: { text, end: Uint32Array.of(text.length) } }, note: 'short text stays inline' };
    const parts: Part[] = [];
    const head = split(value, parts) as typeof value;
    expect(parts.length).toBe(3);
    expect(typeof head.columns.name.text).toBe('object');
    expect(head.note).toBe(value.note);
    expect(parts.map((p) => (p() as string).length)).toEqual([STRING_PART, STRING_PART, text.length - 2 * STRING_PART]);
    const back = join(head, parts.map((p) => p())) as typeof value;
    expect(back.columns.name.text === text).toBe(true);
    expect(back.note).toBe(value.note);
  });

  it('stores each long string of a list (the chunks of packed names) as its own part', () => {
    const chunks = [LONG_STRING + 1, LONG_STRING, 10].map((n, k) => String.fromCharCode(97 + k).repeat(n));
    const parts: Part[] = [];
    const head = split({ chunks }, parts) as { chunks: unknown[] };
    expect(parts.length).toBe(1);
    expect(head.chunks[1]).toBe(chunks[1]);
    expect(join(head, parts.map((p) => p()))).toEqual({ chunks });
  });

  it('leaves a value without large arrays untouched', () => {
    const small = { v: 2, data: { weights: [25, 20, 30, 25], nested: { list: ['a', 'b'] } } };
    const parts: Part[] = [];
    expect(split(small, parts)).toBe(small);
    expect(parts).toEqual([]);
    expect(join(small, [])).toBe(small);
  });

  it('copies only its own part of a typed-array view', () => {
    const whole = new Float64Array(400_000).fill(7);
    const view = whole.subarray(0, 300_000);
    const parts: Part[] = [];
    split(view, parts);
    const bytes = parts.map((p) => p() as Float64Array).reduce((s, p) => s + p.buffer.byteLength, 0);
    expect(bytes).toBe(300_000 * 8);
  });
});

describe('joiner: the value put back together part by part, as the backend reads them', () => {
  it.each([
    ['typed arrays, a long list and small members', () => big()],
    ['a long string', () => ({ text: 'Acme Globex '.repeat(Math.ceil((STRING_PART * 1.5) / 12)) })],
    ['long strings in a list (packed names)', () => ({ chunks: [LONG_STRING + 1, LONG_STRING + 2].map((n) => 'x'.repeat(n)) })],
    ['a value without parts', () => ({ v: 2, data: [1, 2] })],
  ])('%s: the value split() was given', (_, make) => {
    const value = make();
    const parts: Part[] = [];
    const j = joiner(split(value, parts));
    parts.forEach((p, n) => j.add(n, p()));
    expect(j.value()).toEqual(value);
  }, SLOW);

  it('copies a typed array\'s part into place when it is added, not at the end', () => {
    const per = TYPED_PART_BYTES / 8;
    const value = { mrr: Float64Array.from({ length: 2 * per + 5 }, (_, i) => i + 1) };
    const parts: Part[] = [];
    const j = joiner(split(value, parts));
    j.add(0, parts[0]());
    const { mrr } = j.value() as typeof value;
    expect([parts.length, mrr[0], mrr[per - 1], mrr[per]]).toEqual([3, 1, per, 0]);
    j.add(1, parts[1]());
    j.add(2, parts[2]());
    expect(mrr).toEqual(value.mrr); // the same array, filled in place
  });
});

describe('idbBackend stores large values as parts', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  const rawKeys = async () => ((await idbKeys(idbStore('db', 'kv'))) as string[]).sort();

  it('round-trips, hides the part keys and replaces stale parts', async () => {
    const b = idbBackend('db', 'kv');
    const value = big();
    await b.set('p', value);
    expect(await b.get('p')).toEqual(value);
    expect(await b.keys()).toEqual(['p']);
    const stored = await rawKeys();
    expect(stored.length).toBeGreaterThan(1);
    expect(stored.filter((k) => k !== 'p').every((k) => k.startsWith('p\u0000part:'))).toBe(true);

    await b.set('p', big(0.01)); // small now: no parts left behind
    expect(await rawKeys()).toEqual(['p']);
    expect(await b.get('p')).toEqual(big(0.01));
  }, SLOW);

  it('moves and deletes a record with its parts', async () => {
    const b = idbBackend('db', 'kv');
    await b.set('p', big());
    await b.move('p', 'aside', await b.get('p'));
    expect(await b.keys()).toEqual(['aside']);
    expect((await rawKeys()).some((k) => k.startsWith('p'))).toBe(false);
    expect(await b.get('aside')).toEqual(big());
    await b.delMany(['aside']);
    expect(await rawKeys()).toEqual([]);
    expect(await b.get('aside')).toBeUndefined();
  }, SLOW);
});
