/** SPEC §4.1: an input with no value shows as "—" in the account table, never as 0. */
import { cellOf } from '../../../src/lib/table/columns';
import { columns } from '../../fixtures/columns';

describe('account table cells of an account scored on fewer inputs', () => {
  const c = columns([['A', 1000, NaN, 40, NaN], ['B', 2000, 12, NaN, 0]]);
  const s = { score: Uint8Array.of(50, 60), band: Uint8Array.of(1, 1), atRisk: Float64Array.of(0, 0), missing: Uint8Array.of(5, 2) };

  it.each([
    ['days', 0, { text: '—', value: '' }],
    ['usage', 0, { text: '40 %', value: '40' }],
    ['sentiment', 0, { text: '—', value: '' }],
    ['days', 1, { text: '12', value: '12' }],
    ['usage', 1, { text: '—', value: '' }],
    ['sentiment', 1, { text: '0', value: '0' }],
  ] as const)('%s of row %d → %j', (key, row, want) => expect(cellOf(key, c, s, row)).toEqual(want));
});
