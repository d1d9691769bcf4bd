import {
  DEFAULT_CALIBRATION, PRESET_THRESHOLDS, absentMask as absentMaskOf, analyzePortfolio, calibrationKey, countBlankScored, validateThresholds, validateWeights,
  type AccountColumns, type Calibration, type PortfolioAnalysis, type PortfolioSignal, type PreparedPortfolio, type Rollup,
  type ScoredColumns, type ThresholdPreset, type Thresholds, type Weights,
} from '../engine';
import type { PortfolioSource } from '../schema/portfolio';

export type { PortfolioSource };

/** The built-in sample is labelled as such everywhere it shows. */
export const SAMPLE_SOURCE_NAME = 'Sample portfolio (fictional accounts)';

/**
 * The account portfolio and its calibration. Columns are big and immutable,
 * so they are $state.raw; scores, bands and totals are derived from them.
 */
export class PortfolioState {
  calibration = $state<Calibration>(structuredClone(DEFAULT_CALIBRATION));
  /** What the weight inputs show; applied to `calibration` only when valid. */
  weightsDraft = $state<Weights>({ ...DEFAULT_CALIBRATION.weights });
  thresholdsDraft = $state<Thresholds>({ ...DEFAULT_CALIBRATION.thresholds });

  columns = $state.raw<AccountColumns | null>(null);
  source = $state.raw<PortfolioSource | null>(null);
  isSample = $derived(this.source?.name === SAMPLE_SOURCE_NAME);

  weightsCheck = $derived(validateWeights(this.weightsDraft));
  thresholdsCheck = $derived(validateThresholds(this.thresholdsDraft));

  /** What the import computed off the main thread for these columns (engine/prepared.ts). */
  #prepared = $state.raw<{ columns: AccountColumns; prepared: PreparedPortfolio } | null>(null);

  /** Scores and totals: the prepared ones while the calibration scores alike, else computed here. */
  analysis: PortfolioAnalysis | null = $derived.by(() => {
    const c = this.columns;
    if (!c) return null;
    const pre = this.#prepared;
    if (pre && pre.columns === c && pre.prepared.key === calibrationKey(this.calibration)) return pre.prepared.analysis;
    return analyzePortfolio(c, this.calibration);
  });
  scored: ScoredColumns | null = $derived(this.analysis?.scored ?? null);
  rollup: Rollup | null = $derived(this.analysis?.rollup ?? null);
  signal: PortfolioSignal | null = $derived(this.analysis?.signal ?? null);
  actFirst: number[] = $derived(this.analysis?.actFirst ?? []);
  /** SPEC §4.1: inputs the book has no column for (missing mask bits), from the import's mapping. */
  absentMask = $derived(absentMaskOf(this.source?.decisions.fields));
  /** Accounts scored with a blank input besides (the table marks them). */
  blankScored = $derived(this.scored ? countBlankScored(this.scored.missing, this.absentMask) : 0);
  /** The table's default order for the current scores, when the import prepared it. */
  defaultOrder: Uint32Array | null = $derived(
    this.#prepared && this.analysis === this.#prepared.prepared.analysis ? this.#prepared.prepared.order : null,
  );

  setWeight(key: keyof Weights, value: number): void {
    this.weightsDraft = { ...this.weightsDraft, [key]: value };
    const check = validateWeights(this.weightsDraft);
    if (check.ok) this.calibration = { ...this.calibration, weights: { ...check.value } };
  }

  setPreset(preset: ThresholdPreset): void {
    const thresholds = preset === 'custom' ? this.calibration.thresholds : PRESET_THRESHOLDS[preset];
    this.thresholdsDraft = { ...thresholds };
    this.calibration = { ...this.calibration, preset, thresholds: { ...thresholds } };
  }

  setThreshold(key: keyof Thresholds, value: number): void {
    this.thresholdsDraft = { ...this.thresholdsDraft, [key]: value };
    const check = validateThresholds(this.thresholdsDraft);
    if (check.ok) this.calibration = { ...this.calibration, preset: 'custom', thresholds: { ...check.value } };
  }

  /** Replace the whole calibration (stored or shared); drafts follow. */
  loadCalibration(cal: Calibration): void {
    this.calibration = structuredClone($state.snapshot(cal) as Calibration);
    this.weightsDraft = { ...cal.weights };
    this.thresholdsDraft = { ...cal.thresholds };
  }

  /** `prepared`, when given, must have been computed from these columns. */
  load(columns: AccountColumns, source: PortfolioSource, prepared?: PreparedPortfolio): void {
    this.#prepared = prepared ? { columns, prepared } : null;
    this.columns = columns;
    this.source = source;
  }

  clear(): void {
    this.#prepared = null;
    this.columns = null;
    this.source = null;
  }
}
