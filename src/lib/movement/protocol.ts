/**
 * Messages between the page and match.worker.ts (SPEC §4.6 matching off the main thread). The page sends
 * each import's key material only: the packed names (and ids) a few chunks per 'names' message, one
 * message per task, so no single copy blocks the page (two 1M books are ~60 MB of string); then 'match'
 * with the counts and the copied `end` arrays (moved). The worker answers with the match, its typed
 * arrays moved back, and may keep the current book's keys prepared for the next import's match.
 */
import type { AccountMatch, KeyColumns } from '../engine/account-match';

export type Side = 'prev' | 'cur';
export type KeyColumn = 'name' | 'id';

export type MatchRequest =
  | { type: 'names'; id: number; side: Side; column: KeyColumn; chunks: string[] }
  /**
   * The books, their `chunks` left empty: they came ahead in 'names' messages of the same id. `prev` null:
   * the book the worker kept from the last match. `keep`: after answering, prepare `cur` (hash and index its
   * keys) and keep it for the next match, as that import's previous one.
   */
  | { type: 'match'; id: number; prev: KeyColumns | null; cur: KeyColumns; keep?: boolean };

export type MatchResponse = { id: number; ok: true; match: AccountMatch } | { id: number; ok: false; reason: string };
