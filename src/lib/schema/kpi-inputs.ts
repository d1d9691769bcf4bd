import type { z } from 'zod';
import { KPIS } from '../engine/kpis';
import { KPI_IDS, type KpiId, type KpiInputs } from '../engine/types';
import { optionalFields, ranged } from './fields';

/** One KPI value, in the engine catalogue's range (SPEC §2.1); the ranges live only there. */
export const kpiValueSchema = (id: KpiId) => {
  const def = KPIS[id];
  return ranged(def.short, def.min, def.max, def.minExclusive ?? false);
};

/** Numeric KPI inputs: absent = not tracked; present = finite and in range. */
export const kpiInputsSchema: z.ZodType<KpiInputs> = optionalFields(KPI_IDS, kpiValueSchema);
