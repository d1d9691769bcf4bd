/**
 * The page's side of the import: runs csv.worker.ts (one worker, created ahead of need and kept from one
 * job to the next: ImportWorker) and answers with a Parsed result; it never throws or rejects. Where no
 * Worker can be created (old browser, Node tests) the same import runs in this thread.
 */
import { chunksFit, NAME_CHUNK } from '../engine/names';
import type { PreparedPortfolio, PreparedPrevious } from '../engine/prepared';
import { fail, type AccountColumns, type Calibration, type Parsed } from '../engine/types';
import { bookParts, movable, partBytes, RESTORE_IN_PAGE_BELOW } from './book-parts';
import type { TextOptions } from './import-pipeline';
import type { BookSide, ImportProgress, ImportInput, WorkerRequest, WorkerResponse } from './protocol';
import { createWorkerHandler } from './worker/worker-handler';
import type { Preview, TextImport } from './types';
import { nextMessageTask } from './tasks';

/** The part of a Worker the importer uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(msg: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}
export type WorkerFactory = () => WorkerLike;

/** Vite makes the worker a separate, lazily loaded chunk because of this exact `new Worker(new URL(…))` form. */
export const createCsvWorker: WorkerFactory = () =>
  new Worker(new URL('./worker/csv.worker.ts', import.meta.url), { type: 'module' });

export interface Running<T> {
  promise: Promise<Parsed<T>>;
  /** Stops the run (terminating its worker at once); the promise answers "Import cancelled.". */
  cancel(): void;
}

export const CANCELLED = 'Import cancelled.';
let nextId = 1;

/** The source as the worker message's `text` or `file`. */
function sourceFields(source: ImportInput): { text: string } | { file: Blob } {
  if (typeof source === 'string') return { text: source };
  if ('file' in source) return { file: source.file };
  if ('text' in source && typeof source.text === 'string') return { text: source.text };
  return { file: source as Blob };
}

/** A worker from `factory`, or this thread's stand-in where none can be created. */
function create(factory: WorkerFactory): { worker: WorkerLike; inThread: boolean } {
  try {
    return { worker: factory(), inThread: false };
  } catch {
    return { worker: inThreadWorker(), inThread: true };
  }
}

/** The worker's code run in this thread, for where no Worker can be created (old browser, Node tests). */
function inThreadWorker(): WorkerLike {
  let ended = false;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    // A microtask later, so cancel() still works synchronously.
    postMessage: (msg) => void Promise.resolve().then(() => (ended ? undefined : handle(msg))),
    terminate: () => void (ended = true),
  };
  const handle = createWorkerHandler((m) => {
    if (!ended) w.onmessage?.({ data: m } as MessageEvent<WorkerResponse>);
  });
  return w;
}

/** A kept worker; `warmed`: its practice import was sent. */
interface Kept {
  worker: WorkerLike;
  inThread: boolean;
  warmed: boolean;
}

/**
 * Characters (or bytes of a file) above which an import's worker is not kept: an idle worker keeps the
 * heap its last import grew (~250 MB after a million rows, ~20 MB after 100,000), and at that size the
 * import compiles its own hot code long before it ends, so a new worker, warmed in idle time, costs nothing.
 */
export const RECYCLE_ABOVE = 16 << 20;

/** Runs `fn` in idle time, no sooner than 3 s from now: after the work a big import leaves the page (tables, charts, the save). */
const later = (fn: () => void): void => {
  setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => fn()) : fn()), 3000);
};

export interface ImportWorkerOptions {
  /** false: every job's worker ends with the job (a caller's own factory). Default true. */
  keep?: boolean;
  /** Size of an import (characters of text or bytes of a file) above which its worker is replaced: RECYCLE_ABOVE. */
  recycleAbove?: number;
  /** Schedules the replacement's start (default: in idle time, 3 s on). */
  idle?: (fn: () => void) => void;
}

/**
 * The import worker: one, created ahead of need (warm(), in idle time) or by the first job, and kept
 * from a file's preview to its import and from one import to the next, so neither the worker's start
 * nor the engine's compiling of the import's code is paid again. A cancelled job ends it at once, and so
 * does an error (between jobs too); the next job creates another. After a big import (RECYCLE_ABOVE) it
 * is ended too, and another is started and warmed in idle time. A job that starts while another runs
 * gets a worker of its own, ended with it.
 */
export class ImportWorker {
  readonly #factory: WorkerFactory;
  readonly #keep: boolean;
  readonly #recycleAbove: number;
  readonly #idleTask: (fn: () => void) => void;
  /** The kept worker; null until needed and after it ended. */
  #kept: Kept | null = null;
  /** Cancels the job running on the kept worker; null while it is idle. */
  #stop: (() => void) | null = null;

  constructor(factory: WorkerFactory = createCsvWorker, { keep = true, recycleAbove = RECYCLE_ABOVE, idle = later }: ImportWorkerOptions = {}) {
    this.#factory = factory;
    this.#keep = keep;
    this.#recycleAbove = recycleAbove;
    this.#idleTask = idle;
  }

  /**
   * Create the worker now unless there is one, and have it practise an import (once per worker; after
   * a job already running, if any). Not in this thread's stand-in: there it would block the page.
   */
  warm(calibration?: Calibration): void {
    if (!this.#keep) return;
    const kept = this.#kept ?? this.#create();
    if (kept.warmed || kept.inThread) return;
    kept.warmed = true;
    try {
      kept.worker.postMessage({ type: 'warm', id: nextId++, ...(calibration ? { calibration } : {}) });
    } catch {
      this.#drop();
    }
  }

  /** SPEC §2.3 import of a paste or a file, off the main thread, with progress at most every ~100 ms. */
  import(source: ImportInput, opts: TextOptions = {}, onProgress?: (p: ImportProgress) => void): Running<TextImport> {
    const { mapping, calibration, sheet, ...options } = opts;
    return this.#run({ type: 'import', id: nextId++, ...sourceFields(source), mapping, options, calibration, sheet }, onProgress);
  }

  /** The header, first rows and guessed mapping of a paste or file (of `sheet` in a workbook), for the mapping step. */
  preview(source: ImportInput, rows = 20, sheet?: string): Running<Preview> {
    return this.#run({ type: 'preview', id: nextId++, ...sourceFields(source), rows, sheet }, undefined);
  }

  /** End the kept worker now (a job running on it answers "Import cancelled."). */
  close(): void {
    if (this.#stop) this.#stop();
    else this.#drop();
  }

  #create(): Kept {
    const kept = { ...create(this.#factory), warmed: false };
    this.#kept = kept;
    this.#standBy(kept.worker);
    return kept;
  }

  /** Between jobs: no job to answer; an error (the chunk did not load, the warm-up broke it) ends the worker. */
  #standBy(worker: WorkerLike): void {
    this.#stop = null;
    worker.onmessage = null;
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (this.#kept?.worker === worker) this.#drop();
    };
  }

  #drop(): void {
    const kept = this.#kept;
    this.#kept = null;
    this.#stop = null;
    kept?.worker.terminate();
  }

  #run<T>(request: WorkerRequest, onProgress: ((p: ImportProgress) => void) | undefined): Running<T> {
    // Another job runs on the kept worker (ImportState cancels before it starts one, others may not).
    const own = !this.#keep || this.#stop !== null;
    const worker = own ? create(this.#factory).worker : (this.#kept ?? this.#create()).worker;
    const big = request.type === 'import' && (request.file?.size ?? request.text?.length ?? 0) > this.#recycleAbove;
    let done = false;
    let settle: (r: Parsed<T>) => void = () => {};
    const promise = new Promise<Parsed<T>>((resolve) => (settle = resolve));
    /** The job's answer; `end`: the worker is stopped too (cancelled, failed). */
    const finish = (r: Parsed<T>, end: boolean): void => {
      if (done) return;
      done = true;
      if (own) worker.terminate();
      else if (end) this.#drop();
      else if (!big) this.#standBy(worker);
      else {
        this.#drop();
        this.#idleTask(() => this.warm());
      }
      settle(r);
    };
    const cancel = (): void => finish(fail(CANCELLED), true);
    if (!own) this.#stop = cancel;
    const chunks: string[] = [];
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.id !== request.id) return;
      if (m.type === 'progress') onProgress?.({ rows: m.rows, bytes: m.bytes, totalBytes: m.totalBytes });
      else if (m.type === 'names') chunks[m.at] = m.chunk;
      else if (m.type === 'result') finish(withNames(m.result, chunks) as Parsed<T>, false);
      else finish(m.result as Parsed<T>, false);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      finish(fail(`The import stopped: ${e.message || 'the background worker failed'}.`), true);
    };
    try {
      worker.postMessage(request);
    } catch (e) {
      finish(fail(`The import could not start: ${e instanceof Error ? e.message : String(e)}`), true);
    }
    return { promise, cancel };
  }
}

/** The page's import worker (import.svelte.ts warms it in idle time). */
export const importWorker = new ImportWorker();

/** The import's result with the name chunks that came ahead of it (protocol.ts), checked to fit. */
function withNames(r: Parsed<TextImport>, chunks: string[]): Parsed<TextImport> {
  if (!r.ok) return r;
  // Chunks past the names' end were of rows read again (the worker's exact way) and are gone.
  const name = { chunks: chunks.slice(0, Math.ceil(r.value.columns.count / NAME_CHUNK)), end: r.value.columns.name.end };
  if (!chunksFit(name)) return fail(`The import stopped: the names of the ${r.value.columns.count} accounts did not all arrive.`);
  return { ok: true, value: { ...r.value, columns: { ...r.value.columns, name } } };
}

/**
 * SPEC §2.3 import of a paste or a file, off the main thread, with progress at most every ~100 ms: on the
 * page's worker, or given a factory, on a worker of its own (ended with the job).
 */
export function startImport(
  source: ImportInput,
  opts: TextOptions = {},
  onProgress?: (p: ImportProgress) => void,
  factory?: WorkerFactory,
): Running<TextImport> {
  return workersFor(factory).import(source, opts, onProgress);
}

/** The header, first rows and guessed mapping of a paste or file (of `sheet` in a workbook): like startImport. */
export function startPreview(source: ImportInput, rows = 20, factory?: WorkerFactory, sheet?: string): Running<Preview> {
  return workersFor(factory).preview(source, rows, sheet);
}

const workersFor = (factory: WorkerFactory | undefined): ImportWorker => (factory ? new ImportWorker(factory, { keep: false }) : importWorker);

/** A stored book to restore (SPEC §5): its columns, as the store's gate passed them, and its "as of" day (§4.6). */
export interface StoredBook {
  columns: AccountColumns;
  /** The export's "as of" date as days since 1970-01-01 (UTC). */
  asOfDay: number;
}

export interface Restoring {
  /** The current book prepared (engine/prepared.ts), or null when the worker could not (the page computes it then). */
  current: Promise<PreparedPortfolio | null>;
  /** The previous book with the pair's match and movement; null without one, or when the worker could not. */
  previous: Promise<PreparedPrevious | null>;
  /** Stops the worker; what has not arrived answers null. */
  cancel(): void;
}

/** Bytes of a book posted per task: a few ms of copying, even where fresh memory is slow to get. */
const BYTES_PER_TASK = 1 << 20;

/**
 * The stored books scored, rolled up, ordered — and the previous one matched and compared — in the CSV
 * worker at start-up, so the page reuses all of it (engine/prepared.ts) instead of computing it in one
 * long task. The books are copied to the worker a few MB per task (book-parts.ts), the current one first:
 * its result comes while the previous one is still being matched. Null below RESTORE_IN_PAGE_BELOW
 * accounts, or where no Worker can be created: the page computes then, as it always could.
 */
export function startRestore(
  current: StoredBook,
  previous: StoredBook | null,
  calibration: Calibration,
  { factory, inPageBelow = RESTORE_IN_PAGE_BELOW }: { factory?: WorkerFactory; inPageBelow?: number } = {},
): Restoring | null {
  if (Math.max(current.columns.count, previous?.columns.count ?? 0) < inPageBelow) return null;
  if (!factory && typeof Worker === 'undefined') return null;
  let worker: WorkerLike;
  try {
    worker = (factory ?? createCsvWorker)();
  } catch {
    return null;
  }
  const id = nextId++;
  let done = false;
  let settleCurrent: (p: PreparedPortfolio | null) => void = () => {};
  let settlePrevious: (p: PreparedPrevious | null) => void = () => {};
  const currentP = new Promise<PreparedPortfolio | null>((resolve) => (settleCurrent = resolve));
  const previousP = new Promise<PreparedPrevious | null>((resolve) => (settlePrevious = resolve));
  const stop = (): void => {
    if (done) return;
    done = true;
    worker.terminate();
    settleCurrent(null);
    settlePrevious(null);
  };
  if (!previous) settlePrevious(null);
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.id !== id) return;
    if (m.type === 'restored') {
      settleCurrent(m.result.ok ? m.result.value : null);
      if (!previous || !m.result.ok) stop();
    } else if (m.type === 'restored-previous') {
      settlePrevious(m.result.ok ? m.result.value : null);
      stop();
    }
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    stop();
  };
  const sendBook = async (side: BookSide, columns: AccountColumns): Promise<void> => {
    let bytes = 0;
    for (const whole of bookParts(columns)) {
      if (done) return;
      const { part, transfer } = movable(whole);
      bytes += partBytes(whole); // before posting: a moved part's arrays are empty after
      worker.postMessage({ type: 'book', id, side, part }, transfer);
      if (bytes < BYTES_PER_TASK) continue;
      bytes = 0;
      await nextMessageTask();
    }
  };
  const send = async (): Promise<void> => {
    await sendBook('current', current.columns);
    if (done) return;
    worker.postMessage({ type: 'restore', id, calibration, asOfDay: current.asOfDay });
    if (!previous) return;
    await nextMessageTask();
    await sendBook('previous', previous.columns);
    if (!done) worker.postMessage({ type: 'restore-previous', id, asOfDay: previous.asOfDay });
  };
  send().catch(stop);
  return { current: currentP, previous: previousP, cancel: stop };
}
