import { z } from 'zod';
import { PRESET_THRESHOLDS as THRESHOLD_PRESET_VALUES, validateWeights } from '../engine/accounts';
import { segmentKey } from '../engine/model';
import { THRESHOLD_PRESETS, type Calibration, type SegmentOverride } from '../engine/types';
import { finite, ranged } from './fields';

/** The defaults and presets live in the engine (SPEC §4.1–4.2); re-exported for the schema's users. */
export { DEFAULT_CALIBRATION, PRESET_THRESHOLDS as THRESHOLD_PRESET_VALUES } from '../engine/accounts';

export { WEIGHT_SUM_TOLERANCE } from '../engine/accounts';

const weight = (name: string) => ranged(`${name} weight`, 0, 100);
const threshold = (name: string) =>
  z
    .number({ error: `${name} threshold must be a number` })
    .int({ error: `${name} threshold must be a whole number` })
    .min(0, { error: `${name} threshold must be at least 0` })
    .max(100, { error: `${name} threshold must be at most 100` });

export const weightsSchema = z
  .object({ mrr: weight('MRR'), touch: weight('Touch'), usage: weight('Usage'), sentiment: weight('Sentiment') })
  // The sum rule (SPEC §4.1) is the engine's, the one the calibration panel applies.
  .superRefine((w, ctx) => {
    const check = validateWeights(w);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export const thresholdsSchema = z
  .object({ healthy: threshold('Healthy'), risk: threshold('Risk') })
  .refine((t) => t.healthy > t.risk, { error: 'the Healthy threshold must be above the Risk one' });

/** Most segment overrides a calibration keeps (a book can have thousands of segment values). */
export const MAX_SEGMENT_OVERRIDES = 10_000;
/** A segment name is one imported cell, which the import caps at 32,767 characters (Excel's own cap): any segment found can be calibrated. */
export const MAX_SEGMENT_LABEL = 32_767;

/** SPEC §4.4: one segment's thresholds (preset or custom) and optional weights. */
export const segmentOverrideSchema = z
  .object({
    label: z.string().max(MAX_SEGMENT_LABEL, { error: `a segment name is at most ${MAX_SEGMENT_LABEL.toLocaleString('en-US')} characters` }),
    preset: z.enum(THRESHOLD_PRESETS, { error: (i) => `unknown threshold preset ${JSON.stringify(i.input)}` }),
    thresholds: thresholdsSchema,
    weights: weightsSchema.optional(),
  })
  .refine(
    (o) =>
      o.preset === 'custom' ||
      (o.thresholds.healthy === THRESHOLD_PRESET_VALUES[o.preset].healthy && o.thresholds.risk === THRESHOLD_PRESET_VALUES[o.preset].risk),
    { error: (i) => `segment thresholds do not match the "${(i.input as SegmentOverride).preset}" preset`, path: ['thresholds'] },
  );

const isSegmentKey = (k: string): boolean => k !== '' && segmentKey(k) === k;

/**
 * Overrides keyed by segmentKey(): a key must already be in key form and never blank ("No segment" uses the
 * default model). Read entry by entry into own properties: z.record assigns keys, so a segment named
 * "__proto__" would set the prototype and its override would vanish.
 */
export const segmentsSchema = z
  .custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: 'segment overrides must be an object' })
  .transform((r, ctx): Record<string, SegmentOverride> => {
    const entries = Object.entries(r);
    if (entries.length > MAX_SEGMENT_OVERRIDES) {
      ctx.issues.push({ code: 'custom', message: `at most ${MAX_SEGMENT_OVERRIDES} segment overrides`, input: r });
      return z.NEVER;
    }
    const out: Array<[string, SegmentOverride]> = [];
    for (const [k, v] of entries) {
      if (k.length > MAX_SEGMENT_LABEL) {
        ctx.issues.push({ code: 'custom', message: `a segment name is at most ${MAX_SEGMENT_LABEL.toLocaleString('en-US')} characters`, input: r, path: [k.slice(0, 40)] });
        continue;
      }
      if (!isSegmentKey(k)) {
        ctx.issues.push({ code: 'custom', message: 'a segment key must be the trimmed, lower-case segment name', input: r, path: [k.slice(0, 40)] });
        continue;
      }
      const o = segmentOverrideSchema.safeParse(v);
      if (o.success) out.push([k, o.data]);
      else for (const issue of o.error.issues) ctx.issues.push({ ...issue, input: v, path: [k, ...issue.path] } as never);
    }
    return ctx.issues.length > 0 ? z.NEVER : Object.fromEntries(out);
  });

export const calibrationSchema = z
  .object({
    weights: weightsSchema,
    preset: z.enum(THRESHOLD_PRESETS, { error: (i) => `unknown threshold preset ${JSON.stringify(i.input)}` }),
    thresholds: thresholdsSchema,
    scale: z
      .object({ minMrr: finite('minimum MRR'), maxMrr: finite('maximum MRR') })
      .refine((s) => s.minMrr > 0, { error: 'minimum MRR must be above 0', path: ['minMrr'] })
      .refine((s) => s.maxMrr > s.minMrr, { error: 'maximum MRR must be above the minimum', path: ['maxMrr'] }),
    horizonDays: ranged('horizon (days)', 1, 3650),
    segments: segmentsSchema.optional(),
  })
  // A named preset means its thresholds; editing a threshold makes the calibration 'custom'.
  .refine(
    (c) =>
      c.preset === 'custom' ||
      (c.thresholds.healthy === THRESHOLD_PRESET_VALUES[c.preset].healthy &&
        c.thresholds.risk === THRESHOLD_PRESET_VALUES[c.preset].risk),
    { error: (i) => `thresholds do not match the "${(i.input as Calibration).preset}" preset`, path: ['thresholds'] },
  ) satisfies z.ZodType<Calibration>;

/** v1 → v2: v1 stored weights as fractions (0–1, summing to 1); v2 stores percent. */
export function migrateCalibrationV1toV2(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('weights' in data)) return data;
  const weights = data.weights;
  if (typeof weights !== 'object' || weights === null) return data;
  // Round away float noise (0.2 × 100 = 20.000000000000004) without changing any real value.
  const toPercent = (x: unknown) => (typeof x === 'number' ? Math.round(x * 100 * 1e9) / 1e9 : x);
  const percent = Object.fromEntries(Object.entries(weights).map(([k, x]) => [k, toPercent(x)]));
  return { ...data, weights: percent };
}

/** v2 → v3: segment overrides (SPEC §4.4) arrive, optional; a v2 calibration is a v3 one without any. */
export const migrateCalibrationV2toV3 = (data: unknown): unknown => data;
