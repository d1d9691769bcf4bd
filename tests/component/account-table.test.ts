import { accountColumns } from '../fixtures/columns';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import userEvent from '@testing-library/user-event';
import type { AccountColumns } from '../../src/lib/engine';
import { todayEpochDay } from '../../src/lib/io/calendar';
import { AppState } from '../../src/lib/state/app.svelte';
import Host from './AccountTableHost.svelte';

const download = vi.hoisted(() => ({ downloadBlob: vi.fn<(blob: Blob, name: string) => void>() }));
vi.mock('../../src/lib/io/download', async (orig) => ({ ...(await orig<typeof import('../../src/lib/io/download')>()), ...download }));

type Row = [name: string, mrr: number, days: number, usage: number, sentiment: number, owner: string, segment: string, renewsIn: number];

/** AccountColumns from readable rows; owner/segment '' is "none", renewsIn NaN is unknown. */
function columns(rows: Row[]): AccountColumns {
  const ownerDict = [''];
  const segmentDict = [''];
  const code = (dict: string[], v: string) => (v === '' ? 0 : dict.includes(v) ? dict.indexOf(v) : dict.push(v) - 1);
  const today = todayEpochDay();
  const names = rows.map((r) => r[0]);
  const seen = new Map<string, number>();
  for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  return accountColumns(
    rows.map((r) => ({
      name: r[0], mrr: r[1], days: r[2], usage: r[3], sentiment: r[4], owner: code(ownerDict, r[5]), segment: code(segmentDict, r[6]),
      renewal: today + r[7], duplicate: seen.get(r[0])! > 1 ? 1 : 0,
    })),
    { ownerDict, segmentDict },
  );
}

const ROWS: Row[] = [
  ['Acme', 24000, 38, 42, 55, 'Dana', 'Enterprise', 20], // SPEC worked example: 49, Watch, $146,880
  ['Globex', 50000, 80, 10, 20, 'Lee', 'Mid-market', 75], // Risk
  ['Initech', 2000, 5, 95, 90, 'Dana', 'SMB', NaN], // Healthy
  ['Umbrella', 8000, 60, 30, 40, '', 'SMB', 45], // Risk
  ['Hooli', 1500, 10, 80, 80, 'Lee', '', 10],
  ['Hooli', 3000, 20, 60, 70, 'Lee', '', NaN],
];

function renderTable(cols: AccountColumns = columns(ROWS)) {
  const app = new AppState();
  app.portfolio.columns = cols;
  render(Host, { props: { app } });
  return app;
}

const rows = () => screen.queryAllByTestId('account-row');
const col = (row: HTMLElement, name: string) => row.querySelector<HTMLElement>(`[data-col="${name}"]`)!.dataset.value!;
const names = () => rows().map((r) => col(r, 'name'));
const values = (name: string) => rows().map((r) => Number(col(r, name)));

describe('account table (SPEC §4.3)', () => {
  it('shows every account with raw values, by at-risk ARR first, and counts them', () => {
    renderTable();
    expect(rows()).toHaveLength(6);
    expect(screen.getByTestId('account-count')).toHaveTextContent('6 of 6 accounts');
    const atRisk = values('at-risk-arr');
    expect(atRisk).toEqual([...atRisk].sort((a, b) => b - a));
    const acme = rows().find((r) => col(r, 'name') === 'Acme')!;
    expect([col(acme, 'score'), col(acme, 'band'), col(acme, 'at-risk-arr'), col(acme, 'arr')]).toEqual(['49', 'watch', '146880', '288000']);
    expect(within(acme).getByText('Watch')).toBeInTheDocument();
    expect(within(acme).getByText('$146,880')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'At-risk ARR' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('a new portfolio reaches the table one task after the rest of the page (bands paint first), then shows whole', async () => {
    const app = renderTable();
    app.portfolio.columns = columns([['Solo Ltd', 5000, 1, 90, 90, 'Kim', 'SMB', 30]]);
    flushSync();
    // Same task: the page's totals have the new book, the table still shows the last one, whole.
    expect(app.portfolio.rollup?.count).toBe(1);
    expect(rows()).toHaveLength(6);
    await waitFor(() => expect(names()).toEqual(['Solo Ltd']));
    expect(screen.getByTestId('account-count')).toHaveTextContent('1 of 1 accounts');
  });

  it('flags duplicate names and shows unknown renewals as —', () => {
    renderTable();
    const hoolis = rows().filter((r) => col(r, 'name') === 'Hooli');
    expect(hoolis).toHaveLength(2);
    for (const h of hoolis) expect(within(h).getByText('(duplicate name)')).toBeInTheDocument();
    const initech = rows().find((r) => col(r, 'name') === 'Initech')!;
    expect(initech.querySelector('[data-col="renewal"]')).toHaveTextContent('—');
    expect(col(initech, 'renewal')).toBe('');
  });

  it('sorts by a column header, toggling direction and aria-sort', async () => {
    renderTable();
    const header = screen.getByRole('columnheader', { name: 'Score' });
    await userEvent.click(within(header).getByRole('button', { name: 'Score' }));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: 'At-risk ARR' })).toHaveAttribute('aria-sort', 'none');
    const desc = values('score');
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await userEvent.click(within(header).getByRole('button', { name: 'Score' }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(values('score')).toEqual([...desc].reverse());

    await userEvent.click(screen.getByRole('button', { name: 'Account' }));
    expect(screen.getByRole('columnheader', { name: 'Account' })).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['Acme', 'Globex', 'Hooli', 'Hooli', 'Initech', 'Umbrella']);
  });

  it('filters by band', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('checkbox', { name: /Risk/ }));
    expect(rows().map((r) => col(r, 'band'))).toEqual(['risk', 'risk']);
    expect(names().sort()).toEqual(['Globex', 'Umbrella']);
    expect(screen.getByTestId('account-count')).toHaveTextContent('2 of 6 accounts');
    await userEvent.click(screen.getByRole('checkbox', { name: /Healthy/ }));
    expect(new Set(rows().map((r) => col(r, 'band')))).toEqual(new Set(['risk', 'healthy']));
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rows()).toHaveLength(6);
  });

  it('filters by owner, segment and renewal window', async () => {
    renderTable();
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'Dana');
    expect(names().sort()).toEqual(['Acme', 'Initech']);
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'Any owner');
    await userEvent.selectOptions(screen.getByLabelText('Segment'), 'SMB');
    expect(names().sort()).toEqual(['Initech', 'Umbrella']);
    await userEvent.selectOptions(screen.getByLabelText('Segment'), 'Any segment');
    await userEvent.selectOptions(screen.getByLabelText('Renews within'), '30 days');
    expect(names().sort()).toEqual(['Acme', 'Hooli']);
    await userEvent.selectOptions(screen.getByLabelText('Renews within'), '60 days');
    expect(names().sort()).toEqual(['Acme', 'Hooli', 'Umbrella']);
  });

  it('names the blank owner "Unassigned" and the blank segment "No segment", in cells and filters (SPEC §4.4)', async () => {
    renderTable();
    const umbrella = rows().find((r) => col(r, 'name') === 'Umbrella')!;
    expect(umbrella.querySelector('[data-col="owner"]')).toHaveTextContent('Unassigned');
    expect(col(umbrella, 'owner')).toBe('');
    const hooli = rows().find((r) => col(r, 'name') === 'Hooli')!;
    expect(hooli.querySelector('[data-col="segment"]')).toHaveTextContent('No segment');
    const ownerOptions = Array.from((screen.getByLabelText('Owner') as HTMLSelectElement).options, (o) => o.text);
    expect(ownerOptions).toEqual(['Any owner', 'Dana', 'Lee', 'Unassigned']);
    expect(Array.from((screen.getByLabelText('Segment') as HTMLSelectElement).options, (o) => o.text).at(-1)).toBe('No segment');
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'Unassigned');
    expect(names()).toEqual(['Umbrella']);
  });

  it('searches by name after a short pause', async () => {
    renderTable();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search accounts' }), 'GLO');
    await waitFor(() => expect(names()).toEqual(['Globex']));
    expect(screen.getByTestId('account-count')).toHaveTextContent('1 of 6 accounts');
    expect(screen.getByTestId('export-accounts-csv')).toHaveAccessibleName('Export 1 shown accounts as CSV');
  });

  it('explains a row: four contributions that add up to the score (SPEC §4.2 worked example)', async () => {
    renderTable();
    const button = screen.getByRole('button', { name: 'Explain score: Acme' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const detail = screen.getByRole('region', { name: 'Why Acme scores 49' });
    expect(button).toHaveAttribute('aria-controls', detail.id);
    const parts = within(detail).getAllByTestId('contribution');
    expect(parts.map((p) => p.dataset.input)).toEqual(['mrr', 'touch', 'usage', 'sentiment']);
    const points = parts.map((p) => Number(p.querySelector('[data-value]')!.getAttribute('data-value')));
    const sum = points.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(49.41, 2);
    expect(Math.round(sum)).toBe(49);
    expect(within(detail).getByTestId('detail-score')).toHaveAttribute('data-value', '49');
    expect(within(detail).getByText('$146,880')).toBeInTheDocument();
    expect(detail).toHaveTextContent('To reach Healthy: +21 points');
    expect(detail).toHaveTextContent('No single change gets there');

    await userEvent.click(within(detail).getByRole('button', { name: 'Close explanation' }));
    expect(screen.queryByRole('region', { name: /Why Acme/ })).toBeNull();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it("explains a row with its segment's model, as the row is scored (SPEC §4.4)", async () => {
    const app = new AppState();
    const cols = columns([...ROWS, ['Partial', 24000, 38, NaN, 55, 'Dana', 'SMB', 30]]);
    app.portfolio.columns = cols;
    app.portfolio.calibration = {
      ...app.portfolio.calibration,
      segments: {
        enterprise: { label: 'Enterprise', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } },
        smb: { label: 'SMB', preset: 'custom', thresholds: { healthy: 60, risk: 35 }, weights: { mrr: 40, touch: 20, usage: 20, sentiment: 20 } },
      },
    };
    render(Host, { props: { app } });
    const acme = rows().find((r) => col(r, 'name') === 'Acme')!;
    expect([col(acme, 'score'), col(acme, 'band')]).toEqual(['49', 'risk']);
    await userEvent.click(screen.getByRole('button', { name: 'Explain score: Acme' }));
    const detail = screen.getByRole('region', { name: 'Why Acme scores 49' });
    expect(detail).toHaveTextContent('■ Risk');
    expect(within(detail).getByTestId('detail-thresholds')).toHaveTextContent('Bands for this account: Healthy ≥ 75, Risk below 55.');
    expect(detail).toHaveTextContent('To reach Watch: +6 points');
    expect(within(detail).getByTestId('band-lifts')).toHaveTextContent('Raise usage from 42 % to 59 %.');

    // A partial row of a segment with its own weights: the weights renormalised are the segment's.
    await userEvent.click(screen.getByRole('button', { name: 'Explain score: Partial' }));
    const partial = screen.getByRole('region', { name: /Why Partial scores/ });
    expect(within(partial).getByTestId('detail-inputs-used')).toHaveTextContent('weights 40/20/20 → 50/25/25');
    expect(within(partial).getByTestId('detail-thresholds')).toHaveTextContent('Healthy ≥ 60, Risk below 35.');
  });

  it('says which single change lifts an account a band, when one can', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('button', { name: 'Explain score: Umbrella' }));
    const detail = screen.getByRole('region', { name: /Why Umbrella scores/ });
    expect(detail).toHaveTextContent(/To reach Watch/);
    expect(within(detail).getByTestId('band-lifts')).toHaveTextContent(/Raise usage from 30 % to \d+ %/);
  });

  it('expands from the keyboard and moves between rows with arrow keys', async () => {
    renderTable();
    const first = screen.getAllByRole('button', { name: /^Explain score:/ })[0];
    first.focus();
    await userEvent.keyboard('{Enter}');
    expect(first).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Explain score:/ })[1]).toHaveFocus());
  });

  it('exports the shown accounts as CSV, in the table order', async () => {
    renderTable();
    const button = screen.getByTestId('export-accounts-csv');
    expect(button).toHaveAccessibleName('Export all 6 accounts as CSV');
    await userEvent.click(screen.getByRole('checkbox', { name: /Risk/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Account' }));
    await userEvent.click(screen.getByRole('button', { name: 'Account' }));
    expect(button).toHaveAccessibleName('Export 2 shown accounts as CSV');
    await userEvent.click(button);
    await waitFor(() => expect(download.downloadBlob).toHaveBeenCalledTimes(1));
    const [blob, name] = download.downloadBlob.mock.calls[0];
    expect(name).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await blob.text()).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Umbrella', 'Globex']);
  });

  it('keeps fewer than 200 rows in the DOM with 100,000 accounts, and renders where it is scrolled', async () => {
    const n = 100_000;
    const big = columns(Array.from({ length: n }, (_, i): Row => [`Account ${i}`, 1000 + i, i % 90, i % 100, (i * 7) % 100, '', '', NaN]));
    renderTable(big);
    expect(screen.getByTestId('account-count')).toHaveTextContent('100,000 of 100,000 accounts');
    const count = rows().length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(200);
    expect(screen.getByRole('table', { name: 'All accounts' })).toHaveAttribute('aria-rowcount', String(n + 1));

    const scroll = screen.getByTestId('account-scroll');
    scroll.scrollTop = 40 * 50_000;
    await fireEvent.scroll(scroll);
    await waitFor(() => expect(Number(rows()[0].getAttribute('aria-rowindex'))).toBeGreaterThan(49_000));
    expect(rows().length).toBeLessThan(200);
  });
});
