/**
 * Whole-column decisions of an import taken once every row is read (SPEC §2.3): usage as 0–1 fractions
 * or percent, the sentiment scale. Each rewrites its column in place and says what it chose, with a
 * warning when the choice is a guess. (Dates: date-columns.ts; the decimal mark: cells.ts.)
 */
import { isBlankScored } from '../engine/coverage';
import type { SentimentScale } from '../engine/types';
import { decideUsageMode, type UsageStats } from './percent';
import { decideSentimentScale, rescaleSentiment, SCALE_LABEL, type SentimentStats } from './sentiment';
import { tidy } from './tidy';
import type { UsageMode } from './types';

/** Usage: fractions when the whole column lies within 0–1 (with 'auto'). */
export function settleUsage(opt: 'auto' | UsageMode, stats: UsageStats, usage: Float64Array, n: number, warnings: string[]) {
  if (opt !== 'auto') return { mode: opt, certain: true };
  const d = decideUsageMode(stats);
  if (d.mode === 'fraction') {
    for (let i = 0; i < n; i++) usage[i] = tidy(usage[i] * 100);
    warnings.push(
      d.certain
        ? 'Usage was read as 0–1 fractions (every value is between 0 and 1), so 0.42 is 42 %.'
        : 'Usage was read as 0–1 fractions (every value is 0 or 1), so 1 is 100 %; choose percent if that is wrong.',
    );
  }
  return d;
}

/** The sentiment scale (with 'auto' and a mapped column: from the values and the header). */
export function settleSentiment(
  opt: 'auto' | SentimentScale,
  mapped: boolean,
  stats: SentimentStats,
  header: string,
  sentiment: Float64Array,
  n: number,
  warnings: string[],
): { scale: SentimentScale; certain: boolean } {
  if (opt !== 'auto') return { scale: opt, certain: true };
  if (!mapped) return { scale: '0-100', certain: true };
  const d = decideSentimentScale(stats, header);
  if (d.scale !== '0-100') for (let i = 0; i < n; i++) sentiment[i] = rescaleSentiment(sentiment[i], d.scale);
  if (!d.certain) warnings.push(`Sentiment was read on the ${SCALE_LABEL[d.scale]} scale; choose another scale if that is wrong.`);
  return d;
}

/** Kept rows with no value in a MAPPED input column (`no…`: the column is not mapped): what scoreBlankRows let through. */
export function countBlankScored(
  a: { days: Float64Array; usage: Float64Array; sentiment: Float64Array },
  count: number,
  noTouch: boolean,
  noUsage: boolean,
  noSentiment: boolean,
): number {
  const { days, usage, sentiment } = a;
  const absent = (noTouch ? 1 : 0) | (noUsage ? 2 : 0) | (noSentiment ? 4 : 0);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const missing = (days[i] !== days[i] ? 1 : 0) | (usage[i] !== usage[i] ? 2 : 0) | (sentiment[i] !== sentiment[i] ? 4 : 0);
    if (isBlankScored(missing, absent)) k++;
  }
  return k;
}
