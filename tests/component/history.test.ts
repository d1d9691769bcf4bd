import { AppState } from '../../src/lib/state/app.svelte';
import { SAMPLE_SOURCE_NAME } from '../../src/lib/state/portfolio.svelte';
import { snapshotOf } from '../../src/lib/state/audit';
import { columns } from '../fixtures/columns';

const source = (name: string) => ({ name, importedAt: '2026-11-23T00:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0 });

describe('audit snapshot', () => {
  it('keeps the portfolio totals of the user\'s own accounts', () => {
    const app = new AppState();
    app.portfolio.load(columns([['Acme', 24000, 38, 42, 55]]), source('pasted'));
    expect(snapshotOf(app).portfolio).toMatchObject({ totalArr: 288000, bands: { watch: { count: 1, atRiskArr: 146880 } } });
  });

  it('leaves the sample portfolio out', () => {
    const app = new AppState();
    app.portfolio.load(columns([['Acme', 24000, 38, 42, 55]]), source(SAMPLE_SOURCE_NAME), undefined, 'sample');
    expect(snapshotOf(app).portfolio).toBeUndefined();
  });
});
