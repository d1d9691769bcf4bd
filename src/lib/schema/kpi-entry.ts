import { z } from 'zod';
import { DEFAULT_STAGE, KPI_IDS, STAGES } from '../engine/types';
import { optionalFields } from './fields';

/** Longer than any number anyone types; keeps a pasted essay out of storage. */
export const MAX_RAW_INPUT_CHARS = 64;

export const stageSchema = z.enum(STAGES, { error: (i) => `unknown stage ${JSON.stringify(i.input)}` });

/**
 * The last KPI entry as TYPED (SPEC §2.1): raw text per field, so an invalid
 * entry reappears exactly as the user left it, with its inline message.
 */
export const kpiEntrySchema = z.object({
  stage: stageSchema,
  inputs: optionalFields(KPI_IDS, (id) =>
    z.string().max(MAX_RAW_INPUT_CHARS, { error: `${id} input is longer than ${MAX_RAW_INPUT_CHARS} characters` }),
  ),
});
export type KpiEntry = z.output<typeof kpiEntrySchema>;

export const DEFAULT_KPI_ENTRY: KpiEntry = { stage: DEFAULT_STAGE, inputs: {} };
