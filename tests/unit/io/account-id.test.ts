import { nameAt } from '../../../src/lib/engine';
import { parseText } from '../../../src/lib/io/import-pipeline';
import { dayOfIso } from '../../../src/lib/io/calendar';

const CSV = [
  'Account ID,Account Name,MRR,Last Touch Date,Usage %,Sentiment',
  ' A-1 ,Acme,24000,2026-02-05,42,55',
  ',Beta,1000,2026-03-01,50,50',
  'C-3,,1000,2026-03-01,50,50', // no name: unscorable, its id goes with it
  'D-4,Delta,2000,2026-03-10,60,60',
].join('\n');

describe('SPEC §4.6 the account id column', () => {
  const r = parseText(CSV, { today: dayOfIso('2026-03-15') });
  it('is mapped from "Account ID" and kept per scored row, trimmed (blank stays blank)', () => {
    expect(r.ok && r.value.mapping.id).toBe(0);
    const ids = r.ok && r.value.columns.id;
    expect(ids && [0, 1, 2].map((i) => nameAt(ids, i))).toEqual(['A-1', '', 'D-4']);
  });
  it('is absent when no id column is mapped', () => {
    const noId = parseText('Account Name,MRR,Days Since Last Touch,Usage %,Sentiment\nAcme,24000,38,42,55', {});
    expect(noId.ok && 'id' in noId.value.columns).toBe(false);
  });
});

describe('SPEC §4.6 last-touch dates count to the "as of" date', () => {
  it.each([
    ['as of 2026-03-15', '2026-03-15', [38, 14, 5]],
    ['as of 2026-03-10 (the export is five days older)', '2026-03-10', [33, 9, 0]],
  ])('%s', (_, asOf, days) => {
    const r = parseText(CSV, { today: dayOfIso(asOf) });
    expect(r.ok && [...r.value.columns.days]).toEqual(days);
  });
});

describe('YYYY-MM-DD days', () => {
  it.each([
    ['2026-03-15', 20527],
    ['1970-01-01', 0],
    ['2026-02-30', NaN],
    ['15/03/2026', NaN],
    ['', NaN],
  ])('%j → %d', (iso, day) => expect(dayOfIso(iso)).toBe(day));
});
