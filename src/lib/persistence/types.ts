import type { Parsed } from '../engine/types';
import type { Snapshot } from '../schema/history';
import type { RecordKey, RecordState, RecordValue } from '../schema/records';
import type { Backend } from './backend';

/** What the store offers the app (SPEC §5); store.ts implements it over IndexedDB or memory. */

export type StorageMode = 'indexeddb' | 'memory';

/** A stored record that could not be used; the page shows it as a dismissible notice. */
export interface StoreNotice {
  key: RecordKey;
  reason: string;
  /** Where the record now lives, or null if it could not be moved (it was left in place). */
  quarantineKey: string | null;
}

export type StoredValues = { [K in RecordKey]: RecordState<K> };

export interface LoadResult {
  /** Every record: the stored value, or its default where missing or bad. */
  values: StoredValues;
  notices: StoreNotice[];
  mode: StorageMode;
  /** Why the store is in memory mode (null in IndexedDB mode). */
  modeReason: string | null;
}

export interface StoreOptions {
  dbName?: string;
  storeName?: string;
  /** Delay before a set() reaches storage; later set()s of the same key restart it. */
  debounceMs?: number;
  /** How long to wait for IndexedDB to open (a blocked open never answers). */
  openTimeoutMs?: number;
  now?: () => Date;
  /** Use this backend instead of IndexedDB (tests); null forces memory mode. */
  backend?: Backend | null;
  /** Called when the store falls back to memory mid-session. */
  onModeChange?: (mode: StorageMode, reason: string) => void;
}

/** A snapshot to add: id and savedAt are filled in when absent. */
export type SnapshotDraft = Omit<Snapshot, 'id' | 'savedAt'> & Partial<Pick<Snapshot, 'id' | 'savedAt'>>;

export interface Store {
  readonly mode: StorageMode;
  /** Why the store is in memory mode (null in IndexedDB mode). */
  readonly modeReason: string | null;
  /** Read every record through the gate; quarantine what fails. Call once at start-up. */
  load(): Promise<LoadResult>;
  /** The latest value this session knows (after load or set), else the default. */
  get<K extends RecordKey>(key: K): RecordState<K>;
  /** Validate now and write after the debounce; an invalid value is refused with the reason and not written. */
  set<K extends RecordKey>(key: K, value: RecordValue<K>): Parsed<RecordValue<K>>;
  /** Forget one record (e.g. the portfolio) in storage and in memory. */
  remove(key: RecordKey): Promise<void>;
  /** Write every pending value now; call on pagehide / visibilitychange. */
  flush(): Promise<void>;
  /** Remove every key of the app: records, quarantine, history. */
  clearAll(): Promise<Parsed<number>>;
  /** Keys of records set aside by load(). */
  listQuarantine(): Promise<string[]>;
  addSnapshot(draft: SnapshotDraft): Promise<Parsed<Snapshot[]>>;
  deleteSnapshot(id: string): Promise<Snapshot[]>;
  listSnapshots(): Promise<Snapshot[]>;
}
