/**
 * SPEC §2.3 sentiment: 0–100, NPS −100..100, a 0–10 score or a 1–5 score, rescaled to 0–100.
 * The scale is chosen in the mapping step; 'auto' detects it from the column and its header.
 */
import { fail, ok, type Parsed, type SentimentScale } from '../engine/types';
import { readPercent } from './percent';
import { quote } from './quote';
import { tidy } from './tidy';

export const SCALE_RANGE: Record<SentimentScale, readonly [number, number]> = {
  '0-100': [0, 100],
  nps: [-100, 100],
  '0-10': [0, 10],
  '1-5': [1, 5],
};

export const SCALE_LABEL: Record<SentimentScale, string> = {
  '0-100': '0–100',
  nps: 'NPS (−100 to 100)',
  '0-10': '0–10',
  '1-5': '1–5',
};

/** A value on `scale` rescaled to 0–100: NPS (x+100)/2, 0–10 ×10, 1–5 (x−1)/4×100. */
export function rescaleSentiment(x: number, scale: SentimentScale): number {
  switch (scale) {
    case 'nps':
      return (x + 100) / 2;
    case '0-10':
      return tidy(x * 10);
    case '1-5':
      return tidy(((x - 1) / 4) * 100);
    default:
      return x;
  }
}

/** The number in a sentiment cell (a % sign and a decimal comma are allowed), or NaN. */
export const readSentiment = (raw: string): number => readPercent(raw);

/** Why a value is outside `scale`, or null. */
export function sentimentRangeReason(raw: string, x: number, scale: SentimentScale): string | null {
  const [lo, hi] = SCALE_RANGE[scale];
  return x < lo || x > hi ? `sentiment ${quote(raw)} is outside the ${SCALE_LABEL[scale]} scale` : null;
}

/** A sentiment cell on a known scale, rescaled to 0–100. */
export function parseSentiment(raw: string, scale: SentimentScale): Parsed<number> {
  const x = readSentiment(raw);
  if (x !== x) return raw.trim() === '' ? fail('empty') : fail(`sentiment ${quote(raw)} is not a number`);
  const why = sentimentRangeReason(raw, x, scale);
  return why === null ? ok(rescaleSentiment(x, scale)) : fail(why);
}

/** What a sentiment column looked like, gathered while streaming. */
export interface SentimentStats {
  count: number;
  min: number;
  max: number;
  allIntegers: boolean;
}

export const emptySentimentStats = (): SentimentStats => ({ count: 0, min: Infinity, max: -Infinity, allIntegers: true });

export function addSentiment(s: SentimentStats, x: number): void {
  s.count++;
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
  if (s.allIntegers && Math.floor(x) !== x) s.allIntegers = false;
}

interface Hints {
  nps: boolean;
  five: boolean;
  ten: boolean;
  hundred: boolean;
  /** CSAT / satisfaction: most often a 1–5 survey, its account averages decimals (4.1, 3.7). */
  csat: boolean;
}

function hintsOf(header: string): Hints {
  const h = header.toLowerCase();
  return {
    nps: /\bnps\b|net promoter/.test(h),
    five: /\b1\s*(-|–|to)\s*5\b|out of 5\b|\/\s*5\b|\bstars?\b|\brating\b|\b5[ -]point/.test(h),
    ten: /\b[01]\s*(-|–|to)\s*10\b|out of 10\b|\/\s*10\b|\b10[ -]point/.test(h),
    hundred: /\b0\s*(-|–|to)\s*100\b|%|percent/.test(h),
    csat: /\bcsat\b|satisfaction/.test(h),
  };
}

/**
 * SPEC §2.3 scale detection, in order: any negative value → NPS; a header naming NPS → NPS (but a column
 * of only 0–10 values under it reads as 0–10 answers, uncertain); a value above
 * 10 → 0–100; values within 1–5 (whole numbers, or decimals under a 1–5 hint like "CSAT (1-5)" or a CSAT /
 * satisfaction header: 4.1, 3.7 are 1–5 averages) → 1–5; values
 * within 0–10 → 0–10; else 0–100. `certain` is false when the data alone could fit another scale and the
 * header gives no hint, so the page should ask.
 */
export function decideSentimentScale(s: SentimentStats, header = ''): { scale: SentimentScale; certain: boolean } {
  const h = hintsOf(header);
  if (s.count > 0 && s.min < 0) return { scale: 'nps', certain: true };
  // An "NPS" column of 0–10 answers is the survey score of each account, not a −100..100 NPS: ask.
  if (h.nps) return s.count > 0 && s.max <= 10 ? { scale: '0-10', certain: false } : { scale: 'nps', certain: true };
  if (s.count === 0) {
    const scale = h.five ? '1-5' : h.ten ? '0-10' : '0-100';
    return { scale, certain: h.five || h.ten || h.hundred };
  }
  if (s.max > 10 || h.hundred) return { scale: '0-100', certain: true };
  if (s.min >= 1 && s.max <= 5 && (s.allIntegers || h.five || h.csat) && !h.ten) return { scale: '1-5', certain: h.five };
  return { scale: '0-10', certain: h.ten };
}

/** The same rule over a whole column of numbers. */
export function detectSentimentScale(values: ArrayLike<number>, header = ''): { scale: SentimentScale; certain: boolean } {
  const s = emptySentimentStats();
  for (let i = 0; i < values.length; i++) addSentiment(s, values[i]);
  return decideSentimentScale(s, header);
}
