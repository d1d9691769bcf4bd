import { describe, expect, it } from 'vitest';
import { accountColumnsOf } from '../../fixtures/columns';
import {
  DEFAULT_CALIBRATION, DEFAULT_QUERY, queryAccounts, scoreColumns, type AccountColumns, type Calibration,
} from '../../../src/lib/engine';

function columns(n: number): AccountColumns {
  return accountColumnsOf(n, (i) => ({ name: `A${i}`, mrr: 1000 + i * 50, days: i % 90, usage: 50, sentiment: 60 }));
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
