/**
 * SPEC §4.6 matching two imports off the main thread: a thin adapter, the logic is match-handler.ts.
 * Loaded by match-client.ts as its own lazily fetched chunk.
 */
import { handleMatch } from './match-handler';
import type { MatchRequest } from './protocol';

self.onmessage = (e: MessageEvent<MatchRequest>) => {
  const { response, transfer } = handleMatch(e.data);
  self.postMessage(response, { transfer });
};
