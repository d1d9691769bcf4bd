import { flushSync } from 'svelte';
import { DEFAULT_CALIBRATION, nameAt, preparePortfolio } from '../../src/lib/engine';
import { PortfolioState } from '../../src/lib/state/portfolio.svelte';
import { TableState } from '../../src/lib/state/table.svelte';
import { Clock } from '../../src/lib/state/clock.svelte';
import { columns } from '../fixtures/columns';

const BOOK = columns([
  ['Acme', 24000, 38, 42, 55],
  ['Globex', 50000, 80, 10, 20],
  ['Initech', 2000, 5, 95, 90],
  ['Umbrella', 8000, 60, 30, 40],
]);
const SOURCE = {
  name: 'accounts.csv', importedAt: '2026-11-23T10:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0,
};

function loaded() {
  const p = new PortfolioState();
  const prepared = preparePortfolio(BOOK, DEFAULT_CALIBRATION);
  p.load(BOOK, SOURCE, prepared);
  return { p, prepared, table: new TableState(p, new Clock()) };
}

describe('a portfolio prepared by the import (computed in the worker)', () => {
  it('is shown as it came: scores, totals and the default table order are not computed again', () => {
    const { p, prepared, table } = loaded();
    expect(p.analysis).toBe(prepared.analysis);
    expect(p.scored).toBe(prepared.analysis.scored);
    expect(p.rollup).toBe(prepared.analysis.rollup);
    expect(p.defaultOrder).toBe(prepared.order);
    expect(table.order).toBe(prepared.order);
  });

  it('a calibration change scores on the page; going back to the same numbers reuses it again', () => {
    const { p, prepared } = loaded();
    // 25/20/30/25 → 35/20/20/25: applied once the weights add up to 100 again.
    p.setWeight('mrr', 35);
    p.setWeight('usage', 20);
    flushSync();
    expect(p.analysis).not.toBe(prepared.analysis);
    expect(p.defaultOrder).toBeNull();
    expect(p.scored!.score[0]).not.toBe(prepared.analysis.scored.score[0]);
    p.setWeight('mrr', 25);
    p.setWeight('usage', 30);
    flushSync();
    expect(p.analysis).toBe(prepared.analysis);
  });

  it('a filter or another sort orders on the page; the default view uses the prepared order again', () => {
    const { p, prepared, table } = loaded();
    table.toggleSort('name');
    flushSync();
    expect(table.order).not.toBe(prepared.order);
    expect([...table.order].map((i) => nameAt(BOOK.name, i))).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
    table.toggleSort('at-risk-arr');
    flushSync();
    expect(table.order).toBe(prepared.order);
    expect(p.defaultOrder).toBe(prepared.order);
  });

  it('other columns never reuse it', () => {
    const { p, prepared } = loaded();
    p.load(columns([['Solo', 5000, 1, 90, 90]]), SOURCE);
    flushSync();
    expect(p.analysis).not.toBe(prepared.analysis);
    expect(p.defaultOrder).toBeNull();
    expect(p.rollup!.count).toBe(1);
  });
});
