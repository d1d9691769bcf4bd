import { createStore as createIdbStore, keys, promisifyRequest, type UseStore } from 'idb-keyval';
import { joiner, split, type Part } from './parts';

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

/**
 * A value with large arrays is stored as a head under its key plus parts under `key␀part:n` (parts.ts),
 * written and read one request after another in one transaction: each part is (de)serialized in its own
 * task, and the record changes atomically. Part keys are hidden from keys() and go with their head.
 */
const PART = '\u0000part:';
const partKey = (key: string, n: number): string => `${key}${PART}${n}`;
const partRange = (key: string): IDBKeyRange => IDBKeyRange.bound(`${key}${PART}`, `${key}${PART}\uffff`);
const HEAD = '\u0000head';
interface Head {
  [HEAD]: unknown;
  parts: number;
}
const isHead = (v: unknown): v is Head => typeof v === 'object' && v !== null && Object.hasOwn(v, HEAD);

/**
 * Runs requests one after another, each issued from the previous one's success event, where `each` takes
 * its result (so work on a result stays in that result's task).
 */
function chain<T>(count: number, request: (n: number) => IDBRequest<T>, each: (n: number, result: T) => void = () => {}): Promise<void> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const next = (): void => {
      if (n === count) return resolve();
      const r = request(n);
      r.onsuccess = () => {
        try {
          each(n++, r.result);
        } catch (e) {
          return reject(e);
        }
        next();
      };
      r.onerror = () => reject(r.error);
    };
    next();
  });
}

async function write(store: IDBObjectStore, key: string, value: unknown): Promise<void> {
  const parts: Part[] = [];
  const head = split(value, parts);
  store.delete(partRange(key));
  store.put(parts.length === 0 ? value : ({ [HEAD]: head, parts: parts.length } satisfies Head), key);
  await chain(parts.length, (n) => store.put(parts[n](), partKey(key, n)));
}

/** idb-keyval over the app's own database. Sync throws (SecurityError from open) become rejections. */
export function idbBackend(dbName: string, storeName: string): Backend {
  const use: UseStore = createIdbStore(dbName, storeName);
  return {
    get: async (key) =>
      use('readonly', async (store) => {
        let stored: unknown;
        await chain(1, () => store.get(key), (_, v) => (stored = v));
        if (!isHead(stored)) return stored;
        // Each part joined in as it is read: no task copies more than one part (parts.ts).
        const joined = joiner(stored[HEAD]);
        await chain(stored.parts, (n) => store.get(partKey(key, n)), joined.add);
        return joined.value();
      }),
    set: async (key, value) =>
      use('readwrite', async (store) => {
        await write(store, key, value);
        return commit(store);
      }),
    delMany: async (ks) =>
      use('readwrite', (store) => {
        for (const k of ks) {
          store.delete(k);
          store.delete(partRange(k));
        }
        return commit(store);
      }),
    keys: async () => (await keys(use)).filter((k): k is string => typeof k === 'string' && !k.includes(PART)),
    move: async (from, to, value) =>
      use('readwrite', async (store) => {
        store.delete(from);
        store.delete(partRange(from));
        await write(store, to, value);
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
