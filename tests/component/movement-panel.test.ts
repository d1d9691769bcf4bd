import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { AppState } from '../../src/lib/state/app.svelte';
import { columns } from '../fixtures/columns';
import Host from './MovementHost.svelte';

const source = (name: string, asOf: string) => ({ name, importedAt: `${asOf}T09:00:00.000Z`, decisions: { fields: {} }, issues: [], issueTotal: 0, asOf });

/** 30 Sep → 30 Dec (91 days): Acme Healthy → Risk ($216,000 now), Beta (Risk, $12,000) gone, Gamma new (Healthy), "Dup" twice now. */
function app(): AppState {
  const a = new AppState();
  a.movement.keep({ columns: columns([['Acme', 20_000, 5, 90, 90], ['Beta', 1000, 80, 10, 10]]), source: source('sep.csv', '2025-09-30') });
  a.portfolio.load(
    columns([['Acme', 18_000, 85, 10, 10], ['Gamma', 3000, 5, 90, 90], ['Dup', 1000, 5, 90, 90], ['dup ', 1000, 5, 90, 90]]),
    source('dec.csv', '2025-12-30'),
  );
  return a;
}

describe('SPEC §4.6 movement panel', () => {
  it('shows nothing without a previous import', () => {
    const a = new AppState();
    a.portfolio.load(columns([['Acme', 18_000, 85, 10, 10]]), source('dec.csv', '2025-12-30'));
    render(Host, { app: a });
    expect(screen.queryByRole('region', { name: 'Since the previous import' })).toBeNull();
  });

  it('the matrix, the bridge, new, gone and ambiguous, with raw values in data-value', () => {
    render(Host, { app: app() });
    const panel = screen.getByRole('region', { name: 'Since the previous import' });
    const matrix = within(panel).getByRole('table');
    expect(within(matrix).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByTestId('move-healthy-risk-count').dataset.value).toBe('1');
    expect(screen.getByTestId('move-healthy-risk-arr').dataset.value).toBe('216000');
    expect(screen.getByTestId('risk-bridge-previous').dataset.value).toBe('12000');
    expect(screen.getByTestId('risk-bridge-into').dataset.value).toBe('216000');
    expect(screen.getByTestId('risk-bridge-gone').dataset.value).toBe('12000');
    expect(screen.getByTestId('risk-bridge-current').dataset.value).toBe('216000');
    expect(screen.getByTestId('move-new-count').dataset.value).toBe('1');
    expect(screen.getByTestId('move-gone-count').dataset.value).toBe('1');
    expect(screen.getByTestId('move-ambiguous-count').dataset.value).toBe('1');
    expect(within(screen.getByTestId('move-ambiguous-keys')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Dup']);
    expect(screen.getByTestId('movement-sentence').textContent).toBe(
      'Risk ARR rose $204K since 30 Sep 2025: $216K moved in (1 account), $0 moved out (0), $12K gone.',
    );
  });

  it('a measured KPI fills the scorecard only when its button is pressed', async () => {
    const a = app();
    render(Host, { app: a });
    const grr = screen.getByTestId('measured-grr');
    expect(grr.dataset.period).toBe('91');
    expect(a.scorecard.texts.grr).toBeUndefined();
    await userEvent.click(screen.getByRole('button', { name: 'Use as the GRR KPI' }));
    expect(a.scorecard.texts.grr).toBe(Number(grr.dataset.value).toFixed(1));
  });
});
