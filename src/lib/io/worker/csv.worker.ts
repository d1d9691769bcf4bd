/**
 * The import off the main thread (SPEC §4.3: smooth with 100,000 rows): a thin adapter, all logic is in
 * worker-handler.ts / import-pipeline.ts. Loaded by import-client.ts as its own lazily fetched chunk.
 */
import type { WorkerRequest } from '../protocol';
import { createWorkerHandler, type DecoderLike } from './worker-handler';

/** Vite makes the decoding worker a chunk of its own because of this exact `new Worker(new URL(…))` form. */
const makeDecoder = () => new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' }) as unknown as DecoderLike;

const handle = createWorkerHandler(
  (msg, transfer = []) => self.postMessage(msg, { transfer }),
  undefined,
  // A worker that cannot start workers of its own reads every file whole.
  typeof Worker === 'function' ? makeDecoder : undefined,
);

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  void handle(e.data);
};
