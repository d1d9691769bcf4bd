import { KeyedDictionary } from '../../../src/lib/io/dictionary';
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { parseText } from '../../../src/lib/io/import-pipeline';

/** Codes of the cells and the resulting labels. */
function encode(cells: string[]): { codes: number[]; labels: string[] } {
  const d = new KeyedDictionary();
  const codes = cells.map((c) => d.code(c));
  return { codes, labels: d.labels() };
}

describe('SPEC §4.4 segment and owner keys in the import', () => {
  it.each([
    [['Mid-Market', 'mid-market ', 'MID-MARKET'], [1, 1, 1], ['', 'Mid-Market']],
    [['mid-market', 'Mid-Market', 'Mid-Market'], [1, 1, 1], ['', 'Mid-Market']],
    [['  Key   Accounts ', 'key accounts', 'KEY ACCOUNTS', 'Key Accounts'], [1, 1, 1, 1], ['', 'Key Accounts']],
    [['SMB', 'Enterprise', 'smb', 'ENTERPRISE', 'Enterprise'], [1, 2, 1, 2, 2], ['', 'SMB', 'Enterprise']],
    [['', '   ', '\u00a0', 'SMB'], [0, 0, 0, 1], ['', 'SMB']],
  ])('%j → codes %j, shown as %j', (cells, codes, labels) => expect(encode(cells)).toEqual({ codes, labels }));

  it('a tie keeps the first spelling seen', () => {
    expect(encode(['smb', 'SMB', 'SMB', 'smb']).labels).toEqual(['', 'smb']);
    expect(encode(['SMB', 'smb']).labels).toEqual(['', 'SMB']);
  });

  it('the most frequent spelling wins even when it comes last', () =>
    expect(encode(['enterprise', 'Enterprise', 'ENTERPRISE', 'Enterprise']).labels).toEqual(['', 'Enterprise']));

  it('shows inner whitespace collapsed', () => expect(encode(['Mid   Market']).labels).toEqual(['', 'Mid Market']));

  it('thousands of distinct segments keep one entry per key', () => {
    const cells: string[] = [];
    for (let k = 0; k < 5000; k++) cells.push(`Segment ${k}`, `segment ${k} `, `SEGMENT  ${k}`);
    const { codes, labels } = encode(cells);
    expect(labels.length).toBe(5001);
    expect(labels[1]).toBe('Segment 0');
    expect(labels[5000]).toBe('Segment 4999');
    for (let k = 0; k < 5000; k++) expect(codes.slice(k * 3, k * 3 + 3)).toEqual([k + 1, k + 1, k + 1]);
  });
});

describe('the import keys owners and segments alike', () => {
  it('spelling variants of a segment and an owner become one entry each', () => {
    const text = [
      'Account,MRR,Last Touch,Usage,Sentiment,Owner,Segment',
      'A,1,1,1,50,Jane Doe,Mid-Market',
      'B,1,1,1,50,jane doe,mid-market ',
      'C,1,1,1,50, JANE DOE ,MID-MARKET',
      'D,1,1,1,50,,mid-market',
      'E,1,1,1,50,Sam,',
    ].join('\n');
    const r = parseText(text, { today: daysFromCivil(2026, 3, 15) });
    expect(r.ok).toBe(true);
    const c = r.ok ? r.value.columns : null;
    expect(c?.segmentDict).toEqual(['', 'mid-market']);
    expect(Array.from(c?.segment ?? [])).toEqual([1, 1, 1, 1, 0]);
    expect(c?.ownerDict).toEqual(['', 'Jane Doe', 'Sam']);
    expect(Array.from(c?.owner ?? [])).toEqual([1, 1, 1, 0, 2]);
  });
});
