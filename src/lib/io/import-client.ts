/**
 * The page's side of the import: runs csv.worker.ts (created lazily, one per run, terminated when the
 * run ends or is cancelled) and answers with a Parsed result; it never throws or rejects. Where no
 * Worker can be created (old browser, Node tests) the same import runs in this thread.
 */
import { chunksFit } from '../engine/names';
import type { PreparedPortfolio, PreparedPrevious } from '../engine/prepared';
import { fail, type AccountColumns, type Calibration, type Parsed } from '../engine/types';
import { bookParts, movable, partBytes, RESTORE_IN_PAGE_BELOW } from './book-parts';
import type { TextOptions } from './import-pipeline';
import type { BookSide, ImportProgress, ImportInput, WorkerRequest, WorkerResponse } from './protocol';
import { createWorkerHandler } from './worker/worker-handler';
import type { Preview, TextImport } from './types';

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
  /** Stops the run (terminating its worker); the promise answers "Import cancelled.". */
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

function run<T>(
  request: WorkerRequest,
  onProgress: ((p: ImportProgress) => void) | undefined,
  factory: WorkerFactory,
): Running<T> {
  let worker: WorkerLike | null = null;
  let done = false;
  let settle: (r: Parsed<T>) => void = () => {};
  const promise = new Promise<Parsed<T>>((resolve) => (settle = resolve));
  const finish = (r: Parsed<T>): void => {
    if (done) return;
    done = true;
    worker?.terminate();
    worker = null;
    settle(r);
  };
  const cancel = (): void => finish(fail(CANCELLED));
  try {
    worker = factory();
  } catch {
    worker = inThreadWorker();
  }
  const chunks: string[] = [];
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.id !== request.id) return;
    if (m.type === 'progress') onProgress?.({ rows: m.rows, bytes: m.bytes, totalBytes: m.totalBytes });
    else if (m.type === 'names') chunks.push(m.chunk);
    else if (m.type === 'result') finish(withNames(m.result, chunks) as Parsed<T>);
    else finish(m.result as Parsed<T>);
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    finish(fail(`The import stopped: ${e.message || 'the background worker failed'}.`));
  };
  try {
    worker.postMessage(request);
  } catch (e) {
    finish(fail(`The import could not start: ${e instanceof Error ? e.message : String(e)}`));
  }
  return { promise, cancel };
}

/** The import's result with the name chunks that came ahead of it (protocol.ts), checked to fit. */
function withNames(r: Parsed<TextImport>, chunks: string[]): Parsed<TextImport> {
  if (!r.ok) return r;
  const name = { chunks, end: r.value.columns.name.end };
  if (!chunksFit(name)) return fail(`The import stopped: the names of the ${r.value.columns.count} accounts did not all arrive.`);
  return { ok: true, value: { ...r.value, columns: { ...r.value.columns, name } } };
}

/** SPEC §2.3 import of a paste or a file, off the main thread, with progress at most every ~100 ms. */
export function startImport(
  source: ImportInput,
  opts: TextOptions = {},
  onProgress?: (p: ImportProgress) => void,
  factory: WorkerFactory = createCsvWorker,
): Running<TextImport> {
  const { mapping, calibration, sheet, ...options } = opts;
  const request: WorkerRequest = { type: 'import', id: nextId++, ...sourceFields(source), mapping, options, calibration, sheet };
  return run(request, onProgress, factory);
}

/** The header, first rows and guessed mapping of a paste or file (of `sheet` in a workbook), for the mapping step. */
export function startPreview(source: ImportInput, rows = 20, factory: WorkerFactory = createCsvWorker, sheet?: string): Running<Preview> {
  const request: WorkerRequest = { type: 'preview', id: nextId++, ...sourceFields(source), rows, sheet };
  return run(request, undefined, factory);
}

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
 * A later task, without the 4 ms a chain of zero timeouts is held back by (a book is sent in ~100
 * tasks): a message to ourselves, or a timeout where there are no message channels.
 */
function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

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
      await nextTask();
    }
  };
  const send = async (): Promise<void> => {
    await sendBook('current', current.columns);
    if (done) return;
    worker.postMessage({ type: 'restore', id, calibration, asOfDay: current.asOfDay });
    if (!previous) return;
    await nextTask();
    await sendBook('previous', previous.columns);
    if (!done) worker.postMessage({ type: 'restore-previous', id, asOfDay: previous.asOfDay });
  };
  send().catch(stop);
  return { current: currentP, previous: previousP, cancel: stop };
}
