import { analyzePortfolio, calibrationKey, type PortfolioAnalysis } from './portfolio';
import { DEFAULT_QUERY, queryAccounts } from './query';
import type { AccountColumns, Calibration } from './types';

/**
 * A portfolio's analysis and its table order, computed where the accounts were imported (the CSV
 * worker) so the page only has to show them. Valid while the calibration keeps the same key and the
 * table shows DEFAULT_QUERY (SPEC §4.3's default view); otherwise the page computes its own.
 */
export interface PreparedPortfolio {
  /** calibrationKey() of the calibration it was computed under. */
  key: string;
  analysis: PortfolioAnalysis;
  /** Row indices under DEFAULT_QUERY (no filters, so `today` plays no part). */
  order: Uint32Array;
}

export function preparePortfolio(cols: AccountColumns, cal: Calibration): PreparedPortfolio {
  const analysis = analyzePortfolio(cols, cal);
  return { key: calibrationKey(cal), analysis, order: queryAccounts(cols, analysis.scored, { ...DEFAULT_QUERY, today: 0 }) };
}

/** The typed arrays of a prepared portfolio, to move (not copy) between threads. */
export function preparedBuffers(p: PreparedPortfolio): ArrayBuffer[] {
  const { score, band, atRisk, missing } = p.analysis.scored;
  return [score, band, atRisk, missing, p.order].map((a) => a.buffer as ArrayBuffer);
}
