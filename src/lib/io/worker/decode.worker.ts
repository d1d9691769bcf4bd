/**
 * Decodes a UTF-8 export in pieces for the import worker that started it (text-pieces.ts): a thin
 * adapter, started by csv.worker.ts as its own lazily fetched chunk, one file at a time.
 */
import { decodePieces, type DecodeRequest } from '../text-pieces';

self.onmessage = (e: MessageEvent<DecodeRequest>) => {
  void decodePieces(e.data.id, e.data.file, (m) => self.postMessage(m));
};
