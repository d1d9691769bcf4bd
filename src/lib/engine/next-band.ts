/**
 * SPEC §4.3 "every score is explainable", the forward half: which single
 * input change would lift an account into the next band up:
 * a pure rule of the account model.
 */
import { scoreAccount, type AccountInput } from './accounts';
import { BANDS, type Band, type Calibration } from './types';
import { formatMoney, formatNumber } from './format';

export type LiftInput = 'mrr' | 'touch' | 'usage' | 'sentiment';

/** Either the value the input must reach (in its own unit), or the most it could add. */
export type Lift =
  | { input: LiftInput; reachable: true; from: number; to: number }
  | { input: LiftInput; reachable: false; maxPoints: number };

export interface BandLift {
  band: Band;
  /** Rounded score points to the next band's threshold. */
  pointsNeeded: number;
  lifts: Lift[];
}

const LIFT_ORDER: LiftInput[] = ['usage', 'touch', 'sentiment', 'mrr'];
/** The account field each weight applies to. */
const FIELD = { mrr: 'mrr', touch: 'days', usage: 'usage', sentiment: 'sentiment' } as const satisfies Record<LiftInput, keyof AccountInput>;

/**
 * The next band up and, per input the account has, the single change that reaches it (null in the top
 * band), under the model of the account's segment key. An input with no value (NaN, SPEC §4.1) is not lifted: it is not part of the score, and
 * giving it a value would change every weight.
 */
export function bandLift(a: AccountInput, cal: Calibration, segment = ''): BandLift | null {
  // The account's own segment model (SPEC §4.4), as its score used.
  const now = scoreAccount(a, cal, segment);
  if (!now.nextBand) return null;
  const target = BANDS.indexOf(now.nextBand.band);
  const reaches = (b: AccountInput): boolean => BANDS.indexOf(scoreAccount(b, cal, segment).band) <= target;
  // The rounded score reaches threshold T from a raw of T − 0.5 (SPEC §3.2).
  const deficit = now.score + now.nextBand.pointsNeeded - 0.5 - now.raw;
  const lifts = LIFT_ORDER.filter((input) => !Number.isNaN(a[FIELD[input]])).map((input): Lift => {
    // The weight the score used: renormalised over the inputs present.
    const w = now.weights[input];
    const field = FIELD[input];
    const best = bestValue(input, a, cal);
    const maxPoints = w * (100 - normalisedOf(input, now.normalised)) / 100;
    if (!(w > 0) || !reaches({ ...a, [field]: best })) return { input, reachable: false, maxPoints };
    const need = normalisedOf(input, now.normalised) + (deficit * 100) / w;
    let to = roundTowardBetter(input, valueFor(input, need, cal));
    // Rounding to a whole unit can land a hair short: step toward the best value.
    for (let k = 0; k < 1000 && !reaches({ ...a, [field]: to }); k++) to = input === 'touch' ? to - 1 : to + 1;
    if (input === 'touch' ? to < best : to > best) to = best;
    return { input, reachable: true, from: a[field], to };
  });
  return { band: now.nextBand.band, pointsNeeded: now.nextBand.pointsNeeded, lifts };
}

function normalisedOf(input: LiftInput, n: ReturnType<typeof scoreAccount>['normalised']): number {
  return input === 'mrr' ? n.size : input === 'touch' ? n.engagement : n[input];
}

function bestValue(input: LiftInput, a: AccountInput, cal: Calibration): number {
  if (input === 'touch') return 0;
  if (input === 'mrr') return Math.max(a.mrr, cal.scale.maxMrr);
  return Math.max(a[FIELD[input]], 100);
}

/** The input value whose normalised score is `n` (inverse of SPEC §4.1). */
function valueFor(input: LiftInput, n: number, cal: Calibration): number {
  if (input === 'touch') return cal.horizonDays * (1 - n / 100);
  if (input === 'mrr') return cal.scale.minMrr * (cal.scale.maxMrr / cal.scale.minMrr) ** (n / 100);
  return n;
}

const roundTowardBetter = (input: LiftInput, x: number): number => (input === 'touch' ? Math.max(0, Math.floor(x)) : Math.ceil(x));

const UNIT_NAMES: Record<LiftInput, string> = { mrr: 'MRR', touch: 'A touch', usage: 'Usage', sentiment: 'Sentiment' };

/** One line of advice, e.g. "Raise usage from 42 % to 70 %". */
export function describeLift(l: Lift): string {
  if (!l.reachable) {
    const best = l.input === 'touch' ? 'a touch today' : l.input === 'mrr' ? 'MRR at the top of the scale' : `${l.input} at 100`;
    return `${UNIT_NAMES[l.input]} alone is not enough: even ${best} adds ${formatNumber(l.maxPoints)} points.`;
  }
  switch (l.input) {
    case 'usage': return `Raise usage from ${formatNumber(l.from, 0)} % to ${formatNumber(l.to, 0)} %.`;
    case 'sentiment': return `Raise sentiment from ${formatNumber(l.from, 0)} to ${formatNumber(l.to, 0)}.`;
    case 'mrr': return `Grow MRR from ${formatMoney(l.from)} to ${formatMoney(l.to)}.`;
    case 'touch': return `A touch so the last one is at most ${formatNumber(l.to, 0)} days ago (now ${formatNumber(l.from, 0)}).`;
  }
}
