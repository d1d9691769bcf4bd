import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import {
  calibrationKey, matchAccounts, movement, scoreColumns, DEFAULT_CALIBRATION, type AccountColumns, type AccountMatch, type PreparedPrevious,
} from '../../src/lib/engine';
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

describe('SPEC §4.6 movement of the stored pair, prepared in the worker at start-up (MovementState.restore)', () => {
  /** SEP and DEC as the start-up worker prepares them under the default calibration. */
  function prepared(): PreparedPrevious {
    const scored = scoreColumns(SEP, DEFAULT_CALIBRATION);
    const match = matchAccounts(SEP, DEC);
    const cur = { cols: DEC, scored: scoreColumns(DEC, DEFAULT_CALIBRATION), asOfDay: 20_452 };
    return { key: calibrationKey(DEFAULT_CALIBRATION), scored, match, movement: movement({ cols: SEP, scored, asOfDay: 20_361 }, cur, match) };
  }
  /** The stored pair shown, its preparation answered by hand. */
  function restoring() {
    const { a, runs } = app();
    let answer: (p: PreparedPrevious | null) => void = () => {};
    a.portfolio.load(DEC, source('dec.csv', '2025-12-30'));
    a.movement.keep({ columns: SEP, source: source('sep.csv', '2025-09-30') });
    a.movement.restore(SEP, DEC, new Promise((resolve) => (answer = resolve)));
    return { a, runs, answer };
  }

  it('says it is comparing and matches nothing on the page until the worker answers, then shows what it prepared', async () => {
    const { a, runs, answer } = restoring();
    render(Host, { app: a });
    expect([screen.getByRole('status').textContent, a.movement.result, runs.length]).toEqual(['Comparing with the previous import…', null, 0]);
    const p = prepared();
    answer(p);
    await vi.waitFor(() => expect(screen.getByTestId('movement')).toBeInTheDocument());
    expect([a.movement.result === p.movement, a.movement.previousScored === p.scored, a.movement.comparing, runs.length]).toEqual([true, true, false, 0]);
    expect(screen.getByTestId('move-new-count').dataset.value).toBe('1');
  });

  it('a calibration change scores both imports here with the prepared match: the same numbers as without the worker, no new match', async () => {
    const { a, runs, answer } = restoring();
    const p = prepared();
    answer(p);
    await vi.waitFor(() => expect(a.movement.result).toBe(p.movement));
    a.portfolio.setThreshold('risk', 5);
    const cal = a.portfolio.calibration;
    const scored = scoreColumns(SEP, cal);
    expect(a.movement.result).toEqual(movement({ cols: SEP, scored, asOfDay: 20_361 }, { cols: DEC, scored: scoreColumns(DEC, cal), asOfDay: 20_452 }, p.match));
    expect([a.movement.result === p.movement, runs.length]).toEqual([false, 0]);
  });

  it('when the worker could not prepare the pair, it is matched as any other', async () => {
    const { a, runs, answer } = restoring();
    expect(a.movement.comparing).toBe(true);
    answer(null);
    // Read as the panel reads it: still comparing, now through an off-page match of its own.
    await vi.waitFor(() => expect([a.movement.comparing, runs.length]).toEqual([true, 1]));
    runs[0].answer(matchAccounts(SEP, DEC));
    await vi.waitFor(() => expect(a.movement.result).toEqual(prepared().movement));
  });

  it('an answer for a pair no longer shown is dropped', async () => {
    const { a, runs, answer } = restoring();
    a.movement.keep({ columns: DEC, source: source('dec.csv', '2025-12-30') });
    a.portfolio.load(JAN, source('jan.csv', '2026-01-30'));
    answer(prepared());
    await tick();
    await Promise.resolve();
    expect([a.movement.result, a.movement.comparing, runs.map((r) => [r.prev, r.cur])]).toEqual([null, true, [[DEC, JAN]]]);
  });
});
