import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { matchAccounts, type AccountColumns, type AccountMatch } from '../../src/lib/engine';
import type { RunningMatch } from '../../src/lib/movement/match-client';
import { AppState } from '../../src/lib/state/app.svelte';
import { MovementState } from '../../src/lib/state/movement.svelte';
import { columns } from '../fixtures/columns';
import Host from './MovementHost.svelte';

const source = (name: string, asOf: string) => ({ name, importedAt: `${asOf}T09:00:00.000Z`, decisions: { fields: {} }, issues: [], issueTotal: 0, asOf });
const SEP = columns([['Acme', 20_000, 5, 90, 90], ['Beta', 1000, 80, 10, 10]]);
const DEC = columns([['Acme', 18_000, 85, 10, 10], ['Gamma', 3000, 5, 90, 90]]);
const JAN = columns([['Acme', 18_000, 5, 90, 90], ['Gamma', 3000, 5, 90, 90], ['Delta', 500, 5, 90, 90]]);

/** An app whose movement matches "off the page" through runs the test answers by hand. */
function app() {
  const runs: Array<{ prev: AccountColumns; cur: AccountColumns; answer: (m: AccountMatch | null) => void; cancel: ReturnType<typeof vi.fn> }> = [];
  const a = new AppState();
  const release = vi.fn();
  a.movement = new MovementState(a.portfolio, (prev, cur): RunningMatch => {
    let answer: (m: AccountMatch | null) => void = () => {};
    const promise = new Promise<AccountMatch | null>((resolve) => (answer = resolve));
    const cancel = vi.fn(() => answer(null));
    runs.push({ prev, cur, answer, cancel });
    return { promise, cancel };
  }, release);
  return { a, runs, release };
}

describe('SPEC §4.6 movement of big books, matched off the page', () => {
  it('says "Comparing with the previous import…" and shows no movement until the match arrives, then the whole panel', async () => {
    const { a, runs } = app();
    a.movement.keep({ columns: SEP, source: source('sep.csv', '2025-09-30') });
    a.portfolio.load(DEC, source('dec.csv', '2025-12-30'));
    render(Host, { app: a });
    expect(screen.getByRole('status')).toHaveTextContent('Comparing with the previous import…');
    expect(screen.queryByTestId('movement')).toBeNull();
    expect(a.movement.result).toBeNull();
    expect(runs).toHaveLength(1);

    runs[0].answer(matchAccounts(SEP, DEC));
    await vi.waitFor(() => expect(screen.getByTestId('movement')).toBeInTheDocument());
    expect(screen.queryByText('Comparing with the previous import…')).toBeNull();
    expect(a.movement.comparing).toBe(false);
    expect(screen.getByTestId('move-new-count').dataset.value).toBe('1');
    expect(screen.getByTestId('move-gone-count').dataset.value).toBe('1');
  });

  it('a calibration change re-scores with the match it has: no new match', async () => {
    const { a, runs } = app();
    a.movement.keep({ columns: SEP, source: source('sep.csv', '2025-09-30') });
    a.portfolio.load(DEC, source('dec.csv', '2025-12-30'));
    expect(a.movement.result).toBeNull();
    runs[0].answer(matchAccounts(SEP, DEC));
    await vi.waitFor(() => expect(a.movement.result).not.toBeNull());
    a.portfolio.setThreshold('risk', 5);
    expect(a.movement.result).not.toBeNull();
    expect(runs).toHaveLength(1);
  });

  it('a match superseded by a newer import is dropped: its run is cancelled, a late answer ignored', async () => {
    const { a, runs } = app();
    a.movement.keep({ columns: SEP, source: source('sep.csv', '2025-09-30') });
    a.portfolio.load(DEC, source('dec.csv', '2025-12-30'));
    expect(a.movement.comparing).toBe(true);
    a.movement.keep({ columns: DEC, source: source('dec.csv', '2025-12-30') });
    a.portfolio.load(JAN, source('jan.csv', '2026-01-30'));
    expect(a.movement.comparing).toBe(true);
    expect(runs).toHaveLength(2);
    expect(runs[0].cancel).toHaveBeenCalled();
    runs[0].answer(matchAccounts(SEP, DEC)); // too late: the first pair is no longer shown
    await tick();
    await Promise.resolve();
    expect(a.movement.result).toBeNull();
    runs[1].answer(matchAccounts(DEC, JAN));
    await vi.waitFor(() => expect(a.movement.result?.added.count).toBe(1));
    expect(a.movement.result!.prevRow).toHaveLength(3);
  });

  it('no previous import (cleared) stops the run, and the worker lets go of the book it kept: nothing is compared', () => {
    const { a, runs, release } = app();
    a.movement.keep({ columns: SEP, source: source('sep.csv', '2025-09-30') });
    a.portfolio.load(DEC, source('dec.csv', '2025-12-30'));
    expect(a.movement.comparing).toBe(true);
    expect(release).not.toHaveBeenCalled();
    a.movement.keep(null);
    expect(a.movement.comparing).toBe(false);
    expect(runs[0].cancel).toHaveBeenCalled();
    expect(release).toHaveBeenCalled();
  });
});
