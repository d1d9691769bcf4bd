/**
 * The accepted rows of an import as growing columns, one typed array per field the field table
 * (engine/account-fields.ts) fills row by row. Arrays double when full; nothing is allocated per row
 * but the name (and id) string, and those only live until their chunk is packed.
 */
import { ARRAY_FIELD_NAMES, ARRAY_FIELDS, ARRAY_OF_KIND, type ArrayColumns, type ArrayFieldName } from '../engine/account-fields';
import { NAME_CHUNK, nameAt, type NameColumn } from '../engine/names';

/** The fields stored row by row (the rest are computed from the whole import). */
type RowFieldName = { [K in ArrayFieldName]: (typeof ARRAY_FIELDS)[K]['filled'] extends 'row' ? K : never }[ArrayFieldName];
type FinishFieldName = Exclude<ArrayFieldName, RowFieldName>;
export type RowArrays = Pick<ArrayColumns, RowFieldName>;

const ROW_FIELDS = ARRAY_FIELD_NAMES.filter((k): k is RowFieldName => ARRAY_FIELDS[k].filled === 'row');

type Typed = Float64Array | Uint32Array | Uint8Array | Int32Array;

/** A copy of `a` with room for `cap` entries. Return type as given: the ArrayBuffer stays transferable. */
export function grown<T extends Typed>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  (b as Float64Array).set(a as Float64Array);
  return b;
}

/**
 * A column of strings packed as they arrive (engine/names.ts): a chunk's strings wait in a list and are
 * joined as soon as the chunk is full, while they are fresh in cache. Only the packed text outlives the
 * import: a million separate strings kept to the end cost more to collect, and to read again, than to parse.
 * Rows arrive in order: row i is the i-th push.
 */
export class NamePacker {
  end: Uint32Array;
  readonly chunks: string[] = [];
  /** The strings of the chunk being filled (slots past the filled ones hold the last chunk's). */
  readonly #parts: string[] = new Array<string>(NAME_CHUNK).fill('');
  #at = 0;
  /** Told each chunk as it is packed, with its index (the worker posts it to the page at once). */
  readonly #onChunk: ((chunk: string, at: number) => void) | undefined;

  constructor(cap: number, onChunk?: (chunk: string, at: number) => void) {
    this.end = new Uint32Array(cap);
    this.#onChunk = onChunk;
  }

  push(i: number, s: string): void {
    const k = i & (NAME_CHUNK - 1);
    this.#parts[k] = s;
    this.end[i] = this.#at += s.length;
    if (k === NAME_CHUNK - 1) {
      const chunk = this.#parts.join('');
      this.chunks.push(chunk);
      this.#at = 0;
      this.#onChunk?.(chunk, this.chunks.length - 1);
    }
  }

  grow(cap: number): void {
    this.end = grown(this.end, cap);
  }

  /** Row i's string (a copy cut from its chunk once that is packed). */
  at(i: number): string {
    return i >>> NAME_SHIFT < this.chunks.length ? nameAt(this, i) : this.#parts[i & (NAME_CHUNK - 1)];
  }

  /** The packed column of the first `count` rows (all of them). */
  column(count: number, roomy: boolean): NameColumn {
    const rest = count - this.chunks.length * NAME_CHUNK;
    const chunks = rest > 0 ? [...this.chunks, this.#parts.slice(0, rest).join('')] : this.chunks.slice();
    return { chunks, end: roomy ? this.end.slice(0, count) : this.end.subarray(0, count) };
  }
}

const NAME_SHIFT = Math.log2(NAME_CHUNK);

export class ColumnStore {
  /** Rows stored. */
  n = 0;
  cap: number;
  /** The typed columns (read and written through here: grow() replaces them). */
  a: RowArrays;
  names: NamePacker;
  /** SPEC §4.6 account ids ('' = blank), when an id column is mapped. */
  ids: NamePacker | null;
  /** Name hashes, taken while the name is fresh in cache; duplicates are found from them at the end. */
  hashes: Int32Array;

  /** Told each chunk of names as it is packed (not the ids): see NamePacker. */
  readonly #onNames: ((chunk: string, at: number) => void) | undefined;

  constructor(expectedRows: number, withIds: boolean, onNames?: (chunk: string, at: number) => void) {
    this.#onNames = onNames;
    this.cap = Math.max(64, Math.min(expectedRows, 1 << 20));
    const a = {} as Record<RowFieldName, Typed>;
    for (const k of ROW_FIELDS) a[k] = new ARRAY_OF_KIND[ARRAY_FIELDS[k].kind](this.cap);
    this.a = a as RowArrays;
    this.hashes = new Int32Array(this.cap);
    this.names = new NamePacker(this.cap, onNames);
    this.ids = withIds ? new NamePacker(this.cap) : null;
  }

  /** Room for one more row; its index. */
  next(): number {
    if (this.n === this.cap) this.grow();
    return this.n++;
  }

  private grow(): void {
    this.cap *= 2;
    const a = this.a as Record<RowFieldName, Typed>;
    for (const k of ROW_FIELDS) a[k] = grown(a[k], this.cap);
    this.hashes = grown(this.hashes, this.cap);
    this.names.grow(this.cap);
    this.ids?.grow(this.cap);
  }

  /** Removes the marked rows in place; returns the new count. */
  compact(removed: Uint8Array): number {
    const { names, ids, hashes } = this;
    const a = this.a as Record<RowFieldName, Typed>;
    const n = this.n;
    // Rare (rows whose date failed once the column's date order was known): the names are packed again.
    this.names = new NamePacker(this.cap, this.#onNames);
    this.ids = ids ? new NamePacker(this.cap) : null;
    let w = 0;
    for (let r = 0; r < n; r++) {
      if (removed[r] === 1) continue;
      this.names.push(w, names.at(r));
      if (ids) this.ids!.push(w, ids.at(r));
      hashes[w] = hashes[r];
      w++;
    }
    for (const k of ROW_FIELDS) {
      const col = a[k];
      let j = 0;
      for (let r = 0; r < n; r++) if (removed[r] !== 1) col[j++] = col[r];
    }
    this.n = w;
    return w;
  }

  /**
   * The final columns: exact-size arrays unless the spare capacity is small (then a view saves a copy),
   * with the fields computed at the end.
   */
  fit(computed: Pick<ArrayColumns, FinishFieldName>): ArrayColumns & { name: NameColumn; id?: NameColumn } {
    const count = this.n;
    const roomy = this.cap - count > this.cap / 8;
    const a = this.a as Record<RowFieldName, Typed>;
    const out = {} as Record<RowFieldName, Typed>;
    for (const k of ROW_FIELDS) out[k] = roomy ? a[k].slice(0, count) : a[k].subarray(0, count);
    return {
      name: this.names.column(count, roomy),
      ...(out as RowArrays),
      ...computed,
      ...(this.ids ? { id: this.ids.column(count, roomy) } : {}),
    };
  }
}
