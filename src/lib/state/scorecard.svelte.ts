import {
  BENCHMARKS, DEFAULT_STAGE, KPI_IDS, gradeFunction, parseKpiText,
  type KpiId, type KpiInputs, type Parsed, type PortfolioSignal, type ScorecardResult, type Stage,
} from '../engine';

export type KpiTexts = Partial<Record<KpiId, string>>;

/**
 * The function scorecard: what the user typed (raw text per KPI, so an
 * invalid entry stays on screen as typed) and the graded answer, derived.
 */
export class ScorecardState {
  stage = $state<Stage>(DEFAULT_STAGE);
  texts = $state.raw<KpiTexts>({});
  /** Reads the loaded portfolio's signal (reactive); null when none is loaded. */
  #portfolio: () => PortfolioSignal | null = () => null;

  constructor(portfolio?: () => PortfolioSignal | null) {
    if (portfolio) this.#portfolio = portfolio;
  }

  parsed: Record<KpiId, Parsed<number | null>> = $derived(
    Object.fromEntries(KPI_IDS.map((id) => [id, parseKpiText(id, this.texts[id] ?? '')])) as Record<KpiId, Parsed<number | null>>,
  );

  inputs: KpiInputs = $derived.by(() => {
    const out: KpiInputs = {};
    for (const id of KPI_IDS) {
      const p = this.parsed[id];
      if (p.ok && p.value !== null) out[id] = p.value;
    }
    return out;
  });

  result: ScorecardResult = $derived(gradeFunction(this.stage, this.inputs, this.#portfolio()));

  /** No KPI typed yet: the page shows a prompt instead of an F. */
  empty = $derived(this.result.trackedCount === 0);

  setText(id: KpiId, text: string): void {
    this.texts = { ...this.texts, [id]: text };
  }

  fillMedians(): void {
    this.texts = Object.fromEntries(KPI_IDS.map((id) => [id, String(BENCHMARKS[this.stage][id][1])]));
  }

  clear(): void {
    this.texts = {};
  }

  /** Replace everything at once (a share link or stored entry), never half. */
  load(stage: Stage, inputs: KpiInputs | KpiTexts): void {
    const texts: KpiTexts = {};
    for (const id of KPI_IDS) {
      const v = inputs[id];
      if (v !== undefined && v !== null && v !== '') texts[id] = String(v);
    }
    this.stage = stage;
    this.texts = texts;
  }
}
