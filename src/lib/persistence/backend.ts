import { createStore as createIdbStore, delMany, get, keys, promisifyRequest, type UseStore } from 'idb-keyval';

/** The few operations the store needs from a key-value backend. Every method rejects, never throws. */
export interface Backend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
  /** Put `value` under `to` and delete `from`, atomically. */
  move(from: string, to: string, value: unknown): Promise<void>;
}

/**
 * Commit now rather than when the event loop next idles: Chrome aborts an
 * uncommitted transaction when the page unloads, which would lose the flush
 * on pagehide (the last edit before a reload).
 */
function commit(store: IDBObjectStore): Promise<void> {
  store.transaction.commit?.();
  return promisifyRequest(store.transaction);
}

/** idb-keyval over the app's own database. Sync throws (SecurityError from open) become rejections. */
export function idbBackend(dbName: string, storeName: string): Backend {
  const use: UseStore = createIdbStore(dbName, storeName);
  return {
    get: async (key) => get<unknown>(key, use),
    set: async (key, value) =>
      use('readwrite', (store) => {
        store.put(value, key);
        return commit(store);
      }),
    delMany: async (ks) => delMany(ks, use),
    keys: async () => (await keys(use)).filter((k): k is string => typeof k === 'string'),
    move: async (from, to, value) =>
      use('readwrite', (store) => {
        store.put(value, to);
        store.delete(from);
        return commit(store);
      }),
  };
}

/** A Map behind the same interface (tests, and a model of what memory mode keeps). */
export function mapBackend(map = new Map<string, unknown>()): Backend & { map: Map<string, unknown> } {
  return {
    map,
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    delMany: async (ks) => ks.forEach((k) => map.delete(k)),
    keys: async () => [...map.keys()],
    move: async (from, to, value) => {
      map.set(to, value);
      map.delete(from);
    },
  };
}
