import { clearLocalData } from '../../src/lib/state/actions';
import { AppState } from '../../src/lib/state/app.svelte';
import { SAMPLE_SOURCE_NAME } from '../../src/lib/state/portfolio.svelte';
import { persisted } from './persisted';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const book = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const FIRST = book('Acme,10000,10,90,90', 'Beta,1000,80,10,10', 'Gone Co,2000,10,90,90');
const SECOND = book('Acme,10000,10,90,90', 'beta ,1500,10,90,90', 'New Co,3000,80,10,10');

async function app() {
  const a = new AppState();
  const { store, set } = await persisted(a);
  return { a, set, store };
}

describe('SPEC §4.6 keeping the previous import', () => {
  it('a new import makes the current one the previous one, stored as its own record', async () => {
    const { a, set } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    expect(a.movement.previous).toBeNull();
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    expect(a.movement.previous?.source.name).toBe('september.csv');
    await vi.waitFor(() => expect(set.mock.calls.filter((c) => c[0] === 'previous-portfolio').map((c) => (c[1] as { source: { name: string } }).source.name))
      .toEqual(['september.csv']));
    const m = a.movement.result!;
    // Beta: 7.7 → 8 (Risk) before; now size 5.9, engagement 88.9, usage 90, sentiment 90 → 68.7 → 69 (Watch).
    expect([m.added.count, m.gone.count, m.matrix.count[2][1]]).toEqual([1, 1, 1]);
  });

  it('the replaced book keeps the scores it had as the current import; a calibration change scores it again', async () => {
    const { a } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    const scoredAsCurrent = a.portfolio.scored;
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    expect(scoredAsCurrent).not.toBeNull();
    expect(a.movement.previousScored).toBe(scoredAsCurrent);
    a.portfolio.setThreshold('risk', 5);
    expect(a.movement.previousScored).not.toBe(scoredAsCurrent);
    expect(Array.from(a.movement.previousScored!.score)).toEqual(Array.from(scoredAsCurrent!.score));
  });

  it('scoring the same file again (a corrected mapping, another "as of") is not a new import', async () => {
    const { a } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    a.importFlow.setAsOf('2026-01-02');
    await vi.waitFor(() => expect(a.portfolio.source?.asOf).toBe('2026-01-02'));
    expect(a.movement.previous?.source.name).toBe('september.csv');
  });

  it('loading the sample is not an import: it never becomes the previous one, and shows no movement', async () => {
    const { a, store } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'august.csv' });
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    await vi.waitFor(() => expect(store.get('portfolio')?.source.name).toBe('september.csv'));
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: SAMPLE_SOURCE_NAME, sample: true });
    expect(a.movement.previous?.source.name).toBe('august.csv');
    expect(a.movement.result).toBeNull();
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    expect(a.movement.previous?.source.name).toBe('september.csv');
  });

  it('both imports are scored with the current calibration', async () => {
    const { a } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    // Beta before: MRR $1,000 (size 0), 80 days (engagement 11.1), usage 10, sentiment 10 → 2.2 + 3 + 2.5 = 7.7 → 8, Risk.
    expect(a.movement.result!.bridge.previous).toBe(12_000);
    a.portfolio.setThreshold('risk', 5);
    a.portfolio.setThreshold('healthy', 10);
    expect(a.movement.previousScored!.band[1]).toBe(1); // now Watch (5 ≤ 8 < 10)
    expect(a.movement.result!.bridge.previous).toBe(0);
  });

  it('Clear local data forgets the previous import too', async () => {
    const { a } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    await clearLocalData(a);
    expect(a.movement.previous).toBeNull();
    expect(a.movement.result).toBeNull();
  });

  it('a date set after pasting the next export is for that export: the import on show keeps its date', async () => {
    const { a } = await app();
    a.importFlow.setAsOf('2025-09-01');
    a.importFlow.text = FIRST;
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'pasted' });
    expect(a.portfolio.source?.asOf).toBe('2025-09-01');
    a.importFlow.text = SECOND; // the next export pasted, not yet scored
    a.importFlow.setAsOf('2025-12-01');
    expect(a.portfolio.source?.asOf).toBe('2025-09-01');
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'pasted' });
    expect([a.movement.previousAsOf, a.portfolio.source?.asOf]).toEqual(['2025-09-01', '2025-12-01']);
    expect(a.movement.result?.measured?.periodDays).toBe(91);
  });

  it('each import is "as of" today unless a date is chosen for it, before or after scoring it', async () => {
    const { a } = await app();
    const today = a.importFlow.asOf;
    a.importFlow.setAsOf('2025-09-30'); // chosen before the first import
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    expect(a.portfolio.source?.asOf).toBe('2025-09-30');
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    expect(a.portfolio.source?.asOf).toBe(today);
    a.importFlow.setAsOf('2025-12-30'); // edited after: the same import scored again
    await vi.waitFor(() => expect(a.portfolio.source?.asOf).toBe('2025-12-30'));
    expect(a.movement.result?.measured?.periodDays).toBe(91);
    a.importFlow.setAsOf('2999-01-01'); // a future date is refused
    expect(a.importFlow.asOf).toBe('2025-12-30');
  });

  it('Clear local data while the previous import is being saved: it is not written afterwards', async () => {
    const { a, set } = await app();
    await a.importFlow.begin({ kind: 'text', text: FIRST, name: 'september.csv' });
    await a.importFlow.begin({ kind: 'text', text: SECOND, name: 'december.csv' });
    await clearLocalData(a);
    await new Promise((r) => setTimeout(r, 100));
    expect(set.mock.calls.filter((c) => c[0] === 'previous-portfolio')).toEqual([]);
  });
});
