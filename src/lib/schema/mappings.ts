import { z } from 'zod';
import { MAP_FIELDS, SENTIMENT_SCALES } from '../engine/types';
import { isoTimestamp, optionalFields } from './fields';

/** How many header sets are remembered; the least recently saved go first. */
export const MAX_REMEMBERED_MAPPINGS = 50;
const MAX_HEADER_CHARS = 500;
const MAX_KEY_CHARS = 20_000;

/**
 * The mapping decisions of one import (SPEC §2.3): which header feeds which
 * field, by header TEXT (column positions change between exports; names do not).
 */
export const mappingDecisionsSchema = z.object({
  fields: optionalFields(MAP_FIELDS, (f) =>
    z.string().max(MAX_HEADER_CHARS, { error: `header for ${f} is longer than ${MAX_HEADER_CHARS} characters` }),
  ),
  sentimentScale: z.enum(SENTIMENT_SCALES).optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  usageMode: z.enum(['percent', 'fraction']).optional(),
  /** v2, SPEC §4.1: the user chose to score this header set on the inputs it has. */
  partial: z.literal(true).optional(),
  /** v2, SPEC §4.1: rows with a blank input are scored on the inputs they have. */
  scoreBlankRows: z.literal(true).optional(),
});
export type MappingDecisions = z.output<typeof mappingDecisionsSchema>;

export const rememberedMappingSchema = mappingDecisionsSchema.extend({ savedAt: isoTimestamp('savedAt') });
export type RememberedMapping = z.output<typeof rememberedMappingSchema>;

const byRecency = (a: [string, RememberedMapping], b: [string, RememberedMapping]) =>
  Date.parse(b[1].savedAt) - Date.parse(a[1].savedAt);

/** Keep the `max` most recently saved entries. */
export function pruneMappings(map: Mappings, max = MAX_REMEMBERED_MAPPINGS): Mappings {
  const entries = Object.entries(map);
  if (entries.length <= max) return map;
  return Object.fromEntries(entries.sort(byRecency).slice(0, max));
}

/**
 * Remembered mappings by header-set key. Over the bound is not an error (it is
 * a cache): the oldest entries are dropped on the way in.
 */
export const mappingsSchema = z
  .record(
    z.string().min(1, { error: 'empty header-set key' }).max(MAX_KEY_CHARS, { error: 'header-set key too long' }),
    rememberedMappingSchema,
  )
  .transform((map) => pruneMappings(map));
export type Mappings = Record<string, RememberedMapping>;

/** The key a header row is remembered under lives with the header synonyms. */
export { headerSetKey } from '../io/header-key';

/** The mappings with `key` saved now (replacing any earlier entry), pruned to the bound. */
/**
 * v1 → v2 (SPEC §4.1): v2 adds the partial-scoring choices (`partial`, `scoreBlankRows`) and the
 * usage denominator field (`fields['usage-of']`), all optional. A v1 entry means "every input required",
 * which v2 writes by leaving them out, so entries pass unchanged.
 */
export function migrateMappingsV1toV2(data: unknown): unknown {
  return data;
}

export function rememberMapping(map: Mappings, key: string, decisions: MappingDecisions, now: Date = new Date()): Mappings {
  const rest = { ...map };
  delete rest[key];
  return pruneMappings({ ...rest, [key]: { ...decisions, savedAt: now.toISOString() } });
}
