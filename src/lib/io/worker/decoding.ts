/**
 * The import worker's side of the decoding worker (text-pieces.ts, decode.worker.ts): starts it (with the
 * warm-up, or for the first file worth it) and keeps it between files, hands a file's pieces to
 * importPieces as they come, decodes a previewed file's first pieces ahead for its import, and ends the
 * decoder whenever it fails or is left mid-file (a worker that failed answers nothing; one left mid-file
 * would go on decoding a file nobody reads). Tested with a stand-in decoder in this thread.
 */
import type { TextPiece } from '../import-pipeline';
import { PREFETCH_PIECES, streamable, type DecodeRequest, type PieceMessage } from '../text-pieces';

/** The decoding worker as the import worker uses it (a Worker, or a stand-in in tests). */
export interface DecoderLike {
  postMessage(msg: DecodeRequest): void;
  onmessage: ((e: { data: PieceMessage }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  terminate(): void;
}

/** A file's pieces as importPieces takes them. */
export interface Pieces {
  next(): Promise<TextPiece>;
  /** All of them arrived (the end, or a stop). */
  done(): boolean;
  /** The rest, after the few decoded ahead. */
  more(): void;
  readonly decoder: DecoderLike;
}

/** A picked file told by its name, size, date and type (a file read again is the same file); null for a Blob that is not a File. */
function fileKey(file: Blob): string | null {
  const f = file as Partial<File>;
  if (typeof f.name !== 'string' || typeof f.lastModified !== 'number') return null;
  return `${f.name}\u0000${file.size}\u0000${f.lastModified}\u0000${file.type}`;
}

export class Decoding {
  readonly #make: () => DecoderLike;
  #decoder: DecoderLike | null = null;
  #id = 0;
  /** A previewed file's first pieces, decoded ahead for its import. */
  #ahead: { key: string; pieces: Pieces } | null = null;
  /** Requests the import worker handled: a later one while ahead() waits makes it give up. */
  #requests = 0;

  constructor(make: () => DecoderLike) {
    this.#make = make;
  }

  /** The decoding worker, started if there is none. One that fails is ended whenever it fails. */
  start(): DecoderLike {
    if (this.#decoder === null) {
      const d = this.#make();
      d.onerror = () => this.#end(d);
      this.#decoder = d;
    }
    return this.#decoder;
  }

  /** A request reached the import worker: pieces decoded ahead for another file are let go (not for an import or a preview, which see to theirs). */
  request(kind: string): void {
    this.#requests++;
    if (kind !== 'import' && kind !== 'preview') this.drop();
  }

  /** After a file's preview: its first pieces decoded while the page picks the mapping (a big UTF-8 file only). */
  async ahead(file: Blob): Promise<void> {
    this.drop();
    const key = fileKey(file);
    if (key === null) return;
    const seen = this.#requests;
    if (!(await streamable(file)) || this.#requests !== seen) return;
    this.#ahead = { key, pieces: this.#pieces(this.start(), file, PREFETCH_PIECES) };
  }

  /** The pieces of `file` for its import, those decoded ahead if it is the previewed file; null when it is not worth decoding in pieces. */
  async pieces(file: Blob): Promise<Pieces | null> {
    const ahead = this.#ahead;
    if (ahead !== null && ahead.key === fileKey(file)) {
      this.#ahead = null;
      ahead.pieces.more();
      return ahead.pieces;
    }
    this.drop();
    return (await streamable(file)) ? this.#pieces(this.start(), file) : null;
  }

  /** An import is over: a decoder still on its file is ended (another starts for the next file). */
  finished(p: Pieces): void {
    if (!p.done()) this.#end(p.decoder);
  }

  #end(d: DecoderLike): void {
    d.terminate();
    if (this.#decoder === d) this.#decoder = null;
  }

  /** Pieces decoded ahead, let go (their decoder ended if it is still on them). */
  drop(): void {
    if (this.#ahead !== null) this.finished(this.#ahead.pieces);
    this.#ahead = null;
  }

  /** The pieces of `file` from decoder `d` (`limit` of them until more() asks for the rest). */
  #pieces(d: DecoderLike, file: Blob, limit?: number): Pieces {
    const id = ++this.#id;
    const queue: TextPiece[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    /** The last of the pieces ('end' or 'stop'): what every later call answers. */
    let last: TextPiece | null = null;
    const add = (p: TextPiece) => {
      if (done) return;
      done = p === 'end' || p === 'stop';
      queue.push(p);
      wake?.();
      wake = null;
    };
    d.onmessage = ({ data: m }) => {
      if (m.id === id) add(m.type === 'piece' ? { text: m.text } : m.type);
    };
    d.onerror = () => {
      add('stop');
      this.#end(d);
    };
    d.postMessage(limit === undefined ? { id, file } : { id, file, pieces: limit });
    return {
      async next() {
        while (queue.length === 0) {
          if (last !== null) return last;
          await new Promise<void>((resolve) => (wake = resolve));
        }
        const p = queue.shift()!;
        if (p === 'end' || p === 'stop') last = p;
        return p;
      },
      done: () => done,
      more: () => d.postMessage({ id, more: Infinity }),
      decoder: d,
    };
  }
}
