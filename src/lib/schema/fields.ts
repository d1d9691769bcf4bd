import { z } from 'zod';

/**
 * A z.object with the same schema for every listed key, each optional.
 * Unknown keys are stripped (zod's default), so a stored record never carries
 * a field the app does not know.
 */
export function optionalFields<const K extends string, S extends z.ZodType>(
  keys: readonly K[],
  field: (key: K) => S,
) {
  const shape = {} as Record<K, z.ZodOptional<S>>;
  for (const key of keys) shape[key] = field(key).optional();
  return z.object(shape);
}

/** Same, every key required. */
export function requiredFields<const K extends string, S extends z.ZodType>(
  keys: readonly K[],
  field: (key: K) => S,
) {
  const shape = {} as Record<K, S>;
  for (const key of keys) shape[key] = field(key);
  return z.object(shape);
}

/** A finite number (zod 4 already refuses NaN and ±Infinity) with a readable message. */
export const finite = (label: string) => z.number({ error: `${label} must be a finite number` });

/** A finite number in [min, max] (or (min, max] when minExclusive), message naming the value. */
export function ranged(label: string, min: number, max: number, minExclusive = false) {
  const lo = minExclusive ? `above ${min}` : `at least ${min}`;
  return finite(label).refine((x) => (minExclusive ? x > min : x >= min) && x <= max, {
    error: (issue) => `${label} must be ${lo} and at most ${max} (got ${String(issue.input)})`,
  });
}

/** An ISO-8601 UTC timestamp, as `new Date().toISOString()` writes it. */
export const isoTimestamp = (label: string) => z.iso.datetime({ error: `${label} must be an ISO-8601 UTC timestamp` });

/** A calendar day as YYYY-MM-DD (a real date). */
export const isoDay = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });
