import { BENCHMARKS } from './benchmarks';
import type { KpiId, Stage } from './types';

/**
 * SPEC §3.2: scores are rounded to an integer before any threshold, so a shown
 * number and its grade never disagree. The 1e-6 step absorbs float noise
 * (72.4999999999 is 72.5 and rounds up).
 */
export function roundScore(x: number): number {
  return Math.round(Math.round(x * 1e6) / 1e6);
}

export type Grade =
  | 'A+' | 'A' | 'A−' | 'B+' | 'B' | 'B−' | 'C+' | 'C' | 'C−' | 'D+' | 'D' | 'D−' | 'F';

const GRADE_FLOORS: ReadonlyArray<readonly [number, Grade]> = [
  [97, 'A+'], [93, 'A'], [90, 'A−'],
  [87, 'B+'], [83, 'B'], [80, 'B−'],
  [77, 'C+'], [73, 'C'], [70, 'C−'],
  [67, 'D+'], [63, 'D'], [60, 'D−'],
];

/** SPEC §3.2 letter grade of a score (rounded first). */
export function gradeOf(score: number): Grade {
  const s = roundScore(score);
  for (const [floor, grade] of GRADE_FLOORS) if (s >= floor) return grade;
  return 'F';
}

/** "A−" → "A": the letter the zone is read from (SPEC §3.5). */
export const gradeLetter = (g: Grade): 'A' | 'B' | 'C' | 'D' | 'F' => g[0] as 'A' | 'B' | 'C' | 'D' | 'F';

/**
 * SPEC §3.1: piecewise-linear KPI score against the stage quartiles, computed
 * in "goodness" space (lower-is-better KPIs are negated) so Q3 is the top.
 */
export function scoreKpi(stage: Stage, id: KpiId, value: number): number {
  const [q1, med, q3] = BENCHMARKS[stage][id];
  const sign = q3 >= q1 ? 1 : -1;
  const g = sign * value;
  const g1 = sign * q1;
  const gm = sign * med;
  const g3 = sign * q3;
  const stepLow = gm - g1;
  const stepHigh = g3 - gm;
  let score: number;
  if (g <= g1 - 2 * stepLow) score = 0;
  else if (g < g1) score = (60 * (g - (g1 - 2 * stepLow))) / (2 * stepLow);
  else if (g < gm) score = 60 + (15 * (g - g1)) / stepLow;
  else if (g < g3) score = 75 + (15 * (g - gm)) / stepHigh;
  else if (id === 'accounts-per-csm') score = 90; // no extrapolation past Q3: more CSMs is not automatically better
  else if (g < g3 + stepHigh) score = 90 + (10 * (g - g3)) / stepHigh;
  else score = 100;
  return Math.min(100, Math.max(0, score));
}
