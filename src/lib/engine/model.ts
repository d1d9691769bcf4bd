/**
 * The account model one account is scored with (SPEC §4.1, §4.4): its segment's weights and thresholds,
 * and the weights renormalised over the inputs it has. Shared by the page, the worker, the command line
 * and the SQL generator, so every place scores alike.
 */
import type { Calibration, SegmentOverride, Thresholds, Weights } from './types';

/** The weights and thresholds that apply to one account. */
export interface AccountModel {
  weights: Weights;
  thresholds: Thresholds;
}

/**
 * SPEC §4.4 segment (and owner) key: trimmed, inner whitespace collapsed, case-insensitive.
 * "Mid-Market", "mid-market " and "MID-MARKET" are one key; a blank cell is the key "".
 */
export function segmentKey(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** SPEC §4.4 shown names of the blank owner and the blank segment, the same in every view. */
export const UNASSIGNED = 'Unassigned';
export const NO_SEGMENT = 'No segment';
export const ownerLabel = (name: string): string => name || UNASSIGNED;
export const segmentLabel = (name: string): string => name || NO_SEGMENT;

/** The override for a segment key, if the calibration has one ("" — no segment — never has). */
export function segmentOverride(cal: Calibration, key: string): SegmentOverride | undefined {
  if (key === '' || !cal.segments) return undefined;
  return Object.prototype.hasOwnProperty.call(cal.segments, key) ? cal.segments[key] : undefined;
}

/** SPEC §4.4: the segment's weights (default ones when it sets none) and its thresholds. */
export function modelFor(cal: Calibration, key: string): AccountModel {
  const o = segmentOverride(cal, key);
  if (!o) return { weights: cal.weights, thresholds: cal.thresholds };
  return { weights: o.weights ?? cal.weights, thresholds: o.thresholds };
}

/** Which of the three optional inputs an account has (MRR is always present). */
export interface PresentInputs {
  touch: boolean;
  usage: boolean;
  sentiment: boolean;
}

/** Bit mask of missing inputs: 1 touch, 2 usage, 4 sentiment (0 = all four present). */
export function missingMask(p: PresentInputs): number {
  return (p.touch ? 0 : 1) | (p.usage ? 0 : 2) | (p.sentiment ? 0 : 4);
}

export function presentFromMask(mask: number): PresentInputs {
  return { touch: (mask & 1) === 0, usage: (mask & 2) === 0, sentiment: (mask & 4) === 0 };
}

/** How many of the four inputs a mask leaves (MRR counts as one). */
export const inputsUsed = (mask: number): number => 4 - (mask & 1) - ((mask >> 1) & 1) - ((mask >> 2) & 1);

/**
 * SPEC §4.1 "score on the inputs it has": the present inputs' weights renormalised to sum to 100
 * (no usage: 25/20/25 → 35.71/28.57/35.71); a missing input's weight is 0. With all four present, or
 * when the present weights already sum to 100, the weights come back unchanged, so full rows score
 * exactly as before. When every present weight is 0 the score is 0 (nothing present counts).
 */
export function effectiveWeights(w: Weights, p: PresentInputs): Weights {
  const touch = p.touch ? w.touch : 0;
  const usage = p.usage ? w.usage : 0;
  const sentiment = p.sentiment ? w.sentiment : 0;
  const sum = w.mrr + touch + usage + sentiment;
  if (sum === 100 || sum === 0) return { mrr: w.mrr, touch, usage, sentiment };
  return { mrr: (w.mrr * 100) / sum, touch: (touch * 100) / sum, usage: (usage * 100) / sum, sentiment: (sentiment * 100) / sum };
}

/** The eight effective weight sets of a weight set, indexed by missingMask: [mrr, touch, usage, sentiment] × 8. */
export function weightTable(w: Weights): Float64Array {
  const t = new Float64Array(32);
  for (let mask = 0; mask < 8; mask++) {
    const e = effectiveWeights(w, presentFromMask(mask));
    t[mask * 4] = e.mrr;
    t[mask * 4 + 1] = e.touch;
    t[mask * 4 + 2] = e.usage;
    t[mask * 4 + 3] = e.sentiment;
  }
  return t;
}

/**
 * The parts of a calibration that account scores depend on, as one comparable string: two calibrations
 * with the same key score every account alike (preset names and segment labels change nothing).
 */
export function calibrationKey(cal: Calibration): string {
  const { weights: w, thresholds: t, scale, horizonDays } = cal;
  const parts: (string | number)[] = [w.mrr, w.touch, w.usage, w.sentiment, t.healthy, t.risk, scale.minMrr, scale.maxMrr, horizonDays];
  for (const k of Object.keys(cal.segments ?? {}).sort()) {
    const m = modelFor(cal, k);
    parts.push(JSON.stringify(k), m.weights.mrr, m.weights.touch, m.weights.usage, m.weights.sentiment, m.thresholds.healthy, m.thresholds.risk);
  }
  return parts.join('|');
}
