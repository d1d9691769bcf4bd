/**
 * Messages between the page and match.worker.ts (SPEC §4.6 matching off the main thread). The page sends
 * each import's key material only (packed names and ids, the `end` arrays copied and moved); the worker
 * answers with the match, its typed arrays moved back.
 */
import type { AccountMatch, KeyColumns } from '../engine/movement';

export interface MatchRequest {
  id: number;
  prev: KeyColumns;
  cur: KeyColumns;
}

export type MatchResponse = { id: number; ok: true; match: AccountMatch } | { id: number; ok: false; reason: string };
