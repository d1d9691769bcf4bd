/** SPEC §4.1 "The exports people actually have" and "Usage as a ratio", on the import side. */
import { nameAt } from '../../../src/lib/engine/names';
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { absentInputs, checkMapping, missingFields } from '../../../src/lib/io/fields';
import { createColumnBuilder, parseText, type TextOptions } from '../../../src/lib/io/import-pipeline';
import { guessMapping, ratioPair, sentimentCandidates } from '../../../src/lib/io/synonyms';
import { readCount, usageRatio } from '../../../src/lib/io/usage-ratio';
import type { ImportResult } from '../../../src/lib/io/types';

const TODAY = daysFromCivil(2026, 3, 15);

/** Builds from rows with the given header, mapping and options. */
function build(header: string[], rows: string[][], opts: Partial<TextOptions> & { mapping: TextOptions['mapping'] }): ImportResult {
  const b = createColumnBuilder({ header, today: TODAY, ...opts, mapping: opts.mapping ?? {} });
  if (!b.ok) throw new Error(b.reason);
  rows.forEach((r, k) => b.value.push(r, k + 2));
  return b.value.finish();
}

const row = (r: ImportResult, i: number) => ({
  name: nameAt(r.columns.name, i), mrr: r.columns.mrr[i], days: r.columns.days[i], usage: r.columns.usage[i], sentiment: r.columns.sentiment[i],
});

describe('SPEC §4.1 an input column the export does not have', () => {
  const header = ['Customer', 'ARR', 'NPS'];
  const mapping = { name: 0, arr: 1, sentiment: 2 };

  it('without partial scoring the builder refuses and names what is missing', () => {
    const b = createColumnBuilder({ header, mapping });
    expect(b.ok).toBe(false);
    expect(b.ok ? '' : b.reason).toMatch(/^No column found for days since last touch \(or last-touch date\) and usage\./);
  });

  it.each([
    ['no last touch, no usage', { name: 0, arr: 1, sentiment: 2 }, ['last-touch', 'usage']],
    ['no sentiment', { name: 0, arr: 1, 'last-touch': 2, usage: 3 }, ['sentiment']],
    ['all four', { name: 0, mrr: 1, 'last-touch': 2, usage: 3, sentiment: 4 }, []],
  ] as const)('absentInputs: %s', (_, m, want) => expect(absentInputs(m)).toEqual(want));

  it.each([
    [false, { name: 0, arr: 1 }, ['days since last touch (or last-touch date)', 'usage', 'sentiment']],
    [true, { name: 0, arr: 1 }, []],
    [true, { arr: 1 }, ['account name']],
    [true, { name: 0 }, ['MRR or ARR']],
  ] as const)('with partial %s, %j still lacks %j (a name and MRR or ARR stay required)', (partial, m, want) =>
    expect(missingFields(m, partial)).toEqual(want));

  it('with partial scoring an unmapped input is a column of NaN, never 0, and every row is scored', () => {
    const r = build(header, [['Acme', '$288,000', '40'], ['Globex', '120000', '-20']], { mapping, partial: true });
    expect(r.scored).toBe(2);
    expect(r.unscored).toBe(0);
    expect(row(r, 0)).toEqual({ name: 'Acme', mrr: 24000, days: NaN, usage: NaN, sentiment: 70 });
    expect(row(r, 1)).toEqual({ name: 'Globex', mrr: 10000, days: NaN, usage: NaN, sentiment: 40 });
    expect(r.warnings).toEqual([]);
  });

  it('with no sentiment column, no scale is guessed for it', () => {
    const r = build(['Name', 'MRR', 'Days', 'Usage'], [['A', '1000', '3', '50']], { mapping: { name: 0, mrr: 1, 'last-touch': 2, usage: 3 }, partial: true });
    expect(row(r, 0)).toEqual({ name: 'A', mrr: 1000, days: 3, usage: 50, sentiment: NaN });
    expect(r.warnings).toEqual([]);
  });

  it('MRR stays required per row', () => {
    const r = build(header, [['Acme', '', '40']], { mapping, partial: true });
    expect(r.issues).toEqual([{ line: 2, name: 'Acme', reason: 'ARR is empty' }]);
  });
});

describe('SPEC §4.1 a blank cell in a mapped input column', () => {
  const header = ['Name', 'MRR', 'Days', 'Usage', 'NPS'];
  const mapping = { name: 0, mrr: 1, 'last-touch': 2, usage: 3, sentiment: 4 };
  const rows = [
    ['Full', '24000', '38', '42', '10'],
    ['NoNps', '24000', '38', '42', ''],
    ['NoUsage', '24000', '38', ' ', '10'],
    ['NoTouch', '24000', '', '42', '10'],
    ['Short', '24000', '38'],
  ];

  it('stays unscored and reported without scoreBlankRows', () => {
    const r = build(header, rows, { mapping });
    expect(r.scored).toBe(1);
    expect(r.unscored).toBe(4);
    expect(r.issues.map((i) => [i.line, i.reason])).toEqual([
      [3, 'sentiment is empty'],
      [4, 'usage is empty'],
      [5, 'last touch is empty'],
      [6, 'usage is missing (the row has 3 of 5 columns); sentiment is missing (the row has 3 of 5 columns)'],
    ]);
    expect(r.blankScored).toBe(0);
  });

  it('is NaN with scoreBlankRows, and the row is scored on the inputs it has; a short row is still an issue', () => {
    const r = build(header, rows, { mapping, scoreBlankRows: true, sentimentScale: 'nps' });
    expect(r.scored).toBe(4);
    expect(r.unscored).toBe(1);
    expect(r.issues.map((i) => i.line)).toEqual([6]);
    expect(r.blankScored).toBe(3);
    expect([0, 1, 2, 3].map((i) => row(r, i))).toEqual([
      { name: 'Full', mrr: 24000, days: 38, usage: 42, sentiment: 55 },
      { name: 'NoNps', mrr: 24000, days: 38, usage: 42, sentiment: NaN },
      { name: 'NoUsage', mrr: 24000, days: 38, usage: NaN, sentiment: 55 },
      { name: 'NoTouch', mrr: 24000, days: NaN, usage: 42, sentiment: 55 },
    ]);
    expect(r.warnings).toContain('3 rows have a blank input cell and were scored on the inputs they have (marked in the table).');
  });

  it('an unreadable cell is never blank: still an issue with scoreBlankRows', () => {
    const r = build(header, [['X', '24000', '38', 'lots', '10']], { mapping, scoreBlankRows: true });
    expect(r.issues).toEqual([{ line: 2, name: 'X', reason: 'usage "lots" is not a percentage' }]);
  });

  it('partial and scoreBlankRows together: the absent column does not count as a blank cell', () => {
    const r = build(['Name', 'ARR', 'NPS'], [['A', '12000', ''], ['B', '12000', '30']], { mapping: { name: 0, arr: 1, sentiment: 2 }, partial: true, scoreBlankRows: true });
    expect(r.scored).toBe(2);
    expect(r.blankScored).toBe(1);
  });
});

describe('SPEC §4.1 usage as a ratio of two columns', () => {
  it.each([
    ['120', 120], ['1,200', 1200], ['1 200', 1200], ['12.5', 12.5], ['0', 0], ['-3', -3], ['abc', NaN], ['1,20', NaN], ['', NaN],
  ] as const)('readCount(%j) → %d', (raw, want) => expect(readCount(raw)).toBe(want));

  it.each([
    ['42', '100', { kind: 'value', value: 42 }],
    ['37', '50', { kind: 'value', value: 74 }],
    ['1', '3', { kind: 'value', value: 33.3333333333 }],
    ['120', '100', { kind: 'value', value: 100 }],
    ['0', '25', { kind: 'value', value: 0 }],
    ['1,050', '1,400', { kind: 'value', value: 75 }],
    ['5', '0', { kind: 'blank', why: 'usage is empty ("Seats" is 0)' }],
    ['5', ' ', { kind: 'blank', why: 'usage is empty ("Seats" is empty)' }],
    ['five', '10', { kind: 'bad', why: 'usage: "Active" "five" is not a number' }],
    ['5', 'ten', { kind: 'bad', why: 'usage: "Seats" "ten" is not a number' }],
    ['-5', '10', { kind: 'bad', why: 'usage: "Active" "-5" is negative' }],
    ['5', '-10', { kind: 'bad', why: 'usage: "Seats" "-10" is negative' }],
  ] as const)('%s ÷ %s → %j', (num, den, want) => expect(usageRatio(num, den, '"Active"', '"Seats"')).toEqual(want));

  const header = ['Customer', 'ARR', 'NPS', 'Active_Users', 'Total_Seats'];
  const mapping = { name: 0, arr: 1, sentiment: 2, usage: 3, 'usage-of': 4 };
  const rows = [
    ['Capped', '120000', '20', '60', '50'],
    ['Half', '120000', '20', '25', '50'],
    ['ZeroSeats', '120000', '20', '3', '0'],
    ['BlankSeats', '120000', '20', '3', ''],
    ['BlankUsers', '120000', '20', '', '40'],
  ];

  it('reads column ÷ column × 100, capped at 100; a zero or blank denominator (or numerator) is a blank cell: reported', () => {
    const r = build(header, rows, { mapping, partial: true });
    expect(r.scored).toBe(2);
    expect([0, 1].map((i) => row(r, i).usage)).toEqual([100, 50]);
    expect(r.issues.map((i) => [i.name, i.reason])).toEqual([
      ['ZeroSeats', 'usage is empty ("Total_Seats" is 0)'],
      ['BlankSeats', 'usage is empty ("Total_Seats" is empty)'],
      ['BlankUsers', 'usage is empty'],
    ]);
  });

  it('with scoreBlankRows those rows are scored without usage', () => {
    const r = build(header, rows, { mapping, partial: true, scoreBlankRows: true });
    expect(r.scored).toBe(5);
    expect(Array.from(r.columns.usage)).toEqual([100, 50, NaN, NaN, NaN]);
    expect(r.blankScored).toBe(3);
  });

  it('a ratio is already a percentage: never re-read as 0–1 fractions', () => {
    const r = build(header, [['A', '12000', '20', '1', '4'], ['B', '12000', '20', '1', '2']], { mapping, partial: true });
    expect(Array.from(r.columns.usage)).toEqual([25, 50]);
    expect(r.decisions.usageMode).toBe('percent');
  });

  it('a denominator without a usage column is refused with a message', () =>
    expect(checkMapping(header, { name: 0, arr: 1, 'usage-of': 4 }, true)).toEqual({
      ok: false, reason: 'Usage as a ratio needs the usage column too: "Total_Seats" is only its denominator.',
    }));

  it.each([
    [['Active Users', 'Total Seats'], { usage: 0, of: 1 }],
    [['Licensed Seats', 'Active Seats'], { usage: 1, of: 0 }],
    [['Seats Used', 'Seats Purchased'], { usage: 0, of: 1 }],
    [['Active_Users', 'Total_Seats'], { usage: 0, of: 1 }],
    [['Assigned Licenses', 'License Count'], { usage: 0, of: 1 }],
    [['MAU', 'Licensed Users'], { usage: 0, of: 1 }],
    [['Total Seats'], null],
    [['Active Users'], null],
    [['Tickets', 'Logins'], null],
  ] as const)('suggests the pair in %j: %j', (headers, want) => expect(ratioPair(headers)).toEqual(want));

  it('the guessed mapping of a real CS export: the seat ratio as usage, no last touch, NPS for sentiment', () => {
    const h = ['Customer', 'Segment', 'ARR', 'Renewal_Date', 'NPS', 'Tickets_Last_90d', 'CSAT', 'Logins_Last_30d', 'Active_Users', 'Total_Seats'];
    expect(guessMapping(h).mapping).toEqual({ name: 0, segment: 1, arr: 2, 'renewal-date': 3, sentiment: 4, usage: 8, 'usage-of': 9 });
    expect(sentimentCandidates(h)).toEqual([4, 6]);
  });

  it('a real usage column beats a seat pair', () =>
    expect(guessMapping(['Name', 'Usage %', 'Active Users', 'Total Seats']).mapping).toEqual({ name: 0, usage: 1 }));

  it.each([
    [['CSAT', 'NPS'], 1],
    [['NPS', 'CSAT'], 0],
    [['CSAT', 'Health Score'], 1],
    [['Sentiment', 'NPS'], 0],
  ] as const)('with several sentiment columns %j the earlier synonym wins (column %d)', (h, want) =>
    expect(guessMapping(['Name', ...h]).mapping.sentiment).toBe(want + 1));

  it('end to end through the text import, with a decimal 1–5 CSAT as sentiment', () => {
    const text = 'Customer,ARR,CSAT,Active Users,Total Seats\nA,"$120,000",4.1,30,40\nB,"$60,000",3.7,10,0\n';
    const r = parseText(text, { today: TODAY, partial: true, scoreBlankRows: true });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.mapping).toEqual({ name: 0, arr: 1, sentiment: 2, usage: 3, 'usage-of': 4 });
    expect(r.value.decisions.sentimentScale).toBe('1-5');
    expect(row(r.value, 0)).toEqual({ name: 'A', mrr: 10000, days: NaN, usage: 75, sentiment: 77.5 });
    expect(row(r.value, 1)).toEqual({ name: 'B', mrr: 5000, days: NaN, usage: NaN, sentiment: 67.5 });
  });
});
