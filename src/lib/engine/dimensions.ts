import { BENCHMARKS } from './benchmarks';
import { gradeOf, roundScore, scoreKpi, type Grade } from './grading';
import { CORE_KPIS } from './kpis';
import type { DimensionId, KpiId, KpiInputs, Stage } from './types';

/** SPEC §3.3: weights in percent; sub-weights as fractions of the dimension. */
export interface DimensionDef {
  id: DimensionId;
  name: string;
  weight: number;
  parts: ReadonlyArray<{ kpi: KpiId; weight: number }>;
}

export const DIMENSIONS: readonly DimensionDef[] = [
  { id: 'retention', name: 'Retention Health', weight: 25, parts: [{ kpi: 'nrr', weight: 0.5 }, { kpi: 'grr', weight: 0.3 }, { kpi: 'logo-churn', weight: 0.2 }] },
  { id: 'expansion', name: 'Expansion Engine', weight: 15, parts: [{ kpi: 'expansion-share', weight: 0.6 }, { kpi: 'upsell-attach', weight: 0.4 }] },
  { id: 'onboarding', name: 'Onboarding Velocity', weight: 15, parts: [{ kpi: 'ttfv', weight: 0.5 }, { kpi: 'onboarding-completion', weight: 0.5 }] },
  { id: 'support', name: 'Support Excellence', weight: 15, parts: [{ kpi: 'csat', weight: 0.4 }, { kpi: 'frt', weight: 0.3 }, { kpi: 'escalation-rate', weight: 0.3 }] },
  // Operational Discipline: 60 % tracking density + 40 % QBR completion (SPEC §3.4).
  { id: 'discipline', name: 'Operational Discipline', weight: 15, parts: [{ kpi: 'qbr-completion', weight: 0.4 }] },
  { id: 'coverage', name: 'Account Coverage', weight: 15, parts: [{ kpi: 'accounts-per-csm', weight: 1 }] },
];

export const DENSITY_WEIGHT = 0.6;
export const DISCIPLINE_CAP = 69;
export const PRE_PMF_FLOOR = 60;
export const MIN_CORE_TRACKED = 4;

export interface KpiPart {
  kpi: KpiId;
  /** Nominal sub-weight from SPEC §3.3. */
  weight: number;
  /** Sub-weight after renormalising over tracked inputs (0 when not tracked). */
  effectiveWeight: number;
  tracked: boolean;
  value: number | null;
  score: number | null;
  median: number;
  /** value − stage median, in the KPI's unit (null when not tracked). */
  gapToMedian: number | null;
}

export interface DimensionResult {
  id: DimensionId;
  name: string;
  weight: number;
  tracked: boolean;
  /** Unrounded 0–100 score; 0 when not tracked. */
  score: number;
  rounded: number;
  grade: Grade;
  /** weight × score ÷ 100: points this dimension adds to the composite. */
  contribution: number;
  parts: KpiPart[];
  /** Operational Discipline only. */
  density?: { tracked: number; of: number; score: number; weight: number };
  /** Operational Discipline only: the cap or floor that applied. */
  adjustment?: { kind: 'cap' | 'floor'; limit: number; before: number };
}

export function countTrackedCore(inputs: KpiInputs): number {
  return CORE_KPIS.reduce((n, id) => n + (inputs[id] === undefined ? 0 : 1), 0);
}

function part(stage: Stage, inputs: KpiInputs, kpi: KpiId, weight: number): KpiPart {
  const value = inputs[kpi];
  const med = BENCHMARKS[stage][kpi][1];
  if (value === undefined) {
    return { kpi, weight, effectiveWeight: 0, tracked: false, value: null, score: null, median: med, gapToMedian: null };
  }
  return { kpi, weight, effectiveWeight: weight, tracked: true, value, score: scoreKpi(stage, kpi, value), median: med, gapToMedian: value - med };
}

function finish(def: DimensionDef, tracked: boolean, score: number, parts: KpiPart[]): DimensionResult {
  // Clamp: renormalised weights can add float noise past 100.
  const s = tracked ? Math.min(100, Math.max(0, score)) : 0;
  return {
    id: def.id, name: def.name, weight: def.weight, tracked, score: s, rounded: roundScore(s), grade: gradeOf(s),
    contribution: (def.weight * s) / 100, parts,
  };
}

/** SPEC §3.3–3.4. `inputs` must already hold only valid values. */
export function computeDimensions(stage: Stage, inputs: KpiInputs): DimensionResult[] {
  const anyTracked = Object.values(inputs).some((v) => v !== undefined);
  return DIMENSIONS.map((def) => {
    const parts = def.parts.map((p) => part(stage, inputs, p.kpi, p.weight));
    if (def.id === 'discipline') return discipline(def, stage, inputs, parts, anyTracked);
    const total = parts.reduce((s, p) => s + (p.tracked ? p.weight : 0), 0);
    if (total === 0) return finish(def, false, 0, parts);
    let score = 0;
    for (const p of parts) {
      if (!p.tracked || p.score === null) continue;
      p.effectiveWeight = p.weight / total;
      score += p.effectiveWeight * p.score;
    }
    return finish(def, true, score, parts);
  });
}

/**
 * SPEC §3.4 cap and floor. With fewer than 4 core KPIs the raw score cannot
 * exceed 0.6 × 37.5 + 40 = 62.5, so the 69 cap guards future weight changes.
 */
export function disciplineLimits(
  before: number, trackedCore: number, stage: Stage, anyTracked: boolean,
): { score: number; adjustment?: DimensionResult['adjustment'] } {
  if (stage === 'pre-pmf') {
    return anyTracked && before < PRE_PMF_FLOOR
      ? { score: PRE_PMF_FLOOR, adjustment: { kind: 'floor', limit: PRE_PMF_FLOOR, before } }
      : { score: before };
  }
  return trackedCore < MIN_CORE_TRACKED && before > DISCIPLINE_CAP
    ? { score: DISCIPLINE_CAP, adjustment: { kind: 'cap', limit: DISCIPLINE_CAP, before } }
    : { score: before };
}

function discipline(def: DimensionDef, stage: Stage, inputs: KpiInputs, parts: KpiPart[], anyTracked: boolean): DimensionResult {
  const trackedCore = countTrackedCore(inputs);
  const densityScore = (100 * trackedCore) / CORE_KPIS.length;
  const qbr = parts[0];
  // An untracked QBR contributes 0; it is not renormalised away (SPEC §3.4).
  const before = DENSITY_WEIGHT * densityScore + qbr.weight * (qbr.score ?? 0);
  const { score, adjustment } = disciplineLimits(before, trackedCore, stage, anyTracked);
  const tracked = trackedCore > 0 || (stage === 'pre-pmf' && anyTracked);
  const result = finish(def, tracked, score, parts);
  result.density = { tracked: trackedCore, of: CORE_KPIS.length, score: densityScore, weight: DENSITY_WEIGHT };
  if (adjustment) result.adjustment = adjustment;
  return result;
}

/** SPEC §3.3: weighted sum of the six dimension scores (weights sum to 100 %). */
export function compositeOf(dimensions: readonly DimensionResult[]): number {
  return Math.min(100, dimensions.reduce((s, d) => s + d.contribution, 0));
}

/** Composite only, from valid inputs: cheap enough to re-run for every what-if. */
export function compositeFor(stage: Stage, validInputs: KpiInputs): number {
  return compositeOf(computeDimensions(stage, validInputs));
}
