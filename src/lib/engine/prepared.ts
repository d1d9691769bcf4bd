/**
 * The prepared-result rule, in one place. Invariant: the worker's scores, totals and table order,
 * computed for columns C under calibration key K, are shown only while the page shows those very
 * columns C (same object) under a calibration whose calibrationKey() is K; the order, moreover, only
 * while the table shows DEFAULT_QUERY (isDefaultQuery: SPEC §4.3's default view, no filter, no search,
 * no movement). Otherwise the page computes its own. The page asks reusedAnalysis() and reusedOrder();
 * nothing else compares keys or queries for this.
 *
 * At start-up the previous import is prepared too (SPEC §4.6, PreparedPrevious): its scores are shown only
 * while the page shows that previous book under a calibration of the same key; the match of the pair
 * while it shows that very pair (it does not depend on the calibration); the movement only when both
 * hold. reusedPreviousScores(), reusedMatch() and reusedMovement() say so.
 */
import type { AccountMatch } from './account-match';
import type { Movement } from './movement';
import { analyzePortfolio, calibrationKey, type PortfolioAnalysis, type ScoredColumns } from './portfolio';
import { DEFAULT_QUERY, isDefaultQuery, queryAccounts, type AccountQuery } from './query';
import type { AccountColumns, Calibration } from './types';

/** A portfolio's analysis and its table order, computed where the accounts were imported (the CSV worker). */
export interface PreparedPortfolio {
  /** calibrationKey() of the calibration it was computed under. */
  key: string;
  analysis: PortfolioAnalysis;
  /** Row indices under DEFAULT_QUERY (no filters, so `today` plays no part). */
  order: Uint32Array;
}

/** A prepared portfolio with the columns it was computed from. */
export interface PreparedFor {
  columns: AccountColumns;
  prepared: PreparedPortfolio;
}

export function preparePortfolio(cols: AccountColumns, cal: Calibration): PreparedPortfolio {
  const analysis = analyzePortfolio(cols, cal);
  return { key: calibrationKey(cal), analysis, order: queryAccounts(cols, analysis.scored, { ...DEFAULT_QUERY, today: 0 }) };
}

/** The prepared analysis when it holds for these columns under this calibration, else null. */
export function reusedAnalysis(p: PreparedFor | null, columns: AccountColumns, cal: Calibration): PortfolioAnalysis | null {
  return p && p.columns === columns && p.prepared.key === calibrationKey(cal) ? p.prepared.analysis : null;
}

/** The prepared default order when the analysis shown is the prepared one, else null. */
export function preparedOrder(p: PreparedFor | null, shown: PortfolioAnalysis | null): Uint32Array | null {
  return p && shown === p.prepared.analysis ? p.prepared.order : null;
}

/** The order to show for `query`: the prepared one (preparedOrder()) on the default view, else null. */
export function reusedOrder(order: Uint32Array | null, query: AccountQuery): Uint32Array | null {
  return order && isDefaultQuery(query) ? order : null;
}

/** The typed arrays of a prepared portfolio, to move (not copy) between threads. */
export function preparedBuffers(p: PreparedPortfolio): ArrayBuffer[] {
  const { score, band, atRisk, missing } = p.analysis.scored;
  return [score, band, atRisk, missing, p.order].map((a) => a.buffer as ArrayBuffer);
}

/**
 * SPEC §4.6 the previous import as the worker prepares it with the current one at start-up: its scores
 * under calibration `key`, how the two imports' accounts pair up, and what moved.
 */
export interface PreparedPrevious {
  key: string;
  scored: ScoredColumns;
  match: AccountMatch;
  movement: Movement;
}

/** A prepared previous import with the two books it was computed from. */
export interface PreparedPair {
  prev: AccountColumns;
  cur: AccountColumns;
  prepared: PreparedPrevious;
}

/** The previous import's prepared scores when they hold for this previous book under this calibration, else null. */
export function reusedPreviousScores(p: PreparedPair | null, prev: AccountColumns, cal: Calibration): ScoredColumns | null {
  return p && p.prev === prev && p.prepared.key === calibrationKey(cal) ? p.prepared.scored : null;
}

/** The prepared match when the page shows the very pair it is of, else null. */
export function reusedMatch(p: PreparedPair | null, prev: AccountColumns, cur: AccountColumns): AccountMatch | null {
  return p && p.prev === prev && p.cur === cur ? p.prepared.match : null;
}

/** The prepared movement when the page shows that pair under a calibration of the same key, else null. */
export function reusedMovement(p: PreparedPair | null, prev: AccountColumns, cur: AccountColumns, cal: Calibration): Movement | null {
  return p && p.prev === prev && p.cur === cur && p.prepared.key === calibrationKey(cal) ? p.prepared.movement : null;
}

/** The typed arrays of a prepared previous import, each once, to move (not copy) between threads. */
export function preparedPreviousBuffers(p: PreparedPrevious): ArrayBuffer[] {
  const { score, band, atRisk, missing } = p.scored;
  const { prevRow, curRow, status, prevStatus } = p.match;
  const m = p.movement;
  const all = [score, band, atRisk, missing, prevRow, curRow, status, prevStatus, m.prevRow, m.curRow, m.status, m.prevStatus, m.delta, m.prevBand];
  return [...new Set(all.map((a) => a.buffer as ArrayBuffer))];
}
