/**
 * SPEC §4.6 per account: why a matched account's score moved between two imports, as the change of each
 * of the four contributions (weight × normalised input ÷ 100), naming the raw values that moved. Both
 * imports are scored with the same (current) calibration, so only the accounts' inputs move the score.
 */
import { scoreAccount, type AccountExplanation } from './accounts';
import { formatMoney, formatNumber, formatSigned } from './format';
import { segmentKey } from './model';
import type { AccountColumns, Band, Calibration } from './types';

export const SCORE_INPUTS = ['size', 'engagement', 'usage', 'sentiment'] as const;
export type ScoreInput = (typeof SCORE_INPUTS)[number];

const CONTRIBUTION: Record<ScoreInput, keyof AccountExplanation['contributions']> = {
  size: 'mrr', engagement: 'touch', usage: 'usage', sentiment: 'sentiment',
};

export interface InputChange {
  input: ScoreInput;
  /** Current − previous contribution, in score points (unrounded). */
  change: number;
  /** The raw input before and now (MRR in dollars, days, usage %, sentiment 0–100); NaN: no value. */
  from: number;
  to: number;
  /** "engagement −6.2: last touch 12 → 47 days" */
  text: string;
}

export interface ScoreChange {
  previousScore: number;
  score: number;
  /** current − previous rounded scores. */
  delta: number;
  /** current − previous unrounded scores: the four changes add up to it. */
  rawDelta: number;
  previousBand: Band;
  band: Band;
  parts: InputChange[];
}

const rawOf = (cols: AccountColumns, i: number): Record<ScoreInput, number> => ({
  size: cols.mrr[i], engagement: cols.days[i], usage: cols.usage[i], sentiment: cols.sentiment[i],
});

function explain(cols: AccountColumns, i: number, cal: Calibration): AccountExplanation {
  const seg = segmentKey(cols.segmentDict[cols.segment[i]] ?? '');
  return scoreAccount({ mrr: cols.mrr[i], days: cols.days[i], usage: cols.usage[i], sentiment: cols.sentiment[i] }, cal, seg);
}

const value = (input: ScoreInput, x: number): string => {
  if (Number.isNaN(x)) return 'no value';
  if (input === 'size') return formatMoney(x);
  return formatNumber(x, 1);
};

const LABEL: Record<ScoreInput, [string, string]> = {
  size: ['MRR', ''], engagement: ['last touch', ' days'], usage: ['usage', ' %'], sentiment: ['sentiment', ''],
};

/** "engagement −6.2: last touch 12 → 47 days"; "usage 0: unchanged (40 %)". */
export function describeChange(input: ScoreInput, change: number, from: number, to: number): string {
  const [label, unit] = LABEL[input];
  const same = from === to || (Number.isNaN(from) && Number.isNaN(to));
  const moved = same ? `unchanged (${value(input, to)}${Number.isNaN(to) ? '' : unit})` : `${label} ${value(input, from)} → ${value(input, to)}${unit}`;
  return `${input} ${formatSigned(change, 1)}: ${moved}`;
}

/** SPEC §4.6 why: previous row `p` of `prev` against current row `c` of `cur`, both under `cal`. */
export function scoreChange(prev: AccountColumns, p: number, cur: AccountColumns, c: number, cal: Calibration): ScoreChange {
  const a = explain(prev, p, cal);
  const b = explain(cur, c, cal);
  const was = rawOf(prev, p);
  const now = rawOf(cur, c);
  const parts = SCORE_INPUTS.map((input): InputChange => {
    const k = CONTRIBUTION[input];
    const change = b.contributions[k] - a.contributions[k];
    return { input, change, from: was[input], to: now[input], text: describeChange(input, change, was[input], now[input]) };
  });
  return {
    previousScore: a.score, score: b.score, delta: b.score - a.score, rawDelta: b.raw - a.raw,
    previousBand: a.band, band: b.band, parts,
  };
}
