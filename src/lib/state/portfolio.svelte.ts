import {
  DEFAULT_CALIBRATION, PRESET_THRESHOLDS, actFirst, portfolioSignal, rollup, scoreColumns, validateThresholds, validateWeights,
  type AccountColumns, type Calibration, type PortfolioSignal, type Rollup, type ScoredColumns, type ThresholdPreset,
  type Thresholds, type Weights,
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

  scored: ScoredColumns | null = $derived(this.columns ? scoreColumns(this.columns, this.calibration) : null);
  rollup: Rollup | null = $derived(this.columns && this.scored ? rollup(this.columns, this.scored) : null);
  signal: PortfolioSignal | null = $derived(
    this.columns && this.scored && this.rollup && this.columns.count > 0 ? portfolioSignal(this.columns, this.scored, this.rollup) : null,
  );
  actFirst: number[] = $derived(this.columns && this.scored ? actFirst(this.columns, this.scored, 10) : []);

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

  load(columns: AccountColumns, source: PortfolioSource): void {
    this.columns = columns;
    this.source = source;
  }

  clear(): void {
    this.columns = null;
    this.source = null;
  }
}
