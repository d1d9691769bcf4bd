import { flushSync } from 'svelte';
import { todayEpochDay } from '../../src/lib/io/calendar';
import { AppState } from '../../src/lib/state/app.svelte';
import { TableState } from '../../src/lib/state/table.svelte';
import { columns } from '../fixtures/columns';

/** Window order of RenewalWindowTotals: overdue, 30, 60, 90, 180, later, none. */
const WINDOW = { overdue: 0, 30: 1, 60: 2 } as const;
const source = { name: 'accounts.csv', importedAt: '2026-11-23T10:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0 };

describe('SPEC §4.5 "today" moves on while the page stays open', () => {
  const setVisibility = (v: DocumentVisibilityState) => Object.defineProperty(document, 'visibilityState', { value: v, configurable: true });

  beforeEach(() => {
    vi.useFakeTimers();
    // 23:59 local time on 30 November 2026.
    vi.setSystemTime(new Date(2026, 10, 30, 23, 59, 0));
  });
  afterEach(() => {
    vi.useRealTimers();
    setVisibility('visible');
  });

  /** One account renewing 31 days after the first day: in the 60 window, then the 30 window a day later. */
  function page() {
    const app = new AppState();
    const day0 = todayEpochDay(new Date(2026, 10, 30));
    app.portfolio.load({ ...columns([['Acme', 24000, 38, 42, 55]]), renewal: Float64Array.of(day0 + 31) }, source);
    const table = new TableState(app.portfolio, app.clock);
    table.renewalWithin = 30;
    flushSync();
    return { app, table, day0 };
  }
  const windowOf = (app: AppState) => app.rollups.renewals!.findIndex((w) => w.count === 1);

  it('at local midnight the roll-ups and the table count from the new day', () => {
    const { app, table, day0 } = page();
    const stop = app.clock.start(document);
    expect(app.clock.today).toBe(day0);
    expect(windowOf(app)).toBe(WINDOW[60]);
    expect(table.order.length).toBe(0);

    vi.advanceTimersByTime(59_000);
    flushSync();
    expect(app.clock.today).toBe(day0);
    vi.advanceTimersByTime(2_000);
    flushSync();
    expect(app.clock.today).toBe(day0 + 1);
    expect(app.rollups.today).toBe(day0 + 1);
    expect(table.today).toBe(day0 + 1);
    expect(windowOf(app)).toBe(WINDOW[30]);
    expect(Array.from(table.order)).toEqual([0]);

    // And again the night after.
    vi.advanceTimersByTime(24 * 3600_000);
    flushSync();
    expect(app.clock.today).toBe(day0 + 2);
    stop();
  });

  it('a tab shown again after sleeping through days re-reads the date; once stopped it follows no more', () => {
    const { app, day0 } = page();
    const stop = app.clock.start(document);
    // The machine slept: the clock jumped 40 days and no timer ran.
    vi.setSystemTime(new Date(2027, 0, 9, 8, 0, 0));
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(app.clock.today).toBe(day0);
    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    flushSync();
    expect(app.clock.today).toBe(day0 + 40);
    expect(windowOf(app)).toBe(WINDOW.overdue);

    stop();
    vi.setSystemTime(new Date(2027, 0, 12, 8, 0, 0));
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(3 * 24 * 3600_000);
    expect(app.clock.today).toBe(day0 + 40);
  });
});
