import type { Quartiles } from '../engine';

/**
 * Where Q1, median, Q3 and a value sit on a 0–1 track running from "score 0"
 * (two steps worse than Q1) to "score 100" (one step better than Q3), in the
 * KPI's better direction, so right is always better.
 */
export function gaugePositions(q: Quartiles, value: number | null): { q1: number; median: number; q3: number; value: number | null } {
  const [q1, med, q3] = q;
  const sign = q3 >= q1 ? 1 : -1;
  const lo = sign * q1 - 2 * Math.abs(med - q1);
  const hi = sign * q3 + Math.abs(q3 - med);
  const at = (x: number) => Math.min(1, Math.max(0, (sign * x - lo) / (hi - lo)));
  return { q1: at(q1), median: at(med), q3: at(q3), value: value === null ? null : at(value) };
}
