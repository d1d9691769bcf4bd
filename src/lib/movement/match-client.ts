/**
 * The page's side of matching two imports (SPEC §4.6): match.worker.ts, kept from one match to the next
 * with the last current book prepared in it, terminated when a match is superseded or fails. Small books,
 * and pages where no Worker can be created, are matched here instead: below IN_PAGE_BELOW accounts a
 * worker's start costs more than the match.
 */
import { matchAccounts, type AccountMatch, type KeyColumns } from '../engine/account-match';
import type { NameColumn } from '../engine/names';
import type { KeyColumn, MatchRequest, MatchResponse, Side } from './protocol';
import { nextTask } from '../io/tasks';

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

/** Characters of names posted per task: ~2 M (a few ms to copy), so no task blocks the page long. */
const CHARS_PER_TASK = 2_000_000;

/**
 * A book's key material for the worker: its names (and ids) as 'names' messages of a few chunks each,
 * and the book with empty chunks and its `end` arrays copied (the page keeps its own) to move.
 */
function keyMaterial(id: number, side: Side, cols: KeyColumns, parts: MatchRequest[], transfer: ArrayBuffer[]): KeyColumns {
  const strip = (column: KeyColumn, c: NameColumn): NameColumn => {
    let batch: string[] = [];
    let chars = 0;
    for (const chunk of c.chunks) {
      batch.push(chunk);
      chars += chunk.length;
      if (chars >= CHARS_PER_TASK) {
        parts.push({ type: 'names', id, side, column, chunks: batch });
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) parts.push({ type: 'names', id, side, column, chunks: batch });
    const end = c.end.slice();
    transfer.push(end.buffer);
    return { chunks: [], end };
  };
  return { count: cols.count, name: strip('name', cols.name), ...(cols.id ? { id: strip('id', cols.id) } : {}) };
}

let nextId = 1;

/**
 * The match worker, kept from one match to the next with the current book of the last match prepared in it
 * (hashed and indexed, match-handler.ts): when the next import comes, that book is its previous one, and only
 * the new book is sent and read. Ended when a match is cancelled or fails, and by releaseMatchWorker.
 */
let shared: { worker: MatchWorkerLike; factory: MatchWorkerFactory | undefined; kept: KeyColumns | null } | null = null;

/** Ends the kept worker and the book it holds (Clear local data, or no pair to compare any more). */
export function releaseMatchWorker(): void {
  shared?.worker.terminate();
  shared = null;
}

/**
 * SPEC §4.6: the match of two imports in a worker, or null where it is cheaper (small books) or only
 * possible (no Worker) on the page: then the caller calls matchAccounts itself. A worker that fails
 * falls back to matching on the page, so a match always arrives unless cancelled.
 */
export function startMatch(prev: KeyColumns, cur: KeyColumns, factory?: MatchWorkerFactory): RunningMatch | null {
  if (Math.max(prev.count, cur.count) < IN_PAGE_BELOW) return null;
  if (!factory && typeof Worker === 'undefined') return null;
  if (shared !== null && shared.factory !== factory) releaseMatchWorker();
  if (shared === null) {
    try {
      shared = { worker: (factory ?? createMatchWorker)(), factory, kept: null };
    } catch {
      return null;
    }
  }
  const mine = shared;
  const { worker } = mine;
  const reuse = mine.kept === prev;
  mine.kept = null;
  let done = false;
  let settle: (m: AccountMatch | null) => void = () => {};
  const promise = new Promise<AccountMatch | null>((resolve) => (settle = resolve));
  const finish = (m: AccountMatch | null, keep: boolean): void => {
    if (done) return;
    done = true;
    if (keep) mine.kept = cur;
    else if (shared === mine) releaseMatchWorker();
    worker.onmessage = null;
    worker.onerror = null;
    settle(m);
  };
  const inPage = (): void => void (done || finish(matchAccounts(prev, cur), false));
  const id = nextId++;
  worker.onmessage = (e) => {
    if (e.data.id !== id) return;
    if (e.data.ok) finish(e.data.match, true);
    else inPage();
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    inPage();
  };
  // The names a few chunks per task (the previous book's only when the worker does not hold it); then the books.
  const send = async (): Promise<void> => {
    const parts: MatchRequest[] = [];
    const transfer: ArrayBuffer[] = [];
    const books = {
      type: 'match' as const, id, keep: true,
      prev: reuse ? null : keyMaterial(id, 'prev', prev, parts, transfer),
      cur: keyMaterial(id, 'cur', cur, parts, transfer),
    };
    for (const part of parts) {
      if (done) return;
      worker.postMessage(part, []);
      await nextTask();
    }
    if (!done) worker.postMessage(books, transfer);
  };
  send().catch(inPage);
  return { promise, cancel: () => finish(null, false) };
}
