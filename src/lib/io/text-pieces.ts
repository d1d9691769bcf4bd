/**
 * A UTF-8 file decoded in pieces by a worker of its own (worker/decode.worker.ts) while the import worker
 * parses the pieces already decoded (import-pipeline.ts importPieces): on two cores the decoding, ~0.23 s
 * for an 82 MB export in Chromium, and the file's reading, ~0.1 s, no longer come before the parse.
 * Each piece ends with a line break (so the parser rarely carries a record over) and holds about
 * PIECE_CHARS characters (the first one fewer). A NUL character, or bytes that are not UTF-8, stop the pieces: the import
 * worker then reads the file its usual way (file-bytes.ts), which tells the NUL's line, or reads the text
 * as Windows-1252.
 */
import { sniffBytes, SNIFF_BYTES } from './file-bytes';
import { MAX_FILE_BYTES } from './limits';

/** What the decoding worker posts, in order: pieces, then the end, or a stop. */
export type PieceMessage = { id: number; type: 'piece'; text: string } | { id: number; type: 'end' } | { id: number; type: 'stop' };

/**
 * What the import worker posts to the decoding worker: a file to decode, request `id`, `pieces` of it at
 * most until told more (a file being previewed: its first pieces are ready when its import starts); or
 * how many pieces of request `id` it may send in all (Infinity: the rest).
 */
export type DecodeRequest = { id: number; file: Blob; pieces?: number } | { id: number; more: number };

/** Pieces decoded ahead while a file is previewed: ~2 Mi characters, ready when the import starts. */
export const PREFETCH_PIECES = 3;

/** Characters per piece, about: ~1 ms to post, and a few hundred of the parser's chunks. */
export const PIECE_CHARS = 1 << 20;
/** The first piece is smaller, so the parse starts sooner: 128 Ki characters, twice what the import reads the delimiter from. */
export const FIRST_PIECE_CHARS = 1 << 17;

/** Files from this size up are decoded in pieces alongside the parse; smaller ones are read whole (a few ms). */
export const STREAM_BYTES = 4 << 20;

/**
 * The pieces of `file`'s text, posted in order (`send`), each after `gate` let the one before go. Never
 * throws: a failure is a 'stop'. The byte-order mark is dropped, as file-bytes.ts decodeText drops it.
 */
export async function decodePieces(id: number, file: Blob, send: (m: PieceMessage) => void, gate: (sent: number) => Promise<void> = async () => {}): Promise<void> {
  let pending = '';
  let want = FIRST_PIECE_CHARS;
  let sent = 0;
  let reader: ReadableStreamDefaultReader<string> | null = null;
  try {
    reader = file.stream().pipeThrough(new TextDecoderStream('utf-8', { fatal: true })).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.indexOf('\0') !== -1) throw new Error('a NUL character');
      pending = pending === '' ? value : pending + value;
      // Pieces of `want` characters or a little more, up to a line break, however the bytes came.
      for (let cut = pending.indexOf('\n', want - 1) + 1; cut > 0; cut = pending.indexOf('\n', want - 1) + 1) {
        want = PIECE_CHARS;
        send({ id, type: 'piece', text: cut === pending.length ? pending : pending.slice(0, cut) });
        pending = cut === pending.length ? '' : pending.slice(cut);
        // `gate`: waits while the pieces sent are all that may be, for now.
        await gate(++sent);
      }
    }
    if (pending !== '') send({ id, type: 'piece', text: pending });
    send({ id, type: 'end' });
  } catch {
    // A NUL, bytes that are not UTF-8, a read that failed, or a request that went (the gate): the file is let go.
    void reader?.cancel().catch(() => {});
    send({ id, type: 'stop' });
  }
}

/**
 * Whether `file` is a UTF-8 text export worth decoding in pieces (its size, and its first bytes). Never
 * throws; a file it is not (too big, not text, unreadable) is read the usual way, which says why.
 */
export async function streamable(file: Blob): Promise<boolean> {
  try {
    if (file.size < STREAM_BYTES || file.size > MAX_FILE_BYTES) return false;
    const kind = sniffBytes(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
    return kind.ok && kind.value.kind === 'text' && kind.value.encoding === 'utf-8';
  } catch {
    return false;
  }
}
