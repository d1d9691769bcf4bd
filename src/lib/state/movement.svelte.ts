import {
  bridgeSentence, movement, scoreChange, scoreColumns, type Movement, type ScoreChange, type ScoredColumns,
} from '../engine';
import { asOfDate } from '../schema/as-of';
import type { Portfolio } from '../schema/portfolio';
import { dayOfIso } from '../io/calendar';
import { AccountMatchState, type OffPage } from '../movement/match-state.svelte';
import type { PortfolioState } from './portfolio.svelte';

/**
 * SPEC §4.6 movement since the previous import. The previous import's inputs are kept (not its scores):
 * both imports are scored with the current calibration, so movement shows what changed in the accounts.
 */
export class MovementState {
  /** The import the current one replaced (never the sample). */
  previous = $state.raw<Portfolio | null>(null);
  readonly #portfolio: PortfolioState;

  /** `offPage`, `release`: the match worker's (match-client.ts), or a test's. */
  constructor(portfolio: PortfolioState, offPage?: OffPage, release?: () => void) {
    this.#portfolio = portfolio;
    this.#accounts = new AccountMatchState(
      () => (this.previous && this.#p.columns && !this.#p.isSample ? { prev: this.previous.columns, cur: this.#p.columns } : null),
      offPage,
      release,
    );
  }

  get #p(): PortfolioState {
    return this.#portfolio;
  }

  /** How the two imports' accounts pair up: matched (in a worker for big books) when either import changes, never for a calibration change. */
  readonly #accounts: AccountMatchState;
  #match = $derived.by(() => this.#accounts.match);

  /** True while the two imports are being matched off the page: the panel says so, and shows no movement yet. */
  get comparing(): boolean {
    return this.#accounts.comparing;
  }

  /** The previous import scored with the current calibration. */
  previousScored: ScoredColumns | null = $derived(this.previous ? scoreColumns(this.previous.columns, this.#p.calibration) : null);

  /** The "as of" dates of the two imports (YYYY-MM-DD), when both exist. */
  previousAsOf: string | null = $derived(this.previous ? asOfDate(this.previous.source) : null);
  currentAsOf: string | null = $derived(this.#p.source ? asOfDate(this.#p.source) : null);

  /** Movement between the previous import and the current one; null with no previous import or with the sample shown. */
  result: Movement | null = $derived.by(() => {
    const prev = this.previous;
    const ps = this.previousScored;
    const { columns, scored, source, isSample } = this.#p;
    const match = this.#match;
    if (!prev || !ps || !columns || !scored || !source || isSample || !match) return null;
    return movement(
      { cols: prev.columns, scored: ps, asOfDay: dayOfIso(asOfDate(prev.source)) },
      { cols: columns, scored, asOfDay: dayOfIso(asOfDate(source)) },
      match,
    );
  });

  /** What a CS leader can say about the Risk ARR bridge. */
  sentence: string = $derived(this.result && this.previousAsOf ? bridgeSentence(this.result, this.previousAsOf, new Date().getFullYear()) : '');

  /** SPEC §4.6 why: the score change of current row `row`, or null when it has no previous account. */
  why(row: number): ScoreChange | null {
    const m = this.result;
    const prev = this.previous;
    const cols = this.#p.columns;
    if (!m || !prev || !cols || row < 0 || row >= m.prevRow.length || m.prevRow[row] < 0) return null;
    return scoreChange(prev.columns, m.prevRow[row], cols, row, this.#p.calibration);
  }

  keep(previous: Portfolio | null): void {
    this.previous = previous;
  }
}
