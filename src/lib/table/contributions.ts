/** SPEC §4.1 as four lines a reader can add up: weight × normalised input = points. */
import { formatMoney, formatNumber, type AccountExplanation, type AccountInput, type Calibration, type Weights } from '../engine';

export interface ContributionLine {
  key: keyof Weights;
  label: string;
  /** The account's own value, as imported. */
  value: string;
  /** What the value normalises to (0–100) and how. */
  normalised: number;
  rule: string;
  weight: number;
  points: number;
}

export function contributionLines(a: AccountInput, e: AccountExplanation, cal: Calibration): ContributionLine[] {
  const w = cal.weights;
  const { minMrr, maxMrr } = cal.scale;
  return [
    { key: 'mrr', label: 'Size (MRR)', value: formatMoney(a.mrr), normalised: e.normalised.size,
      rule: `log scale ${formatMoney(minMrr)} → 0, ${formatMoney(maxMrr)} → 100`, weight: w.mrr, points: e.contributions.mrr },
    { key: 'touch', label: 'Engagement', value: `${formatNumber(a.days, 0)} days ago`, normalised: e.normalised.engagement,
      rule: `0 days → 100, ${cal.horizonDays} days → 0`, weight: w.touch, points: e.contributions.touch },
    { key: 'usage', label: 'Usage', value: `${formatNumber(a.usage)} %`, normalised: e.normalised.usage,
      rule: 'as is, 0–100', weight: w.usage, points: e.contributions.usage },
    { key: 'sentiment', label: 'Sentiment', value: formatNumber(a.sentiment), normalised: e.normalised.sentiment,
      rule: 'as is, 0–100', weight: w.sentiment, points: e.contributions.sentiment },
  ];
}
