/** SPEC §4.1 in the mapping step: an export without a last-touch column and with usage as seats in use ÷ seats. */
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import MappingPanel from '../../src/components/MappingPanel.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import Host from './AppHost.svelte';
import { persisted } from './persisted';

const HEADER = 'Customer,Segment,ARR,Renewal_Date,NPS,Tickets_Last_90d,CSAT,Logins_Last_30d,Active_Users,Total_Seats';
const ROWS = [
  'Brightwater Labs,Enterprise,"$480,000",2026-11-30,40,3,4.4,812,170,200',
  'Quillfeather,SMB,"$18,000",2026-07-01,-20,9,3.1,40,4,10',
  'Orchard Nine,Mid-Market,"$96,000",2027-01-15,10,2,3.9,150,30,60',
];
const csv = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

async function setup() {
  const app = new AppState();
  const { set } = await persisted(app);
  render(Host, { props: { app, component: MappingPanel } });
  return { app, set };
}

describe('SPEC §4.1 the mapping step offers to score on the inputs the export has', () => {
  it('names the absent column, shows the renormalised weights and 3 of 4 inputs, and the seat ratio; one click scores', async () => {
    const { app, set } = await setup();
    await app.importFlow.begin({ kind: 'text', text: csv(ROWS), name: 'cs.csv' });
    expect(app.importFlow.phase).toBe('mapping');
    expect(screen.getByRole('alert').textContent).toContain('This export has no column for days since last touch');
    expect(screen.getByTestId('inputs-used').dataset.value).toBe('3');
    expect(screen.getByTestId('inputs-used').textContent).toBe('Scored on 3 of 4 inputs');
    expect(screen.getByTestId('renormalised-weights').textContent).toBe('no last touch column: 25/30/25 → 31.25/37.5/31.25');
    // The seat ratio is proposed, and both sentiment columns are named.
    expect((screen.getByTestId('map-usage') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Active_Users');
    expect((screen.getByTestId('map-usage-of') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Total_Seats');
    expect(screen.getByTestId('usage-ratio').textContent).toContain('Active_Users ÷ Total_Seats × 100, capped at 100');
    expect((screen.getByTestId('map-sentiment') as HTMLSelectElement).selectedOptions[0].textContent).toBe('NPS');
    expect(screen.getByText(/the file also has CSAT/)).toBeTruthy();
    expect(app.portfolio.columns).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Score on the 3 inputs it has' }));
    await waitFor(() => expect(app.importFlow.phase).toBe('done'));
    expect(app.portfolio.columns?.count).toBe(3);
    expect(Array.from(app.portfolio.columns?.usage ?? [])).toEqual([85, 40, 50]);
    expect(screen.queryByTestId('score-partial')).toBeNull();
    expect(screen.getByTestId('inputs-used').dataset.value).toBe('3');
    // Remembered with the mapping for this header set.
    await waitFor(() => expect(set.mock.calls.map((c) => c[0])).toContain('mappings'));
    const remembered = Object.values(app.mappings)[0];
    expect(remembered).toMatchObject({ partial: true, fields: { usage: 'active users', 'usage-of': 'total seats', sentiment: 'nps' } });
    expect(remembered.fields['last-touch']).toBeUndefined();
  });

  it('choosing CSAT instead of NPS for sentiment keeps the offer', async () => {
    const { app } = await setup();
    await app.importFlow.begin({ kind: 'text', text: csv(ROWS), name: 'cs.csv' });
    await userEvent.selectOptions(screen.getByTestId('map-sentiment'), 'CSAT');
    expect(app.importFlow.mapping.sentiment).toBe(6);
    expect(screen.getByText(/the file also has NPS/)).toBeTruthy();
    await userEvent.click(screen.getByTestId('score-partial'));
    await waitFor(() => expect(app.importFlow.phase).toBe('done'));
    expect(app.importFlow.result?.decisions.sentimentScale).toBe('1-5');
  });

  it('a blank NPS cell: reported until "score rows with a blank input" is ticked, then scored; the header set is remembered', async () => {
    const { app } = await setup();
    const blank = [...ROWS.slice(0, 2), 'Orchard Nine,Mid-Market,"$96,000",2027-01-15,,2,3.9,150,30,60'];
    await app.importFlow.begin({ kind: 'text', text: csv(blank), name: 'cs.csv' });
    await userEvent.click(screen.getByTestId('score-partial'));
    await waitFor(() => expect(app.importFlow.phase).toBe('done'));
    expect(app.portfolio.columns?.count).toBe(2);
    expect(app.portfolio.source?.issues).toEqual([{ line: 4, reason: 'Orchard Nine: sentiment is empty' }]);

    const box = screen.getByRole('checkbox', { name: 'Score rows with a blank input on the inputs they have' });
    expect((box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    await waitFor(() => expect(app.portfolio.columns?.count).toBe(3));
    expect(app.portfolio.source?.issueTotal).toBe(0);
    expect(app.portfolio.source?.decisions).toMatchObject({ partial: true, scoreBlankRows: true });
    expect(app.portfolio.columns?.sentiment[2]).toBeNaN();
  });

  it('without a name or MRR/ARR the offer cannot score', async () => {
    const { app } = await setup();
    await app.importFlow.begin({ kind: 'text', text: 'Customer,NPS\nA,10\n', name: 'x.csv' });
    expect(app.importFlow.phase).toBe('mapping');
    expect((screen.getByTestId('score-partial') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('inputs-used').dataset.value).toBe('2');
  });
});
