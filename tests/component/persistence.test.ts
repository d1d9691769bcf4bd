/** SPEC §5 the persistence coordinator: load → follow the state → save → clear → quarantine. */
import { flushSync } from 'svelte';
import {
  DEFAULT_CALIBRATION, analyzePortfolio, calibrationKey, matchAccounts, movement, preparePortfolio, scoreColumns, type PreparedPrevious,
} from '../../src/lib/engine';
import type { StoredBook } from '../../src/lib/io/import-client';
import type { Restore } from '../../src/lib/state/persistence.svelte';
import { createStore, mapBackend, storageKey } from '../../src/lib/persistence';
import { sealStored, type RecordKey } from '../../src/lib/schema/records';
import { clearLocalData } from '../../src/lib/state/actions';
import { AppState } from '../../src/lib/state/app.svelte';
import { saveAudit } from '../../src/lib/state/audit';
import { calibration, portfolio, snapshot } from '../unit/schema/fixtures';
import { persisted } from './persisted';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const csv = (rows: number): string =>
  [HEADER, ...Array.from({ length: rows }, (_, i) => `Acct ${i},"$${1000 + i}",${i % 90},42%,55`)].join('\n') + '\n';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A backend holding `records` as the app stores them. */
function backendWith(records: Partial<Record<RecordKey, unknown>>) {
  const map = new Map<string, unknown>();
  for (const [key, value] of Object.entries(records)) {
    const sealed = sealStored(key as RecordKey, value);
    if (!sealed.ok) throw new Error(sealed.reason);
    map.set(storageKey(key as RecordKey), sealed.value.envelope);
  }
  return mapBackend(map);
}
const storeOver = (backend: ReturnType<typeof mapBackend> | null) => createStore({ backend, debounceMs: 0 });
const keysWritten = (set: { mock: { calls: unknown[][] } }) => set.mock.calls.map((c) => c[0]);

describe('the persistence coordinator', () => {
  it('loads every record into the state, and writes none of them back once started', async () => {
    const cal = calibration({ preset: 'custom', thresholds: { healthy: 80, risk: 30 } });
    const backend = backendWith({
      calibration: cal, 'kpi-entry': { stage: 'series-a', inputs: { nrr: '104' } }, portfolio: portfolio(4), 'previous-portfolio': portfolio(2),
      history: [snapshot()], mappings: { 'a|b': { fields: { name: 'a' }, savedAt: '2025-01-01T00:00:00.000Z' } },
    });
    const a = new AppState();
    const { set, stop } = await persisted(a, storeOver(backend));
    flushSync();
    expect(a.portfolio.calibration.thresholds).toEqual({ healthy: 80, risk: 30 });
    expect(a.portfolio.thresholdsDraft).toEqual({ healthy: 80, risk: 30 });
    expect([a.scorecard.stage, a.scorecard.texts]).toEqual(['series-a', { nrr: '104' }]);
    expect([a.portfolio.columns?.count, a.portfolio.isSample, a.movement.previous?.columns.count]).toEqual([4, false, 2]);
    expect([a.history.length, Object.keys(a.mappings), a.storageMode]).toEqual([1, ['a|b'], 'indexeddb']);
    await sleep(20);
    expect(keysWritten(set)).toEqual([]);
    stop();
  });

  it('what was typed before storage loaded wins over what was stored, and is saved', async () => {
    const backend = backendWith({ 'kpi-entry': { stage: 'series-a', inputs: { nrr: '104', grr: '90' } } });
    const a = new AppState();
    a.scorecard.setText('nrr', '111');
    const { store } = await persisted(a, storeOver(backend));
    flushSync();
    expect(a.scorecard.texts).toEqual({ nrr: '111', grr: '90' });
    expect(store.get('kpi-entry')).toEqual({ stage: 'series-a', inputs: { nrr: '111', grr: '90' } });
  });

  it('follows the calibration and the KPI entry as they change', async () => {
    const a = new AppState();
    const { set, store } = await persisted(a);
    a.portfolio.setPreset('enterprise');
    a.scorecard.setText('nrr', '101');
    flushSync();
    expect(keysWritten(set).sort()).toEqual(['calibration', 'kpi-entry']);
    expect(store.get('calibration').preset).toBe('enterprise');
    expect(store.get('kpi-entry').inputs).toEqual({ nrr: '101' });
  });

  it('stores an import and its mapping, never the sample', async () => {
    const a = new AppState();
    const { set, store } = await persisted(a);
    await a.importFlow.begin({ kind: 'text', text: csv(3), name: 'sample-like.csv', sample: true });
    expect(a.portfolio.isSample).toBe(true);
    await sleep(50);
    expect(keysWritten(set)).toEqual([]);
    await a.importFlow.begin({ kind: 'text', text: csv(4), name: 'mine.csv' });
    await vi.waitFor(() => expect(keysWritten(set)).toEqual(['portfolio', 'mappings']));
    expect(store.get('portfolio')?.columns.count).toBe(4);
    expect(Object.keys(a.mappings)).toHaveLength(1);
  });

  it('a bad record is kept aside with a notice, and the page starts from its default', async () => {
    const backend = mapBackend(new Map([[storageKey('calibration'), { v: 3, data: { weights: 'nope' } }]]));
    const a = new AppState();
    const { store } = await persisted(a, storeOver(backend));
    expect(a.portfolio.calibration).toEqual(DEFAULT_CALIBRATION);
    expect(a.notices.map((n) => n.id)).toEqual(['store-calibration']);
    expect(a.notices[0].text).toContain('It was kept aside, not deleted');
    expect(await store.listQuarantine()).toHaveLength(1);
    expect(backend.map.has(storageKey('calibration'))).toBe(false);
  });

  it('without storage the page runs from memory and says so', async () => {
    const a = new AppState();
    await persisted(a, storeOver(null));
    expect(a.storageMode).toBe('memory');
    expect(a.notices.map((n) => n.id)).toEqual(['store-memory']);
  });

  it('a newer import aborts the save of the one it replaced', async () => {
    const a = new AppState();
    const { set } = await persisted(a);
    const first = a.importFlow.begin({ kind: 'text', text: csv(2), name: 'first.csv' });
    await first;
    const abort = vi.spyOn(AbortController.prototype, 'abort');
    await a.importFlow.begin({ kind: 'text', text: csv(3), name: 'second.csv' });
    flushSync();
    expect(abort).toHaveBeenCalled();
    abort.mockRestore();
    await vi.waitFor(() => expect(keysWritten(set)).toContain('mappings'));
    const saved = set.mock.calls.filter((c) => c[0] === 'portfolio').map((c) => (c[1] as { columns: { count: number } }).columns.count);
    expect(saved).toEqual([3]);
  });
});

describe('Clear local data', () => {
  it('removes every record, the previous import included, and resets the page without writing defaults back', async () => {
    const backend = backendWith({
      calibration: calibration({ preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } }), 'kpi-entry': { stage: 'series-a', inputs: { nrr: '104' } },
      portfolio: portfolio(4), 'previous-portfolio': portfolio(2), history: [snapshot()],
    });
    const a = new AppState();
    const { set } = await persisted(a, storeOver(backend));
    expect(await clearLocalData(a)).toEqual({ ok: true });
    flushSync();
    await sleep(20);
    expect([...backend.map.keys()]).toEqual([]);
    expect(keysWritten(set)).toEqual([]);
    expect([a.scorecard.stage, a.scorecard.texts, a.portfolio.calibration]).toEqual(['series-b', {}, DEFAULT_CALIBRATION]);
    expect([a.portfolio.columns, a.movement.previous, a.history, a.mappings]).toEqual([null, null, [], {}]);
    // The next edit is stored again.
    a.scorecard.setText('nrr', '99');
    flushSync();
    await sleep(20);
    expect([...backend.map.keys()]).toEqual([storageKey('kpi-entry')]);
  });

  it('an audit saved before the wipe is gone after it', async () => {
    const backend = mapBackend();
    const a = new AppState();
    await persisted(a, storeOver(backend));
    expect((await saveAudit(a)).ok).toBe(true);
    expect(a.history).toHaveLength(1);
    await clearLocalData(a);
    expect([a.history, [...backend.map.keys()]]).toEqual([[], []]);
  });

  it('works before storage has loaded', async () => {
    const a = new AppState();
    a.scorecard.setText('nrr', '99');
    expect(await clearLocalData(a)).toEqual({ ok: true });
    expect(a.scorecard.texts).toEqual({});
  });
});

describe('a stored book at start-up: prepared off the page (io/import-client.ts startRestore), then shown', () => {
  const cal = calibration({ preset: 'custom', thresholds: { healthy: 80, risk: 30 } });
  const stored = { calibration: cal, portfolio: { ...portfolio(6), source: { ...portfolio(6).source, asOf: '2025-03-01' } }, 'previous-portfolio': portfolio(4) };
  /** What the worker would answer for the books it is given, and what it was given. */
  function worker() {
    const given: Array<{ current: StoredBook; previous: StoredBook | null; calibration: unknown }> = [];
    const answers: { current?: ReturnType<typeof preparePortfolio>; previous?: PreparedPrevious } = {};
    const cancel = vi.fn();
    const restore: Restore = async (current, previous, c) => {
      given.push({ current, previous, calibration: c });
      const cur = preparePortfolio(current.columns, c);
      const scored = scoreColumns(previous!.columns, c);
      const match = matchAccounts(previous!.columns, current.columns);
      const prev = {
        key: calibrationKey(c), scored, match,
        movement: movement({ cols: previous!.columns, scored, asOfDay: previous!.asOfDay }, { cols: current.columns, scored: cur.analysis.scored, asOfDay: current.asOfDay }, match),
      };
      Object.assign(answers, { current: cur, previous: prev });
      return { current: Promise.resolve(cur), previous: Promise.resolve(prev), cancel };
    };
    return { restore, given, answers, cancel };
  }

  it('shows the book with the scores, totals and order the worker prepared, and the previous one\'s movement', async () => {
    const w = worker();
    const a = new AppState();
    await persisted(a, storeOver(backendWith(stored)), w.restore);
    await vi.waitFor(() => expect(a.movement.result).not.toBeNull());
    const [{ current, previous, calibration: c }] = w.given;
    expect([current.columns === a.portfolio.columns, previous?.columns === a.movement.previous?.columns, c]).toEqual([true, true, cal]);
    expect([current.asOfDay, previous?.asOfDay]).toEqual([20_148, 20_148]); // 2025-03-01, the first one's "as of", the second one's import day
    expect([a.portfolio.analysis === w.answers.current?.analysis, a.portfolio.defaultOrder === w.answers.current?.order]).toEqual([true, true]);
    expect([a.movement.result === w.answers.previous?.movement, a.movement.previousScored === w.answers.previous?.scored]).toEqual([true, true]);
    expect(a.portfolio.analysis).toEqual(analyzePortfolio(a.portfolio.columns!, cal));
  });

  it('an import begun while the worker prepares the stored book wins: the preparation is stopped, the stored book not shown', async () => {
    const w = worker();
    const a = new AppState();
    let begun: Promise<void> = Promise.resolve();
    const restore: Restore = async (...args) => {
      begun = a.importFlow.begin({ kind: 'text', text: csv(2), name: 'mine.csv' });
      return w.restore(...args);
    };
    await persisted(a, storeOver(backendWith(stored)), restore);
    await begun;
    expect([w.cancel.mock.calls.length, a.portfolio.source?.name, a.portfolio.columns?.count, a.movement.previous]).toEqual([1, 'mine.csv', 2, null]);
  });

  it.each<[string, Restore]>([
    ['the books are small (or there is no Worker)', async () => null],
    ["the worker's code does not load", () => Promise.reject(new Error('offline'))],
    ['the worker answers nothing', async () => ({ current: Promise.resolve(null), previous: Promise.resolve(null), cancel: () => {} })],
  ])('when %s, the page scores the stored books itself: the same numbers', async (_, restore) => {
    const a = new AppState();
    await persisted(a, storeOver(backendWith(stored)), restore);
    const b = new AppState();
    const w = worker();
    await persisted(b, storeOver(backendWith(stored)), w.restore);
    await vi.waitFor(() => expect([a.movement.result, b.movement.result].every((m) => m !== null)).toBe(true));
    expect([a.portfolio.analysis === w.answers.current?.analysis, a.portfolio.analysis, a.movement.result]).toEqual([false, b.portfolio.analysis, b.movement.result]);
  });
});
