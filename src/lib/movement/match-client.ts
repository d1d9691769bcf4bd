/**
 * The page's side of matching two imports (SPEC §4.6): match.worker.ts, one per pair of imports,
 * terminated when it answers or is superseded. Small books, and pages where no Worker can be created,
 * are matched here instead: below IN_PAGE_BELOW accounts a worker's start costs more than the match.
 */
import { matchAccounts, type AccountMatch, type KeyColumns } from '../engine/movement';
import type { MatchRequest, MatchResponse } from './protocol';

/** The part of a Worker the client uses (a fake one in tests). */
export interface MatchWorkerLike {
  postMessage(msg: MatchRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<MatchResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}
export type MatchWorkerFactory = () => MatchWorkerLike;

/** Accounts in the larger book from which the match runs in a worker (~10 ms in page below it). */
export const IN_PAGE_BELOW = 20_000;

/** Vite makes the worker a separate, lazily loaded chunk because of this exact `new Worker(new URL(…))` form. */
export const createMatchWorker: MatchWorkerFactory = () =>
  new Worker(new URL('./match.worker.ts', import.meta.url), { type: 'module' });

export interface RunningMatch {
  /** The match; null once cancelled. */
  promise: Promise<AccountMatch | null>;
  cancel(): void;
}

/** A book's key material for the worker: the names (and ids) as they are, their `end` arrays copied so the page keeps its own. */
function keyMaterial(cols: KeyColumns, transfer: ArrayBuffer[]): KeyColumns {
  const copy = (c: NonNullable<KeyColumns['id']>) => {
    const end = c.end.slice();
    transfer.push(end.buffer);
    return { chunks: c.chunks, end };
  };
  return { count: cols.count, name: copy(cols.name), ...(cols.id ? { id: copy(cols.id) } : {}) };
}

let nextId = 1;

/**
 * SPEC §4.6: the match of two imports in a worker, or null where it is cheaper (small books) or only
 * possible (no Worker) on the page: then the caller calls matchAccounts itself. A worker that fails
 * falls back to matching on the page, so a match always arrives unless cancelled.
 */
export function startMatch(prev: KeyColumns, cur: KeyColumns, factory?: MatchWorkerFactory): RunningMatch | null {
  if (Math.max(prev.count, cur.count) < IN_PAGE_BELOW) return null;
  if (!factory && typeof Worker === 'undefined') return null;
  let worker: MatchWorkerLike;
  try {
    worker = (factory ?? createMatchWorker)();
  } catch {
    return null;
  }
  let done = false;
  let settle: (m: AccountMatch | null) => void = () => {};
  const promise = new Promise<AccountMatch | null>((resolve) => (settle = resolve));
  const finish = (m: AccountMatch | null): void => {
    if (done) return;
    done = true;
    worker.terminate();
    settle(m);
  };
  const inPage = (): void => finish(matchAccounts(prev, cur));
  const id = nextId++;
  worker.onmessage = (e) => {
    if (e.data.id !== id) return;
    if (e.data.ok) finish(e.data.match);
    else inPage();
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    inPage();
  };
  try {
    const transfer: ArrayBuffer[] = [];
    worker.postMessage({ id, prev: keyMaterial(prev, transfer), cur: keyMaterial(cur, transfer) }, transfer);
  } catch {
    inPage();
  }
  return { promise, cancel: () => finish(null) };
}
