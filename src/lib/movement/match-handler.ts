/**
 * What match.worker.ts does with the page's messages, as plain functions so tests call them without a
 * Worker: the engine's own matchAccounts, so the worker's match is the page's match, number for number.
 */
import { matchAccounts, prepareKeys, type KeyColumns, type PreparedKeys } from '../engine/account-match';
import { chunksFit } from '../engine/names';
import type { KeyColumn, MatchRequest, MatchResponse, Side } from './protocol';

export type MatchPost = (msg: MatchResponse, transfer: ArrayBuffer[]) => void;

/** Whether a book's names (and ids) arrived whole: a column that does not fit would match wrongly. */
function whole(book: KeyColumns): boolean {
  return book.name.end.length === book.count && chunksFit(book.name) && (!book.id || (book.id.end.length === book.count && chunksFit(book.id)));
}

/** The match of two whole books (the previous one's keys maybe prepared), with the buffers to move back to the page. */
export function matchBooks(id: number, prev: KeyColumns, cur: KeyColumns, prepared?: PreparedKeys): { response: MatchResponse; transfer: ArrayBuffer[] } {
  if (!whole(prev) || !whole(cur)) return { response: { id, ok: false, reason: 'the accounts did not all arrive' }, transfer: [] };
  try {
    const match = matchAccounts(prev, cur, prepared);
    const transfer = [match.prevRow, match.curRow, match.status, match.prevStatus].map((a) => a.buffer as ArrayBuffer);
    return { response: { id, ok: true, match }, transfer };
  } catch (e) {
    return { response: { id, ok: false, reason: e instanceof Error ? e.message : String(e) }, transfer: [] };
  }
}

/**
 * The worker's message handler: collects the chunks of one request's books, then matches them. With `keep`,
 * the current book's keys are then prepared and kept: the next request may send only its new book.
 */
export function createMatchHandler(post: MatchPost): (msg: MatchRequest) => void {
  let current = -1;
  const chunks = new Map<string, string[]>();
  let kept: PreparedKeys | null = null;
  return (msg) => {
    if (msg.id !== current) {
      current = msg.id;
      chunks.clear();
    }
    const key = (side: Side, column: KeyColumn) => `${side}.${column}`;
    if (msg.type === 'names') {
      const k = key(msg.side, msg.column);
      const list = chunks.get(k) ?? [];
      list.push(...msg.chunks);
      chunks.set(k, list);
      return;
    }
    const filled = (side: Side, book: KeyColumns): KeyColumns => ({
      count: book.count,
      name: { chunks: chunks.get(key(side, 'name')) ?? [], end: book.name.end },
      ...(book.id ? { id: { chunks: chunks.get(key(side, 'id')) ?? [], end: book.id.end } } : {}),
    });
    const prepared = msg.prev === null ? kept : null;
    const cur = filled('cur', msg.cur);
    kept = null;
    const { response, transfer } =
      msg.prev !== null ? matchBooks(msg.id, filled('prev', msg.prev), cur)
      : prepared !== null ? matchBooks(msg.id, prepared.book, cur, prepared)
      : { response: { id: msg.id, ok: false as const, reason: 'the previous import is not kept here' }, transfer: [] };
    chunks.clear();
    post(response, transfer);
    if (msg.keep && response.ok) kept = prepareKeys(cur, !!cur.id);
  };
}
