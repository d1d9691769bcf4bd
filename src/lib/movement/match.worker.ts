/**
 * SPEC §4.6 matching two imports off the main thread: a thin adapter, the logic is match-handler.ts.
 * Loaded by match-client.ts as its own lazily fetched chunk.
 */
import { createMatchHandler } from './match-handler';
import type { MatchRequest } from './protocol';

const handle = createMatchHandler((msg, transfer) => self.postMessage(msg, { transfer }));

self.onmessage = (e: MessageEvent<MatchRequest>) => handle(e.data);
