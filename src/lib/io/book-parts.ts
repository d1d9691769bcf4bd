/**
 * A book (AccountColumns) sent to a worker as a series of parts (protocol.ts 'book' messages), so that the
 * page never copies much in one task: a piece of a number column (or of where each name ends) of
 * TYPED_PIECE_BYTES, a few chunks of packed names (engine/names.ts), and the count and dictionaries.
 * BookAssembly puts them back together on the other side and says when the book is whole.
 */
import {
  ARRAY_FIELD_NAMES, ARRAY_OF_KIND, ARRAY_FIELDS, PACKED_FIELD_NAMES, type AccountColumns, type ArrayColumns, type ArrayFieldName,
  type PackedFieldName,
} from '../engine/account-fields';
import { chunksFit, type NameColumn } from '../engine/names';

type Numbers = ArrayColumns[ArrayFieldName];

export type BookPart =
  | { kind: 'head'; count: number; ownerDict: string[]; segmentDict: string[] }
  /** Entries [from, from + values.length) of a number column. */
  | { kind: 'column'; field: ArrayFieldName; from: number; values: Numbers }
  /** Entries [from, from + end.length) of where each name (or id) ends. */
  | { kind: 'ends'; field: PackedFieldName; from: number; end: Uint32Array }
  | { kind: 'chunks'; field: PackedFieldName; chunks: string[] };

/** Accounts in the larger stored book from which it is restored in a worker (below, the page scores it in a few ms). */
export const RESTORE_IN_PAGE_BELOW = 20_000;

/** Bytes of a number column per part: a copy of 1 MB takes a millisecond or two. */
export const TYPED_PIECE_BYTES = 1 << 20;
/** Characters of names per 'chunks' part: ~1 M (strings copy fast). */
export const CHARS_PER_PART = 1 << 20;

/** Views of `a`, TYPED_PIECE_BYTES each, with where each starts. */
function pieces<T extends Numbers>(a: T, bytes: number): { from: number; view: T }[] {
  const per = Math.max(1, Math.floor(bytes / a.BYTES_PER_ELEMENT));
  const out: { from: number; view: T }[] = [];
  for (let from = 0; from < a.length; from += per) out.push({ from, view: a.subarray(from, from + per) as T });
  return out;
}

/**
 * The parts of a book, in the order they are best sent (the head first). Number parts are views of the
 * book's own arrays: post them through movable(), which copies just the view.
 */
export function bookParts(c: AccountColumns, sizes = { bytes: TYPED_PIECE_BYTES, chars: CHARS_PER_PART }): BookPart[] {
  const parts: BookPart[] = [{ kind: 'head', count: c.count, ownerDict: c.ownerDict, segmentDict: c.segmentDict }];
  for (const field of ARRAY_FIELD_NAMES) {
    for (const { from, view } of pieces(c[field], sizes.bytes)) parts.push({ kind: 'column', field, from, values: view });
  }
  for (const field of PACKED_FIELD_NAMES) {
    const packed = c[field];
    if (!packed) continue;
    for (const { from, view } of pieces(packed.end, sizes.bytes)) parts.push({ kind: 'ends', field, from, end: view });
    let chunks: string[] = [];
    let chars = 0;
    for (const chunk of packed.chunks) {
      chunks.push(chunk);
      chars += chunk.length;
      if (chars < sizes.chars) continue;
      parts.push({ kind: 'chunks', field, chunks });
      chunks = [];
      chars = 0;
    }
    if (chunks.length > 0) parts.push({ kind: 'chunks', field, chunks });
  }
  return parts;
}

/**
 * The part as posted: a number part's view copied (just its entries; a view would be posted with its
 * whole buffer) so the copy is moved rather than serialized, with the buffers to move.
 */
export function movable(p: BookPart): { part: BookPart; transfer: ArrayBuffer[] } {
  if (p.kind === 'column') {
    const values = p.values.slice();
    return { part: { ...p, values }, transfer: [values.buffer as ArrayBuffer] };
  }
  if (p.kind === 'ends') {
    const end = p.end.slice();
    return { part: { ...p, end }, transfer: [end.buffer as ArrayBuffer] };
  }
  return { part: p, transfer: [] };
}

/**
 * What posting a part costs, in bytes of a typed array copied: names count a quarter per character (a
 * string of one-byte characters is copied whole, without getting fresh memory page by page first).
 */
export function partBytes(p: BookPart): number {
  switch (p.kind) {
    case 'head': return (p.ownerDict.length + p.segmentDict.length) * 16;
    case 'column': return p.values.byteLength;
    case 'ends': return p.end.byteLength;
    case 'chunks': return p.chunks.reduce((n, s) => n + s.length, 0) / 4;
  }
}

/** A column being filled piece by piece, and how many entries arrived. */
interface Filling<T> {
  values: T;
  filled: number;
}

/** A book put back together from its parts, in the order they come. */
export class BookAssembly {
  #head: Extract<BookPart, { kind: 'head' }> | null = null;
  readonly #columns = new Map<ArrayFieldName, Filling<Numbers>>();
  readonly #ends = new Map<PackedFieldName, Filling<Uint32Array>>();
  readonly #chunks = new Map<PackedFieldName, string[]>();

  /** Adds a part; number parts before the head (or past its count) make the book incomplete. */
  add(p: BookPart): void {
    if (p.kind === 'head') {
      this.#head = p;
      return;
    }
    if (p.kind === 'chunks') {
      const list = this.#chunks.get(p.field) ?? [];
      list.push(...p.chunks);
      this.#chunks.set(p.field, list);
      return;
    }
    const n = this.#head?.count ?? 0;
    if (p.kind === 'column') fill(this.#columns, p.field, p.from, p.values, () => new ARRAY_OF_KIND[ARRAY_FIELDS[p.field].kind](n), n);
    else fill(this.#ends, p.field, p.from, p.end, () => new Uint32Array(n), n);
  }

  /** The book when every part of it arrived (each column whole, names that fit their ends), else null. */
  columns(): AccountColumns | null {
    const head = this.#head;
    if (!head) return null;
    const n = head.count;
    const arrays = {} as Record<ArrayFieldName, Numbers>;
    for (const k of ARRAY_FIELD_NAMES) {
      const f = this.#columns.get(k);
      if (n > 0 && (!f || f.filled !== n)) return null;
      arrays[k] = f?.values ?? new ARRAY_OF_KIND[ARRAY_FIELDS[k].kind](0);
    }
    const packed = (k: PackedFieldName): NameColumn | null => {
      const f = this.#ends.get(k);
      return f && f.filled === n ? { chunks: this.#chunks.get(k) ?? [], end: f.values } : null;
    };
    // An empty book sends no ends: its names are none (and ids, which nothing reads then, are left out).
    const name = n === 0 ? { chunks: [], end: new Uint32Array(0) } : packed('name');
    const id = packed('id');
    if (!name || !chunksFit(name) || (id && !chunksFit(id))) return null;
    return {
      count: n, name, ...(id ? { id } : {}), ...(arrays as ArrayColumns), ownerDict: head.ownerDict, segmentDict: head.segmentDict,
    };
  }
}

/** Copies a piece into its column (made on the first piece); a piece that does not fit spoils the column. */
function fill<K, T extends Numbers>(map: Map<K, Filling<T>>, key: K, from: number, piece: T, make: () => T, n: number): void {
  const f = map.get(key) ?? { values: make(), filled: 0 };
  map.set(key, f);
  if (from < 0 || from + piece.length > n) {
    f.filled = NaN;
    return;
  }
  f.values.set(piece, from);
  f.filled += piece.length;
}
