import { z } from 'zod';
import type { Grade } from '../engine/grading';
import { ZONES } from '../engine/zone';
import { BANDS, DIMENSION_IDS } from '../engine/types';
import { finite, isoDay, isoTimestamp, ranged, requiredFields } from './fields';
import { kpiInputsSchema } from './kpi-inputs';
import { stageSchema } from './kpi-entry';

/** SPEC §3.2, as the engine writes them (U+2212 minus). */
export const GRADES = ['A+', 'A', 'A−', 'B+', 'B', 'B−', 'C+', 'C', 'C−', 'D+', 'D', 'D−', 'F'] as const satisfies readonly Grade[];
// Compile-time guard: every engine Grade is listed above.
const allGrades: Exclude<Grade, (typeof GRADES)[number]> extends never ? true : never = true;
void allGrades;

/** Snapshots kept; the oldest go first. */
export const MAX_SNAPSHOTS = 200;

const score = (label: string) => ranged(label, 0, 100);
const money = (label: string) => finite(label).min(0, { error: `${label} cannot be negative` });

const bandTotalsSchema = z.object({
  count: z.number().int().min(0),
  arr: money('ARR'),
  atRiskArr: money('at-risk ARR'),
});

/** What an audit remembers of a portfolio: totals, not accounts. */
export const snapshotPortfolioSchema = z.object({
  totalArr: money('total ARR'),
  /** Risk-band ARR ÷ total ARR, in percent (as the engine's Rollup). */
  riskArrShare: score('Risk-band ARR share'),
  bands: requiredFields(BANDS, () => bandTotalsSchema),
});

const signedMoney = (label: string) => finite(label);
const percentOrNull = (label: string) => finite(label).min(0, { error: `${label} cannot be negative` }).nullable();

/** SPEC §4.6 what an audit remembers of the movement since the previous import: counts and the bridge, not accounts. */
export const snapshotMovementSchema = z.object({
  /** The previous and current imports' "as of" dates. */
  since: isoDay,
  asOf: isoDay,
  added: z.number().int().min(0),
  gone: z.number().int().min(0),
  ambiguous: z.number().int().min(0),
  movedIntoRisk: z.number().int().min(0),
  movedOutOfRisk: z.number().int().min(0),
  bridge: z.object({
    previous: money('previous Risk ARR'), into: money('moved into Risk'), outOf: money('moved out of Risk'),
    new: money('new in Risk'), gone: money('gone from Risk'), change: signedMoney('ARR change in Risk'), current: money('current Risk ARR'),
  }),
  measured: z.object({
    periodDays: z.number().int().min(1),
    annualised: z.boolean(),
    nrr: percentOrNull('NRR'),
    grr: percentOrNull('GRR'),
    logoChurn: ranged('logo churn', 0, 100),
  }).nullable(),
});
export type SnapshotMovement = z.output<typeof snapshotMovementSchema>;

/** One audit: the inputs and the answer the app gave, as of savedAt. */
export const snapshotSchema = z.object({
  id: z.string().min(1).max(64),
  savedAt: isoTimestamp('savedAt'),
  stage: stageSchema,
  inputs: kpiInputsSchema,
  composite: score('composite'),
  grade: z.enum(GRADES, { error: (i) => `unknown grade ${JSON.stringify(i.input)}` }),
  zone: z.enum(ZONES, { error: (i) => `unknown zone ${JSON.stringify(i.input)}` }),
  dimensions: requiredFields(DIMENSION_IDS, (d) => z.object({ score: score(`${d} score`), tracked: z.boolean() })),
  portfolio: snapshotPortfolioSchema.optional(),
  /** v2: movement since the previous import, when there was one. */
  movement: snapshotMovementSchema.optional(),
});
export type Snapshot = z.output<typeof snapshotSchema>;

/** Snapshots, oldest first, ids unique. Over the bound, the oldest are dropped (it is a log, not a contract). */
export const historySchema = z
  .array(snapshotSchema)
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, { error: 'two snapshots share an id' })
  .transform((list) => (list.length > MAX_SNAPSHOTS ? list.slice(-MAX_SNAPSHOTS) : list));
export type History = Snapshot[];

/** v1 → v2 adds the optional movement summary: v1 snapshots are valid v2 ones as they are. */
export const migrateHistoryV1toV2 = (data: unknown): unknown => data;
