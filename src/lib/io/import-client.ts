/**
 * The page's side of the import: runs csv.worker.ts (created lazily, one per run, terminated when the
 * run ends or is cancelled) and answers with a Parsed result; it never throws or rejects. Where no
 * Worker can be created (old browser, Node tests) the same import runs in this thread.
 */
import { chunksFit } from '../engine/names';
import { fail, type Parsed } from '../engine/types';
import type { TextOptions } from './import-pipeline';
import type { ImportProgress, ImportInput, WorkerRequest, WorkerResponse } from './protocol';
import { createWorkerHandler } from './worker/worker-handler';
import type { Preview, TextImport } from './types';

/** The part of a Worker the importer uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
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
