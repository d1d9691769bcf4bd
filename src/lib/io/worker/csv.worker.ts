/**
 * The import off the main thread (SPEC §4.3: smooth with 100,000 rows): a thin adapter, all logic is in
 * worker-handler.ts / import-pipeline.ts. Loaded by import-client.ts as its own lazily fetched chunk.
 */
import type { WorkerRequest } from '../protocol';
import { createWorkerHandler } from './worker-handler';

const handle = createWorkerHandler((msg, transfer = []) => self.postMessage(msg, { transfer }));

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  void handle(e.data);
};
