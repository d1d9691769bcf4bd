import type { z } from 'zod';
import { fail, ok, type Parsed } from '../engine/types';
import { reasonOf } from './reason';

/** Every stored record: the schema version it was written with, and its data. */
export interface Envelope {
  v: number;
  data: unknown;
}

/** Turns data written at version N into data of version N + 1. May throw; the gate catches it. */
export type Migration = (data: unknown) => unknown;

/** How one kind of record is read and written. */
export interface RecordSpec<S extends z.ZodType, D> {
  /** The version written today. */
  version: number;
  schema: S;
  /** migrations[n] lifts v n to v n+1; one per version below `version`. */
  migrations: Readonly<Record<number, Migration>>;
  /** What the app starts from when nothing valid is stored. */
  fallback: () => D;
  /**
   * For a record with big columns: `schema` itself, pausing between slices of its checks (run with
   * safeParseAsync), so that reading it back never checks it whole in one task (openEnvelopeInSlices).
   */
  inSlices?: (pause: Pause) => z.ZodType<z.output<S>>;
}

/** Waits for a later task (the host's: the schemas know no timers). */
export type Pause = () => Promise<void>;

export function isEnvelope(raw: unknown): raw is Envelope {
  return (
    typeof raw === 'object' && raw !== null && 'v' in raw && 'data' in raw && Number.isInteger(raw.v) && (raw.v as number) >= 1
  );
}

/**
 * The one gate (STYLE: excalidraw's restore): envelope check, migrations from
 * the stored version forward, then validation. Returns a reason; never throws.
 */
export function openEnvelope<S extends z.ZodType, D>(spec: RecordSpec<S, D>, raw: unknown): Parsed<z.output<S>> {
  const data = migrated(spec, raw);
  if (!data.ok) return data;
  const r = spec.schema.safeParse(data.value);
  return r.success ? ok(r.data) : fail(reasonOf(r.error));
}

/**
 * The same gate, the same answer, with the checks of a record's big columns run in slices between
 * which `pause` lets the page breathe (RecordSpec.inSlices; other records are checked at once).
 */
export async function openEnvelopeInSlices<S extends z.ZodType, D>(spec: RecordSpec<S, D>, raw: unknown, pause: Pause): Promise<Parsed<z.output<S>>> {
  const data = migrated(spec, raw);
  if (!data.ok) return data;
  const r = spec.inSlices ? await spec.inSlices(pause).safeParseAsync(data.value) : spec.schema.safeParse(data.value);
  return r.success ? ok(r.data) : fail(reasonOf(r.error));
}

/** The envelope's data, migrated from its version to the current one; a reason when it cannot be. */
function migrated<S extends z.ZodType, D>(spec: RecordSpec<S, D>, raw: unknown): Parsed<unknown> {
  if (!isEnvelope(raw)) return fail('not a versioned record');
  if (raw.v > spec.version) return fail(`written by a newer version of the app (v${raw.v}; this one reads up to v${spec.version})`);
  let data = raw.data;
  for (let v = raw.v; v < spec.version; v++) {
    const migrate = spec.migrations[v];
    if (!migrate) return fail(`no migration from v${v}`);
    try {
      data = migrate(data);
    } catch (e) {
      return fail(`migration from v${v} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return ok(data);
}

/** Validate a value and wrap it at the current version; invalid values are refused, never wrapped. */
export function sealEnvelope<S extends z.ZodType, D>(spec: RecordSpec<S, D>, value: unknown): Parsed<{ envelope: Envelope; value: z.output<S> }> {
  const r = spec.schema.safeParse(value);
  if (!r.success) return fail(reasonOf(r.error));
  return ok({ envelope: { v: spec.version, data: r.data }, value: r.data });
}
