/** A heavy part of the page renders a task after the update that changed what it shows (state/trailing.svelte.ts). */
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { ScorecardState } from '../../src/lib/state/scorecard.svelte';
import Host from './TrailingHost.svelte';

const nextTask = () => new Promise((r) => setTimeout(r, 0));
const shown = () => screen.getByTestId('trailing').textContent;

describe('Trailing', () => {
  it('starts equal to the value, then follows it one task behind', async () => {
    const sc = new ScorecardState();
    render(Host, { read: () => sc.stage });
    expect(shown()).toBe('series-b');
    sc.stage = 'public';
    flushSync();
    expect(shown()).toBe('series-b');
    await nextTask();
    flushSync();
    expect(shown()).toBe('public');
  });

  it('shows only the last of several changes within a task', async () => {
    const sc = new ScorecardState();
    render(Host, { read: () => sc.stage });
    sc.stage = 'series-a';
    flushSync();
    sc.stage = 'series-c';
    flushSync();
    await nextTask();
    flushSync();
    expect(shown()).toBe('series-c');
  });

  it('a change back to the value shown before the task ran shows nothing new', async () => {
    const sc = new ScorecardState();
    render(Host, { read: () => sc.stage });
    sc.stage = 'public';
    flushSync();
    sc.stage = 'series-b';
    flushSync();
    await nextTask();
    flushSync();
    expect(shown()).toBe('series-b');
  });
});
