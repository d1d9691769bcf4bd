import { BENCHMARKS } from './benchmarks';
import { compositeFor, compositeOf, computeDimensions, countTrackedCore, type DimensionResult } from './dimensions';
import { gradeOf, roundScore, type Grade } from './grading';
import { KPIS, validateKpi } from './kpis';
import { advise, type Advice } from './advisor';
import { decideZone, type Zone, type ZoneOverride } from './zone';
import { KPI_IDS, type KpiId, type KpiInputs, type PortfolioSignal, type Stage } from './types';

export interface WhatIf {
  kpi: KpiId;
  value: number;
  median: number;
  /** Composite points gained by lifting this KPI to the stage median. */
  gain: number;
}

export interface ScorecardResult {
  stage: Stage;
  /** The valid inputs that were graded (invalid ones removed). */
  inputs: KpiInputs;
  invalid: Array<{ kpi: KpiId; reason: string }>;
  trackedCore: number;
  trackedCount: number;
  composite: number;
  score: number;
  grade: Grade;
  baseZone: Zone;
  zone: Zone;
  overrides: ZoneOverride[];
  dimensions: DimensionResult[];
  advice: Advice[];
  whatIf: WhatIf[];
  /** NRR gap to the stage median in pp, and its rough yearly dollar meaning when a portfolio is loaded. */
  nrrGap: { pp: number; dollarsPerYear: number | null } | null;
}

/** Drop values that fail SPEC §2.1 validation: they count as not tracked. */
export function sanitizeInputs(inputs: KpiInputs): { valid: KpiInputs; invalid: ScorecardResult['invalid'] } {
  const valid: KpiInputs = {};
  const invalid: ScorecardResult['invalid'] = [];
  for (const id of KPI_IDS) {
    const v = inputs[id];
    if (v === undefined || v === null) continue;
    const r = validateKpi(id, v);
    if (r.ok) valid[id] = r.value;
    else invalid.push({ kpi: id, reason: r.reason });
  }
  return { valid, invalid };
}

/** For every tracked KPI worse than the stage median: points gained by lifting it there, best first. */
export function whatIfs(stage: Stage, valid: KpiInputs, composite: number): WhatIf[] {
  const out: WhatIf[] = [];
  for (const id of KPI_IDS) {
    const value = valid[id];
    if (value === undefined) continue;
    const med = BENCHMARKS[stage][id][1];
    const worse = KPIS[id].better === 'higher' ? value < med : value > med;
    if (!worse) continue;
    out.push({ kpi: id, value, median: med, gain: compositeFor(stage, { ...valid, [id]: med }) - composite });
  }
  return out.sort((a, b) => b.gain - a.gain);
}

/** SPEC §3: the whole graded answer, with the reasons behind every number. */
export function gradeFunction(stage: Stage, inputs: KpiInputs, portfolio?: PortfolioSignal | null): ScorecardResult {
  const { valid, invalid } = sanitizeInputs(inputs);
  const dimensions = computeDimensions(stage, valid);
  const composite = compositeOf(dimensions);
  const grade = gradeOf(composite);
  const { base, zone, overrides } = decideZone(grade, { nrr: valid.nrr, riskArrShare: portfolio?.riskArrShare });
  const trackedCore = countTrackedCore(valid);
  const trackedCount = Object.keys(valid).length;
  const nrrGap = valid.nrr === undefined ? null : {
    pp: valid.nrr - BENCHMARKS[stage].nrr[1],
    dollarsPerYear: portfolio ? ((valid.nrr - BENCHMARKS[stage].nrr[1]) / 100) * portfolio.totalArr : null,
  };
  const partial = { stage, inputs: valid, composite, dimensions, trackedCore, trackedCount, nrrGap };
  return {
    ...partial,
    invalid,
    score: roundScore(composite),
    grade,
    baseZone: base,
    zone,
    overrides,
    advice: advise(partial, portfolio ?? null),
    whatIf: whatIfs(stage, valid, composite),
  };
}
