import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import FollowHost from './FollowHost.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { SAMPLE_SOURCE_NAME } from '../../src/lib/state/portfolio.svelte';
import { columns } from '../fixtures/columns';

// The §4.2 example (49, Watch), a Risk account, a Healthy one and another Watch; owners Kim, Lee and one blank.
function book() {
  const c = columns([
    ['Acme', 24000, 38, 42, 55],
    ['Globex', 50000, 80, 10, 20],
    ['Initech', 2000, 5, 95, 90],
    ['Umbrella', 8000, 60, 30, 40],
  ]);
  return {
    ...c,
    owner: new Uint32Array([1, 2, 1, 0]), ownerDict: ['', 'Kim', 'Lee'],
    segment: new Uint32Array([1, 1, 0, 1]), segmentDict: ['', 'Enterprise'],
    renewal: new Float64Array([20_010, 20_100, Number.NaN, 19_990]),
  };
}
const source = (name: string) => ({ name, importedAt: '2026-11-23T10:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0 });

describe('roll-up state follows the loaded portfolio', () => {
  it('derives owner and segment roll-ups, renewals and coverage from an import', () => {
    const app = new AppState();
    app.clock.today = 20_000;
    app.portfolio.load(book(), source('accounts.csv'));
    flushSync();
    expect(app.rollups.groups!.owners.map((o) => [o.name, o.count])).toEqual([['Lee', 1], ['', 1], ['Kim', 2]]);
    expect(app.rollups.coverage).toEqual({ accounts: 4, owners: 2, perOwner: 2 });
    expect(app.rollups.renewals!.map((w) => w.count)).toEqual([1, 1, 0, 0, 1, 0, 1]);
    expect(app.rollups.hasRenewalDates).toBe(true);
    // Globex (Risk, 100 days) is in the 180 window, so nothing of the Risk ARR renews within 90 days.
    expect(app.rollups.riskArrIn90).toBe(0);
  });

  it('never offers coverage from the sample portfolio', () => {
    const app = new AppState();
    app.portfolio.load(book(), source(SAMPLE_SOURCE_NAME), undefined, 'sample');
    flushSync();
    expect(app.portfolio.isSample).toBe(true);
    expect(app.rollups.groups).not.toBeNull();
    expect(app.rollups.coverage).toBeNull();
  });

  it('orders the act-first list by at-risk ARR by default and by renewal on request', () => {
    const app = new AppState();
    app.clock.today = 20_000;
    app.portfolio.load(book(), source('accounts.csv'));
    flushSync();
    expect(app.rollups.actFirst).toEqual(app.portfolio.actFirst);
    expect(app.rollups.actFirst.map((i) => ['Acme', 'Globex', 'Initech', 'Umbrella'][i])).toEqual(['Globex', 'Acme', 'Umbrella']);
    app.rollups.actOrder = 'renewal';
    flushSync();
    expect(app.rollups.actFirst.map((i) => ['Acme', 'Globex', 'Initech', 'Umbrella'][i])).toEqual(['Umbrella', 'Acme', 'Globex']);
  });

  it('a roll-up click asks the table for that owner, and a second click on it asks again', () => {
    const app = new AppState();
    app.rollups.focusTable('owner', 'Kim');
    const first = app.rollups.tableFocus!;
    app.rollups.focusTable('owner', 'Kim');
    expect(app.rollups.tableFocus).toMatchObject({ by: 'owner', name: 'Kim' });
    expect(app.rollups.tableFocus!.seq).toBe(first.seq + 1);
  });
});

describe('on the page, a new book shows its bands first, its roll-ups a task later, its coverage a task after them', () => {
  const nextTask = () => new Promise((r) => setTimeout(r, 0));
  const shown = () => [screen.getByTestId('groups').textContent, screen.getByTestId('coverage').textContent];

  it.each([
    ['an import', source('accounts.csv'), 'import' as const, ['3', '2']],
    ['the sample (no coverage)', source(SAMPLE_SOURCE_NAME), 'sample' as const, ['3', 'none']],
  ])('%s', async (_, src, kind, after) => {
    const app = new AppState();
    render(FollowHost, { app });
    app.portfolio.load(book(), src, undefined, kind);
    flushSync();
    const steps = [shown()];
    await nextTask();
    flushSync();
    steps.push(shown());
    await nextTask();
    flushSync();
    steps.push(shown());
    expect(steps).toEqual([['none', 'none'], [after[0], 'none'], after]);
  });
});
