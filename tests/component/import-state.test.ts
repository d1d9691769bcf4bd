import type { Store } from '../../src/lib/persistence';
import { clearLocalData } from '../../src/lib/state/actions';
import { AppState } from '../../src/lib/state/app.svelte';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const csv = (rows: number): string =>
  [HEADER, ...Array.from({ length: rows }, (_, i) => `Acct ${i},"$${1000 + i}",${i % 90},42%,55`)].join('\n') + '\n';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An AppState over a store that records writes; clearAll takes `clearMs` like a real IndexedDB wipe. */
function app(clearMs = 50) {
  const a = new AppState();
  const set = vi.fn((_key: string, value: unknown) => ({ ok: true as const, value }));
  const clearAll = vi.fn(async () => {
    await sleep(clearMs);
    return { ok: true as const, value: 0 };
  });
  a.store = { set, clearAll } as unknown as Store;
  return { a, set };
}
const keysWritten = (set: ReturnType<typeof vi.fn>) => set.mock.calls.map((c) => c[0]);

describe('saving an import (SPEC §5)', () => {
  it('an imported book and its column mapping are saved once the page has painted', async () => {
    const { a, set } = app();
    await a.importer.begin({ kind: 'text', text: csv(5), name: 'accounts.csv' });
    expect(a.portfolio.columns?.count).toBe(5);
    await vi.waitFor(() => expect(keysWritten(set)).toEqual(['portfolio', 'mappings']));
  });

  it('Clear local data while an import is still being saved: nothing is written back afterwards', async () => {
    const { a, set } = app();
    await a.importer.begin({ kind: 'text', text: csv(5), name: 'accounts.csv' });
    const cleared = clearLocalData(a);
    await cleared;
    await sleep(100);
    expect(keysWritten(set)).toEqual([]);
    expect(a.portfolio.columns).toBeNull();
  });

  it('a second import replaces the first before it is saved: only the second is written', async () => {
    const { a, set } = app();
    await a.importer.begin({ kind: 'text', text: csv(5), name: 'first.csv' });
    await a.importer.begin({ kind: 'text', text: csv(7), name: 'second.csv' });
    await vi.waitFor(() => expect(keysWritten(set)).toContain('portfolio'));
    await sleep(50);
    const saved = set.mock.calls.filter((c) => c[0] === 'portfolio').map((c) => (c[1] as { columns: { count: number } }).columns.count);
    expect(saved).toEqual([7]);
  });
});
