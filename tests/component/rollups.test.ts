import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CoverageFromData from '../../src/components/CoverageFromData.svelte';
import Renewals from '../../src/components/Renewals.svelte';
import ActFirst from '../../src/components/ActFirst.svelte';
import Rollups from '../../src/components/Rollups.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { SAMPLE_SOURCE_NAME } from '../../src/lib/state/portfolio.svelte';
import { columns } from '../fixtures/columns';
import Host from './AppHost.svelte';

const TODAY = 20_000;

/** Acme: the §4.2 example (Watch, $288,000); Globex: Risk ($600,000); Initech: Healthy; owners Kim and Lee. */
function app(sourceName = 'accounts.csv'): AppState {
  const a = new AppState();
  a.clock.today = TODAY;
  const c = columns([
    ['Acme', 24000, 38, 42, 55],
    ['Globex', 50000, 80, 10, 20],
    ['Initech', 2000, 5, 95, 90],
  ]);
  a.portfolio.load(
    {
      ...c,
      owner: new Uint32Array([1, 2, 1]), ownerDict: ['', 'Kim', 'Lee'],
      segment: new Uint32Array([1, 1, 0]), segmentDict: ['', 'Enterprise'],
      renewal: new Float64Array([TODAY + 20, TODAY - 1, Number.NaN]),
    },
    { name: sourceName, importedAt: '2026-11-23T10:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0 },
    undefined,
    sourceName === SAMPLE_SOURCE_NAME ? 'sample' : 'import',
  );
  return a;
}

describe('Rollups', () => {
  it('lists owners largest Risk ARR first with raw numbers, and a name asks the table for its accounts', async () => {
    const a = app();
    render(Host, { app: a, component: Rollups });
    const owners = await screen.findByRole('table', { name: 'Owners (CSMs)' });
    const rows = within(owners).getAllByTestId('rollup-owner');
    expect(rows.map((r) => r.dataset.owner)).toEqual(['Lee', 'Kim']);
    const lee = within(rows[0]);
    expect(lee.getByRole('button').textContent).toBe('Lee');
    expect(rows[0].querySelector('[data-col="risk-arr"]')!.getAttribute('data-value')).toBe('600000');
    expect(rows[0].querySelector('[data-col="risk-share"]')!.getAttribute('data-value')).toBe('100');
    expect(rows[1].querySelector('[data-col="accounts"]')!.getAttribute('data-value')).toBe('2');
    await userEvent.click(screen.getByRole('button', { name: 'Show the accounts of Kim in the table' }));
    expect(a.rollups.tableFocus).toMatchObject({ by: 'owner', name: 'Kim' });
    const segments = screen.getByRole('table', { name: 'Segments' });
    expect(within(segments).getAllByTestId('rollup-segment').map((r) => r.dataset.segment)).toEqual(['Enterprise', 'No segment']);
  });
});

describe('SPEC §4.4 the blank owner is "Unassigned" and the blank segment "No segment" in every view', () => {
  /** Globex (Risk) has no owner and no segment; Acme (Watch, SMB) is owned by someone actually called "Unassigned". */
  function blankBook(): AppState {
    const a = new AppState();
    a.clock.today = TODAY;
    const c = columns([['Acme', 24000, 38, 42, 55], ['Globex', 50000, 80, 10, 20]]);
    a.portfolio.load(
      { ...c, owner: new Uint32Array([1, 0]), ownerDict: ['', 'Unassigned'], segment: new Uint32Array([1, 0]), segmentDict: ['', 'SMB'] },
      { name: 'accounts.csv', importedAt: '2026-11-23T10:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0 },
    );
    return a;
  }

  it('roll-ups: the blank row is tagged, so a real owner named "Unassigned" is told apart', async () => {
    render(Host, { app: blankBook(), component: Rollups });
    const owners = within(await screen.findByRole('table', { name: 'Owners (CSMs)' })).getAllByTestId('rollup-owner');
    expect(owners.map((r) => [r.dataset.owner, r.dataset.blank ?? null])).toEqual([['Unassigned', 'true'], ['Unassigned', null]]);
    const segments = within(screen.getByRole('table', { name: 'Segments' })).getAllByTestId('rollup-segment');
    expect(segments.map((r) => [r.dataset.segment, r.dataset.blank ?? null])).toEqual([['No segment', 'true'], ['SMB', null]]);
  });

  it('act-first names the blank owner as the roll-ups do', async () => {
    render(Host, { app: blankBook(), component: ActFirst });
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.small')!.textContent)).toEqual(['Unassigned · renews —', 'Unassigned · renews —']);
    expect(screen.queryByText(/no owner/i)).toBeNull();
  });
});

describe('Renewals', () => {
  it('shows each window with raw numbers and answers the 90-day question', async () => {
    render(Host, { app: app(), component: Renewals });
    expect((await screen.findByTestId('renewal-overdue-risk-arr')).dataset.value).toBe('600000');
    expect(screen.getByTestId('renewal-30-arr').dataset.value).toBe('288000');
    expect(screen.getByTestId('renewal-none-count').dataset.value).toBe('1');
    expect(screen.getByTestId('renewal-risk-arr-90').dataset.value).toBe('0');
    expect(screen.getByText(/Risk ARR renewing in the next 90 days/)).toBeTruthy();
  });
});

describe('CoverageFromData', () => {
  it('offers the book ratio beside the KPI and fills it only when pressed', async () => {
    const a = app();
    render(Host, { app: a, component: CoverageFromData });
    expect(screen.getByTestId('coverage-from-data').dataset.value).toBe('1.5');
    expect(a.scorecard.texts['accounts-per-csm']).toBeUndefined();
    await userEvent.click(screen.getByRole('button', { name: 'Use 1:1.5' }));
    expect(a.scorecard.texts['accounts-per-csm']).toBe('1.5');
    expect(screen.getByRole('button', { name: 'In use' })).toHaveProperty('disabled', true);
  });

  it('is not offered for the sample portfolio', () => {
    render(Host, { app: app(SAMPLE_SOURCE_NAME), component: CoverageFromData });
    expect(screen.queryByTestId('coverage-from-data')).toBeNull();
    expect(screen.queryByRole('button', { name: /Use 1:/ })).toBeNull();
  });
});
