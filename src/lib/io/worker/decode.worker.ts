/**
 * Decodes a UTF-8 export in pieces for the import worker that started it (text-pieces.ts): a thin
 * adapter, started by csv.worker.ts as its own lazily fetched chunk, one file at a time (a new request
 * ends the one before). A file being previewed is decoded a few pieces ahead, the rest once its import
 * asks for more.
 */
import { decodePieces, type DecodeRequest } from '../text-pieces';

let current = { id: 0, allowed: Infinity };
let resume: (() => void) | null = null;
const wake = (): void => {
  const r = resume;
  resume = null;
  r?.();
};

self.onmessage = (e: MessageEvent<DecodeRequest>) => {
  const m = e.data;
  if ('more' in m) {
    if (m.id === current.id) current.allowed = m.more;
    wake();
    return;
  }
  const mine = (current = { id: m.id, allowed: m.pieces ?? Infinity });
  wake(); // a request waiting for more ends (its gate throws: decodePieces posts a 'stop' nobody reads)
  void decodePieces(m.id, m.file, (p) => self.postMessage(p), async (sent) => {
    while (sent >= mine.allowed) {
      if (current !== mine) throw new Error('superseded');
      await new Promise<void>((r) => (resume = r));
    }
    if (current !== mine) throw new Error('superseded');
  });
};
