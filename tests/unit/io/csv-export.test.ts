import { accountColumns } from '../../fixtures/columns';
import { unpackNames } from '../../../src/lib/engine/names';
import fc from 'fast-check';
import type { AccountColumns } from '../../../src/lib/engine/types';
import { accountsToCsv, csvNumber, csvText, EXPORT_HEADER } from '../../../src/lib/io/csv-export';
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { parseText } from '../../../src/lib/io/import-pipeline';

function columns(names: string[]): AccountColumns {
  return accountColumns(
    names.map((name, i) => ({ name, mrr: 1000 * (i + 1) + 0.5, days: 38, usage: 42, sentiment: 55, owner: i % 2, renewal: i === 0 ? daysFromCivil(2026, 9, 30) : NaN })),
    { ownerDict: ['', '=Jane'] },
  );
}
const scoresFor = (n: number) => ({
  score: new Uint8Array(n).fill(49),
  band: Uint8Array.from({ length: n }, (_, i) => i % 3),
  atRisk: new Float64Array(n).fill(146880),
});

describe('SPEC §4.3 formula-injection neutralising', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', "'+1"],
    ['-Acme', "'-Acme"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTabbed', "'\tTabbed"],
    ['\rReturn', `"'\rReturn"`],
    ['-5', "'-5"],
    ['Acme', 'Acme'],
    ['Acme = good', 'Acme = good'],
    ['', ''],
  ])('text %j → %s', (raw, want) => expect(csvText(raw)).toBe(want));

  it.each([
    ['Acme, Inc.', '"Acme, Inc."'],
    ['Globex "West"', '"Globex ""West"""'],
    ['Two\nlines', '"Two\nlines"'],
  ])('RFC 4180 quoting: %j → %s', (raw, want) => expect(csvText(raw)).toBe(want));

  it.each([
    [24000, '24000'],
    [1234.567, '1234.57'],
    [0.1 * 3, '0.3'],
    [-1200, '-1200'],
    [NaN, ''],
    [-0, '0'],
  ])('number %d → %s (plain numbers, negative ones too, are never neutralised)', (x, want) => expect(csvNumber(x)).toBe(want));
});

describe('SPEC §4.3 scored accounts as CSV', () => {
  it('writes the columns in order, CRLF, with a BOM', () => {
    const text = accountsToCsv(columns(['Acme', '-Evil']), scoresFor(2));
    expect(text).toBe(
      '\uFEFF' +
        [
          EXPORT_HEADER.join(','),
          'Acme,1000.5,12006,38,42,55,,,2026-09-30,49,Healthy,146880,4,',
          "'-Evil,2000.5,24006,38,42,55,'=Jane,,,49,Watch,146880,4,",
          '',
        ].join('\r\n'),
    );
  });

  it('SPEC §4.1: an input with no value is an empty cell (never 0), and Inputs Used says how many of 4 the score is on', () => {
    const cols = columns(['Acme', 'Globex']);
    const c = { ...cols, usage: Float64Array.of(NaN, 42), sentiment: Float64Array.of(NaN, NaN) };
    const lines = accountsToCsv(c, { ...scoresFor(2), missing: Uint8Array.of(6, 4) }, undefined, { bom: false }).split('\r\n');
    expect(lines[0].split(',').slice(-3)).toEqual(['At-Risk ARR', 'Inputs Used', 'Missing Inputs']);
    expect(lines[1]).toBe('Acme,1000.5,12006,38,,,,,2026-09-30,49,Healthy,146880,2,"usage, sentiment"');
    expect(lines[2].split(',').slice(3, 6)).toEqual(['38', '42', '']);
    expect(lines[2].split(',').slice(-2)).toEqual(['3', 'sentiment']);
  });

  it.each<[number, string, string]>([
    [0, '4', ''],
    [1, '3', 'last touch'],
    [2, '3', 'usage'],
    [4, '3', 'sentiment'],
    [5, '2', '"last touch, sentiment"'],
    [7, '1', '"last touch, usage, sentiment"'],
  ])('SPEC §4.1: missing mask %d → Inputs Used %s, Missing Inputs %s', (mask, used, missing) => {
    const line = accountsToCsv(columns(['Acme']), { ...scoresFor(1), missing: Uint8Array.of(mask) }, undefined, { bom: false }).split('\r\n')[1];
    expect(line.endsWith(`,${used},${missing}`)).toBe(true);
    expect(line.slice(0, line.length - missing.length - used.length - 2)).toBe('Acme,1000.5,12006,38,42,55,,,2026-09-30,49,Healthy,146880');
  });

  it('follows the given row order', () => {
    const text = accountsToCsv(columns(['A', 'B', 'C']), scoresFor(3), Uint32Array.of(2, 0), { bom: false });
    expect(text.split('\r\n').slice(1, -1).map((l) => l.split(',')[0])).toEqual(['C', 'A']);
  });

  it('reads back through the import: names round-trip (neutralised ones keep their quote mark)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''), { minLength: 1, maxLength: 20 }), (names) => {
        const cols = columns(names);
        const r = parseText(accountsToCsv(cols, scoresFor(names.length)), { today: daysFromCivil(2026, 3, 15) });
        if (!r.ok) throw new Error(r.reason);
        const want = names.map((n) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n).trim());
        expect(unpackNames(r.value.columns.name)).toEqual(want);
        expect(Array.from(r.value.columns.mrr)).toEqual(Array.from(cols.mrr));
        expect(r.value.issues).toEqual([]);
      }),
    );
  });
});
