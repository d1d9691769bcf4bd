import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createStore as idbStore, get as idbGet, keys as idbKeys, set as idbSet } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/lib/schema/calibration';
import { DEFAULT_KPI_ENTRY } from '../../../src/lib/schema/kpi-entry';
import { mapBackend } from '../../../src/lib/persistence/backend';
import { createStore, flushOnPageHide, NAMESPACE, type StoreOptions } from '../../../src/lib/persistence/store';
import { calibration, portfolio, snapshot } from '../schema/fixtures';

const DB = 'cs-scorecard';
const raw = () => idbStore(DB, 'kv');
const rawGet = (key: string) => idbGet<unknown>(key, raw());
const rawKeys = async () => ((await idbKeys(raw())) as string[]).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => new Date('2025-03-01T10:00:00.000Z');
const open = (o: StoreOptions = {}) => createStore({ debounceMs: 20, now, ...o });

const smb = calibration({ preset: 'smb', thresholds: { healthy: 60, risk: 35 } });

beforeEach(() => {
  // A fresh, empty IndexedDB per test.
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('load', () => {
  it('starts from defaults on an empty database, in IndexedDB mode', async () => {
    const store = open();
    const r = await store.load();
    expect(r).toEqual({
      values: { calibration: DEFAULT_CALIBRATION, mappings: {}, 'kpi-entry': DEFAULT_KPI_ENTRY, portfolio: null, 'previous-portfolio': null, history: [] },
      notices: [],
      mode: 'indexeddb',
      modeReason: null,
    });
    expect(store.mode).toBe('indexeddb');
  });

  it('reads back what an earlier session wrote, typed arrays included', async () => {
    const first = open();
    await first.load();
    first.set('calibration', smb);
    first.set('kpi-entry', { stage: 'public', inputs: { nrr: '999', grr: '90' } });
    first.set('portfolio', portfolio());
    await first.flush();

    const { values, notices } = await open().load();
    expect(notices).toEqual([]);
    expect(values.calibration).toEqual(smb);
    expect(values['kpi-entry']).toEqual({ stage: 'public', inputs: { nrr: '999', grr: '90' } });
    expect(values.portfolio?.columns.mrr).toBeInstanceOf(Float64Array);
    expect(values.portfolio).toEqual(portfolio());
  });

  it('stores versioned envelopes under namespaced keys in its own database', async () => {
    const store = open();
    store.set('calibration', smb);
    await store.flush();
    expect(await rawGet('cs-scorecard:calibration')).toEqual({ v: 3, data: smb });
  });

  it('migrates an older record forward', async () => {
    const v1 = { ...DEFAULT_CALIBRATION, weights: { mrr: 0.4, touch: 0.1, usage: 0.3, sentiment: 0.2 } };
    await idbSet('cs-scorecard:calibration', { v: 1, data: v1 }, raw());
    const { values, notices } = await open().load();
    expect(notices).toEqual([]);
    expect(values.calibration.weights).toEqual({ mrr: 40, touch: 10, usage: 30, sentiment: 20 });
  });

  it('moves a corrupt record aside, returns the default and says so', async () => {
    const corrupt = { v: 2, data: { ...DEFAULT_CALIBRATION, weights: { mrr: 50, touch: 50, usage: 50, sentiment: 50 } } };
    await idbSet('cs-scorecard:calibration', corrupt, raw());
    await idbSet('cs-scorecard:kpi-entry', 'garbage', raw());
    const store = open();
    const { values, notices } = await store.load();

    expect(values.calibration).toEqual(DEFAULT_CALIBRATION);
    expect(values['kpi-entry']).toEqual(DEFAULT_KPI_ENTRY);
    const q = 'cs-scorecard:quarantine:calibration:2025-03-01T10:00:00.000Z';
    expect(notices).toEqual([
      { key: 'calibration', reason: expect.stringMatching(/sum to 100/), quarantineKey: q },
      { key: 'kpi-entry', reason: 'not a versioned record', quarantineKey: 'cs-scorecard:quarantine:kpi-entry:2025-03-01T10:00:00.000Z' },
    ]);
    // Kept, not deleted; the live key is free for the defaults.
    expect(await rawGet(q)).toEqual(corrupt);
    expect(await rawGet('cs-scorecard:calibration')).toBeUndefined();
    expect(await store.listQuarantine()).toHaveLength(2);
    // A second load is clean.
    expect((await open().load()).notices).toEqual([]);
  });

  it('never overwrites an earlier quarantined record with the same timestamp', async () => {
    const q = 'cs-scorecard:quarantine:calibration:2025-03-01T10:00:00.000Z';
    await idbSet(q, 'earlier', raw());
    await idbSet('cs-scorecard:calibration', 'later', raw());
    const { notices } = await open().load();
    expect(notices[0].quarantineKey).toBe(`${q}:2`);
    expect(await rawGet(q)).toBe('earlier');
    expect(await rawGet(`${q}:2`)).toBe('later');
  });

  it('leaves a bad record in place and stops writing when it cannot be moved aside', async () => {
    const backend = mapBackend(new Map([['cs-scorecard:calibration', { v: 2, data: 'bad' }]]));
    backend.move = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const store = open({ backend });
    const { notices, mode } = await store.load();
    expect(notices).toEqual([{ key: 'calibration', reason: expect.any(String), quarantineKey: null }]);
    expect(mode).toBe('memory');
    store.set('calibration', smb);
    await store.flush();
    expect(backend.map.get('cs-scorecard:calibration')).toEqual({ v: 2, data: 'bad' });
  });

  it('returns a value set before load finished rather than the stored one', async () => {
    const first = open();
    first.set('calibration', smb);
    await first.flush();
    const second = open();
    const entry = { stage: 'series-a' as const, inputs: {} };
    second.set('kpi-entry', entry);
    const { values } = await second.load();
    expect(values['kpi-entry']).toEqual(entry);
    expect(values.calibration).toEqual(smb);
  });
});

describe('writes', () => {
  it('debounces: several sets become one write, after the delay', async () => {
    const backend = mapBackend();
    const write = vi.spyOn(backend, 'set');
    const store = open({ backend, debounceMs: 40 });
    await store.load();
    store.set('calibration', smb);
    store.set('calibration', calibration({ horizonDays: 30 }));
    store.set('calibration', calibration({ horizonDays: 60 }));
    await Promise.resolve();
    expect(write).not.toHaveBeenCalled();
    await sleep(150);
    expect(write).toHaveBeenCalledTimes(1);
    expect(backend.map.get('cs-scorecard:calibration')).toEqual({ v: 3, data: calibration({ horizonDays: 60 }) });
  });

  it('flush writes the last edit at once (pagehide)', async () => {
    const store = open({ debounceMs: 10_000 });
    await store.load();
    store.set('kpi-entry', { stage: 'series-c', inputs: { nrr: '11' } });
    store.set('kpi-entry', { stage: 'series-c', inputs: { nrr: '118' } });
    expect(await rawGet('cs-scorecard:kpi-entry')).toBeUndefined();
    await store.flush();
    expect(await rawGet('cs-scorecard:kpi-entry')).toEqual({ v: 1, data: { stage: 'series-c', inputs: { nrr: '118' } } });
  });

  it('refuses an invalid value with the reason, and writes nothing', async () => {
    const store = open();
    await store.load();
    store.set('calibration', smb);
    const bad = calibration({ weights: { mrr: 25, touch: 20, usage: 29, sentiment: 25 } });
    expect(store.set('calibration', bad)).toEqual({ ok: false, reason: expect.stringMatching(/weights must sum to 100/) });
    await store.flush();
    expect(store.get('calibration')).toEqual(smb);
    expect(await rawGet('cs-scorecard:calibration')).toEqual({ v: 3, data: smb });
  });

  it('writes a plain copy, not the caller’s object', async () => {
    const store = open();
    const value = calibration();
    store.set('calibration', value);
    value.horizonDays = 5;
    await store.flush();
    expect(await rawGet('cs-scorecard:calibration')).toEqual({ v: 3, data: DEFAULT_CALIBRATION });
  });

  it('remove forgets one record', async () => {
    const store = open();
    store.set('portfolio', portfolio());
    await store.flush();
    await store.remove('portfolio');
    expect(store.get('portfolio')).toBeNull();
    expect(await rawGet('cs-scorecard:portfolio')).toBeUndefined();
  });

  it('flushOnPageHide flushes on pagehide and when hidden', async () => {
    const flush = vi.fn(async () => {});
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const win = Object.assign(new EventTarget(), { document: doc }) as unknown as Window;
    const off = flushOnPageHide({ flush }, win);
    win.dispatchEvent(new Event('pagehide'));
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(1);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(2);
    off();
    win.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
  });
});

describe('memory fallback', () => {
  const worksInMemory = async (o: StoreOptions = {}) => {
    const store = open(o);
    const r = await store.load();
    expect(r.mode).toBe('memory');
    expect(r.modeReason).toBeTruthy();
    expect(r.values.calibration).toEqual(DEFAULT_CALIBRATION);
    expect(store.set('calibration', smb).ok).toBe(true);
    await store.flush();
    expect(store.get('calibration')).toEqual(smb);
    expect((await store.addSnapshot(snapshot())).ok).toBe(true);
    expect(await store.listSnapshots()).toHaveLength(1);
    expect(await store.clearAll()).toEqual({ ok: true, value: 0 });
    return r.modeReason;
  };

  it('when there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    expect(await worksInMemory()).toMatch(/not available/);
  });

  it('when opening throws (SecurityError in a private window)', async () => {
    vi.stubGlobal('indexedDB', { open: () => { throw new DOMException('denied', 'SecurityError'); } });
    expect(await worksInMemory()).toMatch(/SecurityError/);
  });

  it('when opening never answers (blocked)', async () => {
    vi.stubGlobal('indexedDB', { open: () => ({}) });
    expect(await worksInMemory({ openTimeoutMs: 30 })).toMatch(/did not open within 30 ms/);
  });

  it('when storage is turned off', async () => {
    expect(await worksInMemory({ backend: null })).toMatch(/turned off/);
  });

  it('when a write fails mid-session (QuotaExceededError): switches, keeps the value, tells the page', async () => {
    const onModeChange = vi.fn();
    const store = open({ onModeChange });
    await store.load();
    store.set('calibration', smb);
    await store.flush();

    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const bigger = calibration({ horizonDays: 45 });
    store.set('calibration', bigger);
    await store.flush();
    expect(store.mode).toBe('memory');
    expect(store.modeReason).toMatch(/QuotaExceededError/);
    expect(onModeChange).toHaveBeenCalledWith('memory', expect.stringMatching(/QuotaExceededError/));
    expect(store.get('calibration')).toEqual(bigger);

    vi.restoreAllMocks();
    store.set('kpi-entry', { stage: 'public', inputs: {} });
    await store.flush();
    expect(store.get('kpi-entry')).toEqual({ stage: 'public', inputs: {} });
    // Nothing more reaches IndexedDB this session; the last good write is intact.
    expect(await rawGet('cs-scorecard:calibration')).toEqual({ v: 3, data: smb });
    expect(await rawGet('cs-scorecard:kpi-entry')).toBeUndefined();
  });
});

describe('clearAll', () => {
  it('removes every key of the app: records, quarantine, history; nothing else', async () => {
    await idbSet('cs-scorecard:mappings', { v: 9, data: {} }, raw()); // will be quarantined
    await idbSet('not-ours', 1, raw());
    const store = open({ debounceMs: 10_000 });
    await store.load();
    store.set('calibration', smb);
    store.set('portfolio', portfolio());
    await store.flush();
    await store.addSnapshot(snapshot());
    store.set('kpi-entry', { stage: 'public', inputs: {} }); // still pending
    expect((await rawKeys()).filter((k) => k.startsWith(NAMESPACE))).toHaveLength(4);

    expect(await store.clearAll()).toEqual({ ok: true, value: 4 });
    await store.flush();
    expect(await rawKeys()).toEqual(['not-ours']);
    expect(store.get('calibration')).toEqual(DEFAULT_CALIBRATION);
    const again = await open().load();
    expect(again.values).toEqual((await open({ backend: null }).load()).values);
    expect(again.notices).toEqual([]);
  });
});

describe('history', () => {
  it('adds (filling id and savedAt), lists and deletes snapshots, across sessions', async () => {
    const store = open();
    await store.load();
    const { id: _, savedAt: __, ...draft } = snapshot();
    const added = await store.addSnapshot(draft);
    expect(added.ok).toBe(true);
    const [first] = added.ok ? added.value : [];
    expect(first.id).toMatch(/\S/);
    expect(first.savedAt).toBe('2025-03-01T10:00:00.000Z');
    await store.addSnapshot(snapshot('second'));

    const later = open();
    expect((await later.listSnapshots()).map((s) => s.id)).toEqual([first.id, 'second']);
    expect((await later.deleteSnapshot(first.id)).map((s) => s.id)).toEqual(['second']);
    expect((await open().load()).values.history.map((s) => s.id)).toEqual(['second']);
  });

  it('refuses an invalid snapshot and a duplicate id', async () => {
    const store = open();
    await store.addSnapshot(snapshot('x'));
    expect(await store.addSnapshot({ ...snapshot('y'), composite: 140 })).toEqual({ ok: false, reason: expect.stringMatching(/composite/) });
    expect(await store.addSnapshot(snapshot('x'))).toEqual({ ok: false, reason: expect.stringMatching(/already exists/) });
    expect(await store.listSnapshots()).toHaveLength(1);
  });

  it('deleting an unknown id changes nothing', async () => {
    const store = open();
    await store.addSnapshot(snapshot('x'));
    expect((await store.deleteSnapshot('nope')).map((s) => s.id)).toEqual(['x']);
  });
});
