/**
 * Large arrays of a stored value, cut into parts that IndexedDB writes and reads one at a time.
 *
 * IndexedDB serializes a value synchronously on the page's main thread inside put() (and deserializes it
 * in get()'s success event): for a 1M-account portfolio that is one task of about a second (1M names and
 * ~50 MB of typed arrays). Written as parts, one put per part, no task handles more than one part.
 *
 * split() replaces every array longer than ARRAY_PART elements, every typed array over TYPED_PART_BYTES
 * and every string over LONG_STRING characters by a marker naming its parts; join() puts them back. Values without large arrays come
 * back from split() unchanged (the same object), so small records are stored exactly as before. Parts are
 * cut when written (each a function making its copy), so no task copies more than one part either.
 */

/** Strings per part: a few milliseconds to serialize. */
export const ARRAY_PART = 16_384;
/** Typed-array bytes per part (a memory copy, far cheaper per byte than strings). */
export const TYPED_PART_BYTES = 1 << 19;
/** Strings longer than this (packed account names, engine/names.ts) are stored apart from the head… */
export const LONG_STRING = 1 << 16;
/** …in parts of at most this many characters. */
export const STRING_PART = 1 << 20;

const MARK = '\u0000parts';

type TypedArray =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;
type TypedCtor = new (length: number) => TypedArray;
const TYPED: Record<string, TypedCtor> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
};

interface Marker {
  [MARK]: { kind: string; length: number; first: number; count: number };
}

const tagOf = (v: object): string => Object.prototype.toString.call(v).slice(8, -1);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isMarker = (v: unknown): v is Marker => isPlainObject(v) && Object.hasOwn(v, MARK);

/** A part, copied out of its array when called. */
export type Part = () => unknown;

/** The value with its large arrays replaced by markers; their parts are appended to `parts`. */
export function split(value: unknown, parts: Part[]): unknown {
  if (typeof value === 'string') {
    if (value.length <= LONG_STRING) return value;
    const first = parts.length;
    for (let i = 0; i < value.length; i += STRING_PART) parts.push(() => value.slice(i, i + STRING_PART));
    return { [MARK]: { kind: 'String', length: value.length, first, count: parts.length - first } };
  }
  if (ArrayBuffer.isView(value)) {
    const kind = tagOf(value);
    if (!(kind in TYPED) || value.byteLength <= TYPED_PART_BYTES) return value;
    const typed = value as TypedArray;
    const per = TYPED_PART_BYTES / typed.BYTES_PER_ELEMENT;
    const first = parts.length;
    // slice(), not subarray(): a view would serialize its whole buffer.
    for (let i = 0; i < typed.length; i += per) parts.push(() => typed.slice(i, i + per));
    return { [MARK]: { kind, length: typed.length, first, count: parts.length - first } };
  }
  if (Array.isArray(value)) {
    if (value.length > ARRAY_PART) {
      const first = parts.length;
      for (let i = 0; i < value.length; i += ARRAY_PART) parts.push(() => value.slice(i, i + ARRAY_PART));
      return { [MARK]: { kind: 'Array', length: value.length, first, count: parts.length - first } };
    }
    return copyOnChange(value, (x) => split(x, parts));
  }
  if (isPlainObject(value)) return copyOnChange(value, (x) => split(x, parts));
  return value;
}

/** The value split() was given, from its head and its parts as stored. */
export function join(head: unknown, parts: readonly unknown[]): unknown {
  const j = joiner(head);
  parts.forEach((p, n) => j.add(n, p));
  return j.value();
}

/** Puts split()'s value back together as its parts arrive (parts.ts: the backend reads one per task). */
export interface Joiner {
  /** Part `n`, in order: a typed array's part is copied into place at once, so no one task copies them all. */
  add(n: number, part: unknown): void;
  /** The value, once every part was added. */
  value(): unknown;
}

interface Assembly {
  marker: Marker[typeof MARK];
  /** A typed array's parts, copied in as they come… */
  typed: TypedArray | null;
  at: number;
  /** …the others' parts, kept until the end (joined or concatenated there). */
  list: unknown[];
}

export function joiner(head: unknown): Joiner {
  const assemblies = new Map<Marker, Assembly>();
  const collect = (v: unknown): void => {
    if (isMarker(v)) assemblies.set(v, { marker: v[MARK], typed: null, at: 0, list: [] });
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isPlainObject(v)) Object.values(v).forEach(collect);
  };
  collect(head);
  const all = [...assemblies.values()];
  const typedOf = (a: Assembly): TypedArray => (a.typed ??= new TYPED[a.marker.kind](a.marker.length));
  const put = (v: unknown): unknown => {
    if (isMarker(v)) {
      const a = assemblies.get(v)!;
      if (a.marker.kind === 'Array') return ([] as unknown[]).concat(...(a.list as unknown[][]));
      if (a.marker.kind === 'String') return (a.list as string[]).join('');
      return typedOf(a);
    }
    if (Array.isArray(v) || isPlainObject(v)) return copyOnChange(v, put);
    return v;
  };
  return {
    add(n, part) {
      // Normally one marker owns part n; a record that says otherwise is read as join() always read it.
      for (const a of all) {
        const { kind, first, count } = a.marker;
        if (n < first || n >= first + count) continue;
        if (kind === 'Array' || kind === 'String') a.list.push(part);
        else {
          typedOf(a).set(part as TypedArray, a.at);
          a.at += (part as TypedArray).length;
        }
      }
    },
    value: () => put(head),
  };
}

/** Maps the members of an array or plain object; copies it only when a member changed. */
function copyOnChange<T extends unknown[] | Record<string, unknown>>(v: T, f: (x: unknown) => unknown): T {
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const y = f(v[i]);
      if (y !== v[i]) (out ??= v.slice())[i] = y;
    }
    return (out ?? v) as T;
  }
  let out: Record<string, unknown> | null = null;
  for (const [k, x] of Object.entries(v)) {
    const y = f(x);
    if (y === x) continue;
    out ??= { ...v } as Record<string, unknown>;
    // Defined, not assigned: a key named "__proto__" (a segment's) stays an own property.
    Object.defineProperty(out, k, { value: y, enumerable: true, writable: true, configurable: true });
  }
  return (out ?? v) as T;
}
