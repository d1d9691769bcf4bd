import { describe, expect, it } from 'vitest';
import type { AccountColumns } from '../../../src/lib/engine/types';
import {
  CHECK_ROWS, MAX_STORED_ISSUES, migratePortfolioV1toV2, migratePortfolioV2toV3, migratePortfolioV3toV4, portfolioSchema, portfolioSchemaInSlices,
  type Portfolio,
} from '../../../src/lib/schema/portfolio';
import { parseStored, parseStoredInSlices, sealStored } from '../../../src/lib/schema/records';
import { columns, portfolio } from './fixtures';
import { packNames, unpackNames } from '../../../src/lib/engine/names';

const withColumns = (patch: Partial<Record<keyof AccountColumns, unknown>>): unknown => {
  const p = portfolio();
  return { ...p, columns: { ...p.columns, ...patch } };
};

/** Stored portfolios the gate refuses, and what it says. */
const BAD: [string, unknown, RegExp][] = [
  ['a column shorter than count', withColumns({ mrr: new Float64Array(2) }), /mrr.*2 entries for 3/],
  ['names longer than count', withColumns({ name: packNames(['a', 'b', 'c', 'd']) }), /name: has 4 entries for 3/],
  ['names as a plain list', withColumns({ name: ['a', 'b', 'c'] }), /name/],
  ['name ends out of order', withColumns({ name: { chunks: ['abc'], end: Uint32Array.of(1, 3, 2) } }), /name: entry 2 does not fit/],
  ['name ends short of the text', withColumns({ name: { chunks: ['abcd'], end: Uint32Array.of(1, 2, 3) } }), /name: entry 2 does not fit/],
  ['name ends past the text', withColumns({ name: { chunks: ['ab'], end: Uint32Array.of(1, 2, 3) } }), /name: entry 2 does not fit/],
  ['a names chunk too many', withColumns({ name: { chunks: ['abc', ''], end: Uint32Array.of(1, 2, 3) } }), /name: entry 2 does not fit/],
  ['name ends as a plain list', withColumns({ name: { chunks: ['abc'], end: [1, 2, 3] } }), /Uint32Array/],
  ['a plain array instead of a typed one', withColumns({ usage: [1, 2, 3] }), /Float64Array/],
  ['the wrong typed array', withColumns({ owner: new Float64Array(3) }), /Uint32Array/],
  ['owner dictionary not starting with ""', withColumns({ ownerDict: ['Dana', 'Lee'] }), /ownerDict/],
  ['owner code out of range', withColumns({ owner: Uint32Array.of(0, 1, 2) }), /owner: entry 2 is outside/],
  ['segment code out of range', withColumns({ segment: Uint32Array.of(0, 0, 1) }), /segment/],
  ['NaN MRR', withColumns({ mrr: Float64Array.of(1, NaN, 3) }), /mrr: entry 1/],
  ['negative MRR (a tampered store)', withColumns({ mrr: Float64Array.of(1, -2, 3) }), /mrr: entry 1 is negative/],
  ['a last touch in the future', withColumns({ days: Float64Array.of(-1, 2, 3) }), /days: entry 0 is negative/],
  ['infinite renewal', withColumns({ renewal: Float64Array.of(NaN, Infinity, 1) }), /renewal/],
  ['infinite days', withColumns({ days: Float64Array.of(NaN, Infinity, 1) }), /days: entry 1 is not a finite number/],
  ['infinite usage', withColumns({ usage: Float64Array.of(NaN, 1, -Infinity) }), /usage: entry 2 is not a finite number/],
  ['infinite sentiment', withColumns({ sentiment: Float64Array.of(Infinity, NaN, 1) }), /sentiment: entry 0 is not a finite number/],
  ['line 0', withColumns({ line: Uint32Array.of(2, 0, 4) }), /line/],
  ['duplicate flag 2', withColumns({ duplicate: Uint8Array.of(0, 2, 0) }), /duplicate/],
  ['fractional count', withColumns({ count: 2.5 }), /count/],
  ['names that are not text', withColumns({ name: { chunks: [3], end: Uint32Array.of(1, 2, 3) } }), /name: entry 0 does not fit/],
  ['issueTotal below the stored issues', { ...portfolio(), source: { ...portfolio().source, issueTotal: 0 } }, /issueTotal/],
  ['no source', { columns: columns() }, /source/],
  ...(
    [
      ['an issue without a line', { reason: 'MRR is empty' }, /source\.issues\.1: entry 1 has no line number/],
      ['an issue on line 0', { line: 0, reason: 'x' }, /entry 1 has no line number/],
      ['an issue on line 2.5', { line: 2.5, reason: 'x' }, /entry 1 has no line number/],
      ['an issue without a reason', { line: 3 }, /entry 1 has no reason/],
      ['an issue with a 501-character reason', { line: 3, reason: 'x'.repeat(501) }, /over 500 characters/],
      ['an issue naming an unknown field', { line: 3, reason: 'x', field: 'notes' }, /unknown field/],
      ['an issue that is a string', 'line 3: bad', /entry 1 is not an issue/],
      ['an issue that is null', null, /entry 1 is not an issue/],
    ] as const
  ).map(([what, bad, reason]): [string, unknown, RegExp] => [
    what,
    { ...portfolio(), source: { ...portfolio().source, issues: [{ line: 2, reason: 'ok' }, bad], issueTotal: 2 } },
    reason,
  ]),
  ['issues that are not a list', { ...portfolio(), source: { ...portfolio().source, issues: { 0: 'x' } } }, /issues: must be a list/],
];

describe('stored portfolio (columns + source)', () => {
  it('accepts a valid portfolio and keeps the typed arrays', () => {
    const p = portfolio();
    const r = portfolioSchema.parse(structuredClone(p));
    expect(r.columns.mrr).toBeInstanceOf(Float64Array);
    expect(r.columns.owner).toBeInstanceOf(Uint32Array);
    expect(r).toEqual(p);
  });

  it('SPEC §4.1: accepts NaN ("no value") in last touch, usage and sentiment, and a partial-scoring source', () => {
    const p = withColumns({ days: Float64Array.of(NaN, 2, NaN), usage: Float64Array.of(NaN, NaN, 3), sentiment: Float64Array.of(1, NaN, NaN) }) as Portfolio;
    const src = { ...p.source, decisions: { fields: { name: 'customer', arr: 'arr', usage: 'active users', 'usage-of': 'total seats' }, partial: true as const, scoreBlankRows: true as const } };
    const r = portfolioSchema.safeParse({ ...p, source: src });
    expect(r.success).toBe(true);
    expect(Array.from(r.data?.columns.usage ?? [])).toEqual([NaN, NaN, 3]);
    expect(r.data?.source.decisions).toEqual(src.decisions);
  });

  it('accepts an empty portfolio', () => {
    expect(portfolioSchema.safeParse({ ...portfolio(), columns: columns(0) }).success).toBe(true);
  });

  it.each(BAD)('rejects %s', (_, p, reason) => {
    const r = portfolioSchema.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ')).toMatch(reason);
  });

  it('keeps only the known fields of a stored issue', () => {
    const p = portfolio();
    const issues = [{ line: 2, reason: 'MRR is empty', field: 'mrr', junk: 'x' }, { line: 3, reason: 'no name', extra: 1 }];
    const r = portfolioSchema.parse({ ...p, source: { ...p.source, issues, issueTotal: 2 } });
    expect(r.source.issues).toEqual([{ line: 2, reason: 'MRR is empty', field: 'mrr' }, { line: 3, reason: 'no name' }]);
  });

  it('caps the stored issues list and keeps the true total', () => {
    const many = Array.from({ length: 12_345 }, (_, i) => ({ line: i + 2, reason: 'MRR is empty' }));
    const capped = { issues: many.slice(0, MAX_STORED_ISSUES), issueTotal: many.length };
    expect(capped.issues).toHaveLength(MAX_STORED_ISSUES);
    expect(capped.issueTotal).toBe(12_345);
    const p: Portfolio = { ...portfolio(), source: { ...portfolio().source, ...capped } };
    expect(portfolioSchema.safeParse(p).success).toBe(true);
    expect(portfolioSchema.safeParse({ ...p, source: { ...p.source, issues: many } }).success).toBe(false);
  });

  it('checks every entry of a 1M-row book, down to the last', () => {
    const big = { ...portfolio(), columns: columns(1_000_000) };
    expect(portfolioSchema.safeParse(big).success).toBe(true);
    big.columns.mrr[999_999] = Number.NaN;
    const r = portfolioSchema.safeParse(big);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['columns.mrr: entry 999999 is not a finite number']);
  });
});

describe('portfolio migration v1 → v2 (names packed)', () => {
  const v1 = () => {
    const p = portfolio();
    return { ...p, columns: { ...p.columns, name: unpackNames(p.columns.name) } };
  };

  it('a v1 record with a list of names loads through the gate, names packed', () => {
    const r = parseStored('portfolio', { v: 1, data: v1() });
    expect(r.ok && unpackNames(r.value!.columns.name)).toEqual(['Acme 0', 'Acme 1', 'Acme 2']);
  });

  it.each([
    ['a name that is not text', { name: ['a', 3, 'c'] }],
    ['no names', { name: undefined }],
  ])('a v1 record with %s is refused, not repaired', (_, patch) => {
    const bad = { ...v1(), columns: { ...v1().columns, ...patch } };
    expect(parseStored('portfolio', { v: 1, data: bad }).ok).toBe(false);
  });

  it('passes anything that is not a v1 portfolio through unchanged', () => {
    for (const x of [null, 3, 'x', { columns: null }, { columns: { mrr: 1 } }]) expect(migratePortfolioV1toV2(x)).toBe(x);
  });
});


describe('portfolio migration v3 → v4 (owners and segments keyed, SPEC §4.4)', () => {
  /** A v2 book: "Kim Lee" / "kim lee" and "SMB" / " smb" stored as separate entries, plus an unused one. */
  const v2 = () => {
    const p = portfolio(6);
    return {
      ...p,
      columns: {
        ...p.columns,
        owner: Uint32Array.of(1, 2, 2, 3, 0, 4),
        ownerDict: ['', 'Kim Lee', 'kim  lee', 'Avery', '  '],
        segment: Uint32Array.of(1, 1, 2, 3, 3, 0),
        segmentDict: ['', 'SMB', ' smb', 'Enterprise', 'Unused Segment'],
      },
    };
  };

  it('merges entries that share a key, shown in the spelling with more accounts, and remaps the codes', () => {
    // The gate: a stored v2 record comes out as v4 (dated, then keyed).
    const r = parseStored('portfolio', { v: 2, data: v2() });
    expect(r.ok).toBe(true);
    const c = (r as { value: Portfolio }).value.columns;
    // "kim  lee" has two accounts, "Kim Lee" one; a blank-looking owner is no owner.
    expect(c.ownerDict).toEqual(['', 'kim lee', 'Avery']);
    expect(Array.from(c.owner)).toEqual([1, 1, 1, 2, 0, 0]);
    // SMB (two accounts) wins over " smb" (one); an entry with no accounts is dropped.
    expect(c.segmentDict).toEqual(['', 'SMB', 'Enterprise']);
    expect(Array.from(c.segment)).toEqual([1, 1, 1, 2, 2, 0]);
    expect(unpackNames(c.name)).toEqual(unpackNames(v2().columns.name));
  });

  it('a v1 record goes through both migrations', () => {
    const p = v2();
    const r = parseStored('portfolio', { v: 1, data: { ...p, columns: { ...p.columns, name: unpackNames(p.columns.name) } } });
    expect(r.ok).toBe(true);
    expect((r as { value: Portfolio }).value.columns.ownerDict).toEqual(['', 'kim lee', 'Avery']);
  });

  it('a code outside its dictionary is left for the schema to refuse', () => {
    const bad = { ...v2(), columns: { ...v2().columns, owner: Uint32Array.of(1, 2, 9, 3, 0, 4) } };
    expect(migratePortfolioV3toV4(bad)).toBe(bad);
    expect(parseStored('portfolio', { v: 2, data: bad })).toMatchObject({ ok: false, reason: expect.stringMatching(/owner: entry 2 is outside the dictionary/) });
  });

  it('passes anything that is not a v2 portfolio through unchanged', () => {
    for (const x of [null, 3, 'x', { columns: null }, { columns: { owner: 1 } }]) expect(migratePortfolioV3toV4(x)).toBe(x);
  });
});

describe('the gate checks every entry it is given, every time', () => {
  it('a column changed after an earlier parse is caught by the next one (no memory of earlier checks)', () => {
    const c = columns(10);
    expect(portfolioSchema.safeParse({ ...portfolio(), columns: c }).success).toBe(true);
    c.mrr[3] = -1;
    const r = portfolioSchema.safeParse({ ...portfolio(), columns: c });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['columns.mrr: entry 3 is negative']);
  });

  it('finds a bad entry in the last row', () => {
    const c = columns(10);
    c.usage[9] = Number.POSITIVE_INFINITY;
    const r = portfolioSchema.safeParse({ ...portfolio(), columns: c });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['columns.usage: entry 9 is not a finite number']);
  });

  it('checks packed ids like names', () => {
    const c = { ...columns(3), id: { chunks: ['x'], end: Uint32Array.of(1, 2, 3) } };
    const r = portfolioSchema.safeParse({ ...portfolio(), columns: c });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['columns.id: entry 2 does not fit the packed ids']);
  });
});

describe('the gate in slices (a book read back at start-up): the same answers, in steps with pauses between', () => {
  /** A clock that moves `step` ms each time it is read, and a pause that counts. */
  const clocked = (step: number) => {
    let t = 0;
    const pauses = { count: 0 };
    const schema = portfolioSchemaInSlices(async () => void pauses.count++, () => (t += step));
    return { schema, pauses };
  };
  const issuesOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

  it.each(BAD)('rejects %s with the same issues', async (_, p) => {
    const { schema } = clocked(100);
    const r = await schema.safeParseAsync(p);
    expect([r.success, issuesOf(r)]).toEqual([false, issuesOf(portfolioSchema.safeParse(p))]);
  });

  it('accepts what the gate accepts, with the same value, typed arrays kept', async () => {
    const p = portfolio(5);
    const { schema } = clocked(100);
    const r = await schema.safeParseAsync(structuredClone(p));
    expect(r.data).toEqual(portfolioSchema.parse(structuredClone(p)));
    expect(r.data?.columns.mrr).toBeInstanceOf(Float64Array);
  });

  it.each([
    // [what, clock step (ms), accounts, pauses]: one step per packed column (name, id) and per CHECK_ROWS rows of each of the 9 number columns
    ['pauses after every step when each takes longer than a slice', 100, 2 * CHECK_ROWS + 1, 2 + 9 * 3],
    ['never pauses when the checks are quick', 0, 2 * CHECK_ROWS + 1, 0],
    ['pauses after every packed column of an empty book (no rows to check)', 100, 0, 2],
  ])('%s', async (_, step, n, pauses) => {
    const t = clocked(step);
    const r = await t.schema.safeParseAsync({ ...portfolio(), columns: columns(n) });
    expect([r.success, t.pauses.count]).toEqual([true, pauses]);
  });

  it('finds a bad entry in the last slice of a column', async () => {
    const c = columns(2 * CHECK_ROWS + 1);
    c.renewal[2 * CHECK_ROWS] = Number.NEGATIVE_INFINITY;
    const r = await clocked(100).schema.safeParseAsync({ ...portfolio(), columns: c });
    expect(issuesOf(r)).toEqual([`columns.renewal: entry ${2 * CHECK_ROWS} is not a finite number`]);
  });

  it.each([
    ['a stored book', 'portfolio' as const],
    ['a stored previous book', 'previous-portfolio' as const],
  ])('parseStoredInSlices reads %s as parseStored does, bad or good', async (_, key) => {
    const good = sealStored(key, portfolio(4));
    const envelope = good.ok ? good.value.envelope : null;
    const bad = { v: envelope?.v, data: { ...portfolio(4), columns: { ...columns(4), mrr: Float64Array.of(1, 2, -3, 4) } } };
    const pause = async () => {};
    expect(await parseStoredInSlices(key, envelope, pause)).toEqual(parseStored(key, envelope));
    expect(await parseStoredInSlices(key, bad, pause)).toEqual(parseStored(key, bad));
    expect(parseStored(key, bad)).toEqual({ ok: false, reason: 'columns.mrr: entry 2 is negative' });
  });
});
