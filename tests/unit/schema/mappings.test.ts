import { describe, expect, it } from 'vitest';
import {
  headerSetKey,
  MAX_REMEMBERED_MAPPINGS,
  mappingsSchema,
  rememberMapping,
  type Mappings,
} from '../../../src/lib/schema/mappings';
import { parseStored, sealStored } from '../../../src/lib/schema/records';

const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();

describe('remembered column mappings', () => {
  it.each<[string, unknown]>([
    ['empty', {}],
    ['full entry', { k: { fields: { name: 'Account', mrr: 'MRR', 'last-touch': 'Last Touch' }, sentimentScale: '1-5', dateOrder: 'dmy', usageMode: 'fraction', savedAt: at(1) } }],
    ['fields only', { k: { fields: {}, savedAt: at(1) } }],
    ['v2: partial scoring with a seat ratio', { k: { fields: { name: 'customer', arr: 'arr', usage: 'active users', 'usage-of': 'total seats' }, partial: true, scoreBlankRows: true, savedAt: at(1) } }],
  ])('accepts %s', (_, m) => expect(mappingsSchema.safeParse(m).success).toBe(true));

  it.each<[string, unknown]>([
    ['no savedAt', { k: { fields: {} } }],
    ['savedAt not ISO', { k: { fields: {}, savedAt: 'yesterday' } }],
    ['header not text', { k: { fields: { name: 3 }, savedAt: at(1) } }],
    ['header too long', { k: { fields: { name: 'x'.repeat(501) }, savedAt: at(1) } }],
    ['unknown sentiment scale', { k: { fields: {}, sentimentScale: '0-5', savedAt: at(1) } }],
    ['unknown date order', { k: { fields: {}, dateOrder: 'ymd', savedAt: at(1) } }],
    ['empty key', { '': { fields: {}, savedAt: at(1) } }],
    ['partial not true', { k: { fields: {}, partial: 'yes', savedAt: at(1) } }],
    ['scoreBlankRows false (left out when off)', { k: { fields: {}, scoreBlankRows: false, savedAt: at(1) } }],
    ['an array', []],
  ])('rejects %s', (_, m) => expect(mappingsSchema.safeParse(m).success).toBe(false));

  it('keeps the 50 most recent on the way in', () => {
    const big: Mappings = {};
    for (let i = 0; i < 60; i++) big[`k${i}`] = { fields: {}, savedAt: at(i) };
    const r = mappingsSchema.parse(big);
    expect(Object.keys(r)).toHaveLength(MAX_REMEMBERED_MAPPINGS);
    expect(r.k9).toBeUndefined();
    expect(r.k10).toBeDefined();
    expect(r.k59).toBeDefined();
  });

  it('rememberMapping replaces the entry for the key and drops the oldest over the bound', () => {
    let m: Mappings = {};
    for (let i = 0; i < 50; i++) m = rememberMapping(m, `k${i}`, { fields: {} }, new Date(at(i)));
    m = rememberMapping(m, 'k0', { fields: { name: 'Name' } }, new Date(at(100)));
    expect(Object.keys(m)).toHaveLength(50);
    expect(m.k0).toEqual({ fields: { name: 'Name' }, savedAt: at(100) });
    m = rememberMapping(m, 'new', { fields: {} }, new Date(at(101)));
    expect(Object.keys(m)).toHaveLength(50);
    expect(m.k1).toBeUndefined(); // the oldest left
    expect(m.k0).toBeDefined();
  });

  it('headerSetKey ignores order, case and padding', () => {
    expect(headerSetKey(['MRR', ' Account Name'])).toBe(headerSetKey(['account name', 'mrr ']));
    expect(headerSetKey(['a', 'b'])).not.toBe(headerSetKey(['a', 'c']));
  });
});

describe('remembered mappings through the gate (v1 → v2)', () => {
  const v1 = { k: { fields: { name: 'account', mrr: 'mrr', 'last-touch': 'days', usage: 'usage', sentiment: 'nps' }, sentimentScale: 'nps', savedAt: at(1) } };

  it('a v1 record reads as v2 unchanged: every input required', () =>
    expect(parseStored('mappings', { v: 1, data: v1 })).toEqual({ ok: true, value: v1 }));

  it('a v2 record keeps the partial-scoring choice and the usage denominator', () => {
    const v2 = { k: { fields: { name: 'customer', arr: 'arr', usage: 'active users', 'usage-of': 'total seats' }, partial: true, scoreBlankRows: true, savedAt: at(2) } };
    const sealed = sealStored('mappings', v2);
    expect(sealed.ok && sealed.value.envelope).toEqual({ v: 2, data: v2 });
    expect(parseStored('mappings', { v: 2, data: v2 })).toEqual({ ok: true, value: v2 });
  });

  it('a record from a newer version is refused', () =>
    expect(parseStored('mappings', { v: 3, data: {} })).toEqual({ ok: false, reason: 'written by a newer version of the app (v3; this one reads up to v2)' }));
});
