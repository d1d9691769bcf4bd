import type { KpiId, Stage } from './types';

/** Q1 / median / Q3 of one KPI at one stage; the better end is always last. */
export type Quartiles = readonly [q1: number, median: number, q3: number];

/**
 * SPEC §3.7 stage benchmarks: the ONE table every gauge, hint and grade reads.
 * The Series B row, the TTFV medians and the Public FRT, NRR and TTFV figures
 * come straight from published sources and must not drift.
 */
export const BENCHMARKS: Readonly<Record<Stage, Readonly<Record<KpiId, Quartiles>>>> = {
  'pre-pmf': {
    nrr: [85, 95, 105], grr: [75, 84, 91], 'logo-churn': [30, 20, 12], 'expansion-share': [5, 12, 20],
    'upsell-attach': [5, 10, 18], ttfv: [21, 14, 9], 'onboarding-completion': [50, 65, 80], csat: [78, 85, 92],
    frt: [24, 12, 4], 'escalation-rate': [15, 10, 6], 'qbr-completion': [30, 50, 70], 'accounts-per-csm': [120, 60, 25],
  },
  'series-a': {
    nrr: [95, 105, 115], grr: [82, 89, 94], 'logo-churn': [20, 14, 9], 'expansion-share': [12, 20, 28],
    'upsell-attach': [8, 15, 22], ttfv: [20, 14, 9], 'onboarding-completion': [60, 72, 85], csat: [80, 87, 93],
    frt: [16, 10, 4], 'escalation-rate': [12, 8, 5], 'qbr-completion': [45, 65, 80], 'accounts-per-csm': [100, 50, 22],
  },
  'series-b': {
    nrr: [105, 115, 125], grr: [88, 93, 96], 'logo-churn': [15, 10, 6], 'expansion-share': [20, 28, 35],
    'upsell-attach': [12, 20, 28], ttfv: [16, 12, 7], 'onboarding-completion': [65, 78, 88], csat: [82, 88, 94],
    frt: [12, 8, 3], 'escalation-rate': [10, 6, 3], 'qbr-completion': [55, 75, 88], 'accounts-per-csm': [80, 40, 18],
  },
  'series-c': {
    nrr: [107, 117, 127], grr: [89, 93, 96], 'logo-churn': [12, 8, 5], 'expansion-share': [25, 33, 40],
    'upsell-attach': [15, 24, 32], ttfv: [13, 9, 6], 'onboarding-completion': [70, 82, 90], csat: [84, 90, 95],
    frt: [8, 4, 2], 'escalation-rate': [8, 5, 3], 'qbr-completion': [60, 78, 90], 'accounts-per-csm': [70, 35, 15],
  },
  public: {
    nrr: [110, 120, 130], grr: [90, 94, 97], 'logo-churn': [10, 7, 4], 'expansion-share': [30, 38, 45],
    'upsell-attach': [18, 27, 36], ttfv: [10, 7, 4], 'onboarding-completion': [75, 85, 93], csat: [85, 91, 96],
    frt: [4, 2, 1], 'escalation-rate': [6, 4, 2], 'qbr-completion': [65, 80, 92], 'accounts-per-csm': [60, 30, 12],
  },
};

export const median = (stage: Stage, id: KpiId): number => BENCHMARKS[stage][id][1];
