import { describe, expect, it } from 'vitest';
import type { AccountColumns } from '../../../src/lib/engine/types';
import { capIssues, MAX_STORED_ISSUES, portfolioSchema, type Portfolio } from '../../../src/lib/schema/portfolio';
import { columns, portfolio } from './fixtures';

const withColumns = (patch: Partial<Record<keyof AccountColumns, unknown>>): unknown => {
  const p = portfolio();
  return { ...p, columns: { ...p.columns, ...patch } };
};

describe('stored portfolio (columns + source)', () => {
  it('accepts a valid portfolio and keeps the typed arrays', () => {
    const p = portfolio();
    const r = portfolioSchema.parse(structuredClone(p));
    expect(r.columns.mrr).toBeInstanceOf(Float64Array);
    expect(r.columns.owner).toBeInstanceOf(Uint32Array);
    expect(r).toEqual(p);
  });

  it('accepts an empty portfolio', () => {
    expect(portfolioSchema.safeParse({ ...portfolio(), columns: columns(0) }).success).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    ['a column shorter than count', withColumns({ mrr: new Float64Array(2) }), /mrr.*2 entries for 3/],
    ['names longer than count', withColumns({ name: ['a', 'b', 'c', 'd'] }), /name/],
    ['a plain array instead of a typed one', withColumns({ usage: [1, 2, 3] }), /Float64Array/],
    ['the wrong typed array', withColumns({ owner: new Float64Array(3) }), /Uint32Array/],
    ['owner dictionary not starting with ""', withColumns({ ownerDict: ['Dana', 'Lee'] }), /ownerDict/],
    ['owner code out of range', withColumns({ owner: Uint32Array.of(0, 1, 2) }), /owner: entry 2 is outside/],
    ['segment code out of range', withColumns({ segment: Uint32Array.of(0, 0, 1) }), /segment/],
    ['NaN MRR', withColumns({ mrr: Float64Array.of(1, NaN, 3) }), /mrr: entry 1/],
    ['negative MRR (a tampered store)', withColumns({ mrr: Float64Array.of(1, -2, 3) }), /mrr: entry 1 is negative/],
    ['a last touch in the future', withColumns({ days: Float64Array.of(-1, 2, 3) }), /days: entry 0 is negative/],
    ['infinite renewal', withColumns({ renewal: Float64Array.of(NaN, Infinity, 1) }), /renewal/],
    ['line 0', withColumns({ line: Uint32Array.of(2, 0, 4) }), /line/],
    ['duplicate flag 2', withColumns({ duplicate: Uint8Array.of(0, 2, 0) }), /duplicate/],
    ['fractional count', withColumns({ count: 2.5 }), /count/],
    ['a name that is not text', withColumns({ name: ['a', 3, 'c'] }), /name/],
    ['issueTotal below the stored issues', { ...portfolio(), source: { ...portfolio().source, issueTotal: 0 } }, /issueTotal/],
    ['no source', { columns: columns() }, /source/],
  ])('rejects %s', (_, p, reason) => {
    const r = portfolioSchema.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ')).toMatch(reason);
  });

  it('caps the stored issues list and keeps the true total', () => {
    const many = Array.from({ length: 12_345 }, (_, i) => ({ line: i + 2, reason: 'MRR is empty' }));
    const capped = capIssues(many);
    expect(capped.issues).toHaveLength(MAX_STORED_ISSUES);
    expect(capped.issueTotal).toBe(12_345);
    const p: Portfolio = { ...portfolio(), source: { ...portfolio().source, ...capped } };
    expect(portfolioSchema.safeParse(p).success).toBe(true);
    expect(portfolioSchema.safeParse({ ...p, source: { ...p.source, issues: many } }).success).toBe(false);
  });

  it('validates 1M rows quickly (one loop, not a schema per cell)', () => {
    const big = { ...portfolio(), columns: columns(1_000_000) };
    const t = performance.now();
    expect(portfolioSchema.safeParse(big).success).toBe(true);
    expect(performance.now() - t).toBeLessThan(2_000);
  });
});
