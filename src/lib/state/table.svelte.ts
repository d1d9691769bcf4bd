import {
  DEFAULT_QUERY, missingMask, modelFor, nameAt, presentInputs, queryAccounts, reusedOrder, scoreAccount, segmentKey,
  type AccountColumns, type AccountExplanation, type AccountInput, type AccountModel, type AccountQuery, type Band, type MovedColumns,
  type MovedFilter, type SortKey,
} from '../engine';
import { bandLift, type BandLift } from '../engine/next-band';
import type { Clock } from './clock.svelte';
import type { PortfolioState } from './portfolio.svelte';

/** SPEC §4.3 renewal filter windows, in days. */
export const RENEWAL_WINDOWS = [30, 60, 90] as const;
export const SEARCH_DELAY_MS = 150;

/** Words read A→Z and dates soonest first; amounts and scores start largest first. */
const FIRST_DIR: Record<SortKey, 'asc' | 'desc'> = {
  name: 'asc', owner: 'asc', segment: 'asc', renewal: 'asc',
  score: 'desc', band: 'desc', 'at-risk-arr': 'desc', arr: 'desc', days: 'desc', usage: 'desc', sentiment: 'desc',
  delta: 'asc', 'previous-band': 'desc',
};

const EMPTY = new Uint32Array(0);

/** What the table reads of a portfolio: the PortfolioState itself, or a view of it (AccountTable's trails by a task). */
export type TableSource = Pick<PortfolioState, 'columns' | 'scored' | 'defaultOrder' | 'calibration'> & {
  /** SPEC §4.6 movement of these very columns, when there is a previous import. */
  moved?: MovedColumns | null;
};

/** Everything the detail panel shows for one row (SPEC §4.3 "explainable"). */
export interface RowExplanation {
  row: number;
  name: string;
  input: AccountInput;
  explanation: AccountExplanation;
  lift: BandLift | null;
  /** The segment's weights (before renormalising) and thresholds the score used (SPEC §4.4). */
  model: AccountModel;
  /** Missing-input mask of the row (model.ts), as scored. */
  missing: number;
}

/**
 * The account table's query (SPEC §4.3): sort, filters, search and the row
 * being explained. The visible order is derived from the portfolio, never copied.
 */
export class TableState {
  sort = $state<SortKey>(DEFAULT_QUERY.sort);
  dir = $state<'asc' | 'desc'>(DEFAULT_QUERY.dir);
  bands = $state.raw<Band[]>([]);
  /** Filters hold names, not dictionary codes, so a new import cannot retarget them. */
  ownerName = $state<string | null>(null);
  segmentName = $state<string | null>(null);
  renewalWithin = $state<number | null>(null);
  /** What the search box shows; `search` follows it after a short pause. */
  searchText = $state('');
  search = $state('');
  /** SPEC §4.6: moved down a band, up, or new. */
  moved = $state<MovedFilter | null>(null);

  readonly #portfolio: TableSource;
  readonly #clock: Pick<Clock, 'today'>;
  #expanded = $state.raw<{ columns: AccountColumns; row: number } | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(portfolio: TableSource, clock: Pick<Clock, 'today'>) {
    this.#portfolio = portfolio;
    this.#clock = clock;
  }

  /** The local calendar day renewal filters count from (the page's clock). */
  get today(): number {
    return this.#clock.today;
  }

  /** Read through a getter: the deriveds below are lazy, so the constructor has run by then. */
  get #p(): TableSource {
    return this.#portfolio;
  }

  ownerCode: number | null = $derived(codeOf(this.ownerName, this.#p.columns?.ownerDict));
  segmentCode: number | null = $derived(codeOf(this.segmentName, this.#p.columns?.segmentDict));

  query: AccountQuery = $derived({
    sort: this.sort, dir: this.dir, bands: this.bands, owner: this.ownerCode, segment: this.segmentCode,
    renewalWithin: this.renewalWithin, today: this.today, search: this.search, moved: this.moved,
  });

  /** The rows to show, in the order shown (row indices into the columns). */
  order: Uint32Array = $derived.by(() => {
    const { columns, scored, defaultOrder, moved } = this.#p;
    if (!columns || !scored) return EMPTY;
    // The default view of a fresh import was ordered in the worker.
    return reusedOrder(defaultOrder, this.query) ?? queryAccounts(columns, scored, this.query, moved);
  });

  total = $derived(this.#p.columns?.count ?? 0);
  filtered = $derived(
    this.bands.length > 0 || this.ownerCode !== null || this.segmentCode !== null || this.renewalWithin !== null || this.search.trim() !== '' || this.moved !== null,
  );

  /** The explained row, as long as it belongs to the loaded portfolio. */
  expanded: number | null = $derived(
    this.#expanded && this.#expanded.columns === this.#p.columns ? this.#expanded.row : null,
  );

  detail: RowExplanation | null = $derived.by(() => {
    const c = this.#p.columns;
    const row = this.expanded;
    if (!c || row === null) return null;
    const input = { mrr: c.mrr[row], days: c.days[row], usage: c.usage[row], sentiment: c.sentiment[row] };
    const cal = this.#p.calibration;
    const key = segmentKey(c.segmentDict[c.segment[row]]);
    return {
      row, name: nameAt(c.name, row), input, model: modelFor(cal, key), missing: missingMask(presentInputs(input)),
      explanation: scoreAccount(input, cal, key), lift: bandLift(input, cal, key),
    };
  });

  /** Same column flips direction; a new column starts in its natural direction. */
  toggleSort(key: SortKey): void {
    if (this.sort === key) this.dir = this.dir === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = key;
      this.dir = FIRST_DIR[key];
    }
  }

  toggleBand(band: Band, on: boolean): void {
    const rest = this.bands.filter((b) => b !== band);
    this.bands = on ? [...rest, band] : rest;
  }

  setOwner(code: number | null): void {
    this.ownerName = code === null ? null : (this.#p.columns?.ownerDict[code] ?? null);
  }

  setSegment(code: number | null): void {
    this.segmentName = code === null ? null : (this.#p.columns?.segmentDict[code] ?? null);
  }

  /** Typing re-queries after a pause, so 100,000 rows are not filtered per keystroke. */
  typeSearch(text: string): void {
    this.searchText = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.search = text), SEARCH_DELAY_MS);
  }

  toggleExpanded(row: number): void {
    const columns = this.#p.columns;
    this.#expanded = !columns || this.expanded === row ? null : { columns, row };
  }

  clearFilters(): void {
    this.bands = [];
    this.ownerName = this.segmentName = null;
    this.renewalWithin = null;
    this.moved = null;
    clearTimeout(this.#timer);
    this.searchText = this.search = '';
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}

function codeOf(name: string | null, dict: string[] | undefined): number | null {
  if (name === null || !dict) return null;
  const code = dict.indexOf(name);
  return code < 0 ? null : code;
}
