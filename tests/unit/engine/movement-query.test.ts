import { DEFAULT_CALIBRATION, movement, queryAccounts, scoreColumns, type AccountQuery, type Calibration } from '../../../src/lib/engine';
import { cellOf, tableColumns, TABLE_COLUMNS } from '../../../src/lib/table/columns';
import { columns } from '../../fixtures/columns';

// Score = usage (all the weight on usage): Healthy ≥ 70, Watch 45–69, Risk < 45.
const CAL: Calibration = { ...DEFAULT_CALIBRATION, weights: { mrr: 0, touch: 0, usage: 100, sentiment: 0 } };
const row = (name: string, usage: number): [string, number, number, number, number] => [name, 1000, 10, usage, 50];
const prev = columns([row('Down', 80), row('Up', 30), row('Same', 50), row('Dup', 10), row('dup', 10)]);
const cur = columns([row('Down', 50), row('Up', 75), row('Same', 60), row('New', 20), row('Dup', 40)]);
const ps = scoreColumns(prev, CAL);
const cs = scoreColumns(cur, CAL);
const m = movement({ cols: prev, scored: ps, asOfDay: 0 }, { cols: cur, scored: cs, asOfDay: 30 });
const q = (over: Partial<AccountQuery>): AccountQuery => ({
  sort: 'name', dir: 'asc', bands: [], owner: null, segment: null, renewalWithin: null, today: 0, search: '', ...over,
});
const names = (idx: Uint32Array) => [...idx].map((i) => ['Down', 'Up', 'Same', 'New', 'Dup'][i]);

describe('SPEC §4.6 table filter: moved down a band / moved up / new', () => {
  it.each([
    ['down', ['Down']], // Healthy → Watch
    ['up', ['Up']], // Risk → Healthy
    ['new', ['New']], // the ambiguous Dup is not new
    [null, ['Down', 'Dup', 'New', 'Same', 'Up']],
  ] as const)('%s → %j', (moved, want) => expect(names(queryAccounts(cur, cs, q({ moved }), m))).toEqual(want));
});

describe('SPEC §4.6 table columns Δ and previous band', () => {
  it('sort by Δ, largest fall first; accounts without a previous one last', () =>
    expect(names(queryAccounts(cur, cs, q({ sort: 'delta', dir: 'asc' }), m))).toEqual(['Down', 'Same', 'Up', 'New', 'Dup']));
  it('sort by previous band, Risk first', () =>
    expect(names(queryAccounts(cur, cs, q({ sort: 'previous-band', dir: 'desc' }), m))).toEqual(['Up', 'Same', 'Down', 'New', 'Dup']));
  it.each([
    [0, '−30', '-30', 'healthy'],
    [1, '+45', '45', 'risk'],
    [3, 'new', '', 'new'],
    [4, '—', '', '—'],
  ])('row %d: Δ %s (data-value %j), previous band %s', (i, text, value, band) => {
    expect(cellOf('delta', cur, cs, i, m)).toEqual({ text, value });
    expect(cellOf('previous-band', cur, cs, i, m).text).toBe(band);
  });
  it('the columns appear only with a previous import', () => {
    expect(tableColumns(false)).toBe(TABLE_COLUMNS);
    expect(tableColumns(true).map((c) => c.col).slice(0, 6)).toEqual(['name', 'arr', 'score', 'delta', 'band', 'previous-band']);
  });
});
