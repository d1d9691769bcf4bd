import { roundScore } from './grading';
import { effectiveWeights, inputsUsed, missingMask, modelFor, type PresentInputs } from './model';
import { fail, ok, BANDS, type Band, type Calibration, type Parsed, type ThresholdPreset, type Thresholds, type Weights } from './types';

/** SPEC §4.1 defaults. */
export const DEFAULT_WEIGHTS: Weights = { mrr: 25, touch: 20, usage: 30, sentiment: 25 };

/** SPEC §4.2 presets (custom keeps whatever the user set). */
export const PRESET_THRESHOLDS: Record<Exclude<ThresholdPreset, 'custom'>, Thresholds> = {
  default: { healthy: 70, risk: 45 },
  smb: { healthy: 60, risk: 35 },
  enterprise: { healthy: 75, risk: 55 },
};

export const DEFAULT_CALIBRATION: Calibration = {
  weights: DEFAULT_WEIGHTS,
  preset: 'default',
  thresholds: PRESET_THRESHOLDS.default,
  scale: { minMrr: 1000, maxMrr: 1_000_000 },
  horizonDays: 90,
};

const WEIGHT_KEYS = ['mrr', 'touch', 'usage', 'sentiment'] as const;

/** How far the weights may drift from 100 (float sums of typed decimals). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** SPEC §4.1: four finite, non-negative weights that sum to 100. */
export function validateWeights(w: Weights): Parsed<Weights> {
  for (const k of WEIGHT_KEYS) {
    const v = w[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`the ${k} weight must be a number`);
    if (v < 0 || v > 100) return fail(`the ${k} weight must be between 0 and 100`);
  }
  const sum = w.mrr + w.touch + w.usage + w.sentiment;
  if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) return fail(`weights must sum to 100 (they sum to ${Math.round(sum * 100) / 100})`);
  return ok(w);
}

/** SPEC §4.2: integers 0–100, Healthy above Risk. */
export function validateThresholds(t: Thresholds): Parsed<Thresholds> {
  for (const [k, v] of [['Healthy', t.healthy], ['Risk', t.risk]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 100) return fail(`the ${k} threshold must be a whole number from 0 to 100`);
  }
  if (t.healthy <= t.risk) return fail(`the Healthy threshold (${t.healthy}) must be above the Risk one (${t.risk})`);
  return ok(t);
}

export const clamp100 = (x: number): number => (x < 0 ? 0 : x > 100 ? 100 : x);

/** size = 100 × log10(MRR / min) / log10(max / min), clamped. */
export function sizeScore(mrr: number, scale: Calibration['scale']): number {
  return sizeScorer(scale)(mrr);
}

/** sizeScore for one scale, its denominator computed once: the same operations, so the same result. */
export function sizeScorer(scale: Calibration['scale']): (mrr: number) => number {
  const min = scale.minMrr;
  const span = Math.log10(scale.maxMrr / min);
  return (mrr) => (mrr > 0 ? clamp100((100 * Math.log10(mrr / min)) / span) : 0);
}

/** engagement = 100 × (1 − days / horizon), clamped. */
export function engagementScore(days: number, horizonDays: number): number {
  return clamp100(100 * (1 - days / horizonDays));
}

/** Band of an already-rounded score. */
export function bandOf(score: number, t: Thresholds): Band {
  return score >= t.healthy ? 'healthy' : score >= t.risk ? 'watch' : 'risk';
}

/** SPEC §4.2: exposure estimate for triage, not a churn prediction. */
export const atRiskArr = (mrr: number, score: number): number => (mrr * 12 * (100 - score)) / 100;

export interface AccountInput {
  mrr: number;
  /** NaN (or absent from the export): scored without it, SPEC §4.1. Likewise usage and sentiment. */
  days: number;
  usage: number;
  sentiment: number;
}

export interface AccountExplanation {
  /** NaN for an input the account does not have. */
  normalised: { size: number; engagement: number; usage: number; sentiment: number };
  /** weight × normalised input ÷ 100: the four parts that add up to the score (0 for a missing input). */
  contributions: { mrr: number; touch: number; usage: number; sentiment: number };
  /** The weights used: the segment's, renormalised over the inputs present (SPEC §4.1, §4.4). */
  weights: Weights;
  /** How many of the four inputs the score is on. */
  inputsUsed: number;
  thresholds: Thresholds;
  raw: number;
  score: number;
  band: Band;
  atRiskArr: number;
  /** The next band up and the points it needs, when there is one. */
  nextBand: { band: Band; pointsNeeded: number } | null;
}

/** SPEC §4.1–4.2 for one account (in the segment with key `segment`, §4.4), with every part a UI can explain. */
/** Which optional inputs an account has: NaN is "no value" (SPEC §4.1), never 0. */
export const presentInputs = (a: AccountInput): PresentInputs => ({ touch: !Number.isNaN(a.days), usage: !Number.isNaN(a.usage), sentiment: !Number.isNaN(a.sentiment) });

export function scoreAccount(a: AccountInput, cal: Calibration, segment = ''): AccountExplanation {
  const model = modelFor(cal, segment);
  const present = presentInputs(a);
  const w = effectiveWeights(model.weights, present);
  const normalised = {
    size: sizeScore(a.mrr, cal.scale),
    engagement: present.touch ? engagementScore(a.days, cal.horizonDays) : NaN,
    usage: present.usage ? clamp100(a.usage) : NaN,
    sentiment: present.sentiment ? clamp100(a.sentiment) : NaN,
  };
  const contributions = {
    mrr: (w.mrr * normalised.size) / 100,
    touch: present.touch ? (w.touch * normalised.engagement) / 100 : 0,
    usage: present.usage ? (w.usage * normalised.usage) / 100 : 0,
    sentiment: present.sentiment ? (w.sentiment * normalised.sentiment) / 100 : 0,
  };
  const raw = contributions.mrr + contributions.touch + contributions.usage + contributions.sentiment;
  const score = roundScore(raw);
  const t = model.thresholds;
  const band = bandOf(score, t);
  const up = BANDS.indexOf(band) - 1;
  const nextBand = up < 0 ? null : {
    band: BANDS[up],
    pointsNeeded: (BANDS[up] === 'healthy' ? t.healthy : t.risk) - score,
  };
  return {
    normalised, contributions, weights: w, inputsUsed: inputsUsed(missingMask(present)), thresholds: t,
    raw, score, band, atRiskArr: atRiskArr(a.mrr, score), nextBand,
  };
}
