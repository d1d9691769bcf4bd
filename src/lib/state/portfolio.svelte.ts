import {
  DEFAULT_CALIBRATION, PRESET_THRESHOLDS, absentMask as absentMaskOf, analyzePortfolio, applySegmentPresets, bookSegments,
  countBlankScored, modelFor, pendingSegmentPresets, segmentOverride, unusedSegmentOverrides, validateThresholds, validateWeights,
  preparedOrder, reusedAnalysis, withSegmentOverride, type BookSegments, type Parsed, type SegmentOverride, type SegmentSuggestion,
  type AccountColumns, type Calibration, type PortfolioAnalysis, type PortfolioSignal, type PreparedFor, type PreparedPortfolio, type Rollup,
  type ScoredColumns, type ThresholdPreset, type Thresholds, type Weights,
} from '../engine';
import type { PortfolioSource } from '../schema/portfolio';

export type { PortfolioSource };

/** What one segment's inputs show (SPEC §4.4): applied to the calibration only when valid. */
export interface SegmentDraft {
  thresholds: Thresholds;
  /** null: the segment uses the default weights. */
  weights: Weights | null;
}

/** The built-in sample is labelled as such everywhere it shows. */
export const SAMPLE_SOURCE_NAME = 'Sample portfolio (fictional accounts)';

/** The built-in sample (fictional, never stored, never moves the grade) or the user's own import. */
export type BookKind = 'sample' | 'import';

/**
 * The account portfolio and its calibration. Columns are big and immutable,
 * so they are $state.raw; scores, bands and totals are derived from them.
 */
export class PortfolioState {
  /** Raw and replaced whole: segment keys are any text, "__proto__" included, so it is never proxied or snapshotted. */
  calibration = $state.raw<Calibration>(structuredClone(DEFAULT_CALIBRATION));
  /** What the weight inputs show; applied to `calibration` only when valid. */
  weightsDraft = $state.raw<Weights>({ ...DEFAULT_CALIBRATION.weights });
  thresholdsDraft = $state.raw<Thresholds>({ ...DEFAULT_CALIBRATION.thresholds });

  columns = $state.raw<AccountColumns | null>(null);
  source = $state.raw<PortfolioSource | null>(null);
  kind = $state<BookKind>('import');
  isSample = $derived(this.columns !== null && this.kind === 'sample');

  weightsCheck = $derived(validateWeights(this.weightsDraft));
  thresholdsCheck = $derived(validateThresholds(this.thresholdsDraft));

  /** What the import computed off the main thread for these columns (engine/prepared.ts). */
  #prepared = $state.raw<PreparedFor | null>(null);

  /** Scores and totals: the prepared ones while the calibration scores alike, else computed here. */
  analysis: PortfolioAnalysis | null = $derived.by(() => {
    const c = this.columns;
    if (!c) return null;
    return reusedAnalysis(this.#prepared, c, this.calibration) ?? analyzePortfolio(c, this.calibration);
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
  defaultOrder: Uint32Array | null = $derived(preparedOrder(this.#prepared, this.analysis));

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
    this.calibration = structuredClone(cal);
    this.weightsDraft = { ...cal.weights };
    this.thresholdsDraft = { ...cal.thresholds };
    this.segmentDrafts = {};
    this.#weightsOnly.clear();
  }

  /** `prepared`, when given, must have been computed from these columns. */
  load(columns: AccountColumns, source: PortfolioSource, prepared?: PreparedPortfolio, kind: BookKind = 'import'): void {
    this.#prepared = prepared ? { columns, prepared } : null;
    this.columns = columns;
    this.source = source;
    this.kind = kind;
  }

  // SPEC §4.4 per-segment calibration.
  /** The segments of the loaded book (accounts, ARR), largest ARR first. */
  segmentsFound: BookSegments | null = $derived(this.columns ? bookSegments(this.columns) : null);
  /** Suggested presets that pressing "apply" would set; nothing changes until then. */
  segmentSuggestions: SegmentSuggestion[] = $derived(pendingSegmentPresets(this.calibration, this.segmentsFound?.segments ?? []));
  /** Overrides for segments this book lacks: kept, shown as unused. */
  unusedSegments = $derived(unusedSegmentOverrides(this.calibration, this.segmentsFound?.segments ?? []));
  /** Inputs being edited, by segment key (an invalid draft waits here; the last valid override applies). */
  segmentDrafts = $state.raw<Record<string, SegmentDraft>>({});

  /** What a segment's inputs show: its draft, else the model it is scored with. */
  segmentDraft(key: string): SegmentDraft {
    // Own keys only: a segment named "constructor" must not find Object.
    if (Object.hasOwn(this.segmentDrafts, key)) return this.segmentDrafts[key];
    const o = segmentOverride(this.calibration, key);
    return { thresholds: { ...modelFor(this.calibration, key).thresholds }, weights: o?.weights ? { ...o.weights } : null };
  }

  segmentChecks(key: string): { thresholds: Parsed<Thresholds>; weights: Parsed<Weights> | null } {
    const d = this.segmentDraft(key);
    return { thresholds: validateThresholds(d.thresholds), weights: d.weights ? validateWeights(d.weights) : null };
  }

  applySegmentPresets(): void {
    const applied = this.segmentSuggestions;
    this.calibration = applySegmentPresets(this.calibration, applied);
    for (const s of applied) this.#dropDraft(s.key);
  }

  /** A preset for one segment; null returns it to the default model (its override removed). */
  setSegmentPreset(key: string, label: string, preset: ThresholdPreset | null): void {
    this.#dropDraft(key);
    this.#weightsOnly.delete(key);
    if (preset === null) {
      this.calibration = withSegmentOverride(this.calibration, key, null);
      return;
    }
    const current = segmentOverride(this.calibration, key);
    const thresholds = preset === 'custom' ? modelFor(this.calibration, key).thresholds : PRESET_THRESHOLDS[preset];
    this.#setOverride(key, { label: current?.label ?? label, preset, thresholds: { ...thresholds }, weights: current?.weights });
  }

  setSegmentThreshold(key: string, label: string, which: keyof Thresholds, value: number): void {
    this.#weightsOnly.delete(key);
    const draft = this.segmentDraft(key);
    const thresholds = { ...draft.thresholds, [which]: value };
    this.segmentDrafts = { ...this.segmentDrafts, [key]: { ...draft, thresholds } };
    const check = validateThresholds(thresholds);
    if (!check.ok) return;
    const current = segmentOverride(this.calibration, key);
    this.#setOverride(key, { label: current?.label ?? label, preset: 'custom', thresholds: { ...check.value }, weights: current?.weights });
  }

  /** Own weights for a segment (starting from the default ones), or null: back to the default weights. */
  setSegmentOwnWeights(key: string, label: string, own: boolean): void {
    const draft = this.segmentDraft(key);
    this.segmentDrafts = { ...this.segmentDrafts, [key]: { ...draft, weights: own ? { ...this.calibration.weights } : null } };
    const current = segmentOverride(this.calibration, key);
    if (!own && !current) return;
    if (!own && current && (this.#weightsOnly.has(key) || this.#bandsAreDefault(current))) {
      // The override was there only for its weights: without them the segment is back on the default model.
      this.setSegmentPreset(key, label, null);
      return;
    }
    if (own && !current) this.#weightsOnly.add(key);
    const thresholds = current?.thresholds ?? modelFor(this.calibration, key).thresholds;
    const base: SegmentOverride = { label: current?.label ?? label, preset: current?.preset ?? this.calibration.preset, thresholds: { ...thresholds } };
    this.#setOverride(key, own ? { ...base, weights: { ...this.calibration.weights } } : base);
  }

  setSegmentWeight(key: string, label: string, which: keyof Weights, value: number): void {
    const draft = this.segmentDraft(key);
    const weights = { ...(draft.weights ?? this.calibration.weights), [which]: value };
    this.segmentDrafts = { ...this.segmentDrafts, [key]: { ...draft, weights } };
    const check = validateWeights(weights);
    if (!check.ok) return;
    const current = segmentOverride(this.calibration, key);
    const thresholds = current?.thresholds ?? modelFor(this.calibration, key).thresholds;
    this.#setOverride(key, { label: current?.label ?? label, preset: current?.preset ?? this.calibration.preset, thresholds: { ...thresholds }, weights: { ...check.value } });
  }

  /** Removes a segment's override (used or not): its accounts use the default model. */
  removeSegmentOverride(key: string): void {
    this.setSegmentPreset(key, '', null);
  }

  #setOverride(key: string, o: SegmentOverride): void {
    const clean: SegmentOverride = o.weights ? o : { label: o.label, preset: o.preset, thresholds: o.thresholds };
    this.calibration = withSegmentOverride(this.calibration, key, clean);
  }

  /**
   * Segments whose override was created by ticking "Own weights" and whose bands were never set since
   * (this session): their bands are the default model's copy, not a choice to keep.
   */
  #weightsOnly = new Set<string>();

  #bandsAreDefault(o: SegmentOverride): boolean {
    const t = this.calibration.thresholds;
    return o.preset === this.calibration.preset && o.thresholds.healthy === t.healthy && o.thresholds.risk === t.risk;
  }

  #dropDraft(key: string): void {
    if (!Object.hasOwn(this.segmentDrafts, key)) return;
    const { [key]: _dropped, ...rest } = this.segmentDrafts;
    this.segmentDrafts = rest;
  }

  clear(): void {
    this.#prepared = null;
    this.columns = null;
    this.source = null;
    this.kind = 'import';
  }
}
