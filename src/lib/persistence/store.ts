import { fail, ok, type Parsed } from '../engine/types';
import { historySchema, snapshotSchema, type History, type Snapshot } from '../schema/history';
import { reasonOf } from '../schema/reason';
import { parseStored, parseStoredInSlices, RECORD_KEYS, RECORDS, sealStored, type RecordKey, type RecordState, type RecordValue } from '../schema/records';
import type { Envelope } from '../schema/envelope';
import { idbBackend, type Backend } from './backend';
import type { LoadResult, SnapshotDraft, StorageMode, Store, StoreNotice, StoreOptions, StoredValues } from './types';
import { nextTask } from '../io/tasks';

export type * from './types';

/**
 * SPEC §5 persistence. Every record passes the schema gate in and out; bad
 * stored data is moved aside (never deleted); without IndexedDB the app runs
 * from memory and says so.
 */

export const NAMESPACE = 'cs-scorecard:';
export const storageKey = (key: RecordKey) => `${NAMESPACE}${key}`;
export const quarantineKey = (key: RecordKey, at: Date) => `${NAMESPACE}quarantine:${key}:${at.toISOString()}`;
const QUARANTINE_PREFIX = `${NAMESPACE}quarantine:`;

export const DEFAULT_DB_NAME = 'cs-scorecard';
export const DEFAULT_STORE_NAME = 'kv';

function errorText(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e && 'message' in e)) {
    const { name, message } = e as { name: unknown; message: unknown };
    return message ? `${String(name)}: ${String(message)}` : String(name);
  }
  return String(e);
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

class AppStore implements Store {
  mode: StorageMode = 'indexeddb';
  modeReason: string | null = null;

  /** The opened backend; kept in memory mode so clearAll can still delete. */
  private backend: Backend | null = null;
  private ready: Promise<void> | null = null;
  /** The latest validated value per key: all that memory mode keeps. */
  private readonly cache = new Map<RecordKey, unknown>();
  private readonly pending = new Map<RecordKey, Envelope>();
  private readonly timers = new Map<RecordKey, ReturnType<typeof setTimeout>>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly debounceMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: StoreOptions) {
    this.debounceMs = options.debounceMs ?? 250;
    this.now = options.now ?? (() => new Date());
  }

  private toMemory(reason: string): void {
    if (this.mode === 'memory') return;
    this.mode = 'memory';
    this.modeReason = reason;
    this.options.onModeChange?.('memory', reason);
  }

  private open(): Promise<void> {
    this.ready ??= this.probe();
    return this.ready;
  }

  private async probe(): Promise<void> {
    const { backend } = this.options;
    if (backend === null) return this.toMemory('storage is turned off');
    if (backend) {
      this.backend = backend;
      return;
    }
    let factory: IDBFactory | undefined;
    try {
      factory = globalThis.indexedDB;
    } catch (e) {
      return this.toMemory(`IndexedDB is not accessible (${errorText(e)})`);
    }
    if (!factory) return this.toMemory('IndexedDB is not available in this browser');
    const idb = idbBackend(this.options.dbName ?? DEFAULT_DB_NAME, this.options.storeName ?? DEFAULT_STORE_NAME);
    const ms = this.options.openTimeoutMs ?? 3_000;
    try {
      await withTimeout(idb.keys(), ms, `IndexedDB did not open within ${ms} ms`);
      this.backend = idb;
    } catch (e) {
      this.toMemory(`IndexedDB could not be opened (${errorText(e)})`);
    }
  }

  /** The backend to write to: none in memory mode. */
  private get writable(): Backend | null {
    return this.mode === 'indexeddb' ? this.backend : null;
  }

  async load(): Promise<LoadResult> {
    await this.open();
    const values: Partial<Record<RecordKey, unknown>> = {};
    const notices: StoreNotice[] = [];
    for (const key of RECORD_KEYS) {
      values[key] = await this.loadOne(key, notices);
    }
    return { values: values as StoredValues, notices, mode: this.mode, modeReason: this.modeReason };
  }

  private async loadOne(key: RecordKey, notices: StoreNotice[]): Promise<unknown> {
    // A value set this session is newer than anything stored.
    if (this.cache.has(key)) return this.cache.get(key);
    const fallback = RECORDS[key].fallback();
    const backend = this.writable;
    if (!backend) return fallback;
    let raw: unknown;
    try {
      raw = await backend.get(storageKey(key));
    } catch (e) {
      this.toMemory(`reading failed (${errorText(e)})`);
      return fallback;
    }
    if (raw === undefined) return fallback;
    // A book is checked entry by entry in slices of a few milliseconds (schema/portfolio.ts), not in one task.
    const parsed = await parseStoredInSlices(key, raw, nextTask);
    if (parsed.ok) {
      this.cache.set(key, parsed.value);
      return parsed.value;
    }
    // Kept aside, never deleted: the user may want it back, and a bug in a migration must not cost data.
    let aside = quarantineKey(key, this.now());
    try {
      // Never overwrite an earlier quarantined record that happens to share the timestamp.
      for (let n = 2; (await backend.get(aside)) !== undefined; n++) aside = `${quarantineKey(key, this.now())}:${n}`;
      await backend.move(storageKey(key), aside, raw);
      notices.push({ key, reason: parsed.reason, quarantineKey: aside });
    } catch (e) {
      // Cannot move it: stop writing, so the defaults never overwrite it.
      this.toMemory(`could not set aside a bad record (${errorText(e)})`);
      notices.push({ key, reason: parsed.reason, quarantineKey: null });
    }
    return fallback;
  }

  get<K extends RecordKey>(key: K): RecordState<K> {
    return (this.cache.has(key) ? this.cache.get(key) : RECORDS[key].fallback()) as RecordState<K>;
  }

  set<K extends RecordKey>(key: K, value: RecordValue<K>): Parsed<RecordValue<K>> {
    const sealed = sealStored(key, value);
    if (!sealed.ok) return sealed;
    this.cache.set(key, sealed.value.value);
    this.pending.set(key, sealed.value.envelope);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => void this.write(key), this.debounceMs),
    );
    return ok(sealed.value.value);
  }

  /** Write the pending value of `key` now. A failure switches to memory; the value stays in the cache. */
  private write(key: RecordKey): Promise<void> {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const envelope = this.pending.get(key);
    if (!envelope) return Promise.resolve();
    this.pending.delete(key);
    const job = (async () => {
      await this.open();
      const backend = this.writable;
      if (!backend) return;
      try {
        await backend.set(storageKey(key), envelope);
      } catch (e) {
        this.toMemory(`saving failed (${errorText(e)})`);
      }
    })();
    return this.track(job);
  }

  private track(job: Promise<void>): Promise<void> {
    this.inflight.add(job);
    void job.finally(() => this.inflight.delete(job));
    return job;
  }

  async remove(key: RecordKey): Promise<void> {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.pending.delete(key);
    this.cache.delete(key);
    await Promise.allSettled([...this.inflight]);
    await this.open();
    const backend = this.writable;
    if (!backend) return;
    try {
      await backend.delMany([storageKey(key)]);
    } catch (e) {
      this.toMemory(`deleting failed (${errorText(e)})`);
    }
  }

  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) void this.write(key);
    await Promise.allSettled([...this.inflight]);
  }

  async clearAll(): Promise<Parsed<number>> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
    this.cache.clear();
    await Promise.allSettled([...this.inflight]);
    await this.open();
    // Even in memory mode: an earlier session's data may still sit in IndexedDB.
    if (!this.backend) return ok(0);
    try {
      const mine = (await this.backend.keys()).filter((k) => k.startsWith(NAMESPACE));
      await this.backend.delMany(mine);
      return ok(mine.length);
    } catch (e) {
      return fail(`could not clear local data (${errorText(e)})`);
    }
  }

  async listQuarantine(): Promise<string[]> {
    await this.open();
    if (!this.backend) return [];
    try {
      return (await this.backend.keys()).filter((k) => k.startsWith(QUARANTINE_PREFIX)).sort();
    } catch {
      return [];
    }
  }

  /** History as stored, read through the gate if load() has not run. */
  private async history(): Promise<History> {
    if (this.cache.has('history')) return this.get('history');
    await this.open();
    const backend = this.writable;
    if (!backend) return [];
    try {
      const parsed = parseStored('history', await backend.get(storageKey('history')));
      return parsed.ok ? parsed.value : [];
    } catch {
      return [];
    }
  }

  /** Set history and write it at once: a snapshot is a deliberate act, not a keystroke. */
  private async saveHistory(list: History): Promise<Parsed<History>> {
    const r = this.set('history', list);
    if (r.ok) await this.write('history');
    return r;
  }

  async addSnapshot(draft: SnapshotDraft): Promise<Parsed<Snapshot[]>> {
    const candidate = snapshotSchema.safeParse({ ...draft, id: draft.id ?? newId(), savedAt: draft.savedAt ?? this.now().toISOString() });
    if (!candidate.success) return fail(reasonOf(candidate.error));
    const list = await this.history();
    if (list.some((s) => s.id === candidate.data.id)) return fail(`a snapshot with id ${candidate.data.id} already exists`);
    const next = historySchema.safeParse([...list, candidate.data]); // prunes to the bound
    return next.success ? this.saveHistory(next.data) : fail(reasonOf(next.error));
  }

  async deleteSnapshot(id: string): Promise<Snapshot[]> {
    const list = await this.history();
    const next = list.filter((s) => s.id !== id);
    if (next.length === list.length) return list;
    const r = await this.saveHistory(next);
    return r.ok ? r.value : list;
  }

  async listSnapshots(): Promise<Snapshot[]> {
    return this.history();
  }
}

/** The app's store. Nothing is read until load(); IndexedDB problems never throw, they switch to memory. */
export function createStore(options: StoreOptions = {}): Store {
  return new AppStore(options);
}

/** Flush on pagehide and when the tab is hidden, so the last edit is never lost. Returns the unsubscribe. */
export function flushOnPageHide(store: Pick<Store, 'flush'>, win: Window = window): () => void {
  const onHide = () => void store.flush();
  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') void store.flush();
  };
  win.addEventListener('pagehide', onHide);
  win.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onHide);
    win.document.removeEventListener('visibilitychange', onVisibility);
  };
}
