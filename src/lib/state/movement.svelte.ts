import {
  bridgeSentence, calibrationKey, movement, reusedMatch, reusedMovement, reusedPreviousScores, scoreChange, scoreColumns, type AccountColumns,
  type Movement, type PreparedPair, type PreparedPrevious, type ScoreChange, type ScoredColumns,
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
  /** What the start-up worker prepared for the stored pair (engine/prepared.ts), once it arrived. */
  #prepared = $state.raw<PreparedPair | null>(null);
  /** The stored pair while the start-up worker prepares it: nothing is matched or scored here meanwhile. */
  #restoring = $state.raw<{ prev: AccountColumns; cur: AccountColumns } | null>(null);

  #match = $derived.by(() => {
    const prev = this.previous?.columns;
    const cur = this.#p.isSample ? null : this.#p.columns;
    if (prev && cur) {
      const prepared = reusedMatch(this.#prepared, prev, cur);
      if (prepared) return prepared;
      if (this.#restoring?.prev === prev && this.#restoring.cur === cur) return null;
    }
    return this.#accounts.match;
  });

  /** True while the two imports are being matched off the page: the panel says so, and shows no movement yet. */
  get comparing(): boolean {
    return this.#match === null && !!this.previous && !!this.#p.columns && !this.#p.isSample;
  }

  /**
   * Scores the previous import had when it was the current one, under the calibration of that key: right
   * after an import, the book it replaced is scored already (a million accounts: ~90 ms on the page).
   */
  #keptScores: { columns: AccountColumns; key: string; scored: ScoredColumns } | null = null;

  /** The previous import scored with the current calibration (its scores as the current import, or as prepared at start-up, while the calibration scores alike). */
  previousScored: ScoredColumns | null = $derived.by(() => {
    const prev = this.previous;
    if (!prev) return null;
    const cal = this.#p.calibration;
    const kept = this.#keptScores;
    if (kept && kept.columns === prev.columns && kept.key === calibrationKey(cal)) return kept.scored;
    return reusedPreviousScores(this.#prepared, prev.columns, cal) ?? scoreColumns(prev.columns, cal);
  });

  /** The "as of" dates of the two imports (YYYY-MM-DD), when both exist. */
  previousAsOf: string | null = $derived(this.previous ? asOfDate(this.previous.source) : null);
  currentAsOf: string | null = $derived(this.#p.source ? asOfDate(this.#p.source) : null);

  /** Movement between the previous import and the current one; null with no previous import or with the sample shown. */
  result: Movement | null = $derived.by(() => {
    const prev = this.previous;
    const { columns, scored, source, isSample, calibration } = this.#p;
    if (!prev || !columns || !scored || !source || isSample) return null;
    const prepared = reusedMovement(this.#prepared, prev.columns, columns, calibration);
    if (prepared) return prepared;
    // The match first: while it is on its way, the previous import is not scored here either.
    const match = this.#match;
    if (!match) return null;
    const ps = this.previousScored;
    if (!ps) return null;
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

  /** `scores`: what the book was scored with as the current import (reused while the calibration key is the same). */
  keep(previous: Portfolio | null, scores?: { key: string; scored: ScoredColumns }): void {
    this.#keptScores = previous && scores ? { columns: previous.columns, ...scores } : null;
    this.previous = previous;
    this.#restoring = null;
    this.#prepared = null;
  }

  /**
   * At start-up: the stored previous book `prev` and current book `cur` are being prepared off the page
   * (io/import-client.ts startRestore). Until `prepared` answers, the panel says it is comparing and
   * nothing is matched or scored here; then what arrived is reused while it holds (engine/prepared.ts), and
   * if nothing did, the pair is matched and scored as any other.
   */
  restore(prev: AccountColumns, cur: AccountColumns, prepared: Promise<PreparedPrevious | null>): void {
    const pair = { prev, cur };
    this.#restoring = pair;
    void prepared.then((p) => {
      if (this.#restoring !== pair) return; // another previous book since
      this.#restoring = null;
      if (p) this.#prepared = { ...pair, prepared: p };
    });
  }
}
