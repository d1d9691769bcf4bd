import {
  actFirstByRenewal, breakdown, coverageFromData, riskArrRenewingIn90,
  type Breakdown, type Coverage, type GroupRollups, type RenewalWindowTotals,
} from '../engine';
import type { PortfolioState } from './portfolio.svelte';
import type { Clock } from './clock.svelte';
import { Trailing } from './trailing.svelte';

/** SPEC §4.5: the act-first list by at-risk ARR (default) or by renewal. */
export type ActOrder = 'at-risk' | 'renewal';

/** A roll-up row the account table is asked to filter to; `seq` makes a second click on the same row count. */
export interface TableFocus {
  by: 'owner' | 'segment';
  /** The dictionary entry ('' = blank owner / no segment). */
  name: string;
  seq: number;
}

export type RollupSource = Pick<PortfolioState, 'columns' | 'scored' | 'isSample' | 'actFirst'>;

/** Shown names of the blank owner and the blank segment (SPEC §4.4): the engine's, re-exported for the roll-up views. */
export { NO_SEGMENT, UNASSIGNED, ownerLabel, segmentLabel } from '../engine';

/**
 * Roll-ups by segment and owner, coverage from the data and renewal windows (SPEC §4.4–4.5), derived from
 * the portfolio's columns and scores (so per-segment bands carry through); never copied.
 */
export class RollupsState {
  actOrder = $state<ActOrder>('at-risk');
  tableFocus = $state.raw<TableFocus | null>(null);

  readonly #portfolio: RollupSource;
  readonly #clock: Pick<Clock, 'today'>;

  constructor(portfolio: RollupSource, clock: Pick<Clock, 'today'>) {
    this.#portfolio = portfolio;
    this.#clock = clock;
  }

  /** The local calendar day renewals are counted from (the page's clock). */
  get today(): number {
    return this.#clock.today;
  }

  get #p(): RollupSource {
    return this.#portfolio;
  }

  #trail = $state.raw<Trailing<Pick<RollupSource, 'columns' | 'scored' | 'isSample'>> | null>(null);
  #trailCoverage = $state.raw<Trailing<Pick<RollupSource, 'columns' | 'isSample'>> | null>(null);

  /**
   * From now on the roll-ups follow the portfolio a task later (Trailing), and the coverage a task after
   * them: a new import paints its bands first, then the roll-ups and the coverage, each in a task of its
   * own. Call once while the page's portfolio section initialises; until then (and in tests without a
   * page) they follow it at once.
   */
  follow(): void {
    const trail = new Trailing(() => ({ columns: this.#p.columns, scored: this.#p.scored, isSample: this.#p.isSample }));
    this.#trail = trail;
    this.#trailCoverage = new Trailing(() => trail.value);
  }

  /** Roll-ups and renewal windows, computed together in one pass over the accounts. */
  breakdown: Breakdown | null = $derived.by(() => {
    const { columns, scored } = this.#trail ? this.#trail.value : this.#p;
    return columns && scored && columns.count > 0 ? breakdown(columns, scored, this.today) : null;
  });

  groups: GroupRollups | null = $derived(this.breakdown);

  /** The book's accounts per CSM; never offered for the sample portfolio. */
  coverage: Coverage | null = $derived.by(() => {
    const { columns, isSample } = this.#trailCoverage ? this.#trailCoverage.value : this.#p;
    return columns && !isSample ? coverageFromData(columns) : null;
  });

  renewals: RenewalWindowTotals[] | null = $derived(this.breakdown?.renewals ?? null);

  /** Risk-band ARR renewing in the `30` + `60` + `90` windows. */
  riskArrIn90: number = $derived(this.renewals ? riskArrRenewingIn90(this.renewals) : 0);

  /** True when at least one account has a renewal date. */
  hasRenewalDates: boolean = $derived(!!this.renewals && this.renewals.some((w) => w.window !== 'none' && w.count > 0));

  actFirst: number[] = $derived.by(() => {
    if (this.actOrder === 'at-risk') return this.#p.actFirst;
    const { columns, scored } = this.#p;
    return columns && scored ? actFirstByRenewal(columns, scored, 10) : [];
  });

  focusTable(by: TableFocus['by'], name: string): void {
    this.tableFocus = { by, name, seq: (this.tableFocus?.seq ?? 0) + 1 };
  }
}
