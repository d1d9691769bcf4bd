/** Shared shapes of the engine. Plain data only: no DOM, no Svelte. */

/** Every parser and validator answers with this; none throws at users. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): Parsed<T> => ({ ok: false, reason });

/** SPEC §2.2 */
export const STAGES = ['pre-pmf', 'series-a', 'series-b', 'series-c', 'public'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  'pre-pmf': 'Pre-PMF',
  'series-a': 'Series A',
  'series-b': 'Series B',
  'series-c': 'Series C',
  public: 'Public',
};
export const DEFAULT_STAGE: Stage = 'series-b';

/** SPEC §2.1, in the order of the table. */
export const KPI_IDS = [
  'nrr',
  'grr',
  'expansion-share',
  'ttfv',
  'csat',
  'frt',
  'escalation-rate',
  'qbr-completion',
  'logo-churn',
  'upsell-attach',
  'onboarding-completion',
  'accounts-per-csm',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** Empty (absent) means "not tracked". */
export type KpiInputs = Partial<Record<KpiId, number>>;

/**
 * What the function scorecard needs to know about a loaded portfolio (SPEC §3.5–3.6): made by portfolio.ts,
 * read by advisor.ts and scorecard.ts.
 */
export interface PortfolioSignal {
  totalArr: number;
  /** Risk-band ARR ÷ total ARR of scored accounts, in percent. */
  riskArrShare: number;
  /** Risk-band accounts, largest ARR first (a handful is enough). */
  topRiskAccounts: ReadonlyArray<{ name: string; arr: number }>;
}

/** SPEC §3.3 */
export const DIMENSION_IDS = ['retention', 'expansion', 'onboarding', 'support', 'discipline', 'coverage'] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

/** SPEC §4.2 */
export const BANDS = ['healthy', 'watch', 'risk'] as const;
export type Band = (typeof BANDS)[number];
/** Band codes used in columnar data: index into BANDS. */
export const BAND_CODE = { healthy: 0, watch: 1, risk: 2 } as const;

/** The account columns; described field by field in account-fields.ts. */
export type { AccountColumns } from './account-fields';

/** SPEC §4.1: the four account-model weights, in percent; they sum to 100. */
export interface Weights {
  mrr: number;
  touch: number;
  usage: number;
  sentiment: number;
}

/** SPEC §4.2: Healthy ≥ healthy, Risk < risk, Watch between. */
export interface Thresholds {
  healthy: number;
  risk: number;
}

export const THRESHOLD_PRESETS = ['default', 'smb', 'enterprise', 'custom'] as const;
export type ThresholdPreset = (typeof THRESHOLD_PRESETS)[number];

/** The account model's calibration (SPEC §4.1–4.2), kept between visits. */
export interface Calibration {
  weights: Weights;
  preset: ThresholdPreset;
  thresholds: Thresholds;
  /** MRR that scores size 0 and size 100 (defaults $1K and $1M). */
  scale: { minMrr: number; maxMrr: number };
  /** Days since last touch at which engagement reaches 0 (default 90). */
  horizonDays: number;
  /**
   * SPEC §4.4 per-segment overrides, keyed by segmentKey() (model.ts). Absent or empty: one model for
   * every account. The $ scale and the horizon are shared.
   */
  segments?: Record<string, SegmentOverride>;
}

/** SPEC §4.4: one segment's thresholds (a preset or custom) and, optionally, its own weights. */
export interface SegmentOverride {
  /** The segment as shown (its most frequent spelling when it was set). */
  label: string;
  preset: ThresholdPreset;
  thresholds: Thresholds;
  /** Absent: the default weights. */
  weights?: Weights;
}

/** SPEC §7 map-<field>: the fields a column can be mapped to. */
export const MAP_FIELDS = [
  'name',
  'mrr',
  'arr',
  'last-touch',
  'usage',
  'sentiment',
  'owner',
  'segment',
  'renewal-date',
  /** SPEC §4.1 usage as a ratio: the denominator column (usage = usage column ÷ this × 100). */
  'usage-of',
  'id',
] as const;
export type MapField = (typeof MAP_FIELDS)[number];

/** SPEC §2.3: sentiment scales a column may be in; all rescale to 0–100. */
export const SENTIMENT_SCALES = ['0-100', 'nps', '0-10', '1-5'] as const;
export type SentimentScale = (typeof SENTIMENT_SCALES)[number];

/** Column index per field (absent: not mapped). */
export type ColumnMapping = Partial<Record<MapField, number>>;
