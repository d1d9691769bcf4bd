/**
 * What match.worker.ts does with a request, as a plain function so tests call it without a Worker: the
 * engine's own matchAccounts, so the worker's match is the page's match, number for number.
 */
import { matchAccounts } from '../engine/movement';
import { chunksFit } from '../engine/names';
import type { KeyColumns } from '../engine/movement';
import type { MatchRequest, MatchResponse } from './protocol';

/** Whether a book's names (and ids) arrived whole: a column that does not fit would match wrongly. */
function whole(book: KeyColumns): boolean {
  return book.name.end.length === book.count && chunksFit(book.name) && (!book.id || (book.id.end.length === book.count && chunksFit(book.id)));
}

export function handleMatch(req: MatchRequest): { response: MatchResponse; transfer: ArrayBuffer[] } {
  const { id } = req;
  if (!whole(req.prev) || !whole(req.cur)) return { response: { id, ok: false, reason: 'the accounts did not all arrive' }, transfer: [] };
  try {
    const match = matchAccounts(req.prev, req.cur);
    const transfer = [match.prevRow, match.curRow, match.status, match.prevStatus].map((a) => a.buffer as ArrayBuffer);
    return { response: { id, ok: true, match }, transfer };
  } catch (e) {
    return { response: { id, ok: false, reason: e instanceof Error ? e.message : String(e) }, transfer: [] };
  }
}
