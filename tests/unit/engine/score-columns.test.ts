import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALIBRATION, DEFAULT_QUERY, packNames, queryAccounts, scoreColumns, type AccountColumns, type Calibration,
} from '../../../src/lib/engine';

function columns(n: number): AccountColumns {
  return {
    count: n,
    name: packNames(Array.from({ length: n }, (_, i) => `A${i}`)),
    mrr: Float64Array.from({ length: n }, (_, i) => 1000 + i * 50),
    days: Float64Array.from({ length: n }, (_, i) => i % 90),
    usage: new Float64Array(n).fill(50),
    sentiment: new Float64Array(n).fill(60),
    owner: new Uint32Array(n), ownerDict: [''],
    segment: new Uint32Array(n), segmentDict: [''],
    renewal: new Float64Array(n).fill(Number.NaN),
    line: Uint32Array.from({ length: n }, (_, i) => i + 2),
    duplicate: new Uint8Array(n),
  };
}

/** Counts property reads, as a reactive proxy on the page would track them. */
function counted<T extends object>(target: T, reads: { n: number }): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      reads.n++;
      const v = Reflect.get(t, key, receiver);
      return typeof v === 'object' && v !== null ? counted(v, reads) : v;
    },
  });
}

describe('hot loops read their settings once, not per row', () => {
  const cols = columns(2000);

  it('scoreColumns reads the calibration a fixed number of times', () => {
    const reads = { n: 0 };
    const plain = scoreColumns(cols, DEFAULT_CALIBRATION);
    const proxied = scoreColumns(cols, counted(structuredClone(DEFAULT_CALIBRATION) as Calibration, reads));
    expect(proxied).toEqual(plain);
    expect(reads.n).toBeLessThan(20);
  });

  it('queryAccounts reads the query a fixed number of times', () => {
    const reads = { n: 0 };
    const scored = scoreColumns(cols, DEFAULT_CALIBRATION);
    const q = { ...DEFAULT_QUERY, today: 20000, owner: 0, renewalWithin: null };
    const idx = queryAccounts(cols, scored, counted(q, reads));
    expect(idx.length).toBe(2000);
    expect(reads.n).toBeLessThan(20);
  });
});
