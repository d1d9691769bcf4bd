import { clearLocalData } from '../../src/lib/state/actions';
import { AppState } from '../../src/lib/state/app.svelte';
import { persisted } from './persisted';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const csv = (rows: number): string =>
  [HEADER, ...Array.from({ length: rows }, (_, i) => `Acct ${i},"$${1000 + i}",${i % 90},42%,55`)].join('\n') + '\n';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An AppState over a store that records writes; clearAll takes `clearMs` like a real IndexedDB wipe. */
async function app(clearMs = 50) {
  const a = new AppState();
  const { store, set } = await persisted(a);
  const clearAll = store.clearAll.bind(store);
  vi.spyOn(store, 'clearAll').mockImplementation(async () => {
    await sleep(clearMs);
    return clearAll();
  });
  return { a, set };
}
const keysWritten = (set: { mock: { calls: unknown[][] } }) => set.mock.calls.map((c) => c[0]);

describe('saving an import (SPEC §5)', () => {
  it('an imported book and its column mapping are saved once the page has painted', async () => {
    const { a, set } = await app();
    await a.importFlow.begin({ kind: 'text', text: csv(5), name: 'accounts.csv' });
    expect(a.portfolio.columns?.count).toBe(5);
    await vi.waitFor(() => expect(keysWritten(set)).toEqual(['portfolio', 'mappings']));
  });

  it('Clear local data while an import is still being saved: nothing is written back afterwards', async () => {
    const { a, set } = await app();
    await a.importFlow.begin({ kind: 'text', text: csv(5), name: 'accounts.csv' });
    const cleared = clearLocalData(a);
    await cleared;
    await sleep(100);
    expect(keysWritten(set)).toEqual([]);
    expect(a.portfolio.columns).toBeNull();
  });

  it('a second import replaces the first before it is saved: only the second is written', async () => {
    const { a, set } = await app();
    await a.importFlow.begin({ kind: 'text', text: csv(5), name: 'first.csv' });
    await a.importFlow.begin({ kind: 'text', text: csv(7), name: 'second.csv' });
    await vi.waitFor(() => expect(keysWritten(set)).toContain('portfolio'));
    await sleep(50);
    const saved = set.mock.calls.filter((c) => c[0] === 'portfolio').map((c) => (c[1] as { columns: { count: number } }).columns.count);
    expect(saved).toEqual([7]);
  });
});
