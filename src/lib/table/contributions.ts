/**
 * SPEC §4.1 as four lines a reader can add up: weight × normalised input = points. The weights are the
 * ones the score used: renormalised over the inputs the account has; a missing input shows "no value"
 * and adds nothing (never read as 0).
 */
import { formatMoney, formatNumber, type AccountExplanation, type AccountInput, type Calibration, type Weights } from '../engine';

export interface ContributionLine {
  key: keyof Weights;
  label: string;
  /** The account's own value, as imported. */
  value: string;
  /** What the value normalises to (0–100) and how. */
  normalised: number;
  rule: string;
  /** The weight used (0 for a missing input). */
  weight: number;
  points: number;
  /** The account has no value for this input (SPEC §4.1). */
  missing: boolean;
}

export const NO_VALUE = 'no value';

export function contributionLines(a: AccountInput, e: AccountExplanation, cal: Calibration): ContributionLine[] {
  const w = e.weights;
  const { minMrr, maxMrr } = cal.scale;
  const or = (x: number, text: string): string => (x !== x ? NO_VALUE : text);
  return [
    { key: 'mrr', label: 'Size (MRR)', value: formatMoney(a.mrr), normalised: e.normalised.size,
      rule: `log scale ${formatMoney(minMrr)} → 0, ${formatMoney(maxMrr)} → 100`, weight: w.mrr, points: e.contributions.mrr, missing: false },
    { key: 'touch', label: 'Engagement', value: or(a.days, `${formatNumber(a.days, 0)} days ago`), normalised: e.normalised.engagement,
      rule: `0 days → 100, ${cal.horizonDays} days → 0`, weight: w.touch, points: e.contributions.touch, missing: a.days !== a.days },
    { key: 'usage', label: 'Usage', value: or(a.usage, `${formatNumber(a.usage)} %`), normalised: e.normalised.usage,
      rule: 'as is, 0–100', weight: w.usage, points: e.contributions.usage, missing: a.usage !== a.usage },
    { key: 'sentiment', label: 'Sentiment', value: or(a.sentiment, formatNumber(a.sentiment)), normalised: e.normalised.sentiment,
      rule: 'as is, 0–100', weight: w.sentiment, points: e.contributions.sentiment, missing: a.sentiment !== a.sentiment },
  ];
}
